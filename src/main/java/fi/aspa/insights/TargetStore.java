package fi.aspa.insights;

import fi.aspa.platform.DateTimes;
import fi.aspa.platform.OrganizationId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The units' improvement targets and their history ({@code improvement_target}, {@code improvement_target_change}).
 * Every query is within one organization; "today" (for what is overdue) is the Helsinki date of the injected clock.
 */
@Service
class TargetStore {
    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 4000;

    private final JdbcClient db;
    private final Clock clock;

    TargetStore(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A target's lifecycle: PLANNED and IN_PROGRESS are open (and can be overdue), DONE and DROPPED are closed. */
    enum Status {
        PLANNED, IN_PROGRESS, DONE, DROPPED;

        boolean open() {
            return this == PLANNED || this == IN_PROGRESS;
        }

        static Optional<Status> parse(String value) {
            return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst();
        }
    }

    /** The dashboard figure a target addresses, by the code the form and the table use. */
    enum Figure {
        CSAT("csat"), RESPONSE_RATE("response-rate"), FIRST_REPLY("first-reply"), RESOLUTION("resolution"),
        REOPENED("reopened"), BACKLOG("backlog"), TRANSFERS("transfers"), SLA("sla"), OTHER("other");

        final String code;

        Figure(String code) {
            this.code = code;
        }

        static Optional<Figure> parse(String code) {
            return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
        }
    }

    /** The fields of a target a person can change, by their form codes (the history lists them). */
    static final List<String> FIELDS = List.of("title", "description", "figure", "owner", "due", "review");

    record Target(UUID id, OrganizationId organizationId, UUID unitId, String title, String description, Figure figure,
                  UUID ownerId, LocalDate due, Status status, String review, UUID createdBy, Instant createdAt,
                  Instant updatedAt) {
        /** Still open after its due date. */
        boolean overdue(LocalDate today) {
            return status.open() && due != null && due.isBefore(today);
        }
    }

    /** What a form sets: {@code figure}, {@code ownerId} and {@code due} may be null; texts are never null. */
    record Draft(UUID unitId, String title, String description, Figure figure, UUID ownerId, LocalDate due,
                 Status status, String review) {}

    record Change(UUID changedBy, Instant changedAt, Status from, Status to, List<String> fields) {
        boolean created() {
            return from == null;
        }

        boolean statusChanged() {
            return from != null && from != to;
        }
    }

    record Counts(long open, long overdue) {}

    LocalDate today() {
        return clock.instant().atZone(DateTimes.HELSINKI).toLocalDate();
    }

    @Transactional
    Target create(OrganizationId org, UUID staffId, Draft draft) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        db.sql("""
                insert into improvement_target (id, organization_id, unit_id, title, description, figure, owner_staff_id,
                                                due_date, status, review_note, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, org.value(), draft.unitId(), draft.title(), draft.description(),
                        draft.figure() == null ? null : draft.figure().code, draft.ownerId(),
                        draft.due(), draft.status().name(), draft.review(),
                        staffId, now, now)
                .update();
        change(org, id, staffId, null, draft.status(), List.of());
        return find(org, id).orElseThrow();
    }

    /**
     * Saves what changed (the unit stays) and writes one history row naming it; nothing when nothing changed.
     * Returns the fields changed, "status" first when it did; empty when the target is not the organization's.
     */
    @Transactional
    Optional<List<String>> update(OrganizationId org, UUID id, UUID staffId, Draft draft) {
        Optional<Target> locked = db.sql(TARGET + " where organization_id = ? and id = ? for update")
                .params(org.value(), id).query(TargetStore::target).optional();
        if (locked.isEmpty()) return Optional.empty();
        Target before = locked.get();
        List<String> fields = new ArrayList<>();
        if (!before.title().equals(draft.title())) fields.add("title");
        if (!before.description().equals(draft.description())) fields.add("description");
        if (before.figure() != draft.figure()) fields.add("figure");
        if (!Objects.equals(before.ownerId(), draft.ownerId())) fields.add("owner");
        if (!Objects.equals(before.due(), draft.due())) fields.add("due");
        if (!before.review().equals(draft.review())) fields.add("review");
        boolean statusChanged = before.status() != draft.status();
        if (fields.isEmpty() && !statusChanged) return Optional.of(List.of());
        db.sql("""
                update improvement_target set title = ?, description = ?, figure = ?, owner_staff_id = ?, due_date = ?,
                       status = ?, review_note = ?, updated_at = greatest(created_at, ?)
                where organization_id = ? and id = ?""")
                .params(draft.title(), draft.description(), draft.figure() == null ? null : draft.figure().code,
                        draft.ownerId(), draft.due(), draft.status().name(),
                        draft.review(), Timestamp.from(clock.instant()), org.value(), id)
                .update();
        change(org, id, staffId, before.status(), draft.status(), fields);
        List<String> all = new ArrayList<>();
        if (statusChanged) all.add("status");
        all.addAll(fields);
        return Optional.of(all);
    }

    private void change(OrganizationId org, UUID targetId, UUID staffId, Status from, Status to, List<String> fields) {
        db.sql("""
                insert into improvement_target_change (id, organization_id, target_id, changed_by, changed_at, from_status,
                                                       to_status, fields)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), org.value(), targetId, staffId, Timestamp.from(clock.instant()),
                        from == null ? null : from.name(), to.name(), fields.toArray(String[]::new))
                .update();
    }

    Optional<Target> find(OrganizationId org, UUID id) {
        return db.sql(TARGET + " where organization_id = ? and id = ?").params(org.value(), id)
                .query(TargetStore::target).optional();
    }

    /**
     * A unit's targets ({@code unitId} null: every unit's), of one status or all ({@code status} null): open ones
     * first (in progress, then planned), each group by due date (none last), then by title.
     */
    List<Target> list(OrganizationId org, UUID unitId, Status status) {
        return db.sql(TARGET + """
                 where organization_id = ? and (?::uuid is null or unit_id = ?) and (?::text is null or status = ?)
                 order by case status when 'IN_PROGRESS' then 0 when 'PLANNED' then 1 when 'DONE' then 2 else 3 end,
                          due_date nulls last, title, id""")
                .params(org.value(), unitId, unitId, status == null ? null : status.name(),
                        status == null ? null : status.name())
                .query(TargetStore::target).list();
    }

    /** How many of a unit's (null: the organization's) targets are open, and how many of those are past their due date. */
    Counts counts(OrganizationId org, UUID unitId) {
        return db.sql("""
                select count(*) as open, count(*) filter (where due_date < ?) as overdue
                from improvement_target
                where organization_id = ? and (?::uuid is null or unit_id = ?) and status in ('PLANNED', 'IN_PROGRESS')""")
                .params(today(), org.value(), unitId, unitId)
                .query((rs, n) -> new Counts(rs.getLong("open"), rs.getLong("overdue"))).single();
    }

    /** A target's history, oldest first. */
    List<Change> changes(OrganizationId org, UUID targetId) {
        return db.sql("""
                select changed_by, changed_at, from_status, to_status, fields from improvement_target_change
                where organization_id = ? and target_id = ? order by changed_at, id""")
                .params(org.value(), targetId)
                .query((rs, n) -> new Change(rs.getObject("changed_by", UUID.class),
                        rs.getTimestamp("changed_at").toInstant(),
                        rs.getString("from_status") == null ? null : Status.valueOf(rs.getString("from_status")),
                        Status.valueOf(rs.getString("to_status")), strings(rs.getArray("fields"))))
                .list();
    }

    /** Whether the organization has any targets (the demo data adds its own only to an organization without). */
    boolean any(OrganizationId org) {
        return db.sql("select exists (select 1 from improvement_target where organization_id = ?)")
                .params(org.value()).query(Boolean.class).single();
    }

    private static final String TARGET = """
            select id, organization_id, unit_id, title, description, figure, owner_staff_id, due_date, status, review_note,
                   created_by, created_at, updated_at
            from improvement_target
            """;

    private static Target target(ResultSet rs, int n) throws SQLException {
        LocalDate due = rs.getObject("due_date", LocalDate.class);
        String figure = rs.getString("figure");
        return new Target(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getObject("unit_id", UUID.class), rs.getString("title"), rs.getString("description"),
                figure == null ? null : Figure.parse(figure).orElseThrow(), rs.getObject("owner_staff_id", UUID.class),
                due, Status.valueOf(rs.getString("status")), rs.getString("review_note"),
                rs.getObject("created_by", UUID.class), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
