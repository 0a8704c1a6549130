package fi.aspa.assignments;

import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A unit has not submitted its answer to a task due soon: published once per task, unit and due date by the
 * reminder job ({@code AssignmentReminders}), in the transaction that records it, so the event publication registry
 * holds it exactly when the reminder is recorded. Channels that notify the unit's managers (email) listen for it;
 * {@code path} is the unit's answer page.
 */
public record AssignmentReminder(OrganizationId organizationId, UUID assignmentId, UUID unitId, LocalizedText title,
                                 LocalDate due, String path) {}
