/**
 * Pre-assignments and reflection tasks sent to units: an administrator writes a task (a pre-assignment for a training,
 * optionally linked to the training's event by its code, or a reflection task after the satisfaction survey's
 * results, which links the units to their dashboard and results) in Finnish and Swedish (English optional) with 1-10
 * questions, chooses the units (all, or some, of the organization) and the open and due dates, and sends it. Each unit
 * answers once, as a group: anyone of the unit edits the draft (optimistic locking keeps colleagues from overwriting
 * each other), the unit manager submits it and may reopen it until the due date. The sender follows each unit's state,
 * reads the answers question by question and exports them as CSV. A submitted reflection leads to the unit's
 * improvement targets ({@code insights}) by a plain link; the module depends on no other module's internals and
 * nothing depends on it.
 */
package fi.aspa.assignments;
