package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two fan-out instances on the same database, as two application nodes: what one publishes both receive; a signal
 * published in a transaction goes out at commit and never on rollback; a listener that loses its connection comes
 * back and tells its node to re-read.
 */
@AspaTest
class ChatFanoutTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient db;

    static ChatSignal next(BlockingQueue<ChatSignal> queue) throws InterruptedException {
        ChatSignal signal = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(signal).as("a signal within " + WAIT).isNotNull();
        return signal;
    }

    @Test
    void twoNodesReceiveWhatEitherPublishesOnlyAfterCommit() throws Exception {
        try (PostgresChatFanout nodeA = new PostgresChatFanout(dataSource); PostgresChatFanout nodeB = new PostgresChatFanout(dataSource)) {
            BlockingQueue<ChatSignal> a = new LinkedBlockingQueue<>();
            BlockingQueue<ChatSignal> b = new LinkedBlockingQueue<>();
            UUID org = UUID.randomUUID();
            nodeA.subscribe(s -> { if (org.equals(s.organizationId())) a.add(s); });
            nodeB.subscribe(s -> { if (org.equals(s.organizationId())) b.add(s); });
            nodeA.start();
            nodeB.start();

            UUID session = UUID.randomUUID();
            nodeA.publish(ChatSignal.message(org, session, 7));
            assertThat(next(b)).isEqualTo(ChatSignal.message(org, session, 7));
            assertThat(next(a)).as("the publishing node hears itself too").isEqualTo(ChatSignal.message(org, session, 7));

            TransactionTemplate tx = new TransactionTemplate(transactions);
            tx.executeWithoutResult(status -> {
                nodeB.publish(ChatSignal.message(org, session, 8));
                status.setRollbackOnly();
            });
            tx.executeWithoutResult(status -> {
                nodeB.publish(ChatSignal.message(org, session, 9));
                // Published on another thread, outside the transaction, while it is still open: this one goes first.
                java.util.concurrent.CompletableFuture.runAsync(
                        () -> nodeA.publish(new ChatSignal(ChatSignal.Type.TYPING, org, session, 0, "r"))).join();
            });
            assertThat(next(a).type()).isEqualTo(ChatSignal.Type.TYPING);
            assertThat(next(a)).as("8 was rolled back; 9 came at commit").isEqualTo(ChatSignal.message(org, session, 9));
            assertThat(next(b).type()).isEqualTo(ChatSignal.Type.TYPING);
            assertThat(next(b)).isEqualTo(ChatSignal.message(org, session, 9));
        }
    }

    @Test
    void aListenerThatLosesItsConnectionReconnectsAndAsksForAResync() throws Exception {
        try (PostgresChatFanout node = new PostgresChatFanout(dataSource)) {
            BlockingQueue<ChatSignal> received = new LinkedBlockingQueue<>();
            UUID org = UUID.randomUUID();
            node.subscribe(s -> { if (s.type() == ChatSignal.Type.RESYNC || org.equals(s.organizationId())) received.add(s); });
            node.start();
            db.sql("select pg_terminate_backend(pid) from pg_stat_activity where query = 'LISTEN " + PostgresChatFanout.CHANNEL + "'")
                    .query(rs -> {});
            assertThat(next(received).type()).isEqualTo(ChatSignal.Type.RESYNC);
            node.publish(ChatSignal.queue(org));
            assertThat(next(received)).isEqualTo(ChatSignal.queue(org));
        }
    }

    @Test
    void signalsRoundTripThroughTheirTextForm() {
        UUID org = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        for (ChatSignal s : new ChatSignal[] {ChatSignal.message(org, session, 42), ChatSignal.queue(org),
                new ChatSignal(ChatSignal.Type.READ, org, session, 3, "a"), new ChatSignal(ChatSignal.Type.TYPING, org, session, 0, "r")}) {
            assertThat(ChatSignal.decode(s.encode())).isEqualTo(s);
            assertThat(s.encode().length()).isLessThan(200);
        }
    }
}
