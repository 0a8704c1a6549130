package fi.aspa.workspace;

import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CasePage;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the organization holds on one customer, for the customer's request to see their data (GDPR art. 15): the
 * customer record with every contact point and who verified it, and every case with its messages (the customer's,
 * the replies and the internal notes, each marked, for the person answering the request to judge what is disclosed),
 * the files' names and sizes, the status history and the tags. Taking it is one logged view of the customer
 * ({@link #PURPOSE}). Other modules' records about the customer (satisfaction answers, hand-over receipts) are not in
 * it: the workspace knows them only through cases.
 */
@Component
class CustomerDataExport {
    static final String PURPOSE = "data-subject-request";
    private static final int PAGE = 200;

    private final Customers customers;
    private final Cases cases;
    private final Organizations organizations;
    private final Clock clock;

    CustomerDataExport(Customers customers, Cases cases, Organizations organizations, Clock clock) {
        this.customers = customers;
        this.cases = cases;
        this.organizations = organizations;
        this.clock = clock;
    }

    record Export(String organization, Instant exportedAt, Person customer, List<CaseData> cases) {}

    record Person(UUID id, String kind, String name, String personalIdentityCode, String businessId, String preferredLanguage,
                  List<Contact> contactPoints) {}

    record Contact(String kind, String value, boolean verified) {}

    record CaseData(String reference, String subject, String topic, String channel, String language, String status,
                    List<String> tags, Instant opened, Instant updated, List<Message> messages, List<Change> history) {}

    record Message(Instant at, String kind, String channel, String body, List<File> files) {}

    record File(String name, String contentType, long bytes) {}

    record Change(Instant at, String type, String by) {}

    /** One transaction: the access log entry and the reads it stands for commit together. */
    @Transactional
    Export export(StaffPrincipal me, UUID customerId) {
        OrganizationId org = me.organizationId();
        Customer c = customers.viewAsStaff(org, me.id(), customerId, PURPOSE, "export of the customer's data");
        List<CaseData> all = new ArrayList<>();
        CaseFilter filter = CaseFilter.all().withCustomer(customerId);
        for (int page = 0; ; page++) {
            CasePage found = cases.list(org, filter, CaseSort.CREATED_DESC, page, PAGE);
            List<UUID> ids = found.items().stream().map(CaseSummary::id).toList();
            cases.details(org, ids).stream().map(CustomerDataExport::caseData).forEach(all::add);
            if (!found.hasNext()) break;
        }
        all.sort(Comparator.comparing(CaseData::opened));
        return new Export(organizations.find(org).map(o -> o.slug()).orElse(null), clock.instant(),
                new Person(c.id(), c.kind().name(), c.name(), c.personalId(), c.businessId(),
                        c.preferredLanguage() == null ? null : c.preferredLanguage().code(),
                        c.contactPoints().stream().map(p -> new Contact(p.kind(), p.value(), p.verified())).toList()),
                all);
    }

    private static CaseData caseData(CaseDetail d) {
        CaseSummary s = d.summary();
        return new CaseData(s.reference(), s.subject(), d.topic(), s.channel().name(), s.language().code(), s.status().name(),
                s.tags(), s.createdAt(), s.updatedAt(),
                d.messages().stream().sorted(Comparator.comparing(CaseMessage::createdAt))
                        .map(m -> new Message(m.createdAt(), m.kind().name(), m.channel().name(), m.body(),
                                m.attachments().stream().map(a -> new File(a.filename(), a.contentType(), a.sizeBytes())).toList()))
                        .toList(),
                d.history().stream().map(e -> new Change(e.at(), e.type(), e.actor().name())).toList());
    }
}
