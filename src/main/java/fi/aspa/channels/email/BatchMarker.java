package fi.aspa.channels.email;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks committed batches (\Seen: one IMAP STORE each) in a thread of its own on the poll's connection, in the order
 * they were committed, while the poller stores the next batch: against Dovecot a STORE of 500 flags takes about as
 * long as fetching them (the server renames a Maildir file per message). Only committed batches are handed over, so
 * a message is still marked only after its commit. At most one batch waits while another is being marked. After a
 * failure nothing more is marked: the poller sees the failure at its first hand-over after it or at {@link #finish}
 * and ends the poll (by then the batch that waited to be marked and the one being stored may be committed too); what
 * was committed and not marked is read again next time and skipped as stored.
 */
final class BatchMarker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchMarker.class);
    private static final Message[] END = new Message[0];

    private final BlockingQueue<Message[]> queue = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private final AtomicLong nanos = new AtomicLong();
    private volatile Exception failure;
    private boolean ended;

    BatchMarker(Folder folder, MailboxPoller.Marker marker) {
        thread = Thread.ofPlatform().daemon().name("email-mark-" + folder.getFullName()).start(() -> {
            try {
                while (true) {
                    Message[] batch = queue.take();
                    if (batch == END) return;
                    if (failure != null) continue; // nothing more after a failure
                    long t = System.nanoTime();
                    try {
                        marker.processed(folder, batch);
                    } catch (MessagingException | RuntimeException e) {
                        failure = e;
                    } finally {
                        nanos.addAndGet(System.nanoTime() - t);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Hands a committed batch over to be marked; throws the failure of an earlier marking instead. */
    void mark(Message[] committed) throws MessagingException, InterruptedException {
        check();
        queue.put(committed);
    }

    /** Waits until everything handed over is marked; throws the failure, if any. */
    void finish() throws MessagingException, InterruptedException {
        end();
        thread.join();
        check();
    }

    /** How long the marking took (the server's time, overlapped with storing the next batch). */
    long nanos() {
        return nanos.get();
    }

    private void check() throws MessagingException {
        Exception e = failure;
        if (e instanceof MessagingException m) throw new MessagingException("Marking a committed batch failed: " + m.getMessage(), m);
        if (e instanceof RuntimeException r) throw r;
    }

    private void end() throws InterruptedException {
        if (!ended) {
            ended = true;
            if (!queue.offer(END, 60, TimeUnit.SECONDS)) log.warn("Marking in the background did not take the end");
        }
    }

    /** Lets what was handed over be marked (it is committed), then stops; waits for the thread a while. */
    @Override
    public void close() {
        try {
            end();
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) log.warn("Marking in the background did not end");
    }
}
