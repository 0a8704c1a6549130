package fi.aspa.customer;

import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A merge was undone: customer {@code from} lives again. Published synchronously inside the undo's transaction, like
 * {@link CustomersMerged}: each module that moved rows at the merge (and recorded them with
 * {@link Customers#followMerge}) moves exactly those rows back from {@code into} to {@code from} in a plain
 * {@code @EventListener}. {@code moved} holds the recorded row ids by the kind the module recorded them under.
 */
public record CustomersUnmerged(OrganizationId organization, UUID mergeId, UUID from, UUID into, UUID staffUserId,
                                Map<String, List<UUID>> moved) {

    /** The rows of one kind that the merge moved (none when it moved none). */
    public List<UUID> moved(String kind) {
        return moved.getOrDefault(kind, List.of());
    }
}
