package fi.aspa.channels.email;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aspa.email.*}: how often mailboxes are polled, how long a node holds a mailbox, how much one poll takes,
 * how many messages (and bytes) are fetched in one IMAP command and how many of them are taken in at once, and how many acknowledgements one address may get in an
 * hour (a last guard against mail loops).
 */
@ConfigurationProperties("aspa.email")
record EmailProperties(@DefaultValue("true") boolean polling,
                       @DefaultValue("30s") Duration pollInterval,
                       @DefaultValue("2m") Duration lease,
                       @DefaultValue("200") int batchSize,
                       @DefaultValue("32MB") DataSize batchBytes,
                       @DefaultValue("8") int workers,
                       @DefaultValue("1000") int maxPerPoll,
                       @DefaultValue("20s") Duration timeout,
                       @DefaultValue("5") int acksPerAddressPerHour,
                       @DefaultValue("2m") Duration retryAfter) {}
