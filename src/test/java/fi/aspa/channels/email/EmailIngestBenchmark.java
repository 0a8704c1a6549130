package fi.aspa.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Email ingestion rate: 10,000 messages waiting in an IMAP mailbox are polled into cases, with a simulated crash
 * halfway (after a commit, before the \Seen flag): from Dovecot (a separate process, as production servers are)
 * when bench/email/run.sh started one, then from GreenMail (in the same JVM). Not part of the normal test
 * run (the class name does not end in Test); run it with {@code bench/email/run.sh}. Writes
 * {@code target/bench/email.txt}.
 */
@AspaTest
@org.springframework.context.annotation.Import(EmailIngestBenchmark.Counting.class)
class EmailIngestBenchmark {
    static final int MESSAGES = Integer.getInteger("aspa.bench.messages", 10_000);
    static final boolean ACK = Boolean.parseBoolean(System.getProperty("aspa.bench.ack", "true"));

    @Autowired
    Fixtures fixtures;
    @Autowired
    MailboxStore mailboxes;
    @Autowired
    MailboxPoller poller;
    @Autowired
    JdbcClient db;
    @Autowired
    EmailProperties properties;

    /** Counts statements and commits (see {@link BenchCounters}); only this benchmark's context has it. */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class Counting {
        @org.springframework.context.annotation.Bean
        static org.springframework.beans.factory.config.BeanPostProcessor countingDataSource() {
            return BenchCounters.postProcessor();
        }
    }

    /** Where the messages wait: an IMAP account, how to fill it, how to count what is still unseen. */
    interface Source {
        String name();

        MailboxInput input(UUID unitId);

        void deliver(int i, byte[] raw) throws IOException;

        int unseen();

        /** A plain Jakarta Mail connection to the account (for the reference fetch). */
        jakarta.mail.Store connect() throws jakarta.mail.MessagingException;
    }

    @Test
    void ingestTenThousandMessages() throws IOException {
        if (Boolean.getBoolean("aspa.bench.old-stream-lookup")) {
            // the reference for before MailStreams: Jakarta Mail looks its stream provider up on the classpath each time
            System.clearProperty(MailStreams.PROPERTY);
        }
        // Dovecot first (the production-like number), GreenMail second; the file is written after each
        Path out = Path.of("target/bench/email.txt");
        Files.createDirectories(out.getParent());
        StringBuilder report = new StringBuilder();
        Integer dovecotPort = Integer.getInteger("aspa.bench.dovecot.port");
        if (dovecotPort != null) {
            report.append(run(dovecot("127.0.0.1", dovecotPort, System.getProperty("aspa.bench.dovecot.user"),
                    System.getProperty("aspa.bench.dovecot.password"), Path.of(System.getProperty("aspa.bench.dovecot.maildir")))));
        } else {
            report.append("(Dovecot not measured: run bench/email/run.sh with Dovecot installed)\n");
        }
        Files.writeString(out, report);
        System.out.println(report);
        if (!Boolean.parseBoolean(System.getProperty("aspa.bench.greenmail", "true"))) return; // -Daspa.bench.greenmail=false: Dovecot only
        String greenMail = run(greenMail());
        report.append('\n').append(greenMail);
        Files.writeString(out, report);
        System.out.println(greenMail);
    }

    /**
     * Where the Dovecot run's acknowledgements go. By default ({@code -Daspa.bench.ack-sink=discard}) an SMTP server
     * (SubEthaSMTP, the library of Aspa's own receiver) that takes each message and drops it, as the organization's
     * mail server on another machine takes it off Aspa's hands. GreenMail ({@code -Daspa.bench.ack-sink=greenmail},
     * the only sink before session 6) parses and keeps every message in this JVM: about a tenth of the JVM's CPU in this
     * benchmark, which is the test server's work, not Aspa's. The GreenMail run always uses GreenMail.
     */
    static final class AckSink {
        static final AtomicInteger RECEIVED = new AtomicInteger();
        private static org.subethamail.smtp.server.SMTPServer server;

        static boolean discarding() {
            return "discard".equals(System.getProperty("aspa.bench.ack-sink", "discard"));
        }

        static synchronized int port() {
            if (!discarding()) return MailServer.smtpPort();
            if (server == null) {
                server = org.subethamail.smtp.server.SMTPServer.port(0).bindAddress(java.net.InetAddress.getLoopbackAddress())
                        .messageHandler((context, from, to, data) -> RECEIVED.incrementAndGet()).build();
                server.start();
            }
            return server.getPortAllocated();
        }

        static String name(Source source) {
            return source.name().startsWith("GreenMail") || !discarding() ? "GreenMail (in this JVM, parsed and kept)"
                    : "a discarding SMTP server (SubEthaSMTP in this JVM; " + RECEIVED.get() + " received so far)";
        }
    }

    static Source greenMail() {
        MailServer.Account account = MailServer.account();
        return new Source() {
            public String name() {
                return "GreenMail (IMAP in the same JVM)";
            }

            public MailboxInput input(UUID unitId) {
                return MailServer.input(account, unitId, ACK);
            }

            public void deliver(int i, byte[] raw) {
                MailServer.deliver(account, raw);
            }

            public int unseen() {
                return MailServer.unseen(account);
            }

            public jakarta.mail.Store connect() throws jakarta.mail.MessagingException {
                java.util.Properties props = new java.util.Properties();
                props.setProperty("mail.imap.peek", "true"); // reading marks nothing (the folder is read-only too)
                jakarta.mail.Store store = jakarta.mail.Session.getInstance(props).getStore("imap");
                store.connect("127.0.0.1", MailServer.imapPort(), account.login(), account.password());
                return store;
            }
        };
    }

    /**
     * Dovecot started by bench/email/run.sh: the messages are written into the account's Maildir (in delivery
     * order: Dovecot numbers new files by the time in their names), as a local delivery agent would.
     */
    static Source dovecot(String host, int port, String user, String password, Path maildir) {
        long base = 1_790_000_000L;
        String login = user;
        return new Source() {
            public String name() {
                return "Dovecot " + version() + " (separate process, Maildir)";
            }

            public MailboxInput input(UUID unitId) {
                return new MailboxInput("Dovecot " + UUID.randomUUID(), unitId, host, port, Mailbox.Security.NONE, login,
                        password, "INBOX", "127.0.0.1", AckSink.port(), Mailbox.Security.NONE, null, null,
                        "kirjaamo-" + UUID.randomUUID().toString().substring(0, 8) + "@testila.fi", true, ACK);
            }

            public void deliver(int i, byte[] raw) throws IOException {
                String name = (base + i) + ".M" + i + "P1.bench";
                Path tmp = maildir.resolve("tmp").resolve(name);
                Files.write(tmp, new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                Files.move(tmp, maildir.resolve("new").resolve(name));
            }

            public jakarta.mail.Store connect() throws jakarta.mail.MessagingException {
                java.util.Properties props = new java.util.Properties();
                props.setProperty("mail.imap.peek", "true"); // reading marks nothing (the folder is read-only too)
                jakarta.mail.Store store = jakarta.mail.Session.getInstance(props).getStore("imap");
                store.connect(host, port, login, password);
                return store;
            }

            public int unseen() {
                try {
                    jakarta.mail.Store store = connect();
                    jakarta.mail.Folder inbox = store.getFolder("INBOX");
                    inbox.open(jakarta.mail.Folder.READ_ONLY);
                    int unseen = inbox.getUnreadMessageCount();
                    inbox.close(false);
                    store.close();
                    return unseen;
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }

            private String version() {
                try {
                    Process p = new ProcessBuilder("dovecot", "--version").redirectErrorStream(true).start();
                    String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                    return v.isEmpty() ? "?" : v.split(" ")[0];
                } catch (IOException e) {
                    return "?";
                }
            }
        };
    }

    String run(Source source) throws IOException {
        Fixtures.Org org = fixtures.organization();
        UUID mailboxId = mailboxes.create(org.id(), source.input(org.service().id()));
        long deliverStart = System.nanoTime();
        for (int i = 0; i < MESSAGES; i++) source.deliver(i, message(i));
        double deliverSeconds = (System.nanoTime() - deliverStart) / 1e9;

        String reference = referenceFetch(source);

        // the node "dies" once, halfway: a batch is committed but never marked \Seen (and, as marking runs beside
        // storing the next batch, perhaps the next one too: the poll ends when it sees the failure)
        AtomicInteger marked = new AtomicInteger();
        AtomicInteger seen = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean crashed = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger lostMarks = new AtomicInteger();
        MailboxPoller.Marker crashOnce = (folder, messages) -> {
            if (marked.addAndGet(messages.length) >= MESSAGES / 2 && crashed.compareAndSet(false, true)) {
                throw new jakarta.mail.MessagingException("simulated node crash");
            }
            MailboxPoller.SEEN.processed(folder, messages);
            seen.addAndGet(messages.length);
        };
        String loadBefore = loadAverage();
        String dataDirectory = db.sql("show data_directory").query(String.class).single();
        BenchCounters.reset();
        double jvmCpuBefore = BenchCounters.jvmCpuSeconds();
        double pgCpuBefore = BenchCounters.postgresCpuSeconds(dataDirectory);
        long start = System.nanoTime();
        int polls = 0;
        int stored = 0;
        int duplicates = 0;
        long imapNanos = 0;
        long aspaNanos = 0;
        long fetchNanos = 0;
        long searchNanos = 0;
        long markNanos = 0;
        while (true) {
            MailboxPoller.Result result = poller.poll(org.id(), mailboxId, crashOnce);
            polls++;
            stored += result.stored();
            duplicates += result.duplicates();
            imapNanos += result.imapNanos();
            aspaNanos += result.ingestNanos();
            fetchNanos += result.fetchNanos();
            searchNanos += result.searchNanos();
            markNanos += result.markNanos();
            assertThat(result.failed()).isZero();
            if (result.error() != null) {
                assertThat(result.error()).contains("simulated node crash");
                assertThat(lostMarks.get()).as("one crash").isZero();
                lostMarks.set(stored + duplicates - seen.get()); // committed, not marked
            }
            if (result.fetched() == 0) break;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String loadAfter = loadAverage();

        int rows = db.sql("select count(*) from email_message where organization_id = ? and direction = 'INBOUND'")
                .param(org.id().value()).query(Integer.class).single();
        int distinct = db.sql("select count(distinct message_key) from email_message where organization_id = ? and direction = 'INBOUND'")
                .param(org.id().value()).query(Integer.class).single();
        int cases = db.sql("select count(*) from support_case where organization_id = ?").param(org.id().value()).query(Integer.class).single();
        assertThat(lostMarks.get()).isPositive();
        assertThat(stored).isEqualTo(MESSAGES);
        assertThat(rows).isEqualTo(MESSAGES);
        assertThat(distinct).isEqualTo(MESSAGES);
        assertThat(duplicates).isEqualTo(lostMarks.get()); // the batch committed just before the crash: read again, skipped
        assertThat(source.unseen()).isZero();

        // the acknowledgements go out after each commit, asynchronously: wait for the last of them
        long ackWaitStart = System.nanoTime();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> db.sql("select count(*) from event_publication where completion_date is null and serialized_event like ?")
                        .param("%" + org.id().value() + "%").query(Integer.class).single() == 0);
        double ackWait = (System.nanoTime() - ackWaitStart) / 1e9;
        double jvmCpu = BenchCounters.jvmCpuSeconds() - jvmCpuBefore;
        double pgCpu = BenchCounters.postgresCpuSeconds(dataDirectory) - pgCpuBefore;
        String statements = BenchCounters.breakdown(MESSAGES, 40);
        int acks = db.sql("select count(*) from email_message where organization_id = ? and kind = 'ACK'")
                .param(org.id().value()).query(Integer.class).single();
        if (ACK) assertThat(acks).isEqualTo(cases);

        return String.format(Locale.ROOT, """
                        email ingestion benchmark: %s
                        messages: %d (%d cases; replies, auto-replies and bounces join existing ones)
                        acknowledgements: %s
                        settings: batch %d messages / %s, %d per poll, %d workers, %d per transaction, fetch ahead %d, stream provider %s
                        delivery into the mailbox: %.1f s (not measured)
                        ingestion: %.1f s in %d polls = %.0f messages/s end to end
                          of which waiting for the IMAP server: %.1f s (finding the unseen: %.1f s, marking: %.1f s; the bodies took %.1f s to come, %s)
                          of which Aspa reading and committing: %.1f s = %.0f messages/s
                        reference, the IMAP server alone: %s
                        acknowledgements sent: %d (the last %.1f s after the last message was committed)
                        simulated crash after commit, before \\Seen: once (re-read and skipped as duplicates: %d)
                        stored rows: %d, distinct Message-IDs: %d, lost: %d, duplicated: %d
                        cpus: %d, max heap: %d MB, load average before/after: %s / %s
                        CPU from the first poll to the last acknowledgement: JVM %.1f s (%.2f ms per message), PostgreSQL %.1f s (%.2f ms per message), together %.2f ms per message
                        %s""", source.name(), MESSAGES, cases, ACK ? "on (sent by SMTP to " + AckSink.name(source) + ", after commit)" : "off",
                properties.batchSize(), properties.batchBytes(), properties.maxPerPoll(), properties.workers(),
                properties.transactionSize(), properties.fetchAhead(), System.getProperty(MailStreams.PROPERTY) == null ? "looked up each time" : "named",
                deliverSeconds,
                seconds, polls, MESSAGES / seconds, imapNanos / 1e9, searchNanos / 1e9, markNanos / 1e9, fetchNanos / 1e9,
                properties.fetchAhead() > 0 ? "fetched " + properties.fetchAhead() + " batch(es) ahead on a second connection, overlapped" : "in turn",
                aspaNanos / 1e9, MESSAGES / (aspaNanos / 1e9), reference, acks, ackWait,
                duplicates, rows, distinct, MESSAGES - distinct, rows - distinct,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1024 / 1024, loadBefore, loadAfter,
                jvmCpu, jvmCpu * 1000 / MESSAGES, pgCpu, pgCpu * 1000 / MESSAGES, (jvmCpu + pgCpu) * 1000 / MESSAGES, statements);
    }

    /**
     * How fast the server alone hands out the whole mailbox, in the same run, just before Aspa reads it: a plain
     * Jakarta Mail client reading every message's bytes (a search for the unseen ones, then a FETCH of the bodies
     * of 500 at a time, each written out: the old poller's way of reading), read-only, so nothing is marked.
     */
    static String referenceFetch(Source source) {
        try {
            long start = System.nanoTime();
            jakarta.mail.Store store = source.connect();
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            jakarta.mail.Message[] all = inbox.search(new jakarta.mail.search.FlagTerm(new jakarta.mail.Flags(jakarta.mail.Flags.Flag.SEEN), false));
            jakarta.mail.FetchProfile bodies = new jakarta.mail.FetchProfile();
            bodies.add(org.eclipse.angus.mail.imap.IMAPFolder.FetchProfileItem.MESSAGE);
            long bytes = 0;
            for (int from = 0; from < all.length; from += 500) {
                jakarta.mail.Message[] batch = java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + 500));
                inbox.fetch(batch, bodies);
                for (jakarta.mail.Message m : batch) {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    m.writeTo(out);
                    bytes += out.size();
                }
            }
            inbox.close(false);
            store.close();
            double seconds = (System.nanoTime() - start) / 1e9;
            return String.format(Locale.ROOT, "%d messages (%.1f MB) fetched by plain Jakarta Mail in %.1f s = %.0f messages/s",
                    all.length, bytes / 1e6, seconds, all.length / seconds);
        } catch (jakarta.mail.MessagingException | IOException e) {
            return "reference fetch failed: " + e;
        }
    }

    /** The machine's 1-minute load average (other processes share the CPUs), where the system tells it. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * A mix like a municipal mailbox: mostly new plain-text questions, some HTML-only, some with a PDF, replies
     * to earlier messages, a few auto-replies and bounces.
     */
    static byte[] message(int i) {
        String id = "<bench-" + i + "@example.fi>";
        String from = "asukas" + (i % 3000) + "@example.fi";
        String headers = "From: Asukas " + i + " <" + from + ">\r\nTo: kirjaamo@testila.fi\r\nMessage-ID: " + id
                + "\r\nDate: Mon, 23 Nov 2026 09:00:00 +0200\r\nMIME-Version: 1.0\r\n";
        String text = "Hei,\r\n\r\nkysyisin asiasta numero " + i + ". Katuvalo ei toimi ja roska-astiat ovat täynnä. "
                + "Voisitteko tarkistaa asian mahdollisimman pian? Asia koskee Koivukujaa ja sen lähiympäristöä.\r\n\r\n"
                + "Ystävällisin terveisin\r\nAsukas " + i + "\r\n";
        int kind = i % 20;
        if (kind < 13 || i < 20) {
            return (headers + "Subject: Kysymys " + i + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Transfer-Encoding: 8bit\r\n\r\n" + text).getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 15) {
            return (headers + "Subject: =?UTF-8?Q?HTML-kysymys_" + i + "?=\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + "Content-Transfer-Encoding: 8bit\r\n\r\n<html><body><p>" + text.replace("\r\n\r\n", "</p><p>")
                    + "</p><script>alert(1)</script></body></html>\r\n").getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 17) {
            String pdf = Base64.getMimeEncoder().encodeToString(("%PDF-1.4\n% liite " + i + "\n" + "x".repeat(4000) + "\n%%EOF\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return (headers + "Subject: Liite " + i + "\r\nContent-Type: multipart/mixed; boundary=\"b" + i + "\"\r\n\r\n"
                    + "--b" + i + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text
                    + "\r\n--b" + i + "\r\nContent-Type: application/pdf; name=\"liite.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
                    + "Content-Disposition: attachment; filename=\"liite-" + i + ".pdf\"\r\n\r\n" + pdf + "\r\n--b" + i + "--\r\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
        String earlier = "<bench-" + (i - 17) + "@example.fi>";
        if (kind < 19) {
            return (headers + "Subject: Re: Kysymys\r\nIn-Reply-To: " + earlier + "\r\nReferences: " + earlier
                    + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nLisätietoa asiaan " + i
                    + ".\r\n").getBytes(StandardCharsets.UTF_8);
        }
        return (headers + "Subject: Automaattinen vastaus\r\nAuto-Submitted: auto-replied\r\nIn-Reply-To: " + earlier
                + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOlen lomalla.\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
