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
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import fi.aspa.platform.OrganizationId;

/**
 * Reads unseen mail over IMAP. A node polls a mailbox only while it holds the mailbox's lease, so two nodes never
 * read the same mailbox at once. Each message is read without being marked ({@code BODY.PEEK}), taken in and
 * committed ({@link EmailIngest}), and only then marked \Seen: a crash in between leaves it unseen, and the next
 * poll finds it stored already and only marks it.
 */
@Component
class MailboxPoller {
    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    /** What is done to a message in the mailbox once it is committed. */
    @FunctionalInterface
    interface Marker {
        void processed(Folder folder, Message message) throws MessagingException;
    }

    static final Marker SEEN = (folder, message) -> message.setFlag(Flags.Flag.SEEN, true);

    record Result(boolean claimed, int fetched, int stored, int duplicates, int failed, boolean more, String error) {
        static Result busy() {
            return new Result(false, 0, 0, 0, 0, false, null);
        }
    }

    private final MailboxStore mailboxes;
    private final EmailIngest ingest;
    private final EmailProperties properties;
    private final String node;

    MailboxPoller(MailboxStore mailboxes, EmailIngest ingest, EmailProperties properties) {
        this.mailboxes = mailboxes;
        this.ingest = ingest;
        this.properties = properties;
        this.node = hostname() + "/" + UUID.randomUUID();
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

    String node() {
        return node;
    }

    private Result run(Mailbox mailbox, Marker marker) {
        int fetched = 0;
        int stored = 0;
        int duplicates = 0;
        int failed = 0;
        boolean more = false;
        String error = null;
        Store store = null;
        Folder folder = null;
        try {
            store = connect(mailbox);
            folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
            int limit = Math.min(unseen.length, properties.maxPerPoll());
            more = unseen.length > limit;
            FetchProfile profile = new FetchProfile();
            profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
            for (int from = 0; from < limit; from += properties.batchSize()) {
                if (!mailboxes.renew(mailbox.id(), node, properties.lease())) {
                    error = "The lease on the mailbox was lost; another node continues";
                    more = true;
                    break;
                }
                Message[] batch = Arrays.copyOfRange(unseen, from, Math.min(limit, from + properties.batchSize()));
                folder.fetch(batch, profile);
                for (Message message : batch) {
                    fetched++;
                    EmailIngest.Outcome outcome;
                    try {
                        outcome = ingest.ingest(mailbox, raw(message));
                    } catch (IOException | MessagingException | RuntimeException e) {
                        failed++;
                        log.warn("Email {} of mailbox {} was not taken in; it stays unseen for the next poll",
                                message.getMessageNumber(), mailbox.id(), e);
                        continue;
                    }
                    if (outcome == EmailIngest.Outcome.DUPLICATE) duplicates++;
                    else stored++;
                    marker.processed(folder, message); // only now: the message is committed
                }
            }
            if (failed > 0 && error == null) error = failed + " messages could not be taken in";
        } catch (MessagingException | RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Polling mailbox {} failed: {}", mailbox.id(), error);
        } finally {
            close(folder, store);
            mailboxes.release(mailbox.id(), node, more ? Duration.ZERO : properties.pollInterval(), error);
        }
        return new Result(true, fetched, stored, duplicates, failed, more, error);
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
