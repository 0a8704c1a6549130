package fi.aspa.channels.email;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aspa.email.*}: how often mailboxes are polled, how long a node holds a mailbox, how much one poll takes,
 * how many messages (and bytes) are fetched in one IMAP command, how many threads parse them ({@code workers}), how
 * many are stored in one transaction ({@code transaction-size}; 1: each on its own, new conversations in parallel),
 * how many batches are fetched ahead on a second IMAP connection while one is taken in ({@code fetch-ahead}; 0: each
 * batch is fetched on the poll's own connection when the one before is done), in how many transactions at once
 * new conversations are stored ({@code lanes}, with {@code transaction-size} above 1: a sender's messages always in
 * the same lane, in mailbox order),
 * and how many acknowledgements one address may get in an hour (a last guard against mail loops). With {@code idle} a mailbox whose server supports IMAP IDLE is watched
 * between polls by the node holding its lease (at most {@code idle-max} mailboxes per node), so that new mail is
 * read within seconds; {@code idle-refresh} is how often an idling connection wakes up to renew the lease and
 * check the mailbox (kept below the lease and the socket timeout).
 */
@ConfigurationProperties("aspa.email")
record EmailProperties(@DefaultValue("true") boolean polling,
                       @DefaultValue("30s") Duration pollInterval,
                       @DefaultValue("2m") Duration lease,
                       @DefaultValue("500") int batchSize,
                       @DefaultValue("32MB") DataSize batchBytes,
                       @DefaultValue("8") int workers,
                       @DefaultValue("50") int transactionSize,
                       @DefaultValue("1") int fetchAhead,
                       @DefaultValue("4") int lanes,
                       @DefaultValue("5000") int maxPerPoll,
                       @DefaultValue("20s") Duration timeout,
                       @DefaultValue("5") int acksPerAddressPerHour,
                       @DefaultValue("2m") Duration retryAfter,
                       @DefaultValue("true") boolean idle,
                       @DefaultValue("10s") Duration idleRefresh,
                       @DefaultValue("100") int idleMax) {

    /** How often an idling connection wakes up: the setting, but well within the lease and the socket timeout. */
    Duration effectiveIdleRefresh() {
        Duration refresh = idleRefresh;
        if (refresh.compareTo(lease.dividedBy(3)) > 0) refresh = lease.dividedBy(3);
        if (refresh.compareTo(timeout.dividedBy(2)) > 0) refresh = timeout.dividedBy(2);
        return refresh.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : refresh;
    }
}
