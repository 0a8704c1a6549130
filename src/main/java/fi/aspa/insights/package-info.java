/**
 * Listening and measuring: customer-experience metrics and dashboards. Counters of the case flow exported to
 * Prometheus, fed by the cases module's events after commit; and the managers' dashboard {@code /workspace/insights}
 * (with its CSV), whose figures each come from the module that owns the data through its public API, counted there in
 * one set-based query: {@link fi.aspa.cases.CaseStatistics} (contacts, flow, speed; residents' and INTERNAL cases
 * apart), {@link fi.aspa.sla.SlaCompliance}, {@link fi.aspa.routing.RoutingStatistics} and
 * {@link fi.aspa.feedback.Feedback#satisfaction}. It reads no other module's table. Measuring leads to action: its
 * own tables hold the units' improvement targets and their history ({@code /workspace/insights/targets}), which the
 * dashboard counts and links to. Organizations on one platform learn from each other in the customer-experience
 * network: those whose administrators opt in (named or anonymous, {@code /workspace/admin/network}) compare the same
 * defined metrics side by side ({@code /workspace/insights/network}, {@link fi.aspa.insights.NetworkPages}).
 */
package fi.aspa.insights;
