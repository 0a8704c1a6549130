package fi.aspa.customer;

import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The customer module's API. */
public interface Customers {

    /**
     * Recognizes the customer behind a contact or creates one. A known customer is recognized by identity code,
     * business id, staff account, or by a verified email/phone; unverified details never attach a contact to
     * someone else's timeline.
     */
    UUID resolve(OrganizationId organization, ContactDetails details);

    /** For system use (language, display name of a timeline); not a staff view of personal data. */
    Optional<Customer> find(OrganizationId organization, UUID customerId);

    /** A staff member looks at the customer's personal data: the view is written to the access log. */
    Customer viewAsStaff(OrganizationId organization, UUID staffUserId, UUID customerId, String purpose);

    /** Names only, for lists; identity codes never leave this module in a list. */
    java.util.Map<UUID, String> names(OrganizationId organization, java.util.Collection<UUID> customerIds);

    List<UUID> findByContact(OrganizationId organization, String emailOrPhone);
}
