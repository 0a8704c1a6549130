package fi.aspa.insights;

import fi.aspa.cases.CaseStatistics;
import fi.aspa.feedback.Feedback;
import fi.aspa.platform.OrganizationId;
import fi.aspa.routing.RoutingStatistics;
import fi.aspa.sla.SlaCompliance;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Gathers the dashboard's figures from the modules that own the data, each through its public API and its own
 * set-based query: the cases (contacts, flow, speed), the service levels, routing and the survey. Nothing here reads
 * another module's tables.
 */
@Service
class Dashboards {
    private final CaseStatistics cases;
    private final SlaCompliance sla;
    private final RoutingStatistics routing;
    private final Feedback feedback;

    Dashboards(CaseStatistics cases, SlaCompliance sla, RoutingStatistics routing, Feedback feedback) {
        this.cases = cases;
        this.sla = sla;
        this.routing = routing;
        this.feedback = feedback;
    }

    /** The figures of a period; {@code unitId} null for the whole organization. */
    record Figures(CaseStatistics.Figures residents, CaseStatistics.Figures internal, SlaCompliance.Compliance sla,
                   RoutingStatistics.Quality routing, Feedback.Satisfaction satisfaction) {}

    Figures figures(OrganizationId organization, UUID unitId, Period period) {
        CaseStatistics.Split split = cases.figures(organization, unitId, period.from(), period.to());
        return new Figures(split.residents(), split.internal(),
                sla.compliance(organization, unitId, period.from(), period.to()),
                routing.quality(organization, unitId, period.from(), period.to()),
                feedback.satisfaction(organization, unitId, period.from(), period.to()));
    }

    /** The whole organization's figures the network compares: the residents' cases, service levels and survey. */
    record Shared(CaseStatistics.Figures residents, SlaCompliance.Compliance sla, Feedback.Satisfaction satisfaction) {}

    Shared shared(OrganizationId organization, Period period) {
        return new Shared(cases.figures(organization, null, period.from(), period.to()).residents(),
                sla.compliance(organization, null, period.from(), period.to()),
                feedback.satisfaction(organization, null, period.from(), period.to()));
    }
}
