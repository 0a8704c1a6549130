package fi.aspa.channels.email;

import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseBatches;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewAttachment;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.cases.TimelineEntry;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customer;
import fi.aspa.customer.CustomerBatches;
import fi.aspa.customer.Customers;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One raw email into the case model, in one transaction with its {@code email_message} row:
 * <ol>
 *   <li>a Message-ID already stored is skipped (idempotence: a re-fetched message changes nothing);</li>
 *   <li>a bounce is noted on the case of the mail that bounced, or only recorded;</li>
 *   <li>a reply (In-Reply-To/References to a stored Message-ID, or the case reference in the subject from the
 *       case's own customer) continues its case — an automatic reply as a note, so it does not reopen the case;</li>
 *   <li>anything else opens a new case for the sender (an unverified email contact).</li>
 * </ol>
 * An attachment the cases module refuses is left out and noted; the message is kept. A message that cannot be
 * read is kept raw, flagged, and opens a case with a note.
 */
@Service
class EmailIngest {
    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 20_000;
    private static final Pattern REFERENCE_LIKE = Pattern.compile("-\\d{4}-\\d{6}(?!\\d)");
    private static final Logger log = LoggerFactory.getLogger(EmailIngest.class);

    enum Outcome { NEW_CASE, CUSTOMER_MESSAGE, NOTE, RECORDED, DUPLICATE }

    private final EmailParser parser;
    private final EmailStore store;
    private final Cases cases;
    private final CaseBatches caseBatches;
    private final Customers customers;
    private final CustomerBatches customerBatches;
    private final Organizations organizations;
    private final MessageSource messages;
    private final TransactionTemplate tx;
    private final Clock clock;

    EmailIngest(EmailParser parser, EmailStore store, Cases cases, CaseBatches caseBatches, Customers customers,
                CustomerBatches customerBatches, Organizations organizations, MessageSource messages,
                PlatformTransactionManager transactions, Clock clock) {
        this.parser = parser;
        this.store = store;
        this.cases = cases;
        this.caseBatches = caseBatches;
        this.customers = customers;
        this.customerBatches = customerBatches;
        this.organizations = organizations;
        this.messages = messages;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** A file left out of the case, with the reason (an {@code error.*} message key and its arguments). */
    record Dropped(String filename, String code, Object[] args) {}

    Outcome ingest(Mailbox mailbox, byte[] raw) {
        return ingest(mailbox, raw, parser.parse(raw));
    }

    ParsedEmail parse(byte[] raw) {
        return parser.parse(raw);
    }

    /** A message to take in: its bytes and what parsing found. */
    record Incoming(byte[] raw, ParsedEmail mail) {}

    /** Which of these message keys the organization has stored already (one query). */
    Set<String> stored(OrganizationId organization, List<String> messageKeys) {
        return store.storedKeys(organization, messageKeys);
    }

    /**
     * Takes in several messages, in order, in one transaction: one commit instead of one per message. When any of
     * them fails (an attachment refused, a malformed message, a database error), the whole group is rolled back
     * and nothing of it is kept: empty, and the caller takes them in one by one ({@link #ingest}), so that each
     * gets the handling a single message gets. Consecutive messages that surely open a new case ({@link #opensCase})
     * are taken in together: their rows, customers and cases are written with batched statements.
     */
    Optional<List<Outcome>> ingestGroup(Mailbox mailbox, List<Incoming> group) {
        try {
            return Optional.of(tx.execute(status -> {
                List<Outcome> outcomes = new ArrayList<>(group.size());
                for (int from = 0; from < group.size(); ) {
                    int to = from;
                    while (to < group.size() && opensCase(group.get(to).mail())) to++;
                    if (to > from) {
                        outcomes.addAll(newCases(mailbox, group.subList(from, to)));
                        from = to;
                        continue;
                    }
                    Incoming in = group.get(from++);
                    outcomes.add(apply(mailbox, in.mail(), in.raw(), uniqueNames(in.mail().attachments()), new ArrayList<>()));
                }
                return outcomes;
            }));
        } catch (RuntimeException e) {
            log.debug("A group of {} emails was rolled back; taking them in one by one", group.size(), e);
            return Optional.empty();
        }
    }

    /** The cases that these Message-IDs of the organization's stored mail belong to (one query). */
    java.util.Map<String, UUID> casesOf(OrganizationId organization, List<String> messageIds) {
        return store.casesOf(organization, messageIds);
    }

    /** Whether the message may belong to an existing conversation (then it is taken in after new ones, in order). */
    static boolean mayContinue(ParsedEmail mail) {
        return !mail.threadIds().isEmpty() || mail.bounce() || REFERENCE_LIKE.matcher(mail.subject()).find();
    }

    /** Whether the message opens a new case whatever is stored: nothing in it can lead to one, and it was read whole. */
    static boolean opensCase(ParsedEmail mail) {
        return !mayContinue(mail) && !mail.malformed();
    }

    /**
     * Messages that {@link #opensCase open a case} each, in the caller's transaction, with batched statements: one per
     * table for their customers and cases, then one that stores the messages, complete. A Message-ID that comes twice
     * is taken once; one stored meanwhile (by another node) or a refused attachment refuses the whole group
     * ({@link #ingestGroup}), which is then taken in one by one.
     */
    private List<Outcome> newCases(Mailbox mailbox, List<Incoming> items) {
        OrganizationId organization = mailbox.organizationId();
        Set<String> keys = new HashSet<>();
        List<Outcome> outcomes = new ArrayList<>(items.size());
        List<Incoming> fresh = new ArrayList<>(items.size());
        for (Incoming in : items) {
            boolean first = keys.add(in.mail().messageKey());
            outcomes.add(first ? Outcome.NEW_CASE : Outcome.DUPLICATE);
            if (first) fresh.add(in);
        }
        List<Language> languages = fresh.stream().map(in -> language(in.mail())).toList();
        List<UUID> customerIds = customerBatches.resolveAll(organization,
                java.util.stream.IntStream.range(0, fresh.size()).mapToObj(i -> contact(fresh.get(i).mail(), languages.get(i))).toList());
        List<NewCase> commands = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            ParsedEmail mail = fresh.get(i).mail();
            commands.add(newCase(mailbox, mail, languages.get(i), customerIds.get(i), uniqueNames(mail.attachments())));
        }
        List<CaseBatches.Opened> opened = caseBatches.openAll(organization, commands);
        List<EmailStore.Opened> rows = new ArrayList<>(opened.size());
        for (int i = 0; i < opened.size(); i++) {
            rows.add(new EmailStore.Opened(fresh.get(i).mail(), fresh.get(i).raw(), opened.get(i).opened().id(),
                    opened.get(i).messageId()));
        }
        if (!store.storeOpened(mailbox, rows, clock.instant())) {
            throw new IllegalStateException("An email of the group was stored meanwhile");
        }
        return outcomes;
    }

    Outcome ingest(Mailbox mailbox, byte[] raw, ParsedEmail mail) {
        List<ParsedEmail.Attachment> files = uniqueNames(mail.attachments());
        List<Dropped> dropped = new ArrayList<>();
        RuntimeException failure = null;
        for (int attempt = 0; attempt <= mail.attachments().size() + 1; attempt++) {
            try {
                return tx.execute(status -> apply(mailbox, mail, raw, files, dropped));
            } catch (AspaException e) {
                if (!drop(e, files, dropped)) {
                    failure = e;
                    break;
                }
            } catch (DataAccessException e) {
                throw e; // the database is the problem: the message stays in the mailbox for the next poll
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
        }
        String reason = failure == null ? "attachments refused" : failure.getMessage();
        log.warn("Email {} could not be taken in as it is; keeping it raw as malformed", mail.messageKey(), failure);
        ParsedEmail kept = new ParsedEmail(mail.messageKey(), mail.messageId(), List.of(), mail.fromAddress(),
                mail.fromName(), mail.subject(), mail.contentLanguage(), mail.text(), null, List.of(),
                mail.autoSubmitted(), mail.noAutoReply(), mail.bounce(), List.of(), mail.bounceSummary(), true,
                reason, mail.rawSha256());
        List<Dropped> all = new ArrayList<>(dropped);
        files.forEach(f -> all.add(new Dropped(f.filename(), "email-attachment-kept-raw", new Object[] {f.filename()})));
        return tx.execute(status -> newCase(mailbox, kept, raw, store.claimInbound(mailbox, kept, raw, clock.instant()),
                List.of(), all));
    }

    private Outcome apply(Mailbox mailbox, ParsedEmail mail, byte[] raw, List<ParsedEmail.Attachment> files,
                          List<Dropped> dropped) {
        Optional<UUID> row = store.claimInbound(mailbox, mail, raw, clock.instant());
        if (row.isEmpty()) return Outcome.DUPLICATE;
        OrganizationId organization = mailbox.organizationId();
        Optional<UUID> thread = store.caseOf(organization, mail.threadIds());
        if (mail.bounce()) {
            if (thread.isEmpty()) thread = store.caseOf(organization, mail.bouncedIds());
            if (thread.isEmpty()) {
                store.complete(row.get(), EmailStore.Kind.RECORDED, null, null);
                return Outcome.RECORDED;
            }
            UUID caseId = thread.get();
            Language language = caseLanguage(organization, caseId);
            String summary = mail.bounceSummary().isBlank() ? Text.cap(mail.text(), 2000) : mail.bounceSummary();
            UUID note = cases.addNote(organization, caseId, Actor.system(),
                    Text.cap(message("email.note.bounce", language, mail.fromAddress(), summary), MAX_BODY));
            store.complete(row.get(), EmailStore.Kind.NOTE, caseId, note);
            return Outcome.NOTE;
        }
        if (thread.isEmpty()) thread = byReference(organization, mail);
        if (thread.isEmpty()) return newCase(mailbox, mail, raw, row, files, dropped);

        UUID caseId = thread.get();
        Language language = caseLanguage(organization, caseId);
        if (mail.autoSubmitted()) {
            String note = message("email.note.auto-reply", language, String.valueOf(mail.fromAddress()), mail.subject())
                    + "\n\n" + mail.text();
            UUID noteId = cases.addNote(organization, caseId, Actor.system(), Text.cap(note.strip(), MAX_BODY));
            store.complete(row.get(), EmailStore.Kind.NOTE, caseId, noteId);
            return Outcome.NOTE;
        }
        UUID messageId = cases.addCustomerMessage(organization, caseId, body(mail, language), Channel.EMAIL,
                attachments(files));
        if (store.answersOurMessageTo(organization, mail.threadIds(), mail.fromAddress())) {
            // a reply to our own message sent to this address: the address is the customer's (verified, how = REPLY)
            cases.summary(organization, caseId).ifPresent(c ->
                    customers.confirmContactByReply(organization, c.customerId(), "EMAIL", mail.fromAddress()));
        }
        notes(organization, caseId, mail, dropped, language);
        store.complete(row.get(), EmailStore.Kind.CUSTOMER_MESSAGE, caseId, messageId);
        return Outcome.CUSTOMER_MESSAGE;
    }

    /**
     * Tags a new case with the mailbox it came through, {@code mailbox:<address>}, so that routing rules can match
     * on it (tags are at most 50 characters: an address longer than 42 is not tagged).
     */
    static Set<String> mailboxTag(Mailbox mailbox) {
        String tag = "mailbox:" + mailbox.fromAddress().toLowerCase(java.util.Locale.ROOT);
        return tag.length() <= 50 ? Set.of(tag) : Set.of();
    }

    private Outcome newCase(Mailbox mailbox, ParsedEmail mail, byte[] raw, Optional<UUID> row,
                            List<ParsedEmail.Attachment> files, List<Dropped> dropped) {
        if (row.isEmpty()) return Outcome.DUPLICATE;
        OrganizationId organization = mailbox.organizationId();
        Language language = language(mail);
        UUID customer = customers.resolve(organization, contact(mail, language));
        OpenedCase opened = cases.open(organization, newCase(mailbox, mail, language, customer, files));
        // the message that opened the case: the customer's newest (one query; detail() would read the whole case)
        UUID first = cases.timeline(organization, customer, 1).stream().filter(t -> t.caseId().equals(opened.id()))
                .map(TimelineEntry::messageId).findFirst().orElse(null);
        notes(organization, opened.id(), mail, dropped, language);
        store.complete(row.get(), EmailStore.Kind.NEW_CASE, opened.id(), first);
        return Outcome.NEW_CASE;
    }

    private static Language language(ParsedEmail mail) {
        return LanguageGuess.guess(mail.contentLanguage(), mail.subject(), mail.text());
    }

    /** The sender as a contact: unverified, as anyone can write any From address. */
    private static ContactDetails contact(ParsedEmail mail, Language language) {
        String name = mail.fromName() != null ? mail.fromName() : mail.fromAddress();
        return ContactDetails.resident(name, mail.fromAddress(), null, language);
    }

    private NewCase newCase(Mailbox mailbox, ParsedEmail mail, Language language, UUID customer,
                            List<ParsedEmail.Attachment> files) {
        String subject = mail.subject().isBlank() ? message("email.subject.none", language) : Text.cap(mail.subject(), MAX_SUBJECT);
        return new NewCase(Channel.EMAIL, customer, subject, body(mail, language), language, null, mailbox.unitId(), null,
                mailboxTag(mailbox), attachments(files), Actor.customer());
    }

    /** The case reference in the subject counts only when the sender is that case's customer. */
    private Optional<UUID> byReference(OrganizationId organization, ParsedEmail mail) {
        if (mail.fromAddress() == null || !REFERENCE_LIKE.matcher(mail.subject()).find()) return Optional.empty();
        String prefix = organizations.find(organization).map(o -> o.casePrefix()).orElse("ASPA");
        Matcher m = Pattern.compile("(?i)(?<![\\p{Alnum}])" + Pattern.quote(prefix) + "-\\d{4}-\\d{6}(?!\\d)").matcher(mail.subject());
        while (m.find()) {
            Optional<UUID> caseId = cases.idByReference(organization, m.group());
            Optional<UUID> customer = caseId.flatMap(id -> cases.summary(organization, id)).map(CaseSummary::customerId);
            boolean sameSender = customer.flatMap(c -> customers.find(organization, c)).map(Customer::contactPoints)
                    .orElse(List.of()).stream()
                    .anyMatch(p -> p.kind().equals("EMAIL") && p.value().equalsIgnoreCase(mail.fromAddress()));
            if (sameSender) return caseId;
        }
        return Optional.empty();
    }

    private void notes(OrganizationId organization, UUID caseId, ParsedEmail mail, List<Dropped> dropped, Language language) {
        if (!dropped.isEmpty()) {
            StringBuilder note = new StringBuilder(message("email.note.attachments-dropped", language));
            for (Dropped d : dropped) {
                note.append("\n- ").append(messages.getMessage("error." + d.code(), d.args(), d.filename(), language.locale()));
            }
            cases.addNote(organization, caseId, Actor.system(), Text.cap(note.toString(), MAX_BODY));
        }
        if (mail.malformed()) {
            cases.addNote(organization, caseId, Actor.system(),
                    Text.cap(message("email.note.malformed", language, String.valueOf(mail.malformedReason())), MAX_BODY));
        }
    }

    private String body(ParsedEmail mail, Language language) {
        String text = mail.text().isBlank() ? message("email.body.empty", language) : mail.text();
        return Text.cap(text, MAX_BODY);
    }

    private Language caseLanguage(OrganizationId organization, UUID caseId) {
        return cases.summary(organization, caseId).map(CaseSummary::language).orElse(Language.FI);
    }

    private String message(String key, Language language, Object... args) {
        return messages.getMessage(key, args, language.locale());
    }

    private static List<NewAttachment> attachments(List<ParsedEmail.Attachment> files) {
        return files.stream().map(f -> new NewAttachment(f.filename(), f.content())).toList();
    }

    /**
     * Leaves out the file the cases module refused (its error names it, or says how many are allowed) and
     * returns true; false when the error is not about attachments.
     */
    static boolean drop(AspaException e, List<ParsedEmail.Attachment> files, List<Dropped> dropped) {
        Object[] args = e.args();
        switch (e.code()) {
            case "too-many-attachments" -> {
                int max = args.length > 0 && args[0] instanceof Integer i ? i : 0;
                while (files.size() > max) {
                    ParsedEmail.Attachment last = files.removeLast();
                    dropped.add(new Dropped(last.filename(), e.code(), args));
                }
                return true;
            }
            case "attachment-type", "attachment-too-large" -> {
                if (files.isEmpty()) return false;
                String name = args.length > 0 ? String.valueOf(args[0]) : null;
                int index = -1;
                for (int i = 0; i < files.size(); i++) {
                    if (files.get(i).filename().equals(name)) {
                        index = i;
                        break;
                    }
                }
                if (index < 0) {
                    files.forEach(f -> dropped.add(new Dropped(f.filename(), e.code(), new Object[] {f.filename()})));
                    files.clear();
                } else {
                    dropped.add(new Dropped(name, e.code(), args));
                    files.remove(index);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * Names as the cases module will store them (its attachment policy keeps the last path segment, replaces
     * control and reserved characters, caps the length), made unique, so a refusal naming a file names one.
     */
    static List<ParsedEmail.Attachment> uniqueNames(List<ParsedEmail.Attachment> files) {
        List<ParsedEmail.Attachment> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ParsedEmail.Attachment f : files) {
            String name = NewAttachment.safeName(f.filename(), NewAttachment.MAX_NAME - 10);
            String candidate = name;
            for (int n = 2; !seen.add(candidate.toLowerCase(Locale.ROOT)); n++) {
                int dot = name.lastIndexOf('.');
                candidate = dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
            }
            out.add(new ParsedEmail.Attachment(candidate, f.contentType(), f.content(), f.inline()));
        }
        return out;
    }

}
