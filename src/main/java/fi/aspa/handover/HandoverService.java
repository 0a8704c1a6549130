package fi.aspa.handover;

import fi.aspa.cases.Actor;
import fi.aspa.cases.AttachmentContent;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.cases.NewAttachment;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends a case to another organization in one transaction: the receiving customer and case, both histories, the
 * disclosure in the sender's access log and the hand-over row commit together or not at all.
 */
@Service
@Transactional
class HandoverService implements Handovers {
    static final String PURPOSE = "handover-disclosure";
    /** The receiver's log: a hand-over brought this customer's data here (recorded by the system). */
    static final String RECEIPT_PURPOSE = "handover-receipt";
    static final int MAX_SUMMARY = 5000;
    static final int MAX_BASIS = 500;
    /** The receiving case's opening text is at most this long (the cases module's limit for a message). */
    static final int MAX_TEXT = 20_000;
    /** The fixed texts of the receiving case: an organization has no language of its own, so Finnish. */
    static final Language RECEIVER_LANGUAGE = Language.FI;

    private final HandoverStore store;
    private final Cases cases;
    private final Customers customers;
    private final Organizations organizations;
    private final PersonalDataLog accessLog;
    private final MessageSource messages;
    private final Clock clock;
    private final Staff staff;

    HandoverService(HandoverStore store, Cases cases, Customers customers, Organizations organizations,
                    PersonalDataLog accessLog, MessageSource messages, Clock clock, Staff staff) {
        this.staff = staff;
        this.store = store;
        this.cases = cases;
        this.customers = customers;
        this.organizations = organizations;
        this.accessLog = accessLog;
        this.messages = messages;
        this.clock = clock;
    }

    /** What the agent filled in. {@code includeMessages}/{@code includeAttachments} are the ticked boxes. */
    record Request(UUID receiverOrganization, String summary, Handover.Basis basis, String basisDetail,
                   boolean includeMessages, boolean includeAttachments) {}

    UUID send(OrganizationId sender, UUID staffId, UUID caseId, Request request) {
        if (request.receiverOrganization() == null || request.receiverOrganization().equals(sender.value())
                || !store.accepts(new OrganizationId(request.receiverOrganization()))) {
            throw AspaException.invalid("handover-receiver", "The organization does not accept hand-overs");
        }
        String summary = text("summary", request.summary(), MAX_SUMMARY);
        if (request.basis() == null) throw AspaException.invalid("required", "basis is required", "basis");
        String basisDetail = text("basisDetail", request.basisDetail(), MAX_BASIS);
        OrganizationId receiver = new OrganizationId(request.receiverOrganization());
        Organization senderOrg = organizations.find(sender).orElseThrow(() -> AspaException.notFound("Organization"));
        Organization receiverOrg = organizations.find(receiver).orElseThrow(() -> AspaException.notFound("Organization"));
        CaseDetail detail = cases.detail(sender, caseId).orElseThrow(() -> AspaException.notFound("Case"));
        Customer customer = customers.find(sender, detail.summary().customerId()).orElseThrow(() -> AspaException.notFound("Customer"));
        List<CaseMessage> conversation = detail.messages().stream().filter(m -> m.kind() != MessageKind.NOTE).toList();
        List<CaseMessage.AttachmentInfo> attachments = request.includeAttachments() ? attachments(conversation) : List.of();
        int maxAttachments = maxAttachments();
        if (attachments.size() > maxAttachments) {
            // never dropped silently: the agent is told which files would not fit (HandoverPages checks it first)
            throw AspaException.invalid("handover-attachments", "At most " + maxAttachments + " attachments can be handed over",
                    maxAttachments, String.join(", ", names(attachments.subList(maxAttachments, attachments.size()))));
        }

        Set<Handover.Part> parts = EnumSet.of(Handover.Part.SUBJECT, Handover.Part.SUMMARY, Handover.Part.CONTACT);
        if (request.includeMessages()) parts.add(Handover.Part.MESSAGES);
        if (request.includeAttachments()) parts.add(Handover.Part.ATTACHMENTS);
        UUID id = Ids.next();
        Instant now = clock.instant();
        // the fixed texts are for each organization's staff, not for the customer: the sender's in the language of the
        // person handing over, the receiver's in Finnish (an organization has no language of its own)
        StaffUser sentByUser = staffId == null ? null : staff.find(sender, staffId).orElse(null);
        Locale senderLocale = staffLocale(sentByUser);
        Locale receiverLocale = RECEIVER_LANGUAGE.locale();
        String sentBy = sentByUser == null ? messages.getMessage("handover.sent-by.system", null, receiverLocale) : sentByUser.displayName();

        // the receiver's own customer: the name and contact details only, never the identity code; unverified, so it
        // never attaches to someone else's timeline there
        UUID receiverCustomer = customers.resolve(receiver, ContactDetails.resident(customer.name(), customer.email(),
                customer.phone(), customer.preferredLanguage()));
        // the summary is the sender's, said so; the quoted messages each with who, when and by which channel
        StringBuilder body = new StringBuilder(messages.getMessage("handover.received.summary",
                new Object[] {senderOrg.name().in(RECEIVER_LANGUAGE), sentBy}, receiverLocale)).append('\n').append(summary);
        if (request.includeMessages()) {
            body.append("\n\n").append(messages.getMessage("handover.received.messages", null, receiverLocale));
            for (CaseMessage m : conversation) {
                String who = m.kind() == MessageKind.INBOUND ? messages.getMessage("handover.received.from-customer", null, receiverLocale)
                        : messages.getMessage("handover.received.from-sender", new Object[] {senderOrg.name().in(RECEIVER_LANGUAGE)}, receiverLocale);
                String channel = m.channel() == null ? null
                        : messages.getMessage("workspace.channel." + m.channel().name(), null, m.channel().name(), receiverLocale);
                body.append("\n\n— ").append(who).append(", ").append(DateTimes.dateTime(m.createdAt(), receiverLocale));
                if (channel != null) body.append(", ").append(channel);
                body.append(":\n").append(m.body());
            }
        }
        List<NewAttachment> files = new ArrayList<>();
        for (CaseMessage.AttachmentInfo a : attachments) {
            AttachmentContent c = cases.attachment(sender, caseId, a.id())
                    .orElseThrow(() -> AspaException.notFound("Attachment " + a.filename()));
            files.add(new NewAttachment(c.filename(), c.content()));
        }
        String fileNames = files.stream().map(NewAttachment::filename).collect(Collectors.joining(", "));
        boolean truncated = body.length() > MAX_TEXT;
        String text = truncated ? cut(body, messages.getMessage("handover.received.truncated", new Object[] {MAX_TEXT}, receiverLocale))
                : body.toString();
        OpenedCase received = cases.open(receiver, new NewCase(Channel.API, receiverCustomer, detail.summary().subject(), text,
                detail.summary().language(), null, null, detail.summary().priority(), Set.of(TAG), files, Actor.system()));

        store.insert(new HandoverStore.Row(id, sender, caseId, receiver, received.id(), request.basis(), basisDetail, parts,
                CaseStatus.NEW, now, now), summary, staffId);

        cases.addNote(sender, caseId, Actor.staff(staffId), messages.getMessage("handover.note.sent",
                new Object[] {receiverOrg.name().in(Language.of(senderLocale)), id.toString(), partList(parts, senderLocale),
                        basisText(request, basisDetail, senderLocale)}, senderLocale)
                + what(fileNames, truncated, senderLocale));
        cases.addNote(receiver, received.id(), Actor.system(), messages.getMessage("handover.note.received",
                new Object[] {senderOrg.name().in(RECEIVER_LANGUAGE), id.toString(), partList(parts, receiverLocale),
                        basisText(request, basisDetail, receiverLocale), sentBy, DateTimes.dateTime(now, receiverLocale)}, receiverLocale)
                + what(fileNames, truncated, receiverLocale));
        String partCodes = parts.stream().map(Enum::name).collect(Collectors.joining(","));
        String sentWhat = partCodes + (files.isEmpty() ? "" : "; files: " + fileNames)
                + (truncated ? "; text truncated at " + MAX_TEXT + " characters" : "");
        accessLog.record(sender, staffId, customer.id(), PURPOSE, "handover " + id + " to " + receiverOrg.slug() + ": " + sentWhat);
        // the receiver's own log: who sent what, when and on what basis; no staff member of the receiver was involved
        accessLog.recordBySystem(receiver, receiverCustomer, RECEIPT_PURPOSE, "handover " + id + " from " + senderOrg.slug()
                + " by " + sentBy + " at " + now + ": " + sentWhat + "; basis " + request.basis().name() + ": " + basisDetail);
        return id;
    }

    /** The files a hand-over of this case would send, oldest first (the customer's and the sender's messages, no notes). */
    private static List<CaseMessage.AttachmentInfo> attachments(List<CaseMessage> conversation) {
        return conversation.stream().flatMap(m -> m.attachments().stream()).toList();
    }

    private static List<String> names(List<CaseMessage.AttachmentInfo> files) {
        return files.stream().map(CaseMessage.AttachmentInfo::filename).toList();
    }

    /** The names of the case's files that a hand-over could not take (empty when all fit). */
    @Transactional(readOnly = true)
    List<String> attachmentsThatDoNotFit(OrganizationId organization, UUID caseId) {
        List<CaseMessage.AttachmentInfo> all = cases.detail(organization, caseId)
                .map(d -> attachments(d.messages().stream().filter(m -> m.kind() != MessageKind.NOTE).toList())).orElse(List.of());
        int maxAttachments = maxAttachments();
        return all.size() <= maxAttachments ? List.of() : names(all.subList(maxAttachments, all.size()));
    }

    /** A message takes at most this many files: the cases module's own limit, which the receiving case is opened under. */
    int maxAttachments() {
        return cases.attachmentLimits().maxFiles();
    }

    /** The text cut to {@link #MAX_TEXT} characters with the marker at its end, never in the middle of a character. */
    private static String cut(CharSequence body, String marker) {
        int end = MAX_TEXT - marker.length() - 2;
        if (Character.isHighSurrogate(body.charAt(end - 1))) end--;
        return body.subSequence(0, end) + "\n\n" + marker;
    }

    private String partList(Set<Handover.Part> parts, Locale locale) {
        return parts.stream().map(p -> messages.getMessage("handover.part." + p.name(), null, locale)).collect(Collectors.joining(", "));
    }

    private String basisText(Request request, String basisDetail, Locale locale) {
        return messages.getMessage("handover.basis." + request.basis().name(), null, locale) + ": " + basisDetail;
    }

    /** The files sent and whether the text was cut, for both notes. */
    private String what(String fileNames, boolean truncated, Locale locale) {
        String files = fileNames.isEmpty() ? "" : " " + messages.getMessage("handover.note.files", new Object[] {fileNames}, locale);
        return files + (truncated ? " " + messages.getMessage("handover.note.truncated", new Object[] {MAX_TEXT}, locale) : "");
    }

    /** The language of the person who handed the case over, for the notes on the sender's case; Finnish by default. */
    static Locale staffLocale(StaffUser user) {
        return (user == null || user.language() == null ? Language.FI : user.language()).locale();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Handover> ofCase(OrganizationId organization, UUID caseId) {
        List<Handover> list = new ArrayList<>();
        for (HandoverStore.Row r : store.sentFrom(organization, caseId)) {
            list.add(new Handover(r.id(), Handover.Direction.SENT, name(r.receiver()), r.basis(), r.basisDetail(),
                    r.included(), r.receiverStatus(), r.receiverUpdatedAt(), r.at()));
        }
        for (HandoverStore.Row r : store.receivedInto(organization, caseId)) {
            list.add(new Handover(r.id(), Handover.Direction.RECEIVED, name(r.sender()), r.basis(), r.basisDetail(),
                    r.included(), null, null, r.at()));
        }
        return list;
    }

    /**
     * The receiver's status change: the row the sender reads, and a note on the sender's case so that its staff learn
     * of it (in the language of the person who handed it over; nothing else of the receiving case is told).
     */
    void receiverStatusChanged(OrganizationId receiver, UUID caseId, CaseStatus status) {
        for (HandoverStore.Updated h : store.receiverStatus(receiver, caseId, status, clock.instant())) {
            Locale locale = staffLocale(h.sentBy() == null ? null : staff.find(h.sender(), h.sentBy()).orElse(null));
            String receiverName = name(receiver).in(Language.of(locale));
            cases.addNote(h.sender(), h.senderCaseId(), Actor.system(), messages.getMessage("handover.note.receiver-status",
                    new Object[] {receiverName, h.id().toString(), messages.getMessage("handover.status." + status.name(), null, locale)},
                    locale));
        }
    }

    private LocalizedText name(OrganizationId org) {
        return organizations.find(org).map(Organization::name).orElse(new LocalizedText("?", "?", "?"));
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) throw AspaException.invalid("required", field + " is required", field);
        String v = value.strip();
        if (v.length() > max) throw AspaException.invalid("too-long", field + " is too long", field, max);
        return v;
    }
}
