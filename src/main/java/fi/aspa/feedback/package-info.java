/**
 * Listening and measuring: the customer satisfaction survey (CSAT). When a case is first resolved
 * ({@link fi.aspa.cases.CaseEvents.CaseStatusChanged} to RESOLVED, after commit) the resident is invited, once per
 * case and never for INTERNAL cases of staff, to answer "How did we do?" (1–5 and an optional comment) at a private
 * link {@code /feedback/{token}} (only the token's SHA-256 is stored; 30 days valid). The case's own tracking page
 * links to the same page with its tracking token, which proves the same thing: that the reader holds the case's
 * private link. {@link fi.aspa.feedback.FeedbackEvents.SurveyInvited} carries the new link to a channel that mails
 * it (the email channel, for EMAIL cases). Unit managers (their unit) and administrators (the organization) see the
 * results at {@code /workspace/feedback}: CSAT, answers and response rate per unit and per channel, and the latest
 * comments, stored with personal data stripped and shown without the customer's identity.
 */
package fi.aspa.feedback;
