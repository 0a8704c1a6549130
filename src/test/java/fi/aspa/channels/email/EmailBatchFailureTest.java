package fi.aspa.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With the default settings (batches of {@code batch-size} messages, {@code transaction-size} of them committed
 * together) a failure in the middle of a batch loses nothing and duplicates nothing: the database refuses one message
 * in the middle of a transaction group, so the group is rolled back and taken in one by one (all but the refused one
 * are kept); then the node "crashes" after the commits, before the \Seen flags. The next poll skips every stored
 * message as a duplicate (found with one query) and stores only the one refused before.
 */
@AspaTest
class EmailBatchFailureTest {
    static final int MESSAGES = 130;
    static final int REFUSED = 75; // in the second transaction group of the first batch

    @Autowired Fixtures fixtures;
    @Autowired MailboxStore mailboxes;
    @Autowired MailboxPoller poller;
    @Autowired EmailProperties properties;
    @Autowired JdbcClient db;

    @Test
    void aFailureInTheMiddleOfABatchLosesAndDuplicatesNothingWithTheDefaults() {
        assertThat(properties.transactionSize()).as("the defaults group messages").isGreaterThan(1).isLessThan(REFUSED);
        assertThat(properties.batchSize()).as("the defaults take all in one batch").isGreaterThanOrEqualTo(MESSAGES);
        Fixtures.Org org = fixtures.organization();
        MailServer.Account account = MailServer.account();
        UUID mailboxId = mailboxes.create(org.id(), MailServer.input(account, org.service().id(), false));
        String poison = "Kielletty " + UUID.randomUUID();
        for (int i = 0; i < MESSAGES; i++) MailServer.deliver(account, message(i, i == REFUSED ? poison : "Kysymys " + i));

        String trigger = "refuse_" + UUID.randomUUID().toString().replace("-", "");
        db.sql("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                + "if new.subject = '" + poison + "' then raise exception 'refused by the test'; end if; return new; end $$").update();
        db.sql("create trigger " + trigger + " before insert on email_message for each row execute function " + trigger + "()").update();
        MailboxPoller.Result crashed;
        AtomicInteger marks = new AtomicInteger();
        try {
            crashed = poller.poll(org.id(), mailboxId, (folder, messages) -> {
                marks.addAndGet(messages.length);
                throw new jakarta.mail.MessagingException("connection reset (simulated crash)");
            });
        } finally {
            db.sql("drop trigger " + trigger + " on email_message").update();
            db.sql("drop function " + trigger + "()").update();
        }
        assertThat(crashed.claimed()).isTrue();
        assertThat(crashed.fetched()).isEqualTo(MESSAGES);
        assertThat(crashed.failed()).isEqualTo(1);
        assertThat(crashed.stored()).isEqualTo(MESSAGES - 1); // the refused one's group-mates were kept
        assertThat(crashed.error()).contains("simulated crash");
        assertThat(marks).hasValue(MESSAGES - 1); // it tried to mark what was committed, and "crashed"
        assertThat(rows(org)).isEqualTo(MESSAGES - 1);
        assertThat(MailServer.unseen(account)).isEqualTo(MESSAGES);

        MailboxPoller.Result recovered = poller.poll(org.id(), mailboxId);
        assertThat(recovered.error()).isNull();
        assertThat(recovered.fetched()).isEqualTo(MESSAGES);
        assertThat(recovered.duplicates()).isEqualTo(MESSAGES - 1);
        assertThat(recovered.stored()).isEqualTo(1);
        assertThat(MailServer.unseen(account)).isZero();
        assertThat(poller.poll(org.id(), mailboxId).fetched()).isZero();

        assertThat(rows(org)).isEqualTo(MESSAGES);
        assertThat(db.sql("select count(distinct message_key) from email_message where organization_id = ? and direction = 'INBOUND'")
                .param(org.id().value()).query(Integer.class).single()).isEqualTo(MESSAGES);
        assertThat(db.sql("select count(*) from support_case where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).isEqualTo(MESSAGES);
        assertThat(db.sql("select count(*) from email_message where organization_id = ? and subject = ? and case_id is not null")
                .params(org.id().value(), poison).query(Integer.class).single()).isEqualTo(1);
    }

    int rows(Fixtures.Org org) {
        return db.sql("select count(*) from email_message where organization_id = ? and direction = 'INBOUND'")
                .param(org.id().value()).query(Integer.class).single();
    }

    static byte[] message(int i, String subject) {
        return ("From: Asukas " + i + " <asukas-batch-" + i + "@example.fi>\r\nTo: kirjaamo@testila.fi\r\nMessage-ID: <batch-" + i
                + "-" + UUID.randomUUID() + "@example.fi>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0200\r\nMIME-Version: 1.0\r\n"
                + "Subject: " + subject + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Hei, kysyisin asiasta numero " + i + ".\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
