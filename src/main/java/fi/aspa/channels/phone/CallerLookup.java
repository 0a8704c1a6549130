package fi.aspa.channels.phone;

import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.customer.Customers;
import fi.aspa.identity.ApiClient;
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
 * The customers behind a phone number, with their latest cases. Whoever is shown them is written to the personal-data
 * access log (purpose {@value #PURPOSE}), one entry per customer, in the same transaction: a staff member on the phone
 * page, or for the telephony hook the agent it names, else the API token itself.
 */
@Component
class CallerLookup {
    static final String PURPOSE = "phone-call";
    static final int RECENT = 5;
    /** How many of a caller's open cases the phone page offers to add the call to (the most recently updated). */
    static final int OPEN = 20;
    /** The cases a call can be added to: those still being worked on. */
    static final Set<CaseStatus> OPEN_STATUSES = Set.of(CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING);

    private final Customers customers;
    private final Cases cases;
    private final PersonalDataLog accessLog;

    CallerLookup(Customers customers, Cases cases, PersonalDataLog accessLog) {
        this.customers = customers;
        this.cases = cases;
        this.accessLog = accessLog;
    }

    /** A customer with the number, the latest cases, and the open cases (new, open, waiting) a call can be added to. */
    record Caller(UUID id, String name, List<CaseSummary> recentCases, List<CaseSummary> openCases) {}

    /** The customers with the number, for a check only: nothing of them is shown, so nothing is logged. */
    List<UUID> ids(OrganizationId organization, String internationalNumber) {
        return customers.findByContact(organization, internationalNumber);
    }

    /** Whether the customer has an open case a call could be added to; a check only, nothing is shown. */
    boolean hasOpenCases(OrganizationId organization, UUID customerId) {
        CaseFilter filter = new CaseFilter(OPEN_STATUSES, null, null, null, null, false, customerId, null, null, null, null);
        return !cases.list(organization, filter, CaseSort.UPDATED_DESC, 0, 1).items().isEmpty();
    }

    /** The callers as a staff member sees them; each one's view is logged under the staff member. */
    @Transactional
    List<Caller> forStaff(OrganizationId organization, String internationalNumber, UUID staffId) {
        List<Caller> callers = find(organization, internationalNumber, true);
        callers.forEach(c -> accessLog.record(organization, staffId, c.id(), PURPOSE, null));
        return callers;
    }

    /**
     * The callers as the telephony hook answers them: logged under the agent the call rings for when the phone system
     * names one (the answer is popped up for them), else under the API token, which is then the only reader.
     */
    @Transactional
    List<Caller> forClient(OrganizationId organization, String internationalNumber, ApiClient client, UUID agentId) {
        // the phone system shows the recent cases only: the open ones are for the call form
        List<Caller> callers = find(organization, internationalNumber, false);
        for (Caller c : callers) {
            if (agentId != null) accessLog.record(organization, agentId, c.id(), PURPOSE, "incoming call (telephony hook)");
            else accessLog.recordForClient(organization, client.tokenId(), c.id(), PURPOSE, "incoming call, no agent named");
        }
        return callers;
    }

    private List<Caller> find(OrganizationId organization, String internationalNumber, boolean withOpenCases) {
        List<UUID> ids = customers.findByContact(organization, internationalNumber);
        Map<UUID, String> names = customers.names(organization, ids);
        List<Caller> callers = new ArrayList<>();
        for (UUID id : ids) {
            CaseFilter filter = new CaseFilter(Set.of(), null, null, null, null, false, id, null, null, null, null);
            callers.add(new Caller(id, names.getOrDefault(id, ""),
                    cases.list(organization, filter, CaseSort.UPDATED_DESC, 0, RECENT).items(),
                    withOpenCases ? cases.list(organization, filter.withStatuses(OPEN_STATUSES), CaseSort.UPDATED_DESC, 0, OPEN).items()
                            : List.of()));
        }
        return callers;
    }
}
