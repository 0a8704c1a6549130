package fi.aspa.assignments;

import fi.aspa.platform.DateTimes;
import fi.aspa.platform.LocalizedText;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.Ids;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tasks sent to units and the units' answers ({@code assignment}, {@code assignment_question}, {@code assignment_unit},
 * {@code assignment_change}, {@code assignment_answer}). Every query is within one organization; "today" (what is open
 * and what is overdue) is the Helsinki date of the injected clock. An answer is written with optimistic locking: a save
 * names the version it was edited from, and a save from an older version changes nothing and says so.
 */
@Service
class AssignmentStore {
    static final int MAX_TITLE = 200;
    static final int MAX_INSTRUCTIONS = 4000;
    static final int MAX_QUESTION = 1000;
    static final int MAX_QUESTIONS = 10;
    static final int MAX_ANSWER = 20_000;

    private final JdbcClient db;
    private final Clock clock;
    private final Organizations organizations;

    AssignmentStore(JdbcClient db, Clock clock, Organizations organizations) {
        this.db = db;
        this.clock = clock;
        this.organizations = organizations;
    }

    enum Kind {
        PRE_ASSIGNMENT, REFLECTION;

        static Optional<Kind> parse(String value) {
            return Arrays.stream(values()).filter(k -> k.name().equals(value)).findFirst();
        }
    }

    enum Status { DRAFT, SENT }

    /** A unit's state in a task, as the sender follows it. */
    enum UnitState { NOT_STARTED, DRAFT, SUBMITTED }

    record Question(int position, LocalizedText text) {}

    record Task(UUID id, OrganizationId organizationId, Kind kind, LocalizedText title, LocalizedText instructions,
                boolean allUnits, LocalDate opens, LocalDate due, String eventCode, Status status, UUID createdBy,
                Instant createdAt, UUID sentBy, Instant sentAt) {
        public boolean sent() {
            return status == Status.SENT;
        }

        /** Sent and its opening date reached: the units see it. */
        public boolean open(LocalDate today) {
            return sent() && !opens.isAfter(today);
        }

        public boolean pastDue(LocalDate today) {
            return due.isBefore(today);
        }
    }

    /** What the task form sets; {@code units} are ignored when {@code allUnits}. */
    record Draft(Kind kind, LocalizedText title, LocalizedText instructions, List<LocalizedText> questions,
                 boolean allUnits, List<UUID> units, LocalDate opens, LocalDate due, String eventCode) {}

    record Change(UUID changedBy, Instant changedAt, String action, List<String> fields, LocalDate dueBefore) {}

    /** A unit's answer; {@code texts} has one text per question (empty where not written). */
    record Answer(UUID id, UUID assignmentId, UUID unitId, List<String> texts, UnitState state, int version,
                  UUID updatedBy, Instant updatedAt, UUID submittedBy, Instant submittedAt) {
        public String text(int position) {
            return position < texts.size() && texts.get(position) != null ? texts.get(position) : "";
        }
    }

    /** A task in a unit's list: the task and the unit's answer state (and when it was submitted). */
    record UnitTask(Task task, UnitState state, Instant submittedAt) {}

    /** A task in the administrators' list: how many units it went to and how many have submitted. */
    record Summary(Task task, int units, int submitted) {}

    LocalDate today() {
        return clock.instant().atZone(DateTimes.HELSINKI).toLocalDate();
    }

    Instant now() {
        return clock.instant();
    }

    // --- tasks

    @Transactional
    Task create(OrganizationId org, UUID staffId, Draft draft) {
        UUID id = Ids.next();
        Timestamp now = Timestamp.from(clock.instant());
        db.sql("""
                insert into assignment (id, organization_id, kind, title_fi, title_sv, title_en, instructions_fi,
                                        instructions_sv, instructions_en, all_units, opens_on, due_on, event_code,
                                        created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, org.value(), draft.kind().name(), draft.title().fi(), draft.title().sv(),
                        blankToNull(draft.title().en()), draft.instructions().fi(), draft.instructions().sv(),
                        blankToNull(draft.instructions().en()), draft.allUnits(), draft.opens(), draft.due(),
                        draft.eventCode(), staffId, now, now)
                .update();
        writeQuestions(org, id, draft.questions());
        writeUnits(org, id, draft.allUnits(), draft.units());
        change(org, id, staffId, "CREATED", List.of(), null);
        return find(org, id).orElseThrow();
    }

    /**
     * Saves what changed and names it in the history; a sent task changes only its title, instructions and due date
     * (the rest of {@code draft} is ignored). Empty when the task is not the organization's; the fields changed otherwise.
     */
    @Transactional
    Optional<List<String>> update(OrganizationId org, UUID id, UUID staffId, Draft draft) {
        Optional<Task> locked = db.sql(TASK + " where organization_id = ? and id = ? for update")
                .params(org.value(), id).query(AssignmentStore::task).optional();
        if (locked.isEmpty()) return Optional.empty();
        Task before = locked.get();
        List<String> fields = new ArrayList<>();
        boolean sent = before.sent();
        if (!sent && before.kind() != draft.kind()) fields.add("kind");
        if (!same(before.title(), draft.title())) fields.add("title");
        if (!same(before.instructions(), draft.instructions())) fields.add("instructions");
        if (!sent) {
            List<LocalizedText> questions = questions(org, id).stream().map(Question::text).toList();
            if (!sameList(questions, draft.questions())) fields.add("questions");
            if (before.allUnits() != draft.allUnits()
                    || (!draft.allUnits() && !new java.util.HashSet<>(units(org, id)).equals(new java.util.HashSet<>(draft.units())))) {
                fields.add("units");
            }
            if (!before.opens().equals(draft.opens())) fields.add("opens");
        }
        if (!before.due().equals(draft.due())) fields.add("due");
        if (!sent && !Objects.equals(before.eventCode(), draft.eventCode())) fields.add("event");
        if (fields.isEmpty()) return Optional.of(List.of());
        Timestamp now = Timestamp.from(clock.instant());
        if (sent) {
            db.sql("""
                    update assignment set title_fi = ?, title_sv = ?, title_en = ?, instructions_fi = ?, instructions_sv = ?,
                           instructions_en = ?, due_on = ?, updated_at = greatest(created_at, ?)
                    where organization_id = ? and id = ?""")
                    .params(draft.title().fi(), draft.title().sv(), blankToNull(draft.title().en()),
                            draft.instructions().fi(), draft.instructions().sv(), blankToNull(draft.instructions().en()),
                            draft.due(), now, org.value(), id)
                    .update();
        } else {
            db.sql("""
                    update assignment set kind = ?, title_fi = ?, title_sv = ?, title_en = ?, instructions_fi = ?,
                           instructions_sv = ?, instructions_en = ?, all_units = ?, opens_on = ?, due_on = ?, event_code = ?,
                           updated_at = greatest(created_at, ?)
                    where organization_id = ? and id = ?""")
                    .params(draft.kind().name(), draft.title().fi(), draft.title().sv(), blankToNull(draft.title().en()),
                            draft.instructions().fi(), draft.instructions().sv(), blankToNull(draft.instructions().en()),
                            draft.allUnits(), draft.opens(), draft.due(), draft.eventCode(), now, org.value(), id)
                    .update();
            if (fields.contains("questions")) {
                db.sql("delete from assignment_question where organization_id = ? and assignment_id = ?")
                        .params(org.value(), id).update();
                writeQuestions(org, id, draft.questions());
            }
            if (fields.contains("units")) {
                db.sql("delete from assignment_unit where organization_id = ? and assignment_id = ?")
                        .params(org.value(), id).update();
                writeUnits(org, id, draft.allUnits(), draft.units());
            }
        }
        change(org, id, staffId, "EDITED", fields, fields.contains("due") ? before.due() : null);
        return Optional.of(fields);
    }

    /**
     * Sends a draft task: a task for all units goes to the organization's units of this moment. False when it was not
     * the organization's draft (already sent, or unknown).
     */
    @Transactional
    boolean send(OrganizationId org, UUID id, UUID staffId) {
        Optional<Task> locked = db.sql(TASK + " where organization_id = ? and id = ? for update")
                .params(org.value(), id).query(AssignmentStore::task).optional();
        if (locked.isEmpty() || locked.get().sent()) return false;
        if (locked.get().allUnits()) {
            db.sql("delete from assignment_unit where organization_id = ? and assignment_id = ?").params(org.value(), id).update();
            writeUnits(org, id, true, List.of());
        }
        db.sql("update assignment set status = 'SENT', sent_by = ?, sent_at = ? where organization_id = ? and id = ?")
                .params(staffId, Timestamp.from(clock.instant()), org.value(), id).update();
        change(org, id, staffId, "SENT", List.of(), null);
        return true;
    }

    private void writeQuestions(OrganizationId org, UUID id, List<LocalizedText> questions) {
        for (int i = 0; i < questions.size(); i++) {
            LocalizedText q = questions.get(i);
            db.sql("""
                    insert into assignment_question (id, organization_id, assignment_id, position, text_fi, text_sv, text_en)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(Ids.next(), org.value(), id, i, q.fi(), q.sv(), blankToNull(q.en())).update();
        }
    }

    /** The task's units: all of the organization's, or those of the chosen that are the organization's. */
    private void writeUnits(OrganizationId org, UUID id, boolean all, List<UUID> units) {
        UUID[] ids = organizations.units(org).stream().map(Unit::id).filter(u -> all || units.contains(u)).toArray(UUID[]::new);
        db.sql("""
                insert into assignment_unit (organization_id, assignment_id, unit_id)
                select ?, ?, unit_id from unnest(?::uuid[]) as t (unit_id)""")
                .params(org.value(), id, ids).update();
    }

    private void change(OrganizationId org, UUID id, UUID staffId, String action, List<String> fields, LocalDate dueBefore) {
        db.sql("""
                insert into assignment_change (id, organization_id, assignment_id, changed_by, changed_at, action, fields, due_before)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Ids.next(), org.value(), id, staffId, Timestamp.from(clock.instant()), action,
                        fields.toArray(String[]::new), dueBefore)
                .update();
    }

    Optional<Task> find(OrganizationId org, UUID id) {
        return db.sql(TASK + " where organization_id = ? and id = ?").params(org.value(), id)
                .query(AssignmentStore::task).optional();
    }

    List<Question> questions(OrganizationId org, UUID id) {
        return db.sql("""
                select position, text_fi, text_sv, text_en from assignment_question
                where organization_id = ? and assignment_id = ? order by position""")
                .params(org.value(), id)
                .query((rs, n) -> new Question(rs.getInt("position"),
                        new LocalizedText(rs.getString("text_fi"), rs.getString("text_sv"), rs.getString("text_en"))))
                .list();
    }

    /** The units a task goes to (for a draft for all units: those chosen when it was last saved). */
    List<UUID> units(OrganizationId org, UUID id) {
        return db.sql("select unit_id from assignment_unit where organization_id = ? and assignment_id = ?")
                .params(org.value(), id).query(UUID.class).list();
    }

    List<Change> changes(OrganizationId org, UUID id) {
        return db.sql("""
                select changed_by, changed_at, action, fields, due_before from assignment_change
                where organization_id = ? and assignment_id = ? order by changed_at, id""")
                .params(org.value(), id)
                .query((rs, n) -> new Change(rs.getObject("changed_by", UUID.class), rs.getTimestamp("changed_at").toInstant(),
                        rs.getString("action"), strings(rs.getArray("fields")), rs.getObject("due_before", LocalDate.class)))
                .list();
    }

    /** The organization's tasks, drafts first, then by due date (latest first), with their units and submissions. */
    List<Summary> all(OrganizationId org) {
        return db.sql(TASK_COLUMNS + """
                , (select count(*) from assignment_unit u where u.organization_id = a.organization_id and u.assignment_id = a.id) as units,
                  (select count(*) from assignment_answer r where r.organization_id = a.organization_id and r.assignment_id = a.id
                                                             and r.status = 'SUBMITTED') as submitted
                from assignment a where a.organization_id = ?
                order by a.status, a.due_on desc, a.created_at desc, a.id""")
                .params(org.value())
                .query((rs, n) -> new Summary(task(rs, n), rs.getInt("units"), rs.getInt("submitted"))).list();
    }

    /** A unit's sent tasks that have opened, with its state: not yet submitted first, each group by due date. */
    List<UnitTask> forUnit(OrganizationId org, UUID unitId) {
        return db.sql(TASK_COLUMNS + """
                , r.status as answer_status, r.submitted_at as answer_submitted_at
                from assignment a
                join assignment_unit u on u.organization_id = a.organization_id and u.assignment_id = a.id
                left join assignment_answer r on r.organization_id = u.organization_id and r.assignment_id = u.assignment_id
                                             and r.unit_id = u.unit_id
                where a.organization_id = ? and u.unit_id = ? and a.status = 'SENT' and a.opens_on <= ?
                order by (r.status = 'SUBMITTED') nulls first, a.due_on, a.title_fi, a.id""")
                .params(org.value(), unitId, today())
                .query((rs, n) -> {
                    Timestamp submitted = rs.getTimestamp("answer_submitted_at");
                    return new UnitTask(task(rs, n), state(rs.getString("answer_status")),
                            submitted == null ? null : submitted.toInstant());
                })
                .list();
    }

    /** How many of a unit's opened tasks it has not submitted: the navigation's count, one query. */
    int openCount(OrganizationId org, UUID unitId) {
        return db.sql("""
                select count(*) from assignment a
                join assignment_unit u on u.organization_id = a.organization_id and u.assignment_id = a.id
                where a.organization_id = ? and u.unit_id = ? and a.status = 'SENT' and a.opens_on <= ?
                  and not exists (select 1 from assignment_answer r where r.organization_id = u.organization_id
                                  and r.assignment_id = u.assignment_id and r.unit_id = u.unit_id and r.status = 'SUBMITTED')""")
                .params(org.value(), unitId, today()).query(Integer.class).single();
    }

    // --- answers

    Optional<Answer> answer(OrganizationId org, UUID assignmentId, UUID unitId) {
        return db.sql(ANSWER + " where organization_id = ? and assignment_id = ? and unit_id = ?")
                .params(org.value(), assignmentId, unitId).query(AssignmentStore::answer).optional();
    }

    /** Every answer to a task, by unit. */
    Map<UUID, Answer> answers(OrganizationId org, UUID assignmentId) {
        Map<UUID, Answer> byUnit = new HashMap<>();
        db.sql(ANSWER + " where organization_id = ? and assignment_id = ?").params(org.value(), assignmentId)
                .query(AssignmentStore::answer).list().forEach(a -> byUnit.put(a.unitId(), a));
        return byUnit;
    }

    /** What a save did: saved (the answer as it is now), or refused because another saved first or it was submitted. */
    sealed interface Saved {
        record Ok(Answer answer) implements Saved {}

        /** Someone saved a newer version (or submitted it) after {@code version} was read: nothing changed. */
        record Conflict(Answer current) implements Saved {}
    }

    /**
     * Saves a unit's draft answer edited from {@code version} (0: the unit had none), and submits it when
     * {@code submit}. A save from an older version, or to a submitted answer, changes nothing: {@link Saved.Conflict}
     * with the answer as it is.
     */
    @Transactional
    Saved save(OrganizationId org, UUID assignmentId, UUID unitId, UUID staffId, int version, List<String> texts,
               boolean submit) {
        Timestamp now = Timestamp.from(clock.instant());
        String[] array = texts.toArray(String[]::new);
        int changed;
        if (version == 0) {
            changed = db.sql("""
                    insert into assignment_answer (id, organization_id, assignment_id, unit_id, texts, status, version,
                                                   updated_by, updated_at, submitted_by, submitted_at)
                    values (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) on conflict (assignment_id, unit_id) do nothing""")
                    .params(Ids.next(), org.value(), assignmentId, unitId, array, submit ? "SUBMITTED" : "DRAFT",
                            staffId, now, submit ? staffId : null, submit ? now : null)
                    .update();
        } else {
            changed = db.sql("""
                    update assignment_answer set texts = ?, version = version + 1, updated_by = ?, updated_at = ?,
                           status = ?, submitted_by = ?, submitted_at = ?
                    where organization_id = ? and assignment_id = ? and unit_id = ? and version = ? and status = 'DRAFT'""")
                    .params(array, staffId, now, submit ? "SUBMITTED" : "DRAFT", submit ? staffId : null,
                            submit ? now : null, org.value(), assignmentId, unitId, version)
                    .update();
        }
        Answer current = answer(org, assignmentId, unitId).orElseThrow();
        return changed == 1 ? new Saved.Ok(current) : new Saved.Conflict(current);
    }

    /** Puts a submitted answer back to draft; false when it was not submitted (or not at {@code version}). */
    @Transactional
    boolean reopen(OrganizationId org, UUID assignmentId, UUID unitId, UUID staffId, int version) {
        return db.sql("""
                update assignment_answer set status = 'DRAFT', version = version + 1, submitted_by = null,
                       submitted_at = null, updated_by = ?, updated_at = ?
                where organization_id = ? and assignment_id = ? and unit_id = ? and status = 'SUBMITTED' and version = ?""")
                .params(staffId, Timestamp.from(clock.instant()), org.value(), assignmentId, unitId, version)
                .update() == 1;
    }

    /** Whether the organization has any tasks (the demo data adds its own only to an organization without). */
    boolean any(OrganizationId org) {
        return db.sql("select exists (select 1 from assignment where organization_id = ?)")
                .params(org.value()).query(Boolean.class).single();
    }

    // --- rows

    private static final String TASK_COLUMNS = """
            select a.id, a.organization_id, a.kind, a.title_fi, a.title_sv, a.title_en, a.instructions_fi, a.instructions_sv,
                   a.instructions_en, a.all_units, a.opens_on, a.due_on, a.event_code, a.status, a.created_by, a.created_at,
                   a.sent_by, a.sent_at
            """;

    private static final String TASK = TASK_COLUMNS + " from assignment a ";

    private static final String ANSWER = """
            select id, assignment_id, unit_id, texts, status, version, updated_by, updated_at, submitted_by, submitted_at
            from assignment_answer
            """;

    private static Task task(ResultSet rs, int n) throws SQLException {
        Timestamp sentAt = rs.getTimestamp("sent_at");
        return new Task(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                Kind.valueOf(rs.getString("kind")),
                new LocalizedText(rs.getString("title_fi"), rs.getString("title_sv"), rs.getString("title_en")),
                new LocalizedText(rs.getString("instructions_fi"), rs.getString("instructions_sv"), rs.getString("instructions_en")),
                rs.getBoolean("all_units"), rs.getObject("opens_on", LocalDate.class), rs.getObject("due_on", LocalDate.class),
                rs.getString("event_code"), Status.valueOf(rs.getString("status")), rs.getObject("created_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getObject("sent_by", UUID.class),
                sentAt == null ? null : sentAt.toInstant());
    }

    private static Answer answer(ResultSet rs, int n) throws SQLException {
        Timestamp submitted = rs.getTimestamp("submitted_at");
        return new Answer(rs.getObject("id", UUID.class), rs.getObject("assignment_id", UUID.class),
                rs.getObject("unit_id", UUID.class), strings(rs.getArray("texts")), state(rs.getString("status")),
                rs.getInt("version"), rs.getObject("updated_by", UUID.class), rs.getTimestamp("updated_at").toInstant(),
                rs.getObject("submitted_by", UUID.class), submitted == null ? null : submitted.toInstant());
    }

    private static UnitState state(String status) {
        if (status == null) return UnitState.NOT_STARTED;
        return "SUBMITTED".equals(status) ? UnitState.SUBMITTED : UnitState.DRAFT;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static boolean same(LocalizedText a, LocalizedText b) {
        return Objects.equals(a.fi(), b.fi()) && Objects.equals(a.sv(), b.sv())
                && Objects.equals(blankToNull(a.en()), blankToNull(b.en()));
    }

    private static boolean sameList(List<LocalizedText> a, List<LocalizedText> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!same(a.get(i), b.get(i))) return false;
        return true;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
