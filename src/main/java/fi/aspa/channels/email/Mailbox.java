package fi.aspa.channels.email;

import fi.aspa.platform.SecretBox;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * A mailbox Aspa reads (IMAP) and answers from (SMTP). Passwords stay sealed here ({@link SecretBox}); they are
 * opened only to connect.
 */
record Mailbox(UUID id, OrganizationId organizationId, UUID unitId, String name, Endpoint imap, String folder,
               Endpoint smtp, String fromAddress, boolean enabled, boolean ackEnabled, Instant lastPolledAt,
               String lastError, Instant lastErrorAt) {

    enum Security { SSL, STARTTLS, NONE }

    /** A server to connect to; {@code sealedPassword} is what the database holds. */
    record Endpoint(String host, int port, Security security, String username, String sealedPassword) {
        @Override
        public String toString() {
            return "Endpoint[" + host + ":" + port + " " + security + "]";
        }
    }
}
