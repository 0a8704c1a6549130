package fi.aspa.customer;

import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The customer module's API. */
public interface Customers {

    /**
     * Recognizes the customer behind a contact or creates one. A known customer is recognized by identity code,
     * business id, staff account, or by an email/phone that is verified on the customer <em>and</em> comes from a
     * source that proves it ({@link ContactDetails#trusted()}); unverified details never attach a contact to
     * someone else's timeline: they make a new customer, which {@link #duplicates} then suggests to merge.
     * Policy: ARCHITECTURE.md, "One customer across channels".
     */
    UUID resolve(OrganizationId organization, ContactDetails details);

    /** For system use (language, display name of a timeline); not a staff view of personal data. */
    Optional<Customer> find(OrganizationId organization, UUID customerId);

    /** A staff member looks at the customer's personal data: the view is written to the access log. */
    Customer viewAsStaff(OrganizationId organization, UUID staffUserId, UUID customerId, String purpose);

    /** The same, with what was viewed ({@code detail}: a case's reference, say) written to the access log entry. */
    Customer viewAsStaff(OrganizationId organization, UUID staffUserId, UUID customerId, String purpose, String detail);

    /** Names only, for lists; identity codes never leave this module in a list. */
    java.util.Map<UUID, String> names(OrganizationId organization, java.util.Collection<UUID> customerIds);

    List<UUID> findByContact(OrganizationId organization, String emailOrPhone);

    /**
     * The internal customer of a staff account (the customer whose cases are that staff member's own orders and
     * questions), without creating one: empty when the staff member has never been a customer. An id only, not a
     * view of anyone's personal data.
     */
    Optional<UUID> internalCustomer(OrganizationId organization, UUID staffUserId);

    /** The customer itself, or, for a merged customer (a tombstone), the customer it now lives on. */
    Optional<UUID> current(OrganizationId organization, UUID customerId);

    /** Other customers who may be the same person, scored with reasons, best first (score at least 40). */
    List<DuplicateCandidate> duplicates(OrganizationId organization, UUID customerId);

    /**
     * Merges customer {@code from} into {@code into} in one transaction: contact points (verified flags kept),
     * identity code, business id and staff account move to {@code into}, {@link CustomersMerged} moves every other
     * module's rows, {@code from} stays as a tombstone pointing to {@code into}, and the merge log and the
     * personal-data access log (both customers) record who did it and why. Refused (conflict) when the two have
     * different identity codes, business ids or staff accounts, are of different kinds, or one is already merged.
     * The merge records what it moved, so that {@link #unmerge} can move it back.
     */
    CustomerMerge merge(OrganizationId organization, UUID staffUserId, UUID into, UUID from, String reason);

    /**
     * For a module that stores a customer id, in the merge's transaction ({@link CustomersMerged}): points its rows of
     * {@code table} whose {@code column} holds the merged customer at the survivor, and records their ids under
     * {@code kind} (e.g. {@code case}) so that an undo moves exactly those back. {@code table} and {@code column} are
     * the calling module's own names (constants, never input). Returns the moved rows' ids.
     */
    List<UUID> followMerge(CustomersMerged merged, String kind, String table, String column);

    /** The undo's counterpart of {@link #followMerge}: moves the rows recorded under {@code kind} back; returns their ids. */
    List<UUID> followUnmerge(CustomersUnmerged unmerged, String kind, String table, String column);

    /**
     * Undoes a merge, in one transaction: the merged customer lives again with its identity code, business id,
     * staff account and contact points as they were, and every row the merge moved goes back to it
     * ({@link CustomersUnmerged}); what came to the survivor after the merge stays with it. The merge stays in the log,
     * marked undone by whom, when and why, and both customers' personal data logs say so. Refused (conflict) for a
     * merge made before merges recorded what they moved, one already undone, or one whose survivor has since been
     * merged on; a reason is required.
     */
    CustomerMerge unmerge(OrganizationId organization, UUID staffUserId, UUID mergeId, String reason);

    /** The merges into (and out of) this customer, newest first. */
    List<CustomerMerge> merges(OrganizationId organization, UUID customerId);

    /**
     * An agent marks a contact point of the customer verified (after checking it) or unverified, with an audit row.
     * A value that is verified on another customer is refused (conflict): merge the two instead.
     */
    void setContactVerified(OrganizationId organization, UUID staffUserId, UUID customerId, String kind, String value,
                            boolean verified);

    /**
     * The customer answered our own message sent to this address (e.g. an email reply to an outbound message of the
     * customer's case): the contact point counts as verified from now on (how = REPLY). Does nothing when the
     * customer has no such contact point or it is verified on another customer.
     */
    void confirmContactByReply(OrganizationId organization, UUID customerId, String kind, String value);

    /** Every change of the customer's contact points' verified flags, newest first. */
    List<ContactAudit> contactAudit(OrganizationId organization, UUID customerId);
}
