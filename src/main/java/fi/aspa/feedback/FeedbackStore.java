package fi.aspa.feedback;

import fi.aspa.cases.Channel;
import fi.aspa.customer.PersonalDataFilter;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.Tokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The survey invitations and their answers ({@code feedback_invitation}). */
@Service
class FeedbackStore implements Feedback {
    /** How long a survey link can be answered. */
    static final Duration VALID_FOR = Duration.ofDays(30);
    static final int MAX_COMMENT = 2000;

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    FeedbackStore(JdbcClient db, JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.db = db;
        this.clock = clock;
    }

    record Invitation(UUID id, OrganizationId organizationId, UUID caseId, UUID unitId, Channel channel,
                      Language language, Instant createdAt, Instant answeredAt, Integer score) {
        SurveyState state(Instant now) {
            if (answeredAt != null) return SurveyState.ANSWERED;
            return now.isAfter(createdAt.plus(VALID_FOR)) ? SurveyState.EXPIRED : SurveyState.OPEN;
        }
    }

    /** One row of the results: a unit, a channel or everything ({@code key} null). */
    record Tally(String dimension, String key, long invitations, long answers, long satisfied, long delivered,
                 long deliveredAnswers) {}

    record Comment(UUID caseId, UUID unitId, Channel channel, int score, String comment, Instant answeredAt) {}

    @Override
    @Transactional(readOnly = true)
    public Optional<SurveyState> ofCase(OrganizationId organization, UUID caseId) {
        return db.sql(SELECT + " where organization_id = ? and case_id = ?")
                .params(organization.value(), caseId).query(FeedbackStore::invitation).optional()
                .map(i -> i.state(clock.instant()));
    }

    boolean exists(UUID caseId) {
        return db.sql("select exists (select 1 from feedback_invitation where case_id = ?)").param(caseId)
                .query(Boolean.class).single();
    }

    @Override
    @Transactional
    public int importHistorical(OrganizationId organization, List<HistoricalSurvey> surveys) {
        List<Object[]> rows = new ArrayList<>(surveys.size());
        for (HistoricalSurvey s : surveys) {
            if (s.caseId() == null || s.channel() == null || s.language() == null || s.invitedAt() == null) {
                throw AspaException.invalid("required", "A survey needs its case, channel, language and time");
            }
            boolean answered = s.answeredAt() != null;
            if (answered != (s.score() != null) || (answered && (s.score() < 1 || s.score() > 5))) {
                throw AspaException.invalid("score", "An answered survey has a score of 1 to 5, and only an answered one");
            }
            if (answered && s.answeredAt().isBefore(s.invitedAt())) {
                throw AspaException.invalid("answered-before-invited", "A survey cannot be answered before it was sent");
            }
            String comment = !answered || s.comment() == null || s.comment().isBlank() ? null
                    : PersonalDataFilter.strip(s.comment().strip(), s.language());
            if (comment != null && comment.length() > MAX_COMMENT) {
                throw AspaException.invalid("too-long", "A survey comment is at most " + MAX_COMMENT + " characters");
            }
            rows.add(new Object[] {UUID.randomUUID(), organization.value(), s.caseId(), s.unitId(), s.channel().name(),
                    s.language().code(), Tokens.sha256(Tokens.random()), Timestamp.from(s.invitedAt()),
                    delivers(s.channel()), answered ? Timestamp.from(s.answeredAt()) : null, s.score(), comment});
        }
        int written = 0;
        for (int n : jdbc.batchUpdate("""
                insert into feedback_invitation (id, organization_id, case_id, unit_id, service_id, channel, language,
                                                 token_sha256, created_at, delivered, answered_at, score, comment)
                values (?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (case_id) do nothing""", rows)) {
            written += Math.max(n, 0);
        }
        return written;
    }

    /** Invites once per case: the new link's token, or empty when the case already has an invitation. */
    Optional<String> invite(OrganizationId organization, UUID caseId, UUID unitId, UUID serviceId, Channel channel,
                            Language language) {
        String token = Tokens.random();
        int inserted = db.sql("""
                insert into feedback_invitation (id, organization_id, case_id, unit_id, service_id, channel, language,
                                                 token_sha256, created_at, delivered)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (case_id) do nothing""")
                .params(UUID.randomUUID(), organization.value(), caseId, unitId, serviceId, channel.name(),
                        language.code(), Tokens.sha256(token), Timestamp.from(clock.instant()), delivers(channel))
                .update();
        return inserted == 1 ? Optional.of(token) : Optional.empty();
    }

    /**
     * Whether the resident can reach the survey of a case of this channel: a web form's case through its tracking
     * page (which links to the survey), an email case by the survey mail. Every other channel gives the resident no
     * link (phone, walk-in, chat, chatbot, appointment and Open311 cases; API cases, whose answer has no tracking link),
     * so its invitations are not counted in the response rate.
     */
    static boolean delivers(Channel channel) {
        return channel == Channel.WEB_FORM || channel == Channel.EMAIL;
    }

    /** The invitation a survey link names; any organization's, since the token is the secret. */
    Optional<Invitation> byToken(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) return Optional.empty();
        return db.sql(SELECT + " where token_sha256 = ?").param(Tokens.sha256(token))
                .query(FeedbackStore::invitation).optional();
    }

    Optional<Invitation> byCase(OrganizationId organization, UUID caseId) {
        return db.sql(SELECT + " where organization_id = ? and case_id = ?").params(organization.value(), caseId)
                .query(FeedbackStore::invitation).optional();
    }

    /** Stores the answer unless the survey was answered already or has expired; true when stored. */
    boolean answer(Invitation invitation, int score, String comment) {
        Instant now = clock.instant();
        return db.sql("""
                update feedback_invitation set answered_at = ?, score = ?, comment = ?
                where organization_id = ? and id = ? and answered_at is null and created_at >= ?""")
                .params(Timestamp.from(now), score, comment, invitation.organizationId().value(), invitation.id(),
                        Timestamp.from(now.minus(VALID_FOR)))
                .update() == 1;
    }

    /**
     * Invitations made in [from, to) and their answers, per unit, per channel and in all (one query with grouping
     * sets); {@code unitId} null for the whole organization.
     */
    List<Tally> tallies(OrganizationId organization, UUID unitId, Instant from, Instant to) {
        return db.sql("""
                select case when grouping(unit_id) = 0 then 'unit' when grouping(channel) = 0 then 'channel' else 'all' end as dimension,
                       case when grouping(unit_id) = 0 then unit_id::text when grouping(channel) = 0 then channel end as key,
                       count(*) as invitations, count(answered_at) as answers,
                       count(*) filter (where score >= 4) as satisfied,
                       count(*) filter (where delivered) as delivered,
                       count(answered_at) filter (where delivered) as delivered_answers
                from feedback_invitation
                where organization_id = ? and created_at >= ? and created_at < ? and (?::uuid is null or unit_id = ?::uuid)
                group by grouping sets ((unit_id), (channel), ())
                order by dimension, key""")
                .params(organization.value(), Timestamp.from(from), Timestamp.from(to), unitId, unitId)
                .query((rs, n) -> new Tally(rs.getString("dimension"), rs.getString("key"), rs.getLong("invitations"),
                        rs.getLong("answers"), rs.getLong("satisfied"), rs.getLong("delivered"),
                        rs.getLong("delivered_answers")))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Satisfaction satisfaction(OrganizationId organization, UUID unitId, Instant from, Instant to) {
        return tallies(organization, unitId, from, to).stream().filter(t -> t.dimension().equals("all")).findFirst()
                .map(t -> new Satisfaction(t.invitations(), t.delivered(), t.answers(), t.satisfied(), t.deliveredAnswers()))
                .orElse(new Satisfaction(0, 0, 0, 0, 0));
    }

    /** The latest comments on invitations made in [from, to), newest answer first. */
    List<Comment> comments(OrganizationId organization, UUID unitId, Instant from, Instant to, int limit) {
        return db.sql("""
                select case_id, unit_id, channel, score, comment, answered_at from feedback_invitation
                where organization_id = ? and created_at >= ? and created_at < ? and (?::uuid is null or unit_id = ?::uuid)
                  and answered_at is not null and comment is not null
                order by answered_at desc limit ?""")
                .params(organization.value(), Timestamp.from(from), Timestamp.from(to), unitId, unitId, limit)
                .query((rs, n) -> new Comment(rs.getObject("case_id", UUID.class), rs.getObject("unit_id", UUID.class),
                        Channel.valueOf(rs.getString("channel")), rs.getInt("score"), rs.getString("comment"),
                        rs.getTimestamp("answered_at").toInstant()))
                .list();
    }

    private static final String SELECT = """
            select id, organization_id, case_id, unit_id, channel, language, created_at, answered_at, score
            from feedback_invitation""";

    private static Invitation invitation(ResultSet rs, int n) throws SQLException {
        Timestamp answered = rs.getTimestamp("answered_at");
        int score = rs.getInt("score");
        boolean noScore = rs.wasNull();
        return new Invitation(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getObject("case_id", UUID.class), rs.getObject("unit_id", UUID.class),
                Channel.valueOf(rs.getString("channel")), Language.parse(rs.getString("language")).orElse(Language.FI),
                rs.getTimestamp("created_at").toInstant(), answered == null ? null : answered.toInstant(),
                noScore ? null : score);
    }

}
