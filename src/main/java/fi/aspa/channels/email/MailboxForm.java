package fi.aspa.channels.email;

import fi.aspa.platform.FieldMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** The mailbox form as posted: text as typed, checked here field by field. */
record MailboxForm(String name, String unitId, String imapHost, String imapPort, String imapSecurity,
                   String imapUsername, String imapPassword, String folder, String smtpHost, String smtpPort,
                   String smtpSecurity, String smtpUsername, String smtpPassword, String fromAddress, Boolean enabled,
                   Boolean ackEnabled) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>\"(),;:]{1,64}@[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?\\.[A-Za-z]{2,63}");

    static MailboxForm defaults() {
        return new MailboxForm("", "", "", "993", "SSL", "", "", "INBOX", "", "587", "STARTTLS", "", "", "", true, true);
    }

    static MailboxForm of(Mailbox m) {
        return new MailboxForm(m.name(), m.unitId() == null ? "" : m.unitId().toString(), m.imap().host(),
                String.valueOf(m.imap().port()), m.imap().security().name(), m.imap().username(), "", m.folder(),
                m.smtp().host(), String.valueOf(m.smtp().port()), m.smtp().security().name(),
                m.smtp().username() == null ? "" : m.smtp().username(), "", m.fromAddress(), m.enabled(), m.ackEnabled());
    }

    /** A form without the passwords typed: they are never sent back to the browser. */
    MailboxForm withoutPasswords() {
        return new MailboxForm(name, unitId, imapHost, imapPort, imapSecurity, imapUsername, "", folder, smtpHost,
                smtpPort, smtpSecurity, smtpUsername, "", fromAddress, enabled, ackEnabled);
    }

    record Checked(MailboxInput input, List<FieldMessage> errors) {
        Map<String, String> byField() {
            Map<String, String> map = new LinkedHashMap<>();
            errors.forEach(e -> map.putIfAbsent(e.field(), e.message()));
            return map;
        }
    }

    /**
     * @param newMailbox  a new mailbox needs the IMAP password; an edit keeps the stored one when it is left blank
     * @param message     a message key and its arguments to localized text
     */
    Checked check(boolean newMailbox, List<UUID> units, BiFunction<String, Object[], String> message) {
        List<FieldMessage> errors = new ArrayList<>();
        String name = text(this.name, 100, "name", errors, message);
        UUID unit = null;
        if (unitId != null && !unitId.isBlank()) {
            try {
                unit = UUID.fromString(unitId.strip());
            } catch (IllegalArgumentException e) {
                unit = null;
            }
            if (unit == null || !units.contains(unit)) errors.add(new FieldMessage("unitId", message.apply("email.admin.error.unit", new Object[0])));
        }
        String from = text(fromAddress, 254, "fromAddress", errors, message);
        if (from != null && !ADDRESS.matcher(from).matches()) {
            errors.add(new FieldMessage("fromAddress", message.apply("email.admin.error.address", new Object[0])));
        }
        String imapHost = host(this.imapHost, "imapHost", errors, message);
        Integer imapPort = port(this.imapPort, "imapPort", errors, message);
        Mailbox.Security imapSecurity = security(this.imapSecurity, "imapSecurity-SSL", errors, message);
        String imapUser = text(imapUsername, 254, "imapUsername", errors, message);
        if (newMailbox && (imapPassword == null || imapPassword.isEmpty())) {
            errors.add(new FieldMessage("imapPassword", message.apply("email.admin.error.required", new Object[0])));
        } else if (imapPassword != null && imapPassword.length() > 500) {
            errors.add(new FieldMessage("imapPassword", message.apply("email.admin.error.too-long", new Object[] {500})));
        }
        String folder = text(this.folder, 200, "folder", errors, message);
        String smtpHost = host(this.smtpHost, "smtpHost", errors, message);
        Integer smtpPort = port(this.smtpPort, "smtpPort", errors, message);
        Mailbox.Security smtpSecurity = security(this.smtpSecurity, "smtpSecurity-SSL", errors, message);
        String smtpUser = smtpUsername == null || smtpUsername.isBlank() ? null : smtpUsername.strip();
        if (smtpUser != null && smtpUser.length() > 254) {
            errors.add(new FieldMessage("smtpUsername", message.apply("email.admin.error.too-long", new Object[] {254})));
        }
        if (smtpPassword != null && smtpPassword.length() > 500) {
            errors.add(new FieldMessage("smtpPassword", message.apply("email.admin.error.too-long", new Object[] {500})));
        }
        if (!errors.isEmpty()) return new Checked(null, errors);
        return new Checked(new MailboxInput(name, unit, imapHost, imapPort, imapSecurity, imapUser, imapPassword, folder,
                smtpHost, smtpPort, smtpSecurity, smtpUser, smtpPassword, from.toLowerCase(Locale.ROOT),
                Boolean.TRUE.equals(enabled), Boolean.TRUE.equals(ackEnabled)), errors);
    }

    private static String text(String value, int max, String field, List<FieldMessage> errors,
                               BiFunction<String, Object[], String> message) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldMessage(field, message.apply("email.admin.error.required", new Object[0])));
            return null;
        }
        String text = value.strip();
        if (text.length() > max || text.chars().anyMatch(c -> c < 0x20)) {
            errors.add(new FieldMessage(field, message.apply("email.admin.error.too-long", new Object[] {max})));
            return null;
        }
        return text;
    }

    private static String host(String value, String field, List<FieldMessage> errors, BiFunction<String, Object[], String> message) {
        String host = text(value, 253, field, errors, message);
        if (host != null && !HOST.matcher(host).matches()) {
            errors.add(new FieldMessage(field, message.apply("email.admin.error.host", new Object[0])));
            return null;
        }
        return host;
    }

    private static Integer port(String value, String field, List<FieldMessage> errors, BiFunction<String, Object[], String> message) {
        try {
            int port = Integer.parseInt(value == null ? "" : value.strip());
            if (port >= 1 && port <= 65535) return port;
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldMessage(field, message.apply("email.admin.error.port", new Object[0])));
        return null;
    }

    private static Mailbox.Security security(String value, String field, List<FieldMessage> errors,
                                             BiFunction<String, Object[], String> message) {
        try {
            return Mailbox.Security.valueOf(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldMessage(field, message.apply("email.admin.error.security", new Object[0])));
            return null;
        }
    }

    @Override
    public String toString() {
        return "MailboxForm[" + name + ", " + imapHost + ", " + smtpHost + "]";
    }
}
