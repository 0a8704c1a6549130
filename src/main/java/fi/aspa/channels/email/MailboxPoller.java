package fi.aspa.channels.email;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jakarta.annotation.PreDestroy;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import fi.aspa.platform.OrganizationId;

/**
 * Reads unseen mail over IMAP. A node polls a mailbox only while it holds the mailbox's lease, so two nodes never
 * read the same mailbox at once. Messages are fetched a batch at a time (bounded in count and bytes) without being
 * marked ({@code BODY.PEEK}; on a second, read-only connection, a batch ahead of the one being taken in: see
 * {@link BatchFetcher}), taken in and committed ({@link EmailIngest}; a group of them per transaction, see
 * {@link #ingest}), and only then is the batch marked \Seen on the poll's own connection (one
 * IMAP command: a round trip per message would cap the rate at the server's latency). A crash in between leaves
 * them unseen, and the next poll finds them stored already and only marks them. When the server supports IDLE,
 * the node keeps the lease and the connection after a poll and watches the mailbox ({@link IdleWatches}), so new
 * mail is read within seconds; polling remains the fallback whenever a watch ends.
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
     * {@code ingestNanos} the time Aspa spent reading messages and committing them; {@code watching} that the
     * mailbox is now watched with IMAP IDLE by this node (which keeps its lease); {@code fetchNanos} the time the
     * server took to send the batches' bodies, most of it spent while the batch before was taken in (only the part
     * the poll had to wait for is in {@code imapNanos}); of {@code imapNanos}, {@code searchNanos} went to finding the
     * unseen messages and their sizes; {@code markNanos} is the time marking took (with {@code fetch-ahead}, in the
     * background while the next batch was stored: only what the poll had to wait for is in {@code imapNanos}).
     */
    record Result(boolean claimed, int fetched, int stored, int duplicates, int failed, boolean more, String error,
                  long imapNanos, long ingestNanos, boolean watching, long fetchNanos, long searchNanos, long markNanos) {
        static Result busy() {
            return new Result(false, 0, 0, 0, 0, false, null, 0, 0, false, 0, 0, 0);
        }
    }

    private final MailboxStore mailboxes;
    private final EmailIngest ingest;
    private final EmailProperties properties;
    private final String node;
    private final ExecutorService workers;
    private final IdleWatches watches;

    MailboxPoller(MailboxStore mailboxes, EmailIngest ingest, EmailProperties properties) {
        this.mailboxes = mailboxes;
        this.ingest = ingest;
        this.properties = properties;
        this.node = hostname() + "/" + UUID.randomUUID();
        this.workers = Executors.newFixedThreadPool(Math.max(1, properties.workers()),
                Thread.ofVirtual().name("email-ingest-", 0).factory());
        this.watches = new IdleWatches(this, mailboxes, properties, node);
    }

    /** Every due mailbox that no other node holds, one after another. */
    @Scheduled(fixedDelayString = "${aspa.email.poll-interval:30s}", initialDelayString = "${aspa.email.initial-delay:20s}")
    void pollDue() {
        if (!properties.polling()) return;
        for (int i = 0; i < 1000; i++) {
            Optional<Mailbox> claimed = mailboxes.claimDue(node, properties.lease());
            if (claimed.isEmpty()) return;
            run(claimed.get(), SEEN, properties.idle() && watches.hasRoom());
        }
    }

    /**
     * Polls one mailbox now and, when its server supports IDLE, goes on watching it as {@link #pollDue} does; a
     * result with {@code claimed = false} when another node (or this one's watch) holds it.
     */
    Result pollAndWatch(OrganizationId organization, UUID mailboxId) {
        return mailboxes.claim(organization, mailboxId, node, properties.lease())
                .map(m -> run(m, SEEN, properties.idle() && watches.hasRoom())).orElse(Result.busy());
    }

    /** This node's name in the mailboxes' leases. */
    String node() {
        return node;
    }

    /** Whether this node is watching the mailbox with IDLE now. */
    boolean watching(UUID mailboxId) {
        return watches.watching(mailboxId);
    }

    /** Ends this node's watch of the mailbox, giving its lease back; false when it was not watched here. */
    boolean stopWatching(UUID mailboxId) {
        return watches.stop(mailboxId);
    }

    /** How often the server's notice of new mail ended the watch's IDLE (0 when the mailbox is not watched). */
    long idleNotices(UUID mailboxId) {
        return watches.notices(mailboxId);
    }

    Result poll(OrganizationId organization, UUID mailboxId) {
        return poll(organization, mailboxId, SEEN);
    }

    /** Polls one mailbox now; a result with {@code claimed = false} when another node is polling it. */
    Result poll(OrganizationId organization, UUID mailboxId, Marker marker) {
        return mailboxes.claim(organization, mailboxId, node, properties.lease()).map(m -> run(m, marker)).orElse(Result.busy());
    }

    private Result run(Mailbox mailbox, Marker marker) {
        return run(mailbox, marker, false);
    }

    /**
     * Reads the mailbox's unseen mail; then, with {@code mayWatch}, when the server supports IDLE and this node
     * has room, keeps the connection and the lease and goes on watching the mailbox ({@link IdleWatches}).
     */
    private Result run(Mailbox mailbox, Marker marker, boolean mayWatch) {
        Drain drain = new Drain();
        Store store = null;
        Folder folder = null;
        boolean watching = false;
        try {
            long t = System.nanoTime();
            store = connect(mailbox);
            folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            drain.imapNanos += System.nanoTime() - t;
            drain(mailbox, folder, marker, drain);
            if (mayWatch && drain.error == null && !drain.more && idles(store)) {
                watching = watches.start(mailbox, store, folder);
            }
        } catch (MessagingException | RuntimeException e) {
            drain.error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Polling mailbox {} failed: {}", mailbox.id(), drain.error);
        } finally {
            if (watching) {
                mailboxes.polled(mailbox.id(), node, drain.error);
            } else {
                close(folder, store);
                mailboxes.release(mailbox.id(), node, drain.more ? Duration.ZERO : properties.pollInterval(), drain.error);
            }
        }
        return new Result(true, drain.fetched, drain.stored, drain.duplicates, drain.failed, drain.more, drain.error,
                drain.imapNanos, drain.ingestNanos, watching, drain.fetchNanos, drain.searchNanos, drain.markNanos);
    }

    /** What reading a mailbox's unseen mail did (added up over the calls of {@link #drain}). */
    static final class Drain {
        int fetched;
        int stored;
        int duplicates;
        int failed;
        boolean more;
        String error;
        long imapNanos;
        long ingestNanos;
        /** Time the IMAP server took to send the batches (overlapped with taking in the one before when fetching ahead). */
        long fetchNanos;
        long searchNanos;
        long markNanos;
        /** The fetcher of the last call (tests: how many batches it fetched). */
        BatchFetcher<?> fetcher;
    }

    /**
     * Reads up to max-per-poll unseen messages of the open folder into cases, a batch at a time, renewing the lease
     * before each batch; marks each batch once it is committed. Connection errors are thrown.
     */
    Drain drain(Mailbox mailbox, Folder folder, Marker marker, Drain drain) throws MessagingException {
        drain.more = false;
        long t = System.nanoTime();
        Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        int limit = Math.min(unseen.length, properties.maxPerPoll());
        drain.more = unseen.length > limit;
        Message[] window = Arrays.copyOf(unseen, limit);
        FetchProfile sizes = new FetchProfile();
        sizes.add(FetchProfile.Item.SIZE);
        sizes.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(window, sizes);
        IMAPFolder imap = (IMAPFolder) folder;
        long[] uids = new long[limit];
        for (int i = 0; i < limit; i++) uids[i] = imap.getUID(window[i]);
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < limit; ) {
            int to = batchEnd(window, from);
            batches.add(new int[] {from, to});
            from = to;
        }
        java.util.function.Function<byte[], Future<ParsedEmail>> parse = raw -> workers.submit(() -> ingest.parse(raw));
        BatchFetcher<Future<ParsedEmail>> fetcher = null;
        BatchMarker marks = null;
        try {
            if (properties.fetchAhead() > 0 && batches.size() > 1) {
                try {
                    fetcher = BatchFetcher.overlapped(imap, uids, batches, properties.fetchAhead(), parse);
                } catch (MessagingException | RuntimeException e) {
                    log.info("Mailbox {}: no second connection for fetching ahead ({}); fetching in turn", mailbox.id(), e.getMessage());
                }
            }
            if (fetcher == null) fetcher = BatchFetcher.inline(imap, uids, batches, parse);
            drain.fetcher = fetcher;
            drain.imapNanos += System.nanoTime() - t;
            drain.searchNanos += System.nanoTime() - t;
            int failed = 0;
            // with fetching ahead, marking is overlapped too: a committed batch is marked while the next is stored
            // (a single batch, as most polls and IDLE wake-ups have, is marked in turn: nothing to overlap with)
            if (properties.fetchAhead() > 0 && batches.size() > 1) marks = new BatchMarker(folder, marker);
            for (int b = 0; b < batches.size(); b++) {
                if (!mailboxes.renew(mailbox.id(), node, properties.lease())) {
                    drain.error = "The lease on the mailbox was lost; another node continues";
                    drain.more = true;
                    return drain;
                }
                t = System.nanoTime();
                BatchFetcher.Batch<Future<ParsedEmail>> fetched;
                try {
                    fetched = fetcher.next();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MessagingException("Interrupted while fetching mail", e);
                }
                long fetchedAt = System.nanoTime();
                drain.imapNanos += fetchedAt - t;
                drain.fetchNanos += fetched.fetchNanos();
                Batch result = ingest(mailbox, window, fetched);
                t = System.nanoTime();
                drain.ingestNanos += t - fetchedAt;
                drain.fetched += fetched.to() - fetched.from();
                drain.stored += result.stored;
                drain.duplicates += result.duplicates;
                failed += result.failed;
                drain.failed += result.failed; // counted before marking, which may throw
                // only now, when they are committed; a crash before this leaves them unseen, to be skipped next time
                if (!result.committed.isEmpty()) {
                    Message[] committed = result.committed.toArray(Message[]::new);
                    if (marks != null) {
                        try {
                            marks.mark(committed);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new MessagingException("Interrupted while marking mail", e);
                        }
                    } else {
                        marker.processed(folder, committed);
                        drain.markNanos += System.nanoTime() - t;
                    }
                }
                drain.imapNanos += System.nanoTime() - t;
            }
            if (marks != null) {
                t = System.nanoTime();
                try {
                    marks.finish();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MessagingException("Interrupted while marking mail", e);
                } finally {
                    drain.imapNanos += System.nanoTime() - t;
                }
            }
            if (failed > 0 && drain.error == null) drain.error = failed + " messages could not be taken in";
            return drain;
        } finally {
            if (fetcher != null) fetcher.close(); // what it fetched ahead and was not committed stays unseen
            if (marks != null) {
                marks.close(); // what was handed over is committed: it is marked before the poll ends
                drain.markNanos += marks.nanos();
            }
        }
    }

    /** Whether the server can notify of new mail (IMAP IDLE, RFC 2177). */
    private static boolean idles(Store store) {
        try {
            return store instanceof IMAPStore imap && imap.hasCapability("IDLE");
        } catch (MessagingException e) {
            return false;
        }
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

        void add(Batch other) {
            committed.addAll(other.committed);
            stored += other.stored;
            duplicates += other.duplicates;
            failed += other.failed;
        }
    }

    private record Item(Message message, byte[] raw, ParsedEmail mail) {}

    /**
     * Takes in one fetched batch. The messages are read and parsed in parallel ({@code aspa.email.workers}); those
     * whose Message-ID is stored already are skipped (one query for the batch). With {@code transaction-size} above
     * 1 (the default) the others go in order - those that start a conversation, then those that may continue one
     * (replies, bounces, a reference in the subject), each in mailbox order - that many in one transaction (one
     * commit for the group; a group in which anything fails is rolled back and its messages are taken in one by one,
     * each in its own transaction, so that one bad message never takes others with it). The new conversations go in
     * {@code lanes} in parallel, split by sender (a sender's messages in one lane, in order); then what may continue
     * one, in {@code lanes} split by conversation (a case's messages in one lane, in order: see
     * {@link #conversations}). With {@code transaction-size}
     * 1, messages that start a conversation go in parallel, each in its own transaction, and then those that may
     * continue one one by one in mailbox order; either way a reply finds the case of a message earlier in the batch.
     */
    private Batch ingest(Mailbox mailbox, Message[] window, BatchFetcher.Batch<Future<ParsedEmail>> fetched) {
        Batch batch = new Batch();
        int missing = (fetched.to() - fetched.from()) - fetched.items().size();
        if (missing > 0) {
            // expunged by another client between the search and the fetch: nothing to take in, nothing to mark
            log.info("{} emails of mailbox {} were gone from the server when fetched", missing, mailbox.id());
        }
        List<Item> items = new ArrayList<>(fetched.items().size());
        for (BatchFetcher.Item<Future<ParsedEmail>> fetchedItem : fetched.items()) {
            Message message = window[fetchedItem.index()];
            try {
                items.add(new Item(message, fetchedItem.raw(), fetchedItem.prepared().get()));
            } catch (ExecutionException e) {
                batch.failed++;
                log.warn("Email {} of mailbox {} could not be read; it stays unseen for the next poll",
                        message.getMessageNumber(), mailbox.id(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading mail", e);
            }
        }
        // a message stored before (a crash between the commit and the \Seen flag, or a copy): skipped, only marked
        java.util.Set<String> stored = ingest.stored(mailbox.organizationId(), items.stream().map(i -> i.mail().messageKey()).toList());
        List<Item> fresh = new ArrayList<>(items.size());
        for (Item item : items) {
            if (stored.contains(item.mail().messageKey())) count(batch, item, EmailIngest.Outcome.DUPLICATE);
            else fresh.add(item);
        }
        List<Item> starts = new ArrayList<>();
        List<Item> continues = new ArrayList<>();
        for (Item item : fresh) (EmailIngest.mayContinue(item.mail()) ? continues : starts).add(item);
        if (properties.transactionSize() > 1) {
            // new conversations first, then what may continue one: a reply finds its case even if it came first.
            // New conversations go in lanes, each sender's always in the same one and in mailbox order, the lanes
            // in parallel (each a transaction at a time: their work does not touch the same rows).
            storeInLanes(mailbox, lanes(starts, properties.lanes()), batch);
            // then what may continue one, in lanes by the conversation (a case's messages in one lane, in mailbox order)
            storeInLanes(mailbox, lanes(continues, conversations(mailbox, continues), properties.lanes()), batch);
            return batch;
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

    /** Stores each lane's messages in groups, the lanes in parallel; waits for all of them. */
    private void storeInLanes(Mailbox mailbox, List<List<Item>> lanes, Batch batch) {
        if (lanes.size() == 1) {
            storeInGroups(mailbox, lanes.getFirst(), batch);
            return;
        }
        List<Future<Batch>> running = new ArrayList<>(lanes.size());
        for (List<Item> lane : lanes) {
            running.add(workers.submit(() -> {
                Batch part = new Batch();
                storeInGroups(mailbox, lane, part);
                return part;
            }));
        }
        for (Future<Batch> lane : running) {
            try {
                batch.add(lane.get());
            } catch (ExecutionException e) {
                // not a message's failure (each is caught and counted in its lane): the poll ends here, and
                // nothing of the batch is marked; what the lanes committed is skipped as stored next time
                throw new IllegalStateException("Taking in mail failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while taking in mail", e);
            }
        }
    }

    /**
     * The conversation each message that may continue one belongs to, as a lane key: the case that its nearest
     * thread id (for a bounce, then the bounced ids) already leads to (one query for all of them), or the
     * conversation of an earlier message of the same list that it answers; failing both (a case reference in the
     * subject, an answer to mail we do not have), its sender's. A case's messages thus stay in one lane, in mailbox
     * order, whichever way they name it.
     */
    private java.util.function.Function<Item, String> conversations(Mailbox mailbox, List<Item> items) {
        List<String> ids = items.stream().flatMap(i -> threadOf(i.mail()).stream()).distinct().toList();
        Map<String, UUID> stored = ingest.casesOf(mailbox.organizationId(), ids);
        Map<String, String> keys = new HashMap<>();
        Map<Item, String> laneKeys = new java.util.IdentityHashMap<>();
        for (Item item : items) {
            String key = null;
            for (String id : threadOf(item.mail())) {
                key = keys.containsKey(id) ? keys.get(id) : stored.containsKey(id) ? "case:" + stored.get(id) : null;
                if (key != null) break;
            }
            if (key == null) key = "sender:" + item.mail().fromAddress();
            keys.putIfAbsent(item.mail().messageKey(), key);
            laneKeys.put(item, key);
        }
        return laneKeys::get;
    }

    /** The ids that lead a message to its conversation, nearest first. */
    private static List<String> threadOf(ParsedEmail mail) {
        if (!mail.bounce()) return mail.threadIds();
        List<String> ids = new ArrayList<>(mail.threadIds());
        ids.addAll(mail.bouncedIds());
        return ids;
    }

    /** At most {@code count} lanes (non-empty), each sender's messages in one, in their order. */
    static <T> List<List<T>> lanes(List<T> items, java.util.function.Function<T, String> sender, int count) {
        int n = Math.max(1, Math.min(count, items.size()));
        List<List<T>> lanes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) lanes.add(new ArrayList<>());
        for (T item : items) {
            String key = sender.apply(item);
            int lane = key == null ? 0 : Math.floorMod(key.toLowerCase(java.util.Locale.ROOT).hashCode(), n);
            lanes.get(lane).add(item);
        }
        lanes.removeIf(List::isEmpty);
        return lanes.isEmpty() ? List.of(List.of()) : lanes;
    }

    private static List<List<Item>> lanes(List<Item> items, int count) {
        return lanes(items, i -> i.mail().fromAddress(), count);
    }

    /**
     * Takes the messages in, in order, {@code transaction-size} to a transaction; a group in which anything fails is
     * rolled back and its messages are taken in one by one, each in its own transaction.
     */
    private void storeInGroups(Mailbox mailbox, List<Item> items, Batch batch) {
        for (int from = 0; from < items.size(); from += properties.transactionSize()) {
            List<Item> group = items.subList(from, Math.min(items.size(), from + properties.transactionSize()));
            Optional<List<EmailIngest.Outcome>> outcomes = ingest.ingestGroup(mailbox,
                    group.stream().map(i -> new EmailIngest.Incoming(i.raw(), i.mail())).toList());
            if (outcomes.isPresent()) {
                for (int i = 0; i < group.size(); i++) count(batch, group.get(i), outcomes.get().get(i));
                continue;
            }
            for (Item item : group) {
                try {
                    count(batch, item, ingest.ingest(mailbox, item.raw(), item.mail()));
                } catch (RuntimeException e) {
                    failed(batch, mailbox, item, e);
                }
            }
        }
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
        watches.stopAll(); // first: they may be taking mail in with the workers
        workers.shutdownNow();
    }

    Store connect(Mailbox mailbox) throws MessagingException {
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

    static void close(Folder folder, Store store) {
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
