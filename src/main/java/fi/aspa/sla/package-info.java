/**
 * Service levels: targets per service and priority (and an organization default), the organization's business
 * calendar ({@link fi.aspa.sla.BusinessCalendar}: weekly hours in Europe/Helsinki, Finnish public holidays, extra
 * closed days; correct across daylight-saving changes), and two clocks per case, first response and resolution.
 *
 * <p>The clocks follow case and routing events after commit: each event makes the module recompute the case's clocks
 * from the case's own history (opening, status changes, first reply) under a per-case lock, so order, repetition and
 * delay of events do not matter. A clock runs while the case is new or open, pauses while it waits for the customer,
 * stops when resolved or closed, and a reopening resumes it; the first-response clock stops for good at the first
 * reply. The instants a clock crosses its warning share and its target are stored ({@code sla_clock.warn_at},
 * {@code due_at}); the escalation job ({@link fi.aspa.sla.SlaEscalations}) claims due cases with
 * {@code FOR UPDATE SKIP LOCKED} and, in one transaction, writes the note on the case, raises the priority when the
 * target says so and marks the clock, so each warning and escalation happens once in a cluster and survives restarts.
 *
 * <p>API: {@link fi.aspa.sla.ServiceLevels} (a case's clocks for the case view, an organization's calendar). Pages:
 * {@code /workspace/admin/sla} (administrators), {@code /workspace/sla} (unit managers' escalation list).
 */
package fi.aspa.sla;
