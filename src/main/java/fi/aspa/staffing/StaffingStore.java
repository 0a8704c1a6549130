package fi.aspa.staffing;

import fi.aspa.platform.Ids;
import fi.aspa.platform.OrganizationId;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The staffing tables. Every statement filters by the organization. */
@Repository
@Transactional
class StaffingStore {
    private final JdbcClient db;

    StaffingStore(JdbcClient db) {
        this.db = db;
    }

    private record Row(UUID staffId, String job, List<String> languages, WorkingHours hours, Instant confirmedAt) {}

    // ------------------------------------------------------------------ profiles

    /**
     * The profiles of these staff members, in the order given; one not saved yet has the defaults: the account's
     * language ({@code defaultLanguage}), office hours, never confirmed.
     */
    @Transactional(readOnly = true)
    Map<UUID, Profile> profiles(OrganizationId organization, Map<UUID, String> defaultLanguage) {
        Map<UUID, Profile> result = new LinkedHashMap<>();
        if (defaultLanguage.isEmpty()) return result;
        String[] ids = defaultLanguage.keySet().stream().map(UUID::toString).toArray(String[]::new);
        Map<UUID, Row> rows = new HashMap<>();
        db.sql("select * from staff_profile where organization_id = ? and staff_id = any(cast(? as uuid[]))")
                .params(organization.value(), ids)
                .query((rs, n) -> rows.put(rs.getObject("staff_id", UUID.class), row(rs))).list();
        Map<UUID, Map<UUID, Level>> expertise = new HashMap<>();
        db.sql("select staff_id, service_id, level from staff_expertise where organization_id = ? and staff_id = any(cast(? as uuid[]))")
                .params(organization.value(), ids)
                .query((rs, n) -> expertise.computeIfAbsent(rs.getObject("staff_id", UUID.class), k -> new LinkedHashMap<>())
                        .put(rs.getObject("service_id", UUID.class), Level.valueOf(rs.getString("level")))).list();
        Map<UUID, List<Absence>> absences = new HashMap<>();
        db.sql("""
                select * from staff_absence where organization_id = ? and staff_id = any(cast(? as uuid[]))
                order by first_day, last_day, id""")
                .params(organization.value(), ids)
                .query((rs, n) -> absences.computeIfAbsent(rs.getObject("staff_id", UUID.class), k -> new ArrayList<>())
                        .add(absence(rs))).list();
        defaultLanguage.forEach((id, language) -> {
            Row row = rows.get(id);
            result.put(id, new Profile(id, row == null ? "" : row.job(),
                    row == null ? List.of(language) : row.languages(), row == null ? WorkingHours.OFFICE : row.hours(),
                    expertise.getOrDefault(id, Map.of()), absences.getOrDefault(id, List.of()),
                    row == null ? null : row.confirmedAt(), row != null));
        });
        return result;
    }

    Profile profile(OrganizationId organization, UUID staffId, String defaultLanguage) {
        return profiles(organization, Map.of(staffId, defaultLanguage)).get(staffId);
    }

    /** Saves what the owner wrote; saving is also confirming that the profile is current. */
    void save(OrganizationId organization, UUID staffId, String job, List<String> languages, WorkingHours hours, Instant now) {
        save(organization, staffId, job, languages, hours, now, true);
    }

    /** Saves the details; {@code confirms}: the owner saves (which confirms), not a manager (which leaves it as it was). */
    void save(OrganizationId organization, UUID staffId, String job, List<String> languages, WorkingHours hours, Instant now,
              boolean confirms) {
        db.sql("""
                insert into staff_profile (staff_id, organization_id, job_description, languages, work_days, work_start, work_end,
                    confirmed_at, updated_at)
                values (:staff, :org, :job, cast(:languages as text[]), cast(:days as smallint[]), :start, :end,
                    case when :confirms then cast(:now as timestamptz) end, :now)
                on conflict (staff_id) do update set job_description = excluded.job_description, languages = excluded.languages,
                    work_days = excluded.work_days, work_start = excluded.work_start, work_end = excluded.work_end,
                    confirmed_at = case when :confirms then excluded.confirmed_at else staff_profile.confirmed_at end,
                    updated_at = excluded.updated_at
                where staff_profile.organization_id = excluded.organization_id""")
                .param("staff", staffId).param("org", organization.value()).param("job", job)
                .param("languages", languages.toArray(String[]::new))
                .param("days", hours.sortedDays().stream().map(d -> String.valueOf(d.getValue())).toArray(String[]::new))
                .param("start", hours.start()).param("end", hours.end()).param("now", Timestamp.from(now))
                .param("confirms", confirms)
                .update();
    }

    /** A change of someone's profile by someone else (their unit's manager, an administrator). */
    record Change(UUID changedBy, String what, String detail, Instant at) {}

    void recordChange(OrganizationId organization, UUID staffId, UUID changedBy, String what, String detail, Instant now) {
        db.sql("""
                insert into staff_profile_change (id, organization_id, staff_id, changed_by, what, detail, changed_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(fi.aspa.platform.Ids.next(), organization.value(), staffId, changedBy, what, detail, Timestamp.from(now))
                .update();
    }

    @Transactional(readOnly = true)
    List<Change> changes(OrganizationId organization, UUID staffId, int limit) {
        return db.sql("""
                select changed_by, what, detail, changed_at from staff_profile_change
                where staff_id = ? and organization_id = ? order by changed_at desc, id limit ?""")
                .params(staffId, organization.value(), limit)
                .query((rs, n) -> new Change(rs.getObject("changed_by", UUID.class), rs.getString("what"), rs.getString("detail"),
                        rs.getTimestamp("changed_at").toInstant()))
                .list();
    }

    /** Creates the profile with the defaults when there is none yet (never confirmed). */
    void ensure(OrganizationId organization, UUID staffId, String defaultLanguage, Instant now) {
        db.sql("""
                insert into staff_profile (staff_id, organization_id, languages, updated_at)
                values (?, ?, cast(? as text[]), ?) on conflict (staff_id) do nothing""")
                .params(staffId, organization.value(), new String[]{defaultLanguage}, Timestamp.from(now)).update();
    }

    void confirm(OrganizationId organization, UUID staffId, String defaultLanguage, Instant now) {
        ensure(organization, staffId, defaultLanguage, now);
        db.sql("update staff_profile set confirmed_at = ? where organization_id = ? and staff_id = ?")
                .params(Timestamp.from(now), organization.value(), staffId).update();
    }

    void unconfirm(OrganizationId organization, UUID staffId) {
        db.sql("update staff_profile set confirmed_at = null where organization_id = ? and staff_id = ?")
                .params(organization.value(), staffId).update();
    }

    @Transactional(readOnly = true)
    int countProfiles(OrganizationId organization) {
        return db.sql("select count(*) from staff_profile where organization_id = ?").param(organization.value()).query(Integer.class).single();
    }

    /** When the profile was last confirmed; empty when never (or when there is no profile yet). */
    @Transactional(readOnly = true)
    Optional<Instant> confirmedAt(OrganizationId organization, UUID staffId) {
        return db.sql("select confirmed_at from staff_profile where organization_id = ? and staff_id = ?")
                .params(organization.value(), staffId)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp("confirmed_at")).map(Timestamp::toInstant))
                .optional().flatMap(o -> o);
    }

    // ------------------------------------------------------------------ expertise

    void setExpertise(OrganizationId organization, UUID staffId, UUID serviceId, Level level) {
        db.sql("""
                insert into staff_expertise (organization_id, staff_id, service_id, level) values (?, ?, ?, ?)
                on conflict (staff_id, service_id) do update set level = excluded.level
                where staff_expertise.organization_id = excluded.organization_id""")
                .params(organization.value(), staffId, serviceId, level.name()).update();
    }

    /** False when the person had no such expertise (nothing removed). */
    boolean removeExpertise(OrganizationId organization, UUID staffId, UUID serviceId) {
        return db.sql("delete from staff_expertise where organization_id = ? and staff_id = ? and service_id = ?")
                .params(organization.value(), staffId, serviceId).update() > 0;
    }

    /** Who knows these services: service id -> staff id -> level. */
    @Transactional(readOnly = true)
    Map<UUID, Map<UUID, Level>> expertiseByService(OrganizationId organization) {
        Map<UUID, Map<UUID, Level>> result = new LinkedHashMap<>();
        db.sql("select staff_id, service_id, level from staff_expertise where organization_id = ? order by service_id, level, staff_id")
                .param(organization.value())
                .query((rs, n) -> result.computeIfAbsent(rs.getObject("service_id", UUID.class), k -> new LinkedHashMap<>())
                        .put(rs.getObject("staff_id", UUID.class), Level.valueOf(rs.getString("level")))).list();
        return result;
    }

    // ------------------------------------------------------------------ absences

    void addAbsence(OrganizationId organization, UUID staffId, LocalDate first, LocalDate last, Instant now) {
        db.sql("insert into staff_absence (id, organization_id, staff_id, first_day, last_day, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(Ids.next(), organization.value(), staffId, Date.valueOf(first), Date.valueOf(last), Timestamp.from(now))
                .update();
    }

    boolean removeAbsence(OrganizationId organization, UUID staffId, UUID absenceId) {
        return db.sql("delete from staff_absence where organization_id = ? and staff_id = ? and id = ?")
                .params(organization.value(), staffId, absenceId).update() > 0;
    }

    // ------------------------------------------------------------------ units

    @Transactional(readOnly = true)
    boolean autoAssign(OrganizationId organization, UUID unitId) {
        return db.sql("select auto_assign from staffing_unit where organization_id = ? and unit_id = ?")
                .params(organization.value(), unitId).query(Boolean.class).optional().orElse(false);
    }

    @Transactional(readOnly = true)
    Set<UUID> autoAssignUnits(OrganizationId organization) {
        return Set.copyOf(db.sql("select unit_id from staffing_unit where organization_id = ? and auto_assign")
                .param(organization.value()).query(UUID.class).list());
    }

    void setAutoAssign(OrganizationId organization, UUID unitId, boolean on, Instant now) {
        db.sql("""
                insert into staffing_unit (unit_id, organization_id, auto_assign, updated_at) values (?, ?, ?, ?)
                on conflict (unit_id) do update set auto_assign = excluded.auto_assign, updated_at = excluded.updated_at
                where staffing_unit.organization_id = excluded.organization_id""")
                .params(unitId, organization.value(), on, Timestamp.from(now)).update();
    }

    /**
     * Locks the unit's row until the transaction ends (two assignments in one unit take turns) and returns whose
     * turn it was last, if anyone's.
     */
    Optional<UUID> lockUnit(OrganizationId organization, UUID unitId, Instant now) {
        db.sql("""
                insert into staffing_unit (unit_id, organization_id, updated_at) values (?, ?, ?)
                on conflict (unit_id) do nothing""")
                .params(unitId, organization.value(), Timestamp.from(now)).update();
        return db.sql("select last_assignee_id from staffing_unit where organization_id = ? and unit_id = ? for update")
                .params(organization.value(), unitId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject("last_assignee_id", UUID.class)))
                .single();
    }

    void chosen(OrganizationId organization, UUID unitId, UUID staffId, Instant now) {
        db.sql("update staffing_unit set last_assignee_id = ?, updated_at = ? where organization_id = ? and unit_id = ?")
                .params(staffId, Timestamp.from(now), organization.value(), unitId).update();
    }

    // ------------------------------------------------------------------ assignment reasons

    record Reason(UUID caseId, UUID unitId, UUID serviceId, UUID assigneeId, AssignmentChoice.Outcome outcome, Level level,
                  String language, Integer load, int candidates, Instant decidedAt) {}

    /** The reasons of one or more assignments, in one statement. */
    void record(OrganizationId organization, List<Reason> reasons) {
        if (reasons.isEmpty()) return;
        StringBuilder sql = new StringBuilder("""
                insert into staffing_assignment (id, organization_id, case_id, unit_id, service_id, assignee_id, outcome, level,
                    language, load, candidates, decided_at) values """);
        List<Object> params = new ArrayList<>();
        for (Reason reason : reasons) {
            if (!params.isEmpty()) sql.append(", ");
            sql.append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(Arrays.asList(Ids.next(), organization.value(), reason.caseId(), reason.unitId(),
                    reason.serviceId(), reason.assigneeId(), reason.outcome().name(),
                    reason.level() == null ? null : reason.level().name(), reason.language(), reason.load(),
                    reason.candidates(), Timestamp.from(reason.decidedAt())));
        }
        db.sql(sql.toString()).params(params).update();
    }

    @Transactional(readOnly = true)
    Optional<Reason> lastReason(OrganizationId organization, UUID caseId) {
        return db.sql("select * from staffing_assignment where organization_id = ? and case_id = ? order by decided_at desc, id desc limit 1")
                .params(organization.value(), caseId)
                .query((rs, n) -> new Reason(caseId, rs.getObject("unit_id", UUID.class), rs.getObject("service_id", UUID.class),
                        rs.getObject("assignee_id", UUID.class), AssignmentChoice.Outcome.valueOf(rs.getString("outcome")),
                        rs.getString("level") == null ? null : Level.valueOf(rs.getString("level")), rs.getString("language"),
                        (Integer) rs.getObject("load"), rs.getInt("candidates"), rs.getTimestamp("decided_at").toInstant()))
                .optional();
    }

    // ------------------------------------------------------------------ internal services

    void markInternal(OrganizationId organization, UUID serviceId, boolean internal, Instant now) {
        if (internal) {
            db.sql("""
                    insert into staffing_internal_service (service_id, organization_id, created_at) values (?, ?, ?)
                    on conflict (service_id) do nothing""")
                    .params(serviceId, organization.value(), Timestamp.from(now)).update();
        } else {
            db.sql("delete from staffing_internal_service where organization_id = ? and service_id = ?")
                    .params(organization.value(), serviceId).update();
        }
    }

    @Transactional(readOnly = true)
    Set<UUID> internalServices(OrganizationId organization) {
        return Set.copyOf(db.sql("select service_id from staffing_internal_service where organization_id = ?")
                .param(organization.value()).query(UUID.class).list());
    }

    // ------------------------------------------------------------------ the requester's last look at their orders

    /** The requester opened their order now: replies up to {@code at} are seen (a later look never moves it back). */
    void orderSeen(OrganizationId organization, UUID staffId, UUID caseId, Instant at) {
        db.sql("""
                insert into staffing_order_seen (staff_id, case_id, organization_id, seen_at) values (?, ?, ?, ?)
                on conflict (staff_id, case_id) do update set seen_at = greatest(staffing_order_seen.seen_at, excluded.seen_at)""")
                .params(staffId, caseId, organization.value(), Timestamp.from(at)).update();
    }

    /** A reply to the staff member's own order (once per message: a redelivered event changes nothing). */
    void orderReplied(OrganizationId organization, UUID staffId, UUID caseId, UUID messageId, Instant at) {
        db.sql("""
                insert into staffing_order_reply (message_id, staff_id, case_id, organization_id, replied_at) values (?, ?, ?, ?, ?)
                on conflict (message_id) do nothing""")
                .params(messageId, staffId, caseId, organization.value(), Timestamp.from(at)).update();
    }

    /**
     * The replies to the staff member's own orders newer than their last look at each order (all of an order never
     * opened): what "My orders" marks as new, counted for the navigation in one query.
     */
    @Transactional(readOnly = true)
    int newOrderReplies(OrganizationId organization, UUID staffId) {
        return db.sql("""
                select count(*) from staffing_order_reply r
                left join staffing_order_seen s on s.staff_id = r.staff_id and s.case_id = r.case_id
                where r.organization_id = ? and r.staff_id = ? and (s.seen_at is null or r.replied_at > s.seen_at)""")
                .params(organization.value(), staffId).query(Integer.class).single();
    }

    /** Which of these orders have a reply newer than the requester's last look: the same rows {@link #newOrderReplies} counts. */
    @Transactional(readOnly = true)
    Set<UUID> ordersWithNewReplies(OrganizationId organization, UUID staffId, java.util.Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) return Set.of();
        return Set.copyOf(db.sql("""
                select distinct r.case_id from staffing_order_reply r
                left join staffing_order_seen s on s.staff_id = r.staff_id and s.case_id = r.case_id
                where r.organization_id = ? and r.staff_id = ? and r.case_id = any(?) and (s.seen_at is null or r.replied_at > s.seen_at)""")
                .params(organization.value(), staffId, caseIds.toArray(UUID[]::new)).query(UUID.class).list());
    }

    // ------------------------------------------------------------------ rows

    private static Row row(ResultSet rs) throws SQLException {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Object d : (Object[]) rs.getArray("work_days").getArray()) days.add(DayOfWeek.of(((Number) d).intValue()));
        Timestamp confirmed = rs.getTimestamp("confirmed_at");
        return new Row(rs.getObject("staff_id", UUID.class), rs.getString("job_description"), strings(rs.getArray("languages")),
                new WorkingHours(days, rs.getInt("work_start"), rs.getInt("work_end")),
                confirmed == null ? null : confirmed.toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.copyOf(Arrays.asList((String[]) array.getArray()));
    }

    private static Absence absence(ResultSet rs) throws SQLException {
        return new Absence(rs.getObject("id", UUID.class), rs.getObject("staff_id", UUID.class),
                rs.getDate("first_day").toLocalDate(), rs.getDate("last_day").toLocalDate());
    }
}
