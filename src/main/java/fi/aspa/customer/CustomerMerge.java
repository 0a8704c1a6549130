package fi.aspa.customer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One merge in the audit trail: {@code from} (a tombstone now) was merged into {@code into} by whom, when, why.
 * {@code recorded}: the merge recorded what it moved, so it can be undone ({@link Customers#unmerge}); {@code undoneBy},
 * {@code undoneAt} and {@code undoReason} say who undid it, when and why (null while it stands).
 */
public record CustomerMerge(UUID id, UUID into, UUID from, String fromName, UUID staffUserId, String reason,
                            Map<String, Integer> moved, Instant at, boolean recorded, UUID undoneBy, Instant undoneAt,
                            String undoReason) {

    /** Whether it may still be undone: recorded and not undone yet. */
    public boolean undoable() {
        return recorded && undoneAt == null;
    }
}
