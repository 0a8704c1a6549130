package fi.aspa.customer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One merge in the audit trail: {@code from} (a tombstone now) was merged into {@code into} by whom, when, why. */
public record CustomerMerge(UUID id, UUID into, UUID from, String fromName, UUID staffUserId, String reason,
                            Map<String, Integer> moved, Instant at) {}
