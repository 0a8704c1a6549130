package fi.aspa.channels.email;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jakarta.annotation.PreDestroy;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import fi.aspa.platform.OrganizationId;

/**
 * Reads unseen mail over IMAP. A node polls a mailbox only while it holds the mailbox's lease, so two nodes never
 * read the same mailbox at once. Messages are fetched a batch at a time (bounded in count and bytes) without being
 * marked ({@code BODY.PEEK}),
 * each is taken in and committed on its own ({@link EmailIngest}), and only then is the batch marked \Seen (one
 * IMAP command: a round trip per message would cap the rate at the server's latency). A crash in between leaves
 * them unseen, and the next poll finds them stored already and only marks them.
 */
@Component
class MailboxPoller {
    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    /** What is done to messages in the mailbox once they are committed: one IMAP command for a whole batch. */
    @FunctionalInterface
    interface Marker {
        void processed(Folder folder, Message[] messages) throws MessagingException;
    }

    static final Marker SEEN = (folder, messages) -> folder.setFlags(messages, new Flags(Flags.Flag.SEEN), true);

    /**
     * What one poll did. {@code imapNanos} is the time spent waiting for the IMAP server (search, fetch, flags),
     * {@code ingestNanos} the time Aspa spent reading messages and committing them.
     */
    record Result(boolean claimed, int fetched, int stored, int duplicates, int failed, boolean more, String error,
                  long imapNanos, long ingestNanos) {
        static Result busy() {
            return new Result(false, 0, 0, 0, 0, false, null, 0, 0);
        }
    }

    private final MailboxStore mailboxes;
    private final EmailIngest ingest;
    private final EmailProperties properties;
    private final String node;
    private final ExecutorService workers;

    MailboxPoller(MailboxStore mailboxes, EmailIngest ingest, EmailProperties properties) {
        this.mailboxes = mailboxes;
        this.ingest = ingest;
        this.properties = properties;
        this.node = hostname() + "/" + UUID.randomUUID();
        this.workers = Executors.newFixedThreadPool(Math.max(1, properties.workers()),
                Thread.ofVirtual().name("email-ingest-", 0).factory());
    }

    /** Every due mailbox that no other node holds, one after another. */
    @Scheduled(fixedDelayString = "${aspa.email.poll-interval:30s}", initialDelayString = "${aspa.email.initial-delay:20s}")
    void pollDue() {
        if (!properties.polling()) return;
        for (int i = 0; i < 1000; i++) {
            Optional<Mailbox> claimed = mailboxes.claimDue(node, properties.lease());
            if (claimed.isEmpty()) return;
            run(claimed.get(), SEEN);
        }
    }

    Result poll(OrganizationId organization, UUID mailboxId) {
        return poll(organization, mailboxId, SEEN);
    }

    /** Polls one mailbox now; a result with {@code claimed = false} when another node is polling it. */
    Result poll(OrganizationId organization, UUID mailboxId, Marker marker) {
        return mailboxes.claim(organization, mailboxId, node, properties.lease()).map(m -> run(m, marker)).orElse(Result.busy());
    }

    private Result run(Mailbox mailbox, Marker marker) {
        int fetched = 0;
        int stored = 0;
        int duplicates = 0;
        int failed = 0;
        boolean more = false;
        String error = null;
        long imap = 0;
        long aspa = 0;
        Store store = null;
        Folder folder = null;
        try {
            long t = System.nanoTime();
            store = connect(mailbox);
            folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
            int limit = Math.min(unseen.length, properties.maxPerPoll());
            more = unseen.length > limit;
            Message[] window = Arrays.copyOf(unseen, limit);
            FetchProfile sizes = new FetchProfile();
            sizes.add(FetchProfile.Item.SIZE);
            folder.fetch(window, sizes);
            imap += System.nanoTime() - t;
            FetchProfile bodies = new FetchProfile();
            bodies.add(IMAPFolder.FetchProfileItem.MESSAGE);
            for (int from = 0; from < limit; ) {
                if (!mailboxes.renew(mailbox.id(), node, properties.lease())) {
                    error = "The lease on the mailbox was lost; another node continues";
                    more = true;
                    break;
                }
                int to = batchEnd(window, from);
                Message[] batch = Arrays.copyOfRange(window, from, to);
                from = to;
                t = System.nanoTime();
                folder.fetch(batch, bodies);
                long fetchedAt = System.nanoTime();
                imap += fetchedAt - t;
                Batch result = ingest(mailbox, batch);
                t = System.nanoTime();
                aspa += t - fetchedAt;
                fetched += batch.length;
                stored += result.stored;
                duplicates += result.duplicates;
                failed += result.failed;
                // only now, when they are committed; a crash before this leaves them unseen, to be skipped next time
                if (!result.committed.isEmpty()) marker.processed(folder, result.committed.toArray(Message[]::new));
                imap += System.nanoTime() - t;
            }
            if (failed > 0 && error == null) error = failed + " messages could not be taken in";
        } catch (MessagingException | RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Polling mailbox {} failed: {}", mailbox.id(), error);
        } finally {
            close(folder, store);
            mailboxes.release(mailbox.id(), node, more ? Duration.ZERO : properties.pollInterval(), error);
        }
        return new Result(true, fetched, stored, duplicates, failed, more, error, imap, aspa);
    }

    /** The end of the batch that starts at {@code from}: at most batch-size messages and batch-bytes (but one at least). */
    private int batchEnd(Message[] window, int from) {
        long bytes = 0;
        int to = from;
        while (to < window.length && to - from < properties.batchSize()) {
            int size;
            try {
                size = Math.max(0, window[to].getSize());
            } catch (MessagingException e) {
                size = 0;
            }
            if (to > from && bytes + size > properties.batchBytes().toBytes()) break;
            bytes += size;
            to++;
        }
        return to;
    }

    private static final class Batch {
        final List<Message> committed = new ArrayList<>();
        int stored;
        int duplicates;
        int failed;
    }

    private record Item(Message message, byte[] raw, ParsedEmail mail) {}

    /**
     * Takes in one fetched batch. Messages that start a conversation are independent of each other and go in
     * parallel ({@code aspa.email.workers}); then those that may continue one (replies, bounces, a reference in
     * the subject) go one by one in mailbox order, so a reply finds the case of a message earlier in the batch.
     */
    private Batch ingest(Mailbox mailbox, Message[] messages) {
        Batch batch = new Batch();
        List<Item> starts = new ArrayList<>();
        List<Item> continues = new ArrayList<>();
        for (Message message : messages) {
            try {
                byte[] raw = raw(message);
                ParsedEmail mail = ingest.parse(raw);
                (EmailIngest.mayContinue(mail) ? continues : starts).add(new Item(message, raw, mail));
            } catch (IOException | MessagingException | RuntimeException e) {
                batch.failed++;
                log.warn("Email {} of mailbox {} could not be read; it stays unseen for the next poll",
                        message.getMessageNumber(), mailbox.id(), e);
            }
        }
        List<Future<EmailIngest.Outcome>> parallel = new ArrayList<>();
        for (Item item : starts) parallel.add(workers.submit(() -> ingest.ingest(mailbox, item.raw(), item.mail())));
        for (int i = 0; i < starts.size(); i++) {
            try {
                count(batch, starts.get(i), parallel.get(i).get());
            } catch (ExecutionException e) {
                failed(batch, mailbox, starts.get(i), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while taking in mail", e);
            }
        }
        for (Item item : continues) {
            try {
                count(batch, item, ingest.ingest(mailbox, item.raw(), item.mail()));
            } catch (RuntimeException e) {
                failed(batch, mailbox, item, e);
            }
        }
        return batch;
    }

    private static void count(Batch batch, Item item, EmailIngest.Outcome outcome) {
        if (outcome == EmailIngest.Outcome.DUPLICATE) batch.duplicates++;
        else batch.stored++;
        batch.committed.add(item.message());
    }

    private static void failed(Batch batch, Mailbox mailbox, Item item, Throwable e) {
        batch.failed++;
        log.warn("Email {} of mailbox {} was not taken in; it stays unseen for the next poll", item.mail().messageKey(),
                mailbox.id(), e);
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    private Store connect(Mailbox mailbox) throws MessagingException {
        Mailbox.Endpoint imap = mailbox.imap();
        String protocol = imap.security() == Mailbox.Security.SSL ? "imaps" : "imap";
        String timeout = String.valueOf(properties.timeout().toMillis());
        Properties props = new Properties();
        props.setProperty("mail." + protocol + ".connectiontimeout", timeout);
        props.setProperty("mail." + protocol + ".timeout", timeout);
        props.setProperty("mail." + protocol + ".writetimeout", timeout);
        props.setProperty("mail." + protocol + ".peek", "true"); // reading must not mark: \Seen only after the commit
        props.setProperty("mail." + protocol + ".partialfetch", "false");
        if (imap.security() == Mailbox.Security.STARTTLS) {
            props.setProperty("mail.imap.starttls.enable", "true");
            props.setProperty("mail.imap.starttls.required", "true");
        }
        if (imap.security() != Mailbox.Security.NONE) {
            props.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        Store store = Session.getInstance(props).getStore(protocol);
        store.connect(imap.host(), imap.port(), imap.username(), mailboxes.password(mailbox, imap, "imap"));
        return store;
    }

    private static byte[] raw(Message message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
        message.writeTo(out);
        return out.toByteArray();
    }

    private static void close(Folder folder, Store store) {
        try {
            if (folder != null && folder.isOpen()) folder.close(false);
        } catch (MessagingException | RuntimeException e) {
            log.debug("Closing the folder failed", e);
        }
        try {
            if (store != null) store.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("Closing the store failed", e);
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "node";
        }
    }
}
