package fi.aspa.sla;

import fi.aspa.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link SlaCompliance} in one query over {@code sla_case} (by organization and unit) and its clocks. */
@Service
@Transactional(readOnly = true)
class SlaComplianceStore implements SlaCompliance {
    private final JdbcClient db;

    SlaComplianceStore(JdbcClient db) {
        this.db = db;
    }

    @Override
    public Compliance compliance(OrganizationId organization, UUID unitId, Instant from, Instant to) {
        return db.sql("""
                with clocks as (
                    select k.kind,
                           k.breached_at is not null or k.elapsed_seconds > k.target_minutes * 60 as missed,
                           k.state = 'STOPPED' as stopped
                    from sla_case s join sla_clock k on k.case_id = s.case_id and k.organization_id = s.organization_id
                    where s.organization_id = ? and s.started_at >= ? and s.started_at < ?
                      and (?::uuid is null or s.unit_id = ?::uuid)
                )
                select count(*) filter (where kind = 'FIRST_RESPONSE' and (stopped or missed)) as first_decided,
                       count(*) filter (where kind = 'FIRST_RESPONSE' and stopped and not missed) as first_met,
                       count(*) filter (where kind = 'RESOLUTION' and (stopped or missed)) as resolution_decided,
                       count(*) filter (where kind = 'RESOLUTION' and stopped and not missed) as resolution_met
                from clocks""")
                .params(organization.value(), Timestamp.from(from), Timestamp.from(to), unitId, unitId)
                .query((rs, n) -> new Compliance(rs.getLong("first_decided"), rs.getLong("first_met"),
                        rs.getLong("resolution_decided"), rs.getLong("resolution_met")))
                .single();
    }
}
