package fi.aspa.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * IMAP IDLE against a real server (GreenMail announces IDLE). Scheduled polling is off in the tests, so mail
 * that arrives after the watch began can only come in through the server's notice. The watch keeps the lease
 * (no other node reads the mailbox), ends when the mailbox is disabled, and gives the lease back when stopped.
 */
@AspaTest
class MailboxIdleTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    MailboxStore mailboxes;
    @Autowired
    MailboxPoller poller;
    @Autowired
    EmailStore store;
    @Autowired
    EmailProperties properties;
    @Autowired
    JdbcClient db;

    Fixtures.Org org;
    MailServer.Account account;
    UUID mailboxId;

    @BeforeEach
    void mailbox() {
        org = fixtures.organization();
        account = MailServer.account();
        mailboxId = mailboxes.create(org.id(), MailServer.input(account, org.service().id(), false));
    }

    @AfterEach
    void stopWatching() {
        poller.stopWatching(mailboxId);
    }

    @Test
    void mailArrivingDuringTheWatchBecomesACaseWithoutAPoll() {
        assertThat(properties.polling()).isFalse(); // nothing but the watch reads the mailbox
        MailServer.deliver(account, EmailIngestTest.message("Maija <maija@example.fi>", "<before-idle@example.fi>",
                "Ennen", "Tämä oli jo laatikossa."));

        MailboxPoller.Result first = poller.pollAndWatch(org.id(), mailboxId);
        assertThat(first.error()).isNull();
        assertThat(first.stored()).isEqualTo(1);
        assertThat(first.watching()).isTrue();
        assertThat(poller.watching(mailboxId)).isTrue();

        // the watch holds the lease: no other node (nor a manual poll) reads the mailbox meanwhile
        assertThat(mailboxes.claim(org.id(), mailboxId, "other-node", Duration.ofMinutes(1))).isEmpty();
        assertThat(poller.poll(org.id(), mailboxId).claimed()).isFalse();

        for (int i = 1; i <= 3; i++) {
            String id = "after-idle-" + i + "@example.fi";
            MailServer.deliver(account, EmailIngestTest.message("Matti <matti" + i + "@example.fi>", "<" + id + ">",
                    "Uusi asia " + i, "Tämä tuli, kun laatikkoa jo valvottiin."));
            waitUntil(() -> kind(id) != null && !"PENDING".equals(kind(id)));
            assertThat(kind(id)).isEqualTo("NEW_CASE");
        }
        waitUntil(() -> MailServer.unseen(account) == 0); // marked \Seen after the commit
        assertThat(caseCount()).isEqualTo(4);

        // (whether the server's notice or the watch's own wake-up read them depends on the machine's load: on a loaded
        // machine the wake-up may come first, so the test does not insist on the notice)
        // it survives its own wake-ups (every idle-refresh: the lease is renewed), and still holds the mailbox
        Object before = leaseUntil();
        waitUntil(() -> !leaseUntil().equals(before));
        assertThat(poller.watching(mailboxId)).isTrue();
        assertThat(mailboxes.claim(org.id(), mailboxId, "other-node", Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void disablingTheMailboxEndsTheWatchAndStoppingGivesTheLeaseBack() {
        assertThat(poller.pollAndWatch(org.id(), mailboxId).watching()).isTrue();
        mailboxes.setEnabled(org.id(), mailboxId, false);
        // the watch ends, then gives its lease back: both are awaited (the second is not instantaneous with the first)
        waitUntil(() -> !poller.watching(mailboxId) && leaseOwner() == null);
        MailServer.deliver(account, EmailIngestTest.message("Maija <maija@example.fi>", "<while-disabled@example.fi>",
                "Suljettu", "Tätä ei lueta."));
        assertThat(poller.poll(org.id(), mailboxId).claimed()).isFalse();
        assertThat(MailServer.unseen(account)).isEqualTo(1);

        mailboxes.setEnabled(org.id(), mailboxId, true);
        MailboxPoller.Result again = poller.pollAndWatch(org.id(), mailboxId);
        assertThat(again.stored()).isEqualTo(1);
        assertThat(again.watching()).isTrue();
        assertThat(poller.stopWatching(mailboxId)).isTrue();
        assertThat(poller.watching(mailboxId)).isFalse();
        assertThat(leaseOwner()).isNull(); // given back at once: due now for any node
        MailboxPoller.Result polled = poller.poll(org.id(), mailboxId);
        assertThat(polled.claimed()).isTrue();
        assertThat(polled.watching()).isFalse();
    }

    String kind(String messageKey) {
        return db.sql("select kind from email_message where organization_id = ? and message_key = ?")
                .params(org.id().value(), messageKey).query(String.class).optional().orElse(null);
    }

    int caseCount() {
        return db.sql("select count(*) from support_case where organization_id = ?").param(org.id().value())
                .query(Integer.class).single();
    }

    String leaseOwner() {
        return db.sql("select lease_owner from email_mailbox where id = ?").param(mailboxId).query(String.class)
                .optional().orElse(null);
    }

    Object leaseUntil() {
        Map<String, Object> row = db.sql("select lease_until from email_mailbox where id = ?").param(mailboxId).query().singleRow();
        return String.valueOf(row.get("lease_until"));
    }

    /** Waits for a condition, at most a minute (a bound for a stuck test, not a timing assertion). */
    static void waitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition not met within a minute").isNegative();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
