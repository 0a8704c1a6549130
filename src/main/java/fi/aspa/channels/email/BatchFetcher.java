package fi.aspa.channels.email;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bodies of a poll's batches, one batch after another, each in one {@code UID FETCH <uids> (BODY.PEEK[])}: the
 * bytes exactly as the server holds them (no MIME parsing and re-serializing by Jakarta Mail on the way), and
 * each handed to {@code prepare} (the parsing, on the poller's workers) as soon as it arrives.
 * <p>
 * {@link #overlapped} fetches on a connection of its own (a second, read-only opening of the folder: {@code EXAMINE},
 * so nothing it does can mark a message) in a thread of its own, at most {@code ahead} batches ahead of the one being
 * taken in: batch N+1 comes over the network while batch N is stored. It never marks anything; what it fetched
 * and was never committed (a crash, a lost lease, an error in between) stays unseen in the mailbox for the next
 * poll, exactly as if it had not been fetched. {@link #inline} fetches on the poller's own folder when asked, the
 * old order (a server that refuses a second connection gets it).
 *
 * @param <T> what {@code prepare} makes of one message's bytes
 */
abstract class BatchFetcher<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchFetcher.class);

    /** One message of a batch: its place in the poll's window and what was made of its bytes. */
    record Item<T>(int index, byte[] raw, T prepared) {}

    /**
     * One fetched batch: the window's messages {@code from} (inclusive) to {@code to}; {@code items} those the
     * server still had (a message expunged by another client in the meantime is not there), in window order.
     */
    record Batch<T>(int from, int to, List<Item<T>> items, long fetchNanos) {}

    /** How many batches were fetched (for tests and the benchmark: how far the fetching got ahead). */
    final AtomicInteger fetched = new AtomicInteger();

    /** The next batch, or null when all were handed out. */
    abstract Batch<T> next() throws MessagingException, InterruptedException;

    @Override
    public abstract void close();

    /** Fetches on the poller's folder, each batch when it is asked for. */
    static <T> BatchFetcher<T> inline(IMAPFolder folder, long[] uids, List<int[]> batches, Function<byte[], T> prepare) {
        return new BatchFetcher<>() {
            int next;

            @Override
            Batch<T> next() throws MessagingException {
                if (next >= batches.size()) return null;
                int[] range = batches.get(next++);
                Batch<T> batch = fetch(folder, uids, range[0], range[1], prepare);
                fetched.incrementAndGet();
                return batch;
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Fetches in a thread of its own on a second, read-only opening of {@code folder} (its own IMAP connection),
     * up to {@code ahead} batches ahead of the caller. Throws when the second opening fails.
     */
    static <T> BatchFetcher<T> overlapped(IMAPFolder folder, long[] uids, List<int[]> batches, int ahead,
                                          Function<byte[], T> prepare) throws MessagingException {
        IMAPFolder second = (IMAPFolder) folder.getStore().getFolder(folder.getFullName());
        second.open(Folder.READ_ONLY);
        return new Overlapped<>(second, uids, batches, ahead, prepare);
    }

    private static final class Overlapped<T> extends BatchFetcher<T> {
        private static final Object END = new Object();
        private final IMAPFolder folder;
        private final BlockingQueue<Object> queue;
        private final Thread thread;
        private final int batches;
        private int taken;
        private volatile boolean stopped;

        Overlapped(IMAPFolder folder, long[] uids, List<int[]> batches, int ahead, Function<byte[], T> prepare) {
            this.folder = folder;
            this.batches = batches.size();
            this.queue = new ArrayBlockingQueue<>(Math.max(1, ahead));
            this.thread = Thread.ofPlatform().daemon().name("email-fetch-" + folder.getFullName()).unstarted(() -> {
                try {
                    for (int[] range : batches) {
                        if (stopped) return;
                        Batch<T> batch = fetch(folder, uids, range[0], range[1], prepare);
                        fetched.incrementAndGet();
                        queue.put(batch);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (MessagingException | RuntimeException e) {
                    hand(e);
                } catch (Throwable e) {
                    hand(new IllegalStateException("Fetching ahead failed", e));
                    throw e;
                } finally {
                    MailboxPoller.close(folder, null);
                }
            });
            thread.start();
        }

        /** The failure for the consumer, who waits for the next item (unless the fetching was stopped). */
        private void hand(Exception e) {
            try {
                if (!stopped) queue.put(e);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        Batch<T> next() throws MessagingException, InterruptedException {
            if (taken >= batches) return null;
            Object item = queue.take();
            if (item instanceof MessagingException e) throw new MessagingException("Fetching a batch failed: " + e.getMessage(), e);
            if (item instanceof RuntimeException e) throw e;
            taken++;
            return (Batch<T>) item;
        }

        /** Stops fetching ahead (what was fetched is dropped: unmarked, it is read again next time) and waits for the thread. */
        @Override
        public void close() {
            stopped = true;
            queue.clear(); // a put waiting for room returns, and the loop ends
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) log.warn("Fetching ahead in folder {} did not stop", folder.getFullName());
            queue.clear();
        }
    }

    /** One {@code UID FETCH} of the window's messages {@code from}..{@code to}: their bytes, each prepared. */
    static <T> Batch<T> fetch(IMAPFolder folder, long[] uids, int from, int to, Function<byte[], T> prepare)
            throws MessagingException {
        long t = System.nanoTime();
        Map<Long, Integer> index = new HashMap<>();
        for (int i = from; i < to; i++) index.put(uids[i], i);
        long[] sorted = Arrays.copyOfRange(uids, from, to);
        Arrays.sort(sorted);
        String set = UIDSet.toString(UIDSet.createUIDSets(sorted));
        byte[][] raws = new byte[to - from][];
        folder.doCommand(p -> {
            Response[] responses = p.command("UID FETCH " + set + " (UID BODY.PEEK[])", null);
            Response last = responses[responses.length - 1];
            for (int r = 0; r < responses.length - 1; r++) {
                if (!(responses[r] instanceof FetchResponse f)) continue;
                UID uid = f.getItem(UID.class);
                BODY body = f.getItem(BODY.class);
                if (uid == null || body == null || body.getSection() != null && !body.getSection().isEmpty()) continue;
                Integer i = index.get(uid.uid);
                if (i == null) continue;
                ByteArray bytes = body.getByteArray();
                raws[i - from] = bytes == null ? new byte[0]
                        : Arrays.copyOfRange(bytes.getBytes(), bytes.getStart(), bytes.getStart() + bytes.getCount());
                responses[r] = null; // handled here; the folder's handlers get what else the server said
            }
            p.notifyResponseHandlers(Arrays.stream(responses).filter(java.util.Objects::nonNull).toArray(Response[]::new));
            p.handleResult(last);
            return null;
        });
        List<Item<T>> items = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            byte[] raw = raws[i - from];
            if (raw != null) items.add(new Item<>(i, raw, prepare.apply(raw)));
        }
        return new Batch<>(from, to, items, System.nanoTime() - t);
    }
}
