package fi.aspa.channels.phone;

import fi.aspa.channels.Topic;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.Lifecycle;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Callback tasks. A resident's request is one transaction: the customer, the case (channel PHONE, tag
 * {@code callback}) and the task. An agent finishes a task with an outcome, which is written on the case as a note:
 * no answer keeps the task in the queue (counting the attempts); resolved resolves the case; follow-up gives the
 * case to the agent.
 */
@Service
class Callbacks {
    static final String TAG = "callback";
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    static final int MAX_MESSAGE = 1000;

    private final JdbcClient db;
    private final Customers customers;
    private final Cases cases;
    private final MessageSource messages;
    private final Clock clock;

    Callbacks(JdbcClient db, Customers customers, Cases cases, MessageSource messages, Clock clock) {
        this.db = db;
        this.customers = customers;
        this.cases = cases;
        this.messages = messages;
        this.clock = clock;
    }

    enum Window { MORNING, AFTERNOON }

    enum Outcome { RESOLVED, FOLLOW_UP, NO_ANSWER }

    /** What a resident asked for; {@code phone} in the international form. */
    record Request(String name, String phone, LocalDate date, Window window, Topic topic, String message, Language language) {
        @Override
        public String toString() {
            return "CallbackRequest[" + date + " " + window + ", " + topic + "]";
        }
    }

    record Task(UUID id, UUID caseId, String name, String phone, LocalDate date, Window window, String topic,
                String message, boolean done, int attempts, Outcome outcome, UUID doneBy, Instant doneAt, Instant createdAt) {}

    @Transactional
    OpenedCase request(OrganizationId organization, Request request) {
        UUID customer = customers.resolve(organization,
                ContactDetails.resident(request.name(), null, request.phone(), request.language()));
        Locale locale = request.language().locale();
        String topic = messages.getMessage(request.topic().getMessageKey(), null, locale);
        String subject = messages.getMessage("callback.case.subject", new Object[] {topic}, locale);
        String body = messages.getMessage("callback.case.body", new Object[] {request.phone(), DateTimes.date(request.date(), locale),
                messages.getMessage("callback.window." + request.window().name(), null, locale).toLowerCase(locale)}, locale)
                + (request.message() == null || request.message().isBlank() ? "" : "\n\n" + request.message());
        OpenedCase opened = cases.open(organization, new NewCase(Channel.PHONE, customer, subject, body, request.language(),
                request.topic().getCode(), null, null, Set.of(TAG), List.of(), Actor.customer()));
        create(organization, opened.id(), request.name(), request.phone(), request.date(), request.window(),
                request.topic().getCode(), request.message());
        return opened;
    }

    /** A callback for an existing case (an agent promised one on a call). */
    @Transactional
    UUID create(OrganizationId organization, UUID caseId, String name, String phone, LocalDate date, Window window,
                String topic, String message) {
        UUID id = Ids.next();
        db.sql("""
                insert into callback_request (id, organization_id, case_id, name, phone, preferred_date, preferred_window,
                    topic, message, status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)""")
                .params(id, organization.value(), caseId, name == null ? "" : name, phone, date, window.name(), topic,
                        message, Timestamp.from(clock.instant()))
                .update();
        return id;
    }

    /** Open tasks by preferred time (earliest first), or the latest finished ones. */
    @Transactional(readOnly = true)
    List<Task> list(OrganizationId organization, boolean done, int limit) {
        String order = done ? "done_at desc" : "preferred_date, preferred_window = 'AFTERNOON', created_at";
        return db.sql("select * from callback_request where organization_id = ? and status = ? order by " + order + " limit ?")
                .params(organization.value(), done ? "DONE" : "OPEN", limit).query(Callbacks::task).list();
    }

    @Transactional(readOnly = true)
    Optional<Task> find(OrganizationId organization, UUID id) {
        return db.sql("select * from callback_request where organization_id = ? and id = ?")
                .params(organization.value(), id).query(Callbacks::task).optional();
    }

    /** Records the outcome of a call back; false when the task is already done (another agent finished it). */
    @Transactional
    boolean complete(OrganizationId organization, UUID taskId, UUID staffId, Outcome outcome, String note, Locale staffLocale) {
        Optional<Task> task = db.sql("select * from callback_request where organization_id = ? and id = ? and status = 'OPEN' for update")
                .params(organization.value(), taskId).query(Callbacks::task).optional();
        if (task.isEmpty()) return false;
        UUID caseId = task.get().caseId();
        Actor actor = Actor.staff(staffId);
        String text = messages.getMessage("callbacks.note." + outcome.name(), null, staffLocale)
                + (note == null || note.isBlank() ? "" : "\n" + note.strip());
        cases.addNote(organization, caseId, actor, text);
        if (outcome == Outcome.NO_ANSWER) {
            db.sql("update callback_request set attempts = attempts + 1 where organization_id = ? and id = ?")
                    .params(organization.value(), taskId).update();
            return true;
        }
        db.sql("""
                update callback_request set status = 'DONE', outcome = ?, done_by = ?, done_at = ?, attempts = attempts + 1
                where organization_id = ? and id = ?""")
                .params(outcome.name(), staffId, Timestamp.from(clock.instant()), organization.value(), taskId).update();
        CaseStatus status = cases.summary(organization, caseId).map(CaseSummary::status).orElseThrow();
        if (outcome == Outcome.RESOLVED) {
            if (Lifecycle.allows(status, CaseStatus.RESOLVED)) cases.changeStatus(organization, caseId, actor, CaseStatus.RESOLVED);
        } else {
            cases.assign(organization, caseId, actor, staffId);
            if (status == CaseStatus.NEW) cases.changeStatus(organization, caseId, actor, CaseStatus.OPEN);
        }
        return true;
    }

    static Task task(ResultSet rs, int row) throws SQLException {
        Timestamp doneAt = rs.getTimestamp("done_at");
        String outcome = rs.getString("outcome");
        return new Task(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class), rs.getString("name"),
                rs.getString("phone"), rs.getObject("preferred_date", LocalDate.class),
                Window.valueOf(rs.getString("preferred_window")), rs.getString("topic"), rs.getString("message"),
                "DONE".equals(rs.getString("status")), rs.getInt("attempts"),
                outcome == null ? null : Outcome.valueOf(outcome), rs.getObject("done_by", UUID.class),
                doneAt == null ? null : doneAt.toInstant(), rs.getTimestamp("created_at").toInstant());
    }
}
