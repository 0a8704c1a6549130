package fi.aspa.workspace;

import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseEventEntry;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.MessageKind;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.Priority;
import fi.aspa.cases.TimelineEntry;
import fi.aspa.cases.TimelinePage;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.platform.OrganizationId;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Builds the case page from the modules' APIs: the case with its conversation and history, the customer (a
 * logged view of personal data, with the purpose given) and the customer's timeline. Names come from one
 * {@link Directory} load.
 */
@Component
class CaseViews {
    static final int TIMELINE_LENGTH = 50;

    private final Cases cases;
    private final Customers customers;
    private final WorkspaceLabels labels;

    CaseViews(Cases cases, Customers customers, WorkspaceLabels labels) {
        this.cases = cases;
        this.customers = customers;
        this.labels = labels;
    }

    /**
     * @param purpose why the customer's data is viewed: written to the access log with the staff member's id
     * @param revealPersonalId whether the full identity code is shown (the purpose should say so)
     */
    CaseView build(OrganizationId org, UUID staffId, CaseDetail detail, Directory.Names names, String purpose,
                   boolean revealPersonalId) {
        CaseSummary c = detail.summary();
        Customer customer = customers.viewAsStaff(org, staffId, c.customerId(), purpose, c.reference());
        TimelinePage timeline = cases.timeline(org, customer.id(), null, TIMELINE_LENGTH);
        return new CaseView(c.id(), c.reference(), c.subject(), labels.topic(detail.topic()), labels.status(c.status()),
                c.status().name(), labels.priority(c.priority()), c.priority().name(), labels.channel(c.channel()),
                c.unitId(), c.unitId() == null ? labels.msg("workspace.case.no-unit") : orUnknown(names.unit(c.unitId())),
                c.assigneeId(), c.assigneeId() == null ? labels.msg("workspace.unassigned") : staffName(names, c.assigneeId()),
                c.tags(), labels.dateTime(c.createdAt()), labels.iso(c.createdAt()), labels.dateTime(c.updatedAt()),
                labels.iso(c.updatedAt()),
                detail.messages().stream().map(m -> message(m, names, c.language())).toList(),
                detail.history().stream().map(e -> history(e, names)).toList(),
                customer(customer, revealPersonalId),
                timeline.entries().stream().map(t -> timelineItem(t, c.id())).toList(), timeline.older());
    }

    private CaseView.Message message(CaseMessage m, Directory.Names names, fi.aspa.platform.Language language) {
        return new CaseView.Message(m.id(), m.kind().name().toLowerCase(Locale.ROOT), labels.messageKind(m.kind()),
                labels.channel(m.channel()), m.authorStaffId() == null ? null : staffName(names, m.authorStaffId()),
                labels.dateTime(m.createdAt()), labels.iso(m.createdAt()), m.body(),
                m.attachments().stream().map(a -> new CaseView.Attachment(a.id(), a.filename(), labels.size(a.sizeBytes()))).toList(),
                m.kind() == MessageKind.NOTE ? null : language.code());
    }

    private CaseView.HistoryLine history(CaseEventEntry e, Directory.Names names) {
        String who = switch (e.actor()) {
            case STAFF -> e.actorStaffId() == null ? labels.msg("workspace.actor.STAFF") : staffName(names, e.actorStaffId());
            case CUSTOMER -> labels.msg("workspace.actor.CUSTOMER");
            case SYSTEM -> labels.msg("workspace.actor.SYSTEM");
            case API -> labels.msg("workspace.actor.API");
        };
        return new CaseView.HistoryLine(who, labels.event(e.type()), historyDetail(e.type(), e.detail(), names),
                labels.dateTime(e.at()), labels.iso(e.at()));
    }

    /** The event's details in words; an event or a value this page does not know shows nothing rather than failing. */
    String historyDetail(String type, Map<String, Object> detail, Directory.Names names) {
        try {
            return switch (type) {
                case "OPENED", "CUSTOMER_MESSAGE" -> detail.get("channel") == null ? null
                        : labels.msg("workspace.history.channel", labels.channel(Channel.valueOf(str(detail.get("channel")))));
                case "STATUS_CHANGED" -> labels.msg("workspace.history.change",
                        labels.status(CaseStatus.valueOf(str(detail.get("from")))), labels.status(CaseStatus.valueOf(str(detail.get("to")))));
                case "PRIORITY_CHANGED" -> labels.msg("workspace.history.change",
                        labels.priority(Priority.valueOf(str(detail.get("from")))), labels.priority(Priority.valueOf(str(detail.get("to")))));
                case "ASSIGNED" -> labels.msg("workspace.history.assigned", detail.get("to") == null
                        ? labels.msg("workspace.unassigned") : staffName(names, UUID.fromString(str(detail.get("to")))));
                case "TRANSFERRED" -> labels.msg("workspace.history.change",
                        detail.get("fromUnit") == null ? labels.msg("workspace.case.no-unit") : orUnknown(names.unit(UUID.fromString(str(detail.get("fromUnit"))))),
                        orUnknown(names.unit(UUID.fromString(str(detail.get("toUnit"))))));
                case "TAGGED" -> detail.get("tags") instanceof Collection<?> tags && !tags.isEmpty()
                        ? labels.msg("workspace.history.tags", String.join(", ", tags.stream().map(String::valueOf).toList()))
                        : labels.msg("workspace.history.no-tags");
                default -> null;
            };
        } catch (RuntimeException unknownValue) {
            return null;
        }
    }

    private CaseView.CustomerPanel customer(Customer customer, boolean revealPersonalId) {
        return new CaseView.CustomerPanel(customer.id(), labels.customerName(customer.name()), labels.customerKind(customer.kind()),
                customer.personalId() == null ? null : customer.maskedPersonalId(),
                revealPersonalId ? customer.personalId() : null, customer.businessId(),
                customer.contactPoints().stream().map(p -> new CaseView.Contact(labels.contactKind(p.kind()), p.value(), p.verified())).toList(),
                customer.preferredLanguage().code(), labels.languageName(customer.preferredLanguage()));
    }

    private CaseView.TimelineItem timelineItem(TimelineEntry t, UUID currentCase) {
        return new CaseView.TimelineItem(t.caseId(), t.reference(), t.subject(), labels.status(t.caseStatus()),
                labels.messageKind(t.kind()), t.kind().name().toLowerCase(Locale.ROOT), labels.channel(t.channel()),
                t.excerpt(), labels.dateTime(t.at()), labels.iso(t.at()), t.caseId().equals(currentCase), t.channel().name());
    }

    private String staffName(Directory.Names names, UUID id) {
        String name = names.staffName(id);
        return name == null ? labels.msg("workspace.actor.STAFF") : name;
    }

    private String orUnknown(String name) {
        return name == null ? labels.msg("workspace.case.unknown-unit") : name;
    }

    private static String str(Object value) {
        return String.valueOf(value);
    }
}
