package fi.aspa.routing;

import fi.aspa.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link RoutingStatistics} in one query: the decisions by {@code routing_decision_organization_idx}, a correction by
 * the case's {@code routing_feedback} (kind CORRECTED, written when a person chose another service).
 */
@Service
@Transactional(readOnly = true)
class RoutingStatisticsStore implements RoutingStatistics {
    private final JdbcClient db;

    RoutingStatisticsStore(JdbcClient db) {
        this.db = db;
    }

    @Override
    public Quality quality(OrganizationId organization, UUID unitId, Instant from, Instant to) {
        return db.sql("""
                with automatic as (
                    select distinct on (d.case_id) d.case_id, d.outcome, d.unit_id, d.decided_at
                    from routing_decision d
                    where d.organization_id = ? and d.decided_at >= ? and d.decided_at < ? and d.decided_by is null
                      and d.outcome in ('ROUTED', 'TRIAGE')
                    order by d.case_id, d.decided_at
                )
                select count(*) as decided,
                       count(*) filter (where a.outcome = 'ROUTED') as routed,
                       count(*) filter (where a.outcome = 'TRIAGE') as triage,
                       count(*) filter (where a.outcome = 'ROUTED' and exists (
                           select 1 from routing_feedback f
                           where f.case_id = a.case_id and f.organization_id = ? and f.kind = 'CORRECTED'
                             and f.created_at >= a.decided_at)) as corrected
                from automatic a
                where ?::uuid is null or a.unit_id = ?::uuid""")
                .params(organization.value(), Timestamp.from(from), Timestamp.from(to), organization.value(), unitId, unitId)
                .query((rs, n) -> new Quality(rs.getLong("decided"), rs.getLong("routed"), rs.getLong("triage"),
                        rs.getLong("corrected")))
                .single();
    }
}
