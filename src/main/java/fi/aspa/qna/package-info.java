/**
 * Questions and answers for events (a Slido-like Q&amp;A): residents' evenings and staff trainings take advance
 * questions and questions asked live. Unit managers and administrators create events at {@code /workspace/events}
 * (titles and descriptions in Finnish and Swedish, English optional; start and end in Helsinki time; PUBLIC for
 * residents or STAFF for the organization's signed-in staff; pre-moderated or not; a generated short code). The
 * participants' page ({@code /events/{code}}, or {@code /workspace/events/{code}/ask} for staff events) takes
 * questions until the event ends, with upvotes once per browser or staff account and a list that refreshes itself;
 * the moderator console ({@code /workspace/events/{id}/moderate}) approves, hides, answers and puts one question on
 * the presentation screen ({@code /events/{code}/screen}); the questions export as CSV for follow-up.
 */
package fi.aspa.qna;
