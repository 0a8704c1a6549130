package fi.aspa.channels.email;

import java.util.UUID;

/** What an administrator enters for a mailbox. A blank password on an edit keeps the stored one. */
record MailboxInput(String name, UUID unitId, String imapHost, Integer imapPort, Mailbox.Security imapSecurity,
                    String imapUsername, String imapPassword, String folder, String smtpHost, Integer smtpPort,
                    Mailbox.Security smtpSecurity, String smtpUsername, String smtpPassword, String fromAddress,
                    boolean enabled, boolean ackEnabled) {

    @Override
    public String toString() {
        return "MailboxInput[" + name + ", " + imapHost + ", " + smtpHost + ", " + fromAddress + "]";
    }
}
