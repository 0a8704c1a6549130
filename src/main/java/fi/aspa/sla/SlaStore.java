package fi.aspa.sla;

import fi.aspa.cases.Priority;
import fi.aspa.platform.Ids;
import fi.aspa.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The sla tables. Every statement carries the organization. */
@Repository
class SlaStore {
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private final JdbcClient db;

    SlaStore(JdbcClient db) {
        this.db = db;
    }

    // ---------------------------------------------------------------- targets

    List<SlaTarget> targets(OrganizationId org) {
        return db.sql("""
                select * from sla_target where organization_id = ?
                order by service_id nulls first, array_position(array['URGENT','HIGH','NORMAL','LOW'], priority) nulls first""")
                .param(org.value()).query(SlaStore::target).list();
    }

    /**
     * The most specific target for a service (may be null) and a priority: one for the service before one for every
     * service, one for the priority before one for every priority. The organization's targets are read once per
     * transaction (the routing worker recomputes the clocks of a whole batch of new cases in one).
     */
    Optional<SlaTarget> pick(OrganizationId org, UUID serviceId, Priority priority) {
        return pick(targetsOfTransaction(org), serviceId, priority);
    }

    static Optional<SlaTarget> pick(List<SlaTarget> targets, UUID serviceId, Priority priority) {
        return targets.stream()
                .filter(t -> t.serviceId() == null || t.serviceId().equals(serviceId))
                .filter(t -> t.priority() == null || t.priority() == priority)
                .min(Comparator.comparing((SlaTarget t) -> t.serviceId() == null).thenComparing(t -> t.priority() == null));
    }

    @SuppressWarnings("unchecked")
    private List<SlaTarget> targetsOfTransaction(OrganizationId org) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) return targets(org);
        Map<OrganizationId, List<SlaTarget>> read = (Map<OrganizationId, List<SlaTarget>>) TransactionSynchronizationManager.getResource(this);
        if (read == null) {
            read = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, read);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(SlaStore.this);
                }
            });
        }
        return read.computeIfAbsent(org, this::targets);
    }

    /** A transaction that changes the targets reads them again. */
    private void forgetTargets(OrganizationId org) {
        if (TransactionSynchronizationManager.getResource(this) instanceof Map<?, ?> read) read.remove(org);
    }

    /** Inserts or replaces the target for the same service and priority. */
    void saveTarget(OrganizationId org, SlaTarget t, Instant now) {
        forgetTargets(org);
        db.sql("""
                insert into sla_target (id, organization_id, service_id, priority, first_response_minutes, resolution_minutes,
                    warn_percent, raise_priority, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (organization_id, service_id, priority) do update set
                    first_response_minutes = excluded.first_response_minutes, resolution_minutes = excluded.resolution_minutes,
                    warn_percent = excluded.warn_percent, raise_priority = excluded.raise_priority""")
                .params(Ids.next(), org.value(), t.serviceId(), t.priority() == null ? null : t.priority().name(),
                        t.firstResponseMinutes(), t.resolutionMinutes(), t.warnPercent(), t.raisePriority(), Timestamp.from(now))
                .update();
    }

    boolean deleteTarget(OrganizationId org, UUID id) {
        forgetTargets(org);
        return db.sql("delete from sla_target where organization_id = ? and id = ?").params(org.value(), id).update() > 0;
    }

    private static SlaTarget target(ResultSet rs, int row) throws SQLException {
        String priority = rs.getString("priority");
        return new SlaTarget(rs.getObject("id", UUID.class), rs.getObject("service_id", UUID.class),
                priority == null ? null : Priority.valueOf(priority), rs.getInt("first_response_minutes"),
                rs.getInt("resolution_minutes"), rs.getInt("warn_percent"), rs.getBoolean("raise_priority"));
    }

    // ---------------------------------------------------------------- calendar

    BusinessCalendar calendar(OrganizationId org) {
        Map<DayOfWeek, BusinessCalendar.Hours> hours = new EnumMap<>(DayOfWeek.class);
        db.sql("select weekday, opens, closes from sla_business_hours where organization_id = ?").param(org.value())
                .query((rs, n) -> hours.put(DayOfWeek.of(rs.getInt("weekday")),
                        new BusinessCalendar.Hours(rs.getObject("opens", LocalTime.class), rs.getObject("closes", LocalTime.class))))
                .list();
        return new BusinessCalendar(HELSINKI, hours.isEmpty() ? BusinessCalendar.standardHours() : hours, closedDays(org));
    }

    Set<LocalDate> closedDays(OrganizationId org) {
        return new HashSet<>(db.sql("select day from sla_closed_day where organization_id = ? order by day")
                .param(org.value()).query(LocalDate.class).list());
    }

    List<LocalDate> closedDayList(OrganizationId org) {
        return db.sql("select day from sla_closed_day where organization_id = ? order by day").param(org.value()).query(LocalDate.class).list();
    }

    /** Replaces the weekly hours: a weekday not in the map is closed; an empty map means the standard hours. */
    void saveHours(OrganizationId org, Map<DayOfWeek, BusinessCalendar.Hours> hours) {
        db.sql("delete from sla_business_hours where organization_id = ?").param(org.value()).update();
        hours.forEach((day, h) -> db.sql("insert into sla_business_hours (organization_id, weekday, opens, closes) values (?, ?, ?, ?)")
                .params(org.value(), day.getValue(), h.opens(), h.closes()).update());
    }

    void addClosedDay(OrganizationId org, LocalDate day) {
        db.sql("insert into sla_closed_day (organization_id, day) values (?, ?) on conflict do nothing").params(org.value(), day).update();
    }

    void removeClosedDay(OrganizationId org, LocalDate day) {
        db.sql("delete from sla_closed_day where organization_id = ? and day = ?").params(org.value(), day).update();
    }

    // ---------------------------------------------------------------- clocks

    record CaseRow(UUID caseId, UUID serviceId, UUID unitId, Instant startedAt) {}

    record ClockRow(UUID caseId, SlaClock.Kind kind, OrganizationId organizationId, int targetMinutes, int warnPercent,
                    boolean raisePriority, SlaClock.State state, long elapsedSeconds, Instant computedAt, Instant warnAt,
                    Instant dueAt, Instant warnedAt, Instant breachedAt) {}

    /** Serializes the recomputations of one case's clocks until the end of the transaction. */
    void lockCase(UUID caseId) {
        db.sql("select pg_advisory_xact_lock(hashtextextended(?, 7150))").param(caseId.toString()).query((rs, n) -> 1).list();
    }

    Optional<CaseRow> slaCase(OrganizationId org, UUID caseId) {
        return db.sql("select * from sla_case where organization_id = ? and case_id = ?").params(org.value(), caseId)
                .query((rs, n) -> new CaseRow(rs.getObject("case_id", UUID.class), rs.getObject("service_id", UUID.class),
                        rs.getObject("unit_id", UUID.class), instant(rs, "started_at"))).optional();
    }

    /** Serializes with {@link #lockCase} the recomputations of these cases, locked in the order given. */
    void lockCases(List<UUID> caseIds) {
        db.sql("select pg_advisory_xact_lock(hashtextextended(id::text, 7150)) from unnest(cast(? as uuid[])) as u(id)")
                .param(caseIds.toArray(UUID[]::new)).query((rs, n) -> 1).list();
    }

    /** The sla rows of a batch of cases and the organization's targets, as of one statement. */
    record Batch(Map<UUID, CaseRow> rows, List<SlaTarget> targets) {}

    private record CachedTargets(String version, List<SlaTarget> targets) {}

    private final Map<OrganizationId, CachedTargets> cachedTargets = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The sla rows of these cases and, in the same statement, a digest of the organization's targets: the targets
     * themselves are read only when the digest differs from that of the ones this node has (they rarely change).
     */
    Batch batch(OrganizationId org, List<UUID> caseIds) {
        Map<UUID, CaseRow> rows = new HashMap<>();
        String[] version = {"-"};
        db.sql("""
                select c.case_id, c.service_id, c.unit_id, c.started_at,
                    (select md5(coalesce(string_agg(t::text, ',' order by t.id), '')) from sla_target t where t.organization_id = ?) as targets
                from (select 1) one left join sla_case c on c.organization_id = ? and c.case_id = any(?)""")
                .params(org.value(), org.value(), caseIds.toArray(UUID[]::new))
                .query(rs -> {
                    version[0] = rs.getString("targets");
                    UUID id = rs.getObject("case_id", UUID.class);
                    if (id != null) rows.put(id, new CaseRow(id, rs.getObject("service_id", UUID.class),
                            rs.getObject("unit_id", UUID.class), instant(rs, "started_at")));
                });
        CachedTargets cached = cachedTargets.get(org);
        if (cached == null || !cached.version().equals(version[0])) {
            cached = new CachedTargets(version[0], targets(org));
            cachedTargets.put(org, cached);
        }
        return new Batch(rows, cached.targets());
    }

    void saveCase(OrganizationId org, CaseRow row, Instant now) {
        db.sql("""
                insert into sla_case (case_id, organization_id, service_id, unit_id, started_at, updated_at) values (?, ?, ?, ?, ?, ?)
                on conflict (case_id) do update set service_id = excluded.service_id, unit_id = excluded.unit_id, updated_at = excluded.updated_at
                where sla_case.organization_id = excluded.organization_id""")
                .params(row.caseId(), org.value(), row.serviceId(), row.unitId(), Timestamp.from(row.startedAt()), Timestamp.from(now))
                .update();
    }

    void saveClock(ClockRow c) {
        db.sql("""
                insert into sla_clock (case_id, kind, organization_id, target_minutes, warn_percent, raise_priority, state,
                    elapsed_seconds, computed_at, warn_at, due_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (case_id, kind) do update set target_minutes = excluded.target_minutes,
                    warn_percent = excluded.warn_percent, raise_priority = excluded.raise_priority, state = excluded.state,
                    elapsed_seconds = excluded.elapsed_seconds, computed_at = excluded.computed_at,
                    warn_at = excluded.warn_at, due_at = excluded.due_at
                where sla_clock.organization_id = excluded.organization_id""")
                .params(c.caseId(), c.kind().name(), c.organizationId().value(), c.targetMinutes(), c.warnPercent(),
                        c.raisePriority(), c.state().name(), c.elapsedSeconds(), ts(c.computedAt()), ts(c.warnAt()), ts(c.dueAt()))
                .update();
    }

    List<ClockRow> clocks(OrganizationId org, UUID caseId) {
        return db.sql("select * from sla_clock where organization_id = ? and case_id = ? order by kind")
                .params(org.value(), caseId).query(SlaStore::clock).list();
    }

    /** The resolution clocks' due times of the given cases, where a clock runs toward one (one query). */
    java.util.Map<UUID, Instant> resolutionDue(OrganizationId org, java.util.Collection<UUID> caseIds) {
        java.util.Map<UUID, Instant> due = new java.util.HashMap<>();
        db.sql("select case_id, due_at from sla_clock where organization_id = ? and case_id = any(?)"
                        + " and kind = 'RESOLUTION' and state = 'RUNNING' and due_at is not null")
                .params(org.value(), caseIds.toArray(UUID[]::new))
                .query((rs, n) -> due.put(rs.getObject("case_id", UUID.class), instant(rs, "due_at"))).list();
        return due;
    }

    private static final String DUE = """
            c.state <> 'STOPPED' and ((c.warned_at is null and c.warn_at <= :now) or (c.breached_at is null and c.due_at <= :now))""";

    /**
     * Claims the cases that have a clock whose warning or target time has come and whose escalation has not happened,
     * and returns those clocks. The case rows stay locked until the caller's transaction ends and another node's claim
     * skips them; a case is the unit of the claim, so its two clocks are never escalated by two nodes at once (the
     * second escalation then sees the priority the first one raised).
     */
    List<ClockRow> claimDue(Instant now, int limit) {
        List<UUID> claimed = db.sql("""
                select s.case_id from sla_case s
                where exists (select 1 from sla_clock c where c.case_id = s.case_id and %s)
                limit :limit for update of s skip locked""".formatted(DUE))
                .param("now", Timestamp.from(now)).param("limit", limit).query(UUID.class).list();
        if (claimed.isEmpty()) return List.of();
        return db.sql("select * from sla_clock c where c.case_id = any(:ids) and %s order by c.case_id, c.kind".formatted(DUE))
                .param("ids", claimed.toArray(UUID[]::new)).param("now", Timestamp.from(now)).query(SlaStore::clock).list();
    }

    void markWarned(ClockRow c, Instant now) {
        db.sql("update sla_clock set warned_at = ? where organization_id = ? and case_id = ? and kind = ? and warned_at is null")
                .params(Timestamp.from(now), c.organizationId().value(), c.caseId(), c.kind().name()).update();
    }

    void markBreached(ClockRow c, Instant now) {
        db.sql("""
                update sla_clock set breached_at = ?, warned_at = coalesce(warned_at, ?)
                where organization_id = ? and case_id = ? and kind = ? and breached_at is null""")
                .params(Timestamp.from(now), Timestamp.from(now), c.organizationId().value(), c.caseId(), c.kind().name()).update();
    }

    record Alert(UUID caseId, UUID unitId, SlaClock.Kind kind, SlaClock.State state, Instant dueAt, Instant warnedAt,
                 Instant breachedAt) {}

    /** Clocks at risk (warned) or breached that still run or are paused, of one unit or (null) of all. */
    List<Alert> alerts(OrganizationId org, UUID unitId, int limit) {
        return db.sql("""
                select c.case_id, s.unit_id, c.kind, c.state, c.due_at, c.warned_at, c.breached_at
                from sla_clock c join sla_case s on s.case_id = c.case_id and s.organization_id = c.organization_id
                where c.organization_id = :org and c.state <> 'STOPPED' and c.warned_at is not null
                  and (cast(:unit as uuid) is null or s.unit_id = :unit)
                order by c.breached_at is null, c.due_at limit :limit""")
                .param("org", org.value()).param("unit", unitId).param("limit", limit)
                .query((rs, n) -> new Alert(rs.getObject("case_id", UUID.class), rs.getObject("unit_id", UUID.class),
                        SlaClock.Kind.valueOf(rs.getString("kind")), SlaClock.State.valueOf(rs.getString("state")),
                        instant(rs, "due_at"), instant(rs, "warned_at"), instant(rs, "breached_at"))).list();
    }

    private static ClockRow clock(ResultSet rs, int row) throws SQLException {
        return new ClockRow(rs.getObject("case_id", UUID.class), SlaClock.Kind.valueOf(rs.getString("kind")),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getInt("target_minutes"),
                rs.getInt("warn_percent"), rs.getBoolean("raise_priority"), SlaClock.State.valueOf(rs.getString("state")),
                rs.getLong("elapsed_seconds"), instant(rs, "computed_at"), instant(rs, "warn_at"), instant(rs, "due_at"),
                instant(rs, "warned_at"), instant(rs, "breached_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
