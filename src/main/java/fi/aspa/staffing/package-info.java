/**
 * Staffing: who the staff are beyond their accounts and who gets a case. Profiles ({@code /workspace/profile},
 * {@code /workspace/people/{id}}) hold the job description, the languages spoken, expertise in catalogue services
 * (responsible, expert, can handle), weekly working hours and absences, and when their owner last confirmed them
 * current; a stale profile is flagged and its owner reminded on every workspace page. The competence map
 * ({@code /workspace/competence}) shows services by people, services with one or no people, services nobody
 * Swedish-speaking knows, and who is away today. After routing ({@link fi.aspa.routing.CaseRouted}) a case whose
 * unit has automatic assignment on goes to the best person of the unit: expertise first (responsible, expert, can
 * handle), then the one speaking the case's language and at work now with the fewest open cases, taking turns among
 * equals; the reason is kept and shown on the case page. For the cases routing moves to their units the person is
 * chosen just before the move ({@link fi.aspa.routing.AssigneeChooser}), so that one update moves and assigns them.
 */
package fi.aspa.staffing;
