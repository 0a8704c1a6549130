package fi.aspa.sla;

import fi.aspa.cases.Priority;
import java.util.UUID;

/**
 * A service-level target: first response and resolution in business minutes, for a service and/or a priority (null:
 * any). The row with neither is the organization's default. {@code warnPercent} of the target used gives the warning;
 * {@code raisePriority} raises the case's priority one step when a target is breached.
 */
public record SlaTarget(UUID id, UUID serviceId, Priority priority, int firstResponseMinutes, int resolutionMinutes,
                        int warnPercent, boolean raisePriority) {}
