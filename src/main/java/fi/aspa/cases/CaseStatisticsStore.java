package fi.aspa.cases;

import fi.aspa.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link CaseStatistics} in four set-based queries, each filtered by the organization first: contacts from
 * {@code support_case_created_idx}, the backlog from {@code support_case_queue_idx}, the resolutions from the status
 * changes ({@code case_event_status_changed_idx}), the first reply, resolution and transfer of each case opened in
 * the period by its own messages and events ({@code case_message_outbound_idx}, {@code case_event_resolved_idx},
 * {@code case_event_staff_transfer_idx}; all index-only, V325).
 */
@Service
@Transactional(readOnly = true)
class CaseStatisticsStore implements CaseStatistics {
    private static final String HELSINKI = "Europe/Helsinki";
    /** The case filter shared by the queries: unit (null for all) and internal or residents' channels. */
    private static final String CASES = "(?::uuid is null or c.unit_id = ?::uuid) and ((c.channel = 'INTERNAL') = ?)";

    private final JdbcClient db;
    private final Clock clock;

    CaseStatisticsStore(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Figures figures(OrganizationId organization, UUID unitId, boolean internal, Instant from, Instant to) {
        UUID org = organization.value();
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        List<Contacts> contacts = db.sql("""
                select c.channel, (date_trunc('week', c.created_at at time zone '%s'))::date as week, count(*) as cases
                from support_case c
                where c.organization_id = ? and c.created_at >= ? and c.created_at < ? and %s
                group by 1, 2 order by 2, 1""".formatted(HELSINKI, CASES))
                .params(org, start, end, unitId, unitId, internal)
                .query((rs, n) -> new Contacts(Channel.valueOf(rs.getString("channel")),
                        rs.getObject("week", LocalDate.class), rs.getLong("cases")))
                .list();

        Instant now = clock.instant();
        long[] backlog = db.sql("""
                select count(*) as open,
                       count(*) filter (where c.created_at < ?) as over7,
                       count(*) filter (where c.created_at < ?) as over30
                from support_case c
                where c.organization_id = ? and c.status in ('NEW', 'OPEN', 'WAITING') and %s""".formatted(CASES))
                .params(Timestamp.from(now.minus(Duration.ofDays(7))), Timestamp.from(now.minus(Duration.ofDays(30))),
                        org, unitId, unitId, internal)
                .query((rs, n) -> new long[] {rs.getLong("open"), rs.getLong("over7"), rs.getLong("over30")})
                .single();

        // a case first resolved in the period, and whether it has been reopened (from RESOLVED or CLOSED back to
        // work) since
        long[] resolved = db.sql("""
                with first_resolved as (
                    select e.case_id, min(e.created_at) as at
                    from case_event e
                    where e.organization_id = ? and e.type = 'STATUS_CHANGED' and e.created_at >= ? and e.created_at < ?
                      and e.detail ->> 'to' = 'RESOLVED'
                      and not exists (select 1 from case_event p
                                      where p.case_id = e.case_id and p.organization_id = e.organization_id
                                        and p.type = 'STATUS_CHANGED' and p.detail ->> 'to' = 'RESOLVED'
                                        and p.created_at < ?)
                    group by e.case_id
                )
                select count(*) as resolved,
                       count(*) filter (where exists (
                           select 1 from case_event r
                           where r.case_id = f.case_id and r.organization_id = c.organization_id
                             and r.type = 'STATUS_CHANGED' and r.created_at > f.at
                             and r.detail ->> 'from' in ('RESOLVED', 'CLOSED')
                             and r.detail ->> 'to' in ('NEW', 'OPEN', 'WAITING'))) as reopened
                from first_resolved f join support_case c on c.id = f.case_id and c.organization_id = ?
                where %s""".formatted(CASES))
                .params(org, start, end, start, org, unitId, unitId, internal)
                .query((rs, n) -> new long[] {rs.getLong("resolved"), rs.getLong("reopened")})
                .single();

        // Each case's first reply, first resolution and transfer are looked up once, in lateral joins: as scalar
        // subqueries in the select list they were copied into every aggregate that reads them (PostgreSQL inlines
        // the CTEs), so each was looked up three times per case (BENCHMARKS.md "Dashboard").
        Speed speed = db.sql("""
                with opened as (
                    select c.created_at, r.replied_at, s.resolved_at, t.transferred
                    from support_case c
                    cross join lateral (
                        select min(m.created_at) as replied_at from case_message m
                        where m.case_id = c.id and m.organization_id = c.organization_id and m.kind = 'OUTBOUND') r
                    cross join lateral (
                        select min(e.created_at) as resolved_at from case_event e
                        where e.case_id = c.id and e.organization_id = c.organization_id and e.type = 'STATUS_CHANGED'
                          and e.detail ->> 'to' = 'RESOLVED') s
                    cross join lateral (
                        select exists (select 1 from case_event t
                                       where t.case_id = c.id and t.organization_id = c.organization_id
                                         and t.type = 'TRANSFERRED' and t.actor = 'STAFF') as transferred) t
                    where c.organization_id = ? and c.created_at >= ? and c.created_at < ? and %s
                ), hours as (
                    select extract(epoch from replied_at - created_at) / 3600.0 as reply,
                           extract(epoch from resolved_at - created_at) / 3600.0 as resolution, transferred
                    from opened
                )
                select count(*) as opened, count(*) filter (where transferred) as transferred,
                       count(reply) as replied,
                       percentile_cont(0.5) within group (order by reply) as reply_median,
                       percentile_cont(0.9) within group (order by reply) as reply_p90,
                       count(resolution) as resolved,
                       percentile_cont(0.5) within group (order by resolution) as resolution_median,
                       percentile_cont(0.9) within group (order by resolution) as resolution_p90
                from hours""".formatted(CASES))
                .params(org, start, end, unitId, unitId, internal)
                .query((rs, n) -> new Speed(rs.getLong("opened"), rs.getLong("transferred"),
                        new Durations(rs.getLong("replied"), nullable(rs, "reply_median"), nullable(rs, "reply_p90")),
                        new Durations(rs.getLong("resolved"), nullable(rs, "resolution_median"), nullable(rs, "resolution_p90"))))
                .single();

        return new Figures(contacts, resolved[0], resolved[1], backlog[0], backlog[1], backlog[2], speed.opened(),
                speed.transferred(), speed.firstResponse(), speed.resolution());
    }

    /** The cases opened in the period: how many, how many a person transferred, and their speed. */
    private record Speed(long opened, long transferred, Durations firstResponse, Durations resolution) {}

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
