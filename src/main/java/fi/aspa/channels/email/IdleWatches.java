package fi.aspa.channels.email;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailboxes this node watches with IMAP IDLE (RFC 2177) between polls. A watch begins after a poll of a
 * mailbox whose server announces IDLE, on the same connection, and only while the node holds the mailbox's lease:
 * <ul>
 *   <li>the server's word of new mail ends the IDLE; the watch then reads the unseen mail exactly as a poll does
 *       ({@link MailboxPoller#drain}: committed first, marked \Seen after) and idles again;</li>
 *   <li>every {@code idle-refresh} a ticker ends the IDLE with a NOOP, so the watch renews the lease (and stops
 *       when the lease was lost, the mailbox disabled or its settings changed) and sees mail the server told of
 *       between commands; once per poll interval it reads the mailbox anyway, as polling would;</li>
 *   <li>a broken connection is reopened after 1, 2, 4, 8 and 16 s; after that the watch gives the mailbox back
 *       with the error, and polling (which starts a new watch when it succeeds) takes over;</li>
 *   <li>on shutdown every watch ends its IDLE, closes its connection and gives the lease back at once, so that
 *       another node can go on.</li>
 * </ul>
 * One platform thread per watch (the mail library blocks in monitors), at most {@code idle-max} per node.
 */
final class IdleWatches {
    private static final Logger log = LoggerFactory.getLogger(IdleWatches.class);
    private static final int RECONNECTS = 5;

    private final MailboxPoller poller;
    private final MailboxStore mailboxes;
    private final EmailProperties properties;
    private final String node;
    private final Map<UUID, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("email-idle-ticker").factory());
    private final ExecutorService wakers = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("email-idle-wake-", 0).factory());
    private volatile boolean stopping;

    IdleWatches(MailboxPoller poller, MailboxStore mailboxes, EmailProperties properties, String node) {
        this.poller = poller;
        this.mailboxes = mailboxes;
        this.properties = properties;
        this.node = node;
    }

    boolean hasRoom() {
        return !stopping && watches.size() < properties.idleMax();
    }

    boolean watching(UUID mailboxId) {
        return watches.containsKey(mailboxId);
    }

    /** How often the server's notice (not this node's own wake-up) ended the watch's IDLE; 0 when not watched. */
    long notices(UUID mailboxId) {
        Watch watch = watches.get(mailboxId);
        return watch == null ? 0 : watch.notices.get();
    }

    /**
     * Goes on watching a mailbox just polled, on its open connection; false (the caller closes the connection and
     * releases the lease) when there is no room, the folder is not IMAP, or the lease is no longer held.
     */
    boolean start(Mailbox mailbox, Store store, Folder folder) {
        if (!hasRoom() || !(folder instanceof IMAPFolder imap)) return false;
        Optional<Instant> version = mailboxes.renewWatch(mailbox.id(), node, properties.lease());
        if (version.isEmpty()) return false;
        Watch watch = new Watch(mailbox, store, imap, version.get());
        if (watches.putIfAbsent(mailbox.id(), watch) != null) return false;
        watch.thread = Thread.ofPlatform().daemon().name("email-idle-" + mailbox.id()).start(watch);
        log.info("Watching mailbox {} with IMAP IDLE", mailbox.id());
        return true;
    }

    /** Ends the watch of one mailbox (its lease is given back); true when there was one. */
    boolean stop(UUID mailboxId) {
        Watch watch = watches.get(mailboxId);
        if (watch == null) return false;
        watch.stop();
        watch.join(properties.timeout().plusSeconds(5));
        return true;
    }

    /** Ends every watch: each stops idling, closes its connection and gives its lease back. */
    void stopAll() {
        stopping = true;
        List<Watch> all = new ArrayList<>(watches.values());
        all.forEach(Watch::stop);
        long deadline = System.nanoTime() + properties.timeout().plusSeconds(5).toNanos();
        for (Watch watch : all) watch.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        ticker.shutdownNow();
        wakers.shutdownNow();
    }

    private final class Watch implements Runnable {
        private final Mailbox mailbox;
        private final Instant version;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final AtomicBoolean waking = new AtomicBoolean();
        private final AtomicLong notices = new AtomicLong();
        private volatile boolean woken;
        private volatile Store store;
        private volatile IMAPFolder folder;
        private volatile boolean idling;
        private volatile Thread thread;

        Watch(Mailbox mailbox, Store store, IMAPFolder folder, Instant version) {
            this.mailbox = mailbox;
            this.store = store;
            this.folder = folder;
            this.version = version;
        }

        boolean stopping() {
            return stopped.getCount() == 0;
        }

        void stop() {
            stopped.countDown();
            wake();
        }

        void join(Duration timeout) {
            Thread t = thread;
            if (t == null) return;
            try {
                if (!t.join(timeout)) {
                    // the server does not answer: closing the socket ends the blocked read
                    MailboxPoller.close(folder, store);
                    t.join(Duration.ofSeconds(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Ends the current IDLE (a NOOP from another thread makes the mail library send DONE first). */
        void wake() {
            IMAPFolder f = folder;
            if (f == null || !idling || !waking.compareAndSet(false, true)) return;
            try {
                wakers.execute(() -> {
                    try {
                        woken = true;
                        if (f.isOpen()) f.doCommand(p -> {
                            p.simpleCommand("NOOP", null);
                            return null;
                        });
                    } catch (MessagingException | RuntimeException e) {
                        log.debug("Waking the IDLE of mailbox {} failed", mailbox.id(), e);
                    } finally {
                        waking.set(false);
                    }
                });
            } catch (RuntimeException e) { // the pool is shut down
                waking.set(false);
            }
        }

        @Override
        public void run() {
            long refresh = properties.effectiveIdleRefresh().toMillis();
            ScheduledFuture<?> tick = ticker.scheduleAtFixedRate(this::wake, refresh, refresh, TimeUnit.MILLISECONDS);
            int failures = 0;
            String error = null;
            boolean changed = false;
            int lastCount = -1;
            long nextFull = System.nanoTime() + properties.pollInterval().toNanos();
            try {
                while (!stopping()) {
                    Optional<Instant> held = mailboxes.renewWatch(mailbox.id(), node, properties.lease());
                    if (held.isEmpty()) {
                        log.info("Stopped watching mailbox {}: disabled, or its lease was lost", mailbox.id());
                        break;
                    }
                    if (!held.get().equals(version)) {
                        changed = true;
                        log.info("Stopped watching mailbox {}: its settings changed", mailbox.id());
                        break;
                    }
                    try {
                        if (folder == null) reconnect();
                        int count = folder.getMessageCount();
                        if (count != lastCount || System.nanoTime() - nextFull >= 0) {
                            lastCount = count;
                            nextFull = System.nanoTime() + properties.pollInterval().toNanos();
                            MailboxPoller.Drain drain = poller.drain(mailbox, folder, MailboxPoller.SEEN, new MailboxPoller.Drain());
                            mailboxes.polled(mailbox.id(), node, drain.error);
                            if (drain.more) {
                                lastCount = -1; // more than one poll's worth: read on before idling
                                continue;
                            }
                        }
                        if (stopping()) break;
                        woken = false;
                        idling = true;
                        try {
                            folder.idle(true);
                        } finally {
                            idling = false;
                        }
                        if (!woken) notices.incrementAndGet();
                        failures = 0;
                    } catch (MessagingException | RuntimeException e) {
                        if (stopping()) break;
                        failures++;
                        error = e.getClass().getSimpleName() + ": " + e.getMessage();
                        MailboxPoller.close(folder, store);
                        folder = null;
                        store = null;
                        if (failures > RECONNECTS) {
                            log.warn("Stopped watching mailbox {} after {} failed reconnects: {}", mailbox.id(), RECONNECTS, error);
                            break;
                        }
                        long backoff = 1000L << (failures - 1);
                        log.info("Watching mailbox {} failed ({}); reconnecting in {} ms", mailbox.id(), error, backoff);
                        if (stopped.await(backoff, TimeUnit.MILLISECONDS)) break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn("Watching mailbox {} failed", mailbox.id(), e);
            } finally {
                tick.cancel(false);
                MailboxPoller.close(folder, store);
                watches.remove(mailbox.id(), this);
                boolean gaveUp = failures > RECONNECTS;
                // stopped or changed: due at once (another node, or a fresh poll with the new settings); after
                // failures: polling goes on at its interval
                try {
                    mailboxes.release(mailbox.id(), node, gaveUp ? properties.pollInterval() : Duration.ZERO,
                            gaveUp ? error : null);
                } catch (RuntimeException e) {
                    log.warn("Giving back the lease of mailbox {} failed; it expires by itself", mailbox.id(), e);
                }
                if (!changed) log.debug("Watch of mailbox {} ended", mailbox.id());
            }
        }

        private void reconnect() throws MessagingException {
            Store s = poller.connect(mailbox);
            try {
                Folder f = s.getFolder(mailbox.folder());
                f.open(Folder.READ_WRITE);
                if (!(f instanceof IMAPFolder imap)) throw new MessagingException("Not an IMAP folder");
                store = s;
                folder = imap;
            } catch (MessagingException | RuntimeException e) {
                MailboxPoller.close(null, s);
                throw e;
            }
        }
    }
}
