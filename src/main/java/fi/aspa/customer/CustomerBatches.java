package fi.aspa.customer;

import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.UUID;

/** Recognizing many contacts at once, for channels that take contacts in batches (an email mailbox). */
public interface CustomerBatches {

    /**
     * {@link Customers#resolve} for each contact, in the caller's transaction, with the same result: a contact that
     * only unverified details could recognize (which never attach it to someone else) becomes a new customer, and
     * those are written with one batched insert per table; any other contact is resolved as {@link Customers#resolve}
     * resolves it.
     *
     * @return one customer id per contact, in the order given
     */
    List<UUID> resolveAll(OrganizationId organization, List<ContactDetails> contacts);
}
