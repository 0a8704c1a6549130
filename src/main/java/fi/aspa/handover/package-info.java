/**
 * Hand-over of a case to another organization on the same platform (the municipality to the wellbeing services
 * county). The agent picks a receiving organization that accepts hand-overs, writes a summary for it, chooses what is
 * sent (the subject, the summary and the customer's name and contact details always; the messages and the attachments
 * only when ticked) and records the legal basis or the customer's consent. The receiver gets a new case in its own
 * organization, with the customer resolved there, linked to the sender's case only by the opaque hand-over id.
 *
 * <p>Each organization stays the controller of its own case: this module is the only place where both ids meet (the
 * {@code handover} table), and the sender sees of the receiver's case only its status and when it last changed, which
 * the receiver's own status changes write into that table (each also a note on the sender's case). The disclosure is written to the sender's personal-data access log; both cases'
 * histories carry a note with the hand-over id.
 */
package fi.aspa.handover;
