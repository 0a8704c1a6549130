package fi.aspa.identity;

import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The access log of personal data: every time staff see a customer's personal data, who, when, which customer
 * and why is written here, in the same transaction as the read.
 */
public interface PersonalDataLog {

    void record(OrganizationId organization, UUID staffUserId, UUID customerId, String purpose, String detail);

    /**
     * One view that shows several customers' data at once (e.g. the similar cases beside a case): one entry per
     * customer, each with its own detail, written with one statement. Nothing when {@code detailByCustomer} is empty.
     */
    void recordAll(OrganizationId organization, UUID staffUserId, String purpose, Map<UUID, String> detailByCustomer);

    /**
     * Records what the system did with a customer's data without a staff member of this organization (e.g. a case
     * handed over from another organization arrived); such entries have no {@code staffUserId} and no {@code staffName}.
     */
    void recordBySystem(OrganizationId organization, UUID customerId, String purpose, String detail);

    /** A machine client (an API token of the organization) saw the customer's personal data. */
    void recordForClient(OrganizationId organization, UUID apiTokenId, UUID customerId, String purpose, String detail);

    List<Entry> forCustomer(OrganizationId organization, UUID customerId, int limit);

    /**
     * @param staffUserId null when an API client or the system read the data; {@code staffName} is then the token's
     *                    name, or null for the system
     * @param apiTokenId  the API token that read the data, or null when a staff member or the system did
     */
    record Entry(UUID staffUserId, String staffName, UUID customerId, String purpose, String detail, Instant accessedAt,
                 UUID apiTokenId) {}
}
