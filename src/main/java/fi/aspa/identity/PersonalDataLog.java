package fi.aspa.identity;

import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The access log of personal data: every time staff see a customer's personal data, who, when, which customer
 * and why is written here, in the same transaction as the read.
 */
public interface PersonalDataLog {

    void record(OrganizationId organization, UUID staffUserId, UUID customerId, String purpose, String detail);

    /**
     * Records what the system did with a customer's data without a staff member of this organization (e.g. a case
     * handed over from another organization arrived); such entries have no {@code staffUserId} and no {@code staffName}.
     */
    void recordBySystem(OrganizationId organization, UUID customerId, String purpose, String detail);

    List<Entry> forCustomer(OrganizationId organization, UUID customerId, int limit);

    /** {@code staffUserId} and {@code staffName} are null for an entry the system made. */
    record Entry(UUID staffUserId, String staffName, UUID customerId, String purpose, String detail, Instant accessedAt) {}
}
