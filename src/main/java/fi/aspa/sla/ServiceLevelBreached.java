package fi.aspa.sla;

import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * A case's service-level clock passed its target and was escalated. Published once per breach by the escalation job,
 * in the transaction that marks the clock breached (so the event publication registry holds it exactly when the
 * breach is recorded, on whichever node escalated). {@code unitId}: the case's unit then (null when it has none);
 * {@code breachedAt} with the case and the kind identifies the breach. Channels that notify the unit's managers
 * (email) listen for it.
 */
public record ServiceLevelBreached(OrganizationId organizationId, UUID caseId, UUID unitId, SlaClock.Kind kind,
                                   int targetMinutes, Instant dueAt, Instant breachedAt) {}
