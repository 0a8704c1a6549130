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
 */
@ConfigurationProperties("aspa.smtp-receiver")
record SmtpReceiverProperties(Integer port,
                              String bindAddress,
                              String hostname,
                              @DefaultValue("25MB") DataSize maxMessageSize,
                              @DefaultValue("50") int maxRecipients,
                              @DefaultValue("100") int maxConnections,
                              @DefaultValue("60s") Duration timeout) {

    boolean enabled() {
        return port != null && port >= 0;
    }
}
