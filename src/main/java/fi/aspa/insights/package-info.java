/**
 * Listening and measuring: customer-experience metrics and dashboards. For now, counters of the case flow
 * exported to Prometheus, fed by the cases module's events after commit.
 */
package fi.aspa.insights;
