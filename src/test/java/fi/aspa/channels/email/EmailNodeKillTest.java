package fi.aspa.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.SecondNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "No message lost or duplicated when a node is killed mid-run": a second Aspa node runs as a real child JVM
 * (this test's classpath and main class, on this test's PostgreSQL), polls a GreenMail mailbox of 400 messages in
 * batches, and is killed with SIGKILL ({@code destroyForcibly}) while it is taking them in: some batches committed
 * and marked, perhaps one committed but not yet marked \Seen, one half done. When its lease on the mailbox runs
 * out, this test's own node (the survivor) polls the mailbox to the end. Every message must then be stored once,
 * be a case once, and be marked \Seen.
 */
@AspaTest
class EmailNodeKillTest {
    static final int MESSAGES = 400;

    @Autowired Fixtures fixtures;
    @Autowired MailboxStore mailboxes;
    @Autowired MailboxPoller poller;
    @Autowired JdbcClient db;
    @Autowired DataSource dataSource;

    SecondNode child;

    @AfterEach
    void stopChild() {
        if (child != null) child.close();
    }

    @Test
    void aNodeKilledMidBatchLosesNothingAndDuplicatesNothing() throws Exception {
        Fixtures.Org org = fixtures.organization();
        MailServer.Account account = MailServer.account();
        UUID mailboxId = mailboxes.create(org.id(), MailServer.input(account, org.service().id(), false));
        for (int i = 0; i < MESSAGES; i++) MailServer.deliver(account, message(i));
        // only this mailbox is due for the child node (the other tests' mailboxes are not its business)
        db.sql("update email_mailbox set next_poll_at = now() + interval '1 day' where id <> ?").param(mailboxId).update();
        db.sql("update email_mailbox set next_poll_at = now() where id = ?").param(mailboxId).update();

        child = SecondNode.start("email-node-kill", dataSource, "--aspa.email.polling=true", "--aspa.email.initial-delay=0s",
                "--aspa.email.poll-interval=1s", "--aspa.email.lease=4s", "--aspa.email.batch-size=100", "--aspa.email.transaction-size=20",
                "--aspa.email.idle=false");
        // wait until the child is in the middle of its second batch (five commits, then one \Seen command), then kill
        // it without warning: what it committed of that batch is stored but still unseen
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .failFast("the child node died", () -> !child.alive())
                .until(() -> stored(org) >= 120);
        child.kill();
        int storedByChild = stored(org);
        int unseenAfterKill = MailServer.unseen(account);
        assertThat(storedByChild).as("killed mid-run").isLessThan(MESSAGES);
        String owner = db.sql("select lease_owner from email_mailbox where id = ?").param(mailboxId).query(String.class).single();
        assertThat(owner).as("the child held the lease").isNotNull();

        // the survivor: the mailbox is claimed as soon as the dead node's lease expires, then read to the end
        int duplicates = 0;
        int storedBySurvivor = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            MailboxPoller.Result result = poller.poll(org.id(), mailboxId);
            assertThat(System.nanoTime()).as("the survivor could not finish the mailbox").isLessThan(deadline);
            if (!result.claimed()) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> db.sql(
                        "select lease_until < now() from email_mailbox where id = ?").param(mailboxId).query(Boolean.class).single());
                continue;
            }
            assertThat(result.failed()).isZero();
            duplicates += result.duplicates();
            storedBySurvivor += result.stored();
            if (result.fetched() == 0) break;
        }

        String what = "child stored " + storedByChild + " (unseen after the kill " + unseenAfterKill + "), survivor stored "
                + storedBySurvivor + " and skipped " + duplicates + " already stored";
        assertThat(stored(org)).as(what).isEqualTo(MESSAGES);
        assertThat(db.sql("select count(distinct message_key) from email_message where organization_id = ? and direction = 'INBOUND'")
                .param(org.id().value()).query(Integer.class).single()).as(what).isEqualTo(MESSAGES);
        assertThat(db.sql("select count(*) from support_case where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).as(what).isEqualTo(MESSAGES);
        assertThat(storedByChild + storedBySurvivor).as(what).isEqualTo(MESSAGES);
        // what the child committed but had not marked was read again and skipped, not stored twice
        assertThat(duplicates).as(what).isEqualTo(unseenAfterKill - storedBySurvivor);
        assertThat(MailServer.unseen(account)).as(what).isZero();
        System.out.println("EmailNodeKillTest: " + what);
    }

    int stored(Fixtures.Org org) {
        return db.sql("select count(*) from email_message where organization_id = ? and direction = 'INBOUND'")
                .param(org.id().value()).query(Integer.class).single();
    }

    /** A new question from a sender of its own: each opens a case. */
    static byte[] message(int i) {
        String from = "asukas-kill-" + i + "@example.fi";
        return ("From: Asukas " + i + " <" + from + ">\r\nTo: kirjaamo@testila.fi\r\nMessage-ID: <node-kill-" + i + "-"
                + UUID.randomUUID() + "@example.fi>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0200\r\nMIME-Version: 1.0\r\n"
                + "Subject: Kysymys " + i + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Hei, kysyisin asiasta numero " + i + ".\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
