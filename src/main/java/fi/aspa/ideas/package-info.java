/**
 * Participation ("osallisuus"): ideation rounds and the ideas sent to them. A unit manager or administrator opens a
 * round (a question in fi/sv and optionally en, an audience: PUBLIC for residents or STAFF for the organization's
 * staff, an open period in Helsinki time, optionally a catalogue service) at {@code /workspace/ideas/rounds}.
 * Residents send ideas to open PUBLIC rounds at {@code /ideas} (a private follow link, only its SHA-256 stored;
 * honeypot and per-address allowances); their ideas wait for moderation ({@code /workspace/ideas/moderation}, the
 * submitter's name and email a logged view) and are published with personal data stripped. Staff send, support and
 * discuss ideas of open STAFF rounds at {@code /workspace/ideas} (no pre-moderation). Support is once per browser
 * (a random cookie id, its SHA-256 under a unique index) or per staff account. Managers set each idea's status
 * (NEW, UNDER_CONSIDERATION, PLANNED, IMPLEMENTED, DECLINED; the last two with a response) and read a round's
 * results ranked by support, also as CSV. A resident who gave a name or email is a customer; when their idea is
 * published, rejected or gets a status, {@link fi.aspa.ideas.IdeaEvents.ResidentIdeaUpdated} (after commit) lets the
 * email channel tell them.
 */
package fi.aspa.ideas;
