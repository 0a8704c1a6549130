/**
 * Listening and measuring: customer-experience metrics and dashboards. Counters of the case flow exported to
 * Prometheus, fed by the cases module's events after commit; and the managers' dashboard {@code /workspace/insights}
 * (with its CSV), whose figures each come from the module that owns the data through its public API, counted there in
 * one set-based query: {@link fi.aspa.cases.CaseStatistics} (contacts, flow, speed; residents' and INTERNAL cases
 * apart), {@link fi.aspa.sla.SlaCompliance}, {@link fi.aspa.routing.RoutingStatistics} and
 * {@link fi.aspa.feedback.Feedback#satisfaction}. This module reads no table of its own or of anyone else's.
 */
package fi.aspa.insights;
