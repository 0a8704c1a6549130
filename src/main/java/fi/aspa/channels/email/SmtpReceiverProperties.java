package fi.aspa.channels.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code aspa.smtp-receiver.*}: the optional SMTP server for direct delivery. Off unless a port is set
 * ({@code ASPA_SMTP_RECEIVER_PORT}; 0 takes a free port, for tests).
 *
 * @param port           the port to listen on; null: no SMTP receiver
 * @param bindAddress    the interface to listen on (all when blank)
 * @param hostname       the name the server greets with (the machine's when blank)
 * @param maxMessageSize a bigger message is refused (552) and nothing of it is stored
 * @param maxRecipients  recipients one message may name
 * @param maxConnections connections at once
 * @param timeout        an idle connection is closed after this
 * @param tls            the server's certificate for STARTTLS; none: no STARTTLS
 * @param requireTls     nothing but EHLO, STARTTLS and QUIT before STARTTLS (needs {@code tls})
 * @param auth           the one account that may deliver (implies {@code requireTls}); none: no SMTP AUTH, anyone
 *                       may deliver to a mailbox
 */
@ConfigurationProperties("aspa.smtp-receiver")
record SmtpReceiverProperties(Integer port,
                              String bindAddress,
                              String hostname,
                              @DefaultValue("25MB") DataSize maxMessageSize,
                              @DefaultValue("50") int maxRecipients,
                              @DefaultValue("100") int maxConnections,
                              @DefaultValue("60s") Duration timeout,
                              @DefaultValue Tls tls,
                              @DefaultValue("false") boolean requireTls,
                              @DefaultValue Auth auth) {

    /** Plain SMTP (no TLS, no AUTH). */
    static SmtpReceiverProperties plain(Integer port, DataSize maxMessageSize) {
        return new SmtpReceiverProperties(port, null, null, maxMessageSize, 50, 100, Duration.ofMinutes(1),
                Tls.NONE, false, Auth.NONE);
    }

    boolean enabled() {
        return port != null && port >= 0;
    }

    /**
     * The certificate and private key STARTTLS presents: either a key store ({@code keystore}, a file path or
     * Spring resource location, PKCS12 unless {@code keystoreType} says otherwise) or PEM ({@code certificate}, the
     * chain, and {@code privateKey}, each a file path, a resource location or the PEM text itself).
     */
    record Tls(String keystore, String keystorePassword, @DefaultValue("PKCS12") String keystoreType,
               String certificate, String privateKey, String privateKeyPassword) {
        static final Tls NONE = new Tls(null, null, "PKCS12", null, null, null);

        boolean configured() {
            return present(keystore) || present(certificate);
        }
    }

    /**
     * SMTP AUTH (PLAIN and LOGIN, only after STARTTLS): when a username is set, only a client logged in as it may
     * give a MAIL command. {@code password} is the password itself or a Spring Security hash with its id
     * ({@code {bcrypt}$2a$...}). After {@code maxFailures} failed logins from one address within {@code lockout},
     * that address may not try again until the {@code lockout} from its first failure has passed.
     */
    record Auth(String username, String password, @DefaultValue("5") int maxFailures,
                @DefaultValue("15m") Duration lockout) {
        static final Auth NONE = new Auth(null, null, 5, Duration.ofMinutes(15));

        boolean configured() {
            return present(username);
        }
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
