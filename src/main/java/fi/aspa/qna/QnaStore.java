package fi.aspa.qna;

import fi.aspa.platform.Ids;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.Tokens;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Events, their questions and the questions' votes ({@code qna_event}, {@code qna_question}, {@code qna_vote}). */
@Service
class QnaStore {
    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_QUESTION = 500;
    static final int MAX_NAME = 100;
    static final int MAX_ANSWER = 4000;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** No 0/o, 1/l/i: a code read aloud or from a slide is typed right. */
    private static final char[] CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    private final JdbcClient db;
    private final Clock clock;

    QnaStore(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    enum Audience { PUBLIC, STAFF }

    enum Phase { ADVANCE, LIVE }

    enum Status { PENDING, VISIBLE, ANSWERED, HIDDEN }

    record NewEvent(LocalizedText title, LocalizedText description, Instant startsAt, Instant endsAt, Audience audience,
                    boolean premoderated) {}

    record Event(UUID id, OrganizationId organizationId, String code, LocalizedText title, LocalizedText description,
                 Instant startsAt, Instant endsAt, Audience audience, boolean premoderated, UUID createdBy,
                 UUID highlightedQuestionId) {
        /** Questions are taken from creation until the end. */
        boolean open(Instant now) {
            return now.isBefore(endsAt);
        }

        Phase phase(Instant now) {
            return now.isBefore(startsAt) ? Phase.ADVANCE : Phase.LIVE;
        }
    }

    record Question(UUID id, UUID eventId, String text, UUID askerCustomerId, Phase phase, Status status, String answer,
                    Instant createdAt, Instant answeredAt, long votes) {}

    Instant now() {
        return clock.instant();
    }

    /** A new event with a new random code (another on the rare clash within the organization). */
    Event create(OrganizationId org, UUID createdBy, NewEvent e) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Event> created = create(org, createdBy, e, newCode());
            if (created.isPresent()) return created.get();
        }
        throw new IllegalStateException("No free event code");
    }

    /** A new event with the given code; empty when the organization has an event with that code. */
    Optional<Event> create(OrganizationId org, UUID createdBy, NewEvent e, String code) {
        UUID id = Ids.next();
        int inserted = db.sql("""
                insert into qna_event (id, organization_id, code, title_fi, title_sv, title_en, description_fi, description_sv,
                                       description_en, starts_at, ends_at, audience, premoderated, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (organization_id, code) do nothing""")
                .params(id, org.value(), code, e.title().fi(), e.title().sv(), blankToNull(e.title().en()),
                        blankToNull(e.description().fi()), blankToNull(e.description().sv()), blankToNull(e.description().en()),
                        Timestamp.from(e.startsAt()), Timestamp.from(e.endsAt()), e.audience().name(), e.premoderated(),
                        createdBy, Timestamp.from(clock.instant()))
                .update();
        return inserted == 1 ? find(org, id) : Optional.empty();
    }

    Optional<Event> find(OrganizationId org, UUID id) {
        return db.sql(EVENT + " where organization_id = ? and id = ?").params(org.value(), id).query(QnaStore::event).optional();
    }

    Optional<Event> byCode(OrganizationId org, String code) {
        if (code == null || code.length() > 40) return Optional.empty();
        return db.sql(EVENT + " where organization_id = ? and code = ?").params(org.value(), code).query(QnaStore::event).optional();
    }

    /** The organization's events, the latest start first. */
    List<Event> events(OrganizationId org) {
        return db.sql(EVENT + " where organization_id = ? order by starts_at desc limit 200").param(org.value())
                .query(QnaStore::event).list();
    }

    /** Stores a question: the phase from the clock, pending when the event is pre-moderated. */
    Question ask(Event event, String text, UUID askerCustomerId) {
        Instant now = clock.instant();
        UUID id = Ids.next();
        Status status = event.premoderated() ? Status.PENDING : Status.VISIBLE;
        db.sql("""
                insert into qna_question (id, organization_id, event_id, text, asker_customer_id, phase, status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, event.organizationId().value(), event.id(), text, askerCustomerId, event.phase(now).name(),
                        status.name(), Timestamp.from(now))
                .update();
        return question(event, id).orElseThrow();
    }

    Optional<Question> question(Event event, UUID id) {
        return db.sql(QUESTION + " where q.organization_id = ? and q.event_id = ? and q.id = ?")
                .params(event.organizationId().value(), event.id(), id).query(QnaStore::question).optional();
    }

    /** The event's questions in the given statuses, by votes (then oldest first) or newest first. */
    List<Question> questions(Event event, List<Status> statuses, boolean newestFirst) {
        return db.sql(QUESTION + " where q.organization_id = ? and q.event_id = ? and q.status = any (?)"
                        + (newestFirst ? " order by q.created_at desc, q.id" : " order by votes desc, q.created_at, q.id"))
                .params(event.organizationId().value(), event.id(), statuses.stream().map(Enum::name).toArray(String[]::new))
                .query(QnaStore::question).list();
    }

    /** One vote per voter; false when the voter had voted already (nothing changes). */
    boolean vote(Event event, UUID questionId, String voter) {
        return db.sql("""
                insert into qna_vote (organization_id, question_id, voter_sha256, created_at)
                select ?, q.id, ?, ? from qna_question q
                where q.organization_id = ? and q.event_id = ? and q.id = ? and q.status in ('VISIBLE', 'ANSWERED')
                on conflict do nothing""")
                .params(event.organizationId().value(), Tokens.sha256(voter), Timestamp.from(clock.instant()),
                        event.organizationId().value(), event.id(), questionId)
                .update() == 1;
    }

    /** The questions of the event this voter has voted for. */
    List<UUID> votedBy(Event event, String voter) {
        return db.sql("""
                select v.question_id from qna_vote v join qna_question q on q.id = v.question_id
                where v.organization_id = ? and q.event_id = ? and v.voter_sha256 = ?""")
                .params(event.organizationId().value(), event.id(), Tokens.sha256(voter)).query(UUID.class).list();
    }

    boolean setStatus(Event event, UUID questionId, Status status) {
        int changed = db.sql("update qna_question set status = ? where organization_id = ? and event_id = ? and id = ?")
                .params(status.name(), event.organizationId().value(), event.id(), questionId).update();
        if (status == Status.HIDDEN || status == Status.PENDING) {
            db.sql("update qna_event set highlighted_question_id = null where organization_id = ? and id = ? and highlighted_question_id = ?")
                    .params(event.organizationId().value(), event.id(), questionId).update();
        }
        return changed == 1;
    }

    /** Marks the question answered, with the written answer or none (a blank answer keeps an earlier one). */
    boolean answer(Event event, UUID questionId, String answer) {
        return db.sql("""
                update qna_question set status = 'ANSWERED', answer = coalesce(?, answer), answered_at = coalesce(answered_at, ?)
                where organization_id = ? and event_id = ? and id = ?""")
                .params(blankToNull(answer), Timestamp.from(clock.instant()), event.organizationId().value(), event.id(), questionId)
                .update() == 1;
    }

    /** Puts a visible or answered question on the screen ({@code null}: none). */
    boolean highlight(Event event, UUID questionId) {
        if (questionId == null) {
            return db.sql("update qna_event set highlighted_question_id = null where organization_id = ? and id = ?")
                    .params(event.organizationId().value(), event.id()).update() == 1;
        }
        return db.sql("""
                update qna_event set highlighted_question_id = q.id from qna_question q
                where qna_event.organization_id = ? and qna_event.id = ? and q.event_id = qna_event.id and q.id = ?
                  and q.status in ('VISIBLE', 'ANSWERED')""")
                .params(event.organizationId().value(), event.id(), questionId).update() == 1;
    }

    private static final String EVENT = """
            select id, organization_id, code, title_fi, title_sv, title_en, description_fi, description_sv, description_en,
                   starts_at, ends_at, audience, premoderated, created_by, highlighted_question_id
            from qna_event""";

    private static final String QUESTION = """
            select q.id, q.event_id, q.text, q.asker_customer_id, q.phase, q.status, q.answer, q.created_at, q.answered_at,
                   (select count(*) from qna_vote v where v.question_id = q.id) as votes
            from qna_question q""";

    private static Event event(ResultSet rs, int n) throws SQLException {
        return new Event(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("code"),
                new LocalizedText(rs.getString("title_fi"), rs.getString("title_sv"), rs.getString("title_en")),
                new LocalizedText(rs.getString("description_fi"), rs.getString("description_sv"), rs.getString("description_en")),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                Audience.valueOf(rs.getString("audience")), rs.getBoolean("premoderated"),
                rs.getObject("created_by", UUID.class), rs.getObject("highlighted_question_id", UUID.class));
    }

    private static Question question(ResultSet rs, int n) throws SQLException {
        Timestamp answered = rs.getTimestamp("answered_at");
        return new Question(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class), rs.getString("text"),
                rs.getObject("asker_customer_id", UUID.class), Phase.valueOf(rs.getString("phase")),
                Status.valueOf(rs.getString("status")), rs.getString("answer"), rs.getTimestamp("created_at").toInstant(),
                answered == null ? null : answered.toInstant(), rs.getLong("votes"));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String newCode() {
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        return code.toString();
    }

}
