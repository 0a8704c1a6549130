package fi.aspa.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.platform.Tokens;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * Fetching ahead (the next batch comes over a second, read-only IMAP connection while the one before is taken in)
 * adds a moment that did not exist before: batch N+1 fetched, batch N committed, and the node crashes before
 * marking N (marking runs beside storing, so N+1 and N+2 may be committed by then too, and are not marked either).
 * Nothing may be lost or stored twice: what was committed is skipped as stored next time, and what was fetched and
 * never committed is read again and stored once. The fetch ahead itself marks nothing.
 */
@AspaTest
class EmailFetchAheadTest {
    static final int MESSAGES = 30;
    static final int BATCH = 10;

    @Autowired Fixtures fixtures;
    @Autowired MailboxStore mailboxes;
    @Autowired EmailIngest ingest;
    @Autowired EmailProperties defaults;
    @Autowired JdbcClient db;

    /** A poller of its own, with small batches (the defaults take these 30 messages in one). */
    MailboxPoller poller(int fetchAhead) {
        EmailProperties p = defaults;
        return new MailboxPoller(mailboxes, ingest, new EmailProperties(false, p.pollInterval(), p.lease(), BATCH,
                DataSize.ofMegabytes(32), 4, 5, fetchAhead, 3, p.maxPerPoll(), p.timeout(), p.acksPerAddressPerHour(),
                p.retryAfter(), false, p.idleRefresh(), p.idleMax()));
    }

    @Test
    void aCrashAfterTheNextBatchWasFetchedAndThisOneCommittedLosesAndDuplicatesNothing() throws Exception {
        assertThat(defaults.fetchAhead()).as("the defaults fetch ahead").isPositive();
        Fixtures.Org org = fixtures.organization();
        MailServer.Account account = MailServer.account();
        UUID mailboxId = mailboxes.create(org.id(), MailServer.input(account, org.service().id(), false));
        for (int i = 0; i < MESSAGES; i++) MailServer.deliver(account, message(i));
        MailboxPoller poller = poller(1);
        try {
            Mailbox mailbox = mailboxes.claim(org.id(), mailboxId, poller.node(), Duration.ofMinutes(1)).orElseThrow();
            Store store = poller.connect(mailbox);
            Folder folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            MailboxPoller.Drain drain = new MailboxPoller.Drain();
            AtomicInteger fetchedWhenCrashed = new AtomicInteger();
            AtomicInteger storedWhenCrashed = new AtomicInteger();
            try {
                // the first batch is committed; the crash comes once the second one has been fetched, before the \Seen
                Throwable crash = null;
                try {
                    poller.drain(mailbox, folder, (f, messages) -> {
                        await().atMost(Duration.ofSeconds(30)).until(() -> drain.fetcher.fetched.get() >= 2);
                        fetchedWhenCrashed.set(drain.fetcher.fetched.get());
                        storedWhenCrashed.set(rows(org));
                        throw new jakarta.mail.MessagingException("connection reset (simulated crash)");
                    }, drain);
                } catch (jakarta.mail.MessagingException e) {
                    crash = e;
                }
                assertThat(crash).as("fetched " + drain.fetched + ", stored " + drain.stored + ", failed " + drain.failed
                        + ", error " + drain.error).isNotNull().hasMessageContaining("simulated crash");
            } finally {
                MailboxPoller.close(folder, store);
                mailboxes.release(mailboxId, poller.node(), Duration.ZERO, null);
            }
            assertThat(fetchedWhenCrashed.get()).as("batches fetched when the first was being marked").isGreaterThanOrEqualTo(2);
            assertThat(storedWhenCrashed.get()).isGreaterThanOrEqualTo(BATCH);
            // marking runs beside storing: until the poll sees the failure (at a hand-over after it), the batch waiting to be
            // marked and the one being stored may be committed too, and are not marked either
            int committed = rows(org);
            assertThat(committed).isBetween(BATCH, MESSAGES);
            assertThat(drain.stored).isEqualTo(committed);
            assertThat(MailServer.unseen(account)).as("nothing marked: neither the committed batches nor the one fetched ahead")
                    .isEqualTo(MESSAGES);

            MailboxPoller.Result recovered = poller.poll(org.id(), mailboxId);
            assertThat(recovered.error()).isNull();
            assertThat(recovered.fetched()).isEqualTo(MESSAGES);
            assertThat(recovered.duplicates()).isEqualTo(committed);
            assertThat(recovered.stored()).isEqualTo(MESSAGES - committed);
            assertThat(MailServer.unseen(account)).isZero();
            assertThat(poller.poll(org.id(), mailboxId).fetched()).isZero();
        } finally {
            poller.stop();
        }
        assertThat(rows(org)).isEqualTo(MESSAGES);
        assertThat(db.sql("select count(distinct message_key) from email_message where organization_id = ? and direction = 'INBOUND'")
                .param(org.id().value()).query(Integer.class).single()).isEqualTo(MESSAGES);
        assertThat(db.sql("select count(*) from support_case where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).isEqualTo(MESSAGES);
    }

    /**
     * The bytes come straight from the server's {@code BODY[]} now, not re-serialized by Jakarta Mail: they must be
     * the bytes the old path stored (Jakarta Mail's {@code writeTo} of the fetched message), or a message without
     * a Message-ID (its key is the hash of its bytes) would be a new message to a node of the other version.
     */
    @Test
    void theBytesStoredAreThoseTheOldPathStoredWithAndWithoutFetchingAhead() throws Exception {
        for (int ahead : new int[] {0, 1}) {
            Fixtures.Org org = fixtures.organization();
            MailServer.Account account = MailServer.account();
            UUID mailboxId = mailboxes.create(org.id(), MailServer.input(account, org.service().id(), false));
            for (int i = 0; i < 25; i++) MailServer.deliver(account, i % 5 == 4 ? withoutMessageId(i) : message(i));
            java.util.Set<String> oldPath = new java.util.HashSet<>();
            Store reader = jakarta.mail.Session.getInstance(new java.util.Properties()).getStore("imap");
            reader.connect("127.0.0.1", MailServer.imapPort(), account.login(), account.password());
            Folder inbox = reader.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (jakarta.mail.Message m : inbox.getMessages()) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                m.writeTo(out);
                oldPath.add(Tokens.sha256(out.toByteArray()));
            }
            MailboxPoller.close(inbox, reader);
            assertThat(oldPath).hasSize(25);

            MailboxPoller poller = poller(ahead);
            try {
                MailboxPoller.Result result = poller.poll(org.id(), mailboxId);
                assertThat(result.error()).isNull();
                assertThat(result.fetched()).isEqualTo(25);
                assertThat(result.stored()).isEqualTo(25);
                assertThat(poller.poll(org.id(), mailboxId).fetched()).isZero();
            } finally {
                poller.stop();
            }
            assertThat(MailServer.unseen(account)).isZero();
            java.util.List<byte[]> raws = db.sql("select raw from email_message where organization_id = ? and direction = 'INBOUND'")
                    .param(org.id().value()).query(byte[].class).list();
            assertThat(raws.stream().map(raw -> Tokens.sha256(raw)).collect(java.util.stream.Collectors.toSet()))
                    .as("fetch-ahead " + ahead).isEqualTo(oldPath);
            assertThat(db.sql("select count(*) from email_message where organization_id = ? and message_key like 'sha256:%'")
                    .param(org.id().value()).query(Integer.class).single()).isEqualTo(5);
            assertThat(db.sql("select count(*) from support_case where organization_id = ?")
                    .param(org.id().value()).query(Integer.class).single()).isEqualTo(25);
        }
    }

    static byte[] withoutMessageId(int i) {
        return ("From: Asukas " + i + " <asukas-noid-" + i + "-" + UUID.randomUUID() + "@example.fi>\r\nTo: kirjaamo@testila.fi\r\n"
                + "Date: Mon, 23 Nov 2026 09:00:00 +0200\r\nMIME-Version: 1.0\r\nSubject: =?UTF-8?Q?Kysymys_=C3=A4?= " + i
                + "\r\nX-Long: " + "pitka ".repeat(20) + "\r\n\tjatkuu\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\nHei, ilman tunnistetta =C3=A4 " + i + ".\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    int rows(Fixtures.Org org) {
        return db.sql("select count(*) from email_message where organization_id = ? and direction = 'INBOUND'")
                .param(org.id().value()).query(Integer.class).single();
    }

    static byte[] message(int i) {
        return ("From: Asukas " + i + " <asukas-ahead-" + i + "@example.fi>\r\nTo: kirjaamo@testila.fi\r\nMessage-ID: <ahead-" + i
                + "-" + UUID.randomUUID() + "@example.fi>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0200\r\nMIME-Version: 1.0\r\n"
                + "Subject: Kysymys " + i + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Hei, kysyisin asiasta numero " + i + " (ä ö å).\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
