/**
 * Routing: which service, unit and (later) person a new contact belongs to, and why. An organization's explicit
 * {@link fi.aspa.routing.RoutingRule rules} are tried first, in order (admin pages {@code /workspace/admin/routing});
 * the classifier decides when none matches. People route triaged cases ({@code /workspace/triage}) and correct routes
 * ({@link fi.aspa.routing.Routing#choose}) in one step. A text classifier
 * (complement naive Bayes over TF-IDF of words, word prefixes and in-word character n-grams, pure Java) is trained
 * per organization on the catalogue's own texts and on what people taught it ({@link fi.aspa.routing.RoutingFeedback}).
 * Low confidence goes to triage instead of a guess. Every decision is stored with its reason and runners-up
 * ({@link fi.aspa.routing.RoutingDecision}). {@code POST /api/v1/routing/suggest} exposes the ranking; new cases
 * without a unit are routed after commit.
 */
package fi.aspa.routing;
