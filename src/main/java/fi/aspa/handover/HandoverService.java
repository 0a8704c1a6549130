package fi.aspa.handover;

import fi.aspa.cases.Actor;
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
    static final int MAX_ATTACHMENTS = 5;

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

        Set<Handover.Part> parts = EnumSet.of(Handover.Part.SUBJECT, Handover.Part.SUMMARY, Handover.Part.CONTACT);
        if (request.includeMessages()) parts.add(Handover.Part.MESSAGES);
        if (request.includeAttachments()) parts.add(Handover.Part.ATTACHMENTS);
        UUID id = Ids.next();
        Instant now = clock.instant();
        Language language = detail.summary().language();
        Locale locale = language.locale();

        // the receiver's own customer: the name and contact details only, never the identity code; unverified, so it
        // never attaches to someone else's timeline there
        UUID receiverCustomer = customers.resolve(receiver, ContactDetails.resident(customer.name(), customer.email(),
                customer.phone(), customer.preferredLanguage()));
        StringBuilder body = new StringBuilder(summary);
        List<NewAttachment> files = new ArrayList<>();
        List<CaseMessage> conversation = detail.messages().stream().filter(m -> m.kind() != MessageKind.NOTE).toList();
        if (request.includeMessages()) {
            body.append("\n\n").append(messages.getMessage("handover.received.messages", null, locale));
            for (CaseMessage m : conversation) {
                body.append("\n\n— ").append(messages.getMessage(m.kind() == MessageKind.INBOUND ? "handover.received.from-customer"
                        : "handover.received.from-sender", null, locale)).append(":\n").append(m.body());
            }
        }
        if (request.includeAttachments()) {
            for (CaseMessage m : conversation) {
                for (CaseMessage.AttachmentInfo a : m.attachments()) {
                    if (files.size() >= MAX_ATTACHMENTS) break;
                    cases.attachment(sender, caseId, a.id()).ifPresent(c -> files.add(new NewAttachment(c.filename(), c.content())));
                }
            }
        }
        String text = body.length() > 20_000 ? body.substring(0, 20_000) : body.toString();
        OpenedCase received = cases.open(receiver, new NewCase(Channel.API, receiverCustomer, detail.summary().subject(), text,
                language, null, null, detail.summary().priority(), Set.of(TAG), files, Actor.system()));

        store.insert(new HandoverStore.Row(id, sender, caseId, receiver, received.id(), request.basis(), basisDetail, parts,
                CaseStatus.NEW, now), summary, staffId);

        String partList = parts.stream().map(p -> messages.getMessage("handover.part." + p.name(), null, locale))
                .collect(Collectors.joining(", "));
        String basisText = messages.getMessage("handover.basis." + request.basis().name(), null, locale) + ": " + basisDetail;
        cases.addNote(sender, caseId, Actor.staff(staffId), messages.getMessage("handover.note.sent",
                new Object[] {receiverOrg.name().in(language), id.toString(), partList, basisText}, locale));
        String sentBy = staffId == null ? null : staff.find(sender, staffId).map(StaffUser::displayName).orElse(null);
        if (sentBy == null) sentBy = messages.getMessage("handover.sent-by.system", null, locale);
        cases.addNote(receiver, received.id(), Actor.system(), messages.getMessage("handover.note.received",
                new Object[] {senderOrg.name().in(language), id.toString(), partList, basisText, sentBy, DateTimes.dateTime(now, locale)}, locale));
        String partCodes = parts.stream().map(Enum::name).collect(Collectors.joining(","));
        accessLog.record(sender, staffId, customer.id(), PURPOSE, "handover " + id + " to " + receiverOrg.slug() + ": " + partCodes);
        // the receiver's own log: who sent what, when and on what basis; no staff member of the receiver was involved
        accessLog.recordBySystem(receiver, receiverCustomer, RECEIPT_PURPOSE, "handover " + id + " from " + senderOrg.slug()
                + " by " + sentBy + " at " + now + ": " + partCodes + "; basis " + request.basis().name() + ": " + basisDetail);
        return id;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Handover> ofCase(OrganizationId organization, UUID caseId) {
        List<Handover> list = new ArrayList<>();
        for (HandoverStore.Row r : store.sentFrom(organization, caseId)) {
            list.add(new Handover(r.id(), Handover.Direction.SENT, name(r.receiver()), r.basis(), r.basisDetail(),
                    r.included(), r.receiverStatus(), r.at()));
        }
        for (HandoverStore.Row r : store.receivedInto(organization, caseId)) {
            list.add(new Handover(r.id(), Handover.Direction.RECEIVED, name(r.sender()), r.basis(), r.basisDetail(),
                    r.included(), null, r.at()));
        }
        return list;
    }

    void receiverStatusChanged(OrganizationId receiver, UUID caseId, CaseStatus status) {
        store.receiverStatus(receiver, caseId, status, clock.instant());
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
