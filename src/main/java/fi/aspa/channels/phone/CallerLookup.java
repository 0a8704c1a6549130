package fi.aspa.channels.phone;

import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customers behind a phone number, with their latest cases. When a staff member is known, each customer shown
 * is written to the personal-data access log (purpose {@value #PURPOSE}) in the same transaction.
 */
@Component
class CallerLookup {
    static final String PURPOSE = "phone-call";
    static final int RECENT = 5;

    private final Customers customers;
    private final Cases cases;
    private final PersonalDataLog accessLog;

    CallerLookup(Customers customers, Cases cases, PersonalDataLog accessLog) {
        this.customers = customers;
        this.cases = cases;
        this.accessLog = accessLog;
    }

    record Caller(UUID id, String name, List<CaseSummary> recentCases) {}

    @Transactional
    List<Caller> find(OrganizationId organization, String internationalNumber, UUID staffId) {
        List<UUID> ids = customers.findByContact(organization, internationalNumber);
        Map<UUID, String> names = customers.names(organization, ids);
        List<Caller> callers = new ArrayList<>();
        for (UUID id : ids) {
            if (staffId != null) accessLog.record(organization, staffId, id, PURPOSE, null);
            CaseFilter filter = new CaseFilter(Set.of(), null, null, null, null, false, id, null, null, null, null);
            callers.add(new Caller(id, names.getOrDefault(id, ""),
                    cases.list(organization, filter, CaseSort.UPDATED_DESC, 0, RECENT).items()));
        }
        return callers;
    }
}
