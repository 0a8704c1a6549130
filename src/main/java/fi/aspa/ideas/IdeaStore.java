package fi.aspa.ideas;

import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.Tokens;
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
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Ideation rounds, their ideas, support and comments ({@code idea_round}, {@code idea}, {@code idea_support}, {@code idea_comment}). */
@Service
class IdeaStore {
    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 4000;
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_REASON = 2000;
    static final int MAX_RESPONSE = 4000;
    static final int MAX_COMMENT = 2000;

    private final JdbcClient db;
    private final Clock clock;

    IdeaStore(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    enum Audience { PUBLIC, STAFF }

    enum RoundState { UPCOMING, OPEN, CLOSED }

    enum Moderation { PENDING, PUBLISHED, REJECTED }

    enum Status {
        NEW, UNDER_CONSIDERATION, PLANNED, IMPLEMENTED, DECLINED;

        /** DECLINED and IMPLEMENTED tell the resident why or how: they need a response. */
        boolean needsResponse() {
            return this == IMPLEMENTED || this == DECLINED;
        }

        static Optional<Status> parse(String value) {
            for (Status s : values()) if (s.name().equals(value)) return Optional.of(s);
            return Optional.empty();
        }
    }

    record Round(UUID id, OrganizationId organizationId, Audience audience, LocalizedText title, LocalizedText description,
                 UUID serviceId, Instant opensAt, Instant closesAt, Instant createdAt) {
        RoundState state(Instant now) {
            if (now.isBefore(opensAt)) return RoundState.UPCOMING;
            return now.isBefore(closesAt) ? RoundState.OPEN : RoundState.CLOSED;
        }
    }

    record NewRound(Audience audience, LocalizedText title, LocalizedText description, UUID serviceId, Instant opensAt,
                    Instant closesAt) {}

    record Idea(UUID id, OrganizationId organizationId, UUID roundId, String title, String body, String publishedTitle,
                String publishedBody, Language language, UUID authorStaffId, UUID customerId, Moderation moderation,
                String rejectionReason, Status status, String response, Instant createdAt, Instant statusChangedAt,
                long supports) {
        /** What others read: the published (for residents' ideas, personal data stripped) text. */
        public String shownTitle() {
            return publishedTitle != null ? publishedTitle : title;
        }

        public String shownBody() {
            return publishedBody != null ? publishedBody : body;
        }
    }

    record Comment(UUID id, UUID authorStaffId, String body, Instant createdAt) {}

    // --- rounds

    Round createRound(OrganizationId org, UUID staffId, NewRound round) {
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into idea_round (id, organization_id, audience, title_fi, title_sv, title_en, description_fi,
                                        description_sv, description_en, service_id, opens_at, closes_at, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, org.value(), round.audience().name(), round.title().fi(), round.title().sv(), round.title().en(),
                        round.description().fi(), round.description().sv(), round.description().en(), round.serviceId(),
                        Timestamp.from(round.opensAt()), Timestamp.from(round.closesAt()), staffId,
                        Timestamp.from(clock.instant()))
                .update();
        return round(org, id).orElseThrow();
    }

    Optional<Round> round(OrganizationId org, UUID id) {
        return db.sql(ROUND + " where organization_id = ? and id = ?").params(org.value(), id)
                .query(IdeaStore::round).optional();
    }

    /** The organization's rounds, newest closing first; {@code audience} null for both. */
    List<Round> rounds(OrganizationId org, Audience audience) {
        return db.sql(ROUND + " where organization_id = ? and (?::text is null or audience = ?) order by closes_at desc, created_at desc")
                .params(org.value(), audience == null ? null : audience.name(), audience == null ? null : audience.name())
                .query(IdeaStore::round).list();
    }

    List<Round> openRounds(OrganizationId org, Audience audience) {
        Timestamp now = Timestamp.from(clock.instant());
        return db.sql(ROUND + " where organization_id = ? and audience = ? and opens_at <= ? and closes_at > ? order by closes_at, created_at")
                .params(org.value(), audience.name(), now, now).query(IdeaStore::round).list();
    }

    // --- ideas

    record Submitted(Idea idea, String followToken) {}

    /** A resident's idea: waits for moderation; the follow link's token is returned once, only its hash is kept. */
    Submitted submitPublic(OrganizationId org, UUID roundId, String title, String body, Language language, UUID customerId) {
        String token = Tokens.random();
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into idea (id, organization_id, round_id, title, body, language, customer_id, follow_token_sha256,
                                  moderation, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)""")
                .params(id, org.value(), roundId, title, body, language.code(), customerId, Tokens.sha256(token),
                        Timestamp.from(clock.instant()))
                .update();
        return new Submitted(idea(org, id).orElseThrow(), token);
    }

    /** A staff member's idea: no pre-moderation, colleagues see it at once. */
    Idea submitStaff(OrganizationId org, UUID roundId, String title, String body, Language language, UUID staffId) {
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into idea (id, organization_id, round_id, title, body, published_title, published_body, language,
                                  author_staff_id, moderation, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PUBLISHED', ?)""")
                .params(id, org.value(), roundId, title, body, title, body, language.code(), staffId,
                        Timestamp.from(clock.instant()))
                .update();
        return idea(org, id).orElseThrow();
    }

    Optional<Idea> idea(OrganizationId org, UUID id) {
        return db.sql(IDEA + " where i.organization_id = ? and i.id = ?").params(org.value(), id)
                .query(IdeaStore::idea).optional();
    }

    /** The idea a follow link names; any organization's, since the token is the secret. */
    Optional<Idea> byFollowToken(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) return Optional.empty();
        return db.sql(IDEA + " where i.follow_token_sha256 = ?").param(Tokens.sha256(token)).query(IdeaStore::idea).optional();
    }

    /** Published ideas of the organization's rounds for this audience; most supported or newest first. */
    List<Idea> published(OrganizationId org, Audience audience, boolean bySupport, int limit) {
        return db.sql(IDEA + """
                 join idea_round r on r.organization_id = i.organization_id and r.id = i.round_id
                where i.organization_id = ? and r.audience = ? and i.moderation = 'PUBLISHED'
                order by""" + " " + (bySupport ? "supports desc, i.created_at desc" : "i.created_at desc") + " limit ?")
                .params(org.value(), audience.name(), limit).query(IdeaStore::idea).list();
    }

    /** A round's ideas that are not waiting or rejected, most supported first (ties: oldest first). */
    List<Idea> ofRound(OrganizationId org, UUID roundId) {
        return db.sql(IDEA + " where i.organization_id = ? and i.round_id = ? and i.moderation = 'PUBLISHED' order by supports desc, i.created_at")
                .params(org.value(), roundId).query(IdeaStore::idea).list();
    }

    List<Idea> pending(OrganizationId org) {
        return db.sql(IDEA + " where i.organization_id = ? and i.moderation = 'PENDING' order by i.created_at")
                .params(org.value()).query(IdeaStore::idea).list();
    }

    /** Publishes a waiting idea with the given (personal data stripped) text; false when it was not waiting. */
    boolean publish(OrganizationId org, UUID id, UUID staffId, String title, String body) {
        return db.sql("""
                update idea set moderation = 'PUBLISHED', published_title = ?, published_body = ?, moderated_by = ?, moderated_at = ?
                where organization_id = ? and id = ? and moderation = 'PENDING'""")
                .params(title, body, staffId, Timestamp.from(clock.instant()), org.value(), id).update() == 1;
    }

    boolean reject(OrganizationId org, UUID id, UUID staffId, String reason) {
        return db.sql("""
                update idea set moderation = 'REJECTED', rejection_reason = ?, moderated_by = ?, moderated_at = ?
                where organization_id = ? and id = ? and moderation = 'PENDING'""")
                .params(reason, staffId, Timestamp.from(clock.instant()), org.value(), id).update() == 1;
    }

    /** Sets the status and the organization's public response of a published idea. */
    boolean setStatus(OrganizationId org, UUID id, UUID staffId, Status status, String response) {
        return db.sql("""
                update idea set status = ?, response = ?, status_changed_by = ?, status_changed_at = ?
                where organization_id = ? and id = ? and moderation = 'PUBLISHED'""")
                .params(status.name(), response, staffId, Timestamp.from(clock.instant()), org.value(), id).update() == 1;
    }

    // --- support

    /** One support per browser; true when this one counted (false: the browser had supported already). */
    boolean supportByBrowser(OrganizationId org, UUID ideaId, String browserId) {
        return db.sql("""
                insert into idea_support (id, organization_id, idea_id, supporter_sha256, created_at) values (?, ?, ?, ?, ?)
                on conflict (idea_id, supporter_sha256) where supporter_sha256 is not null do nothing""")
                .params(UUID.randomUUID(), org.value(), ideaId, Tokens.sha256(browserId), Timestamp.from(clock.instant()))
                .update() == 1;
    }

    boolean supportedByBrowser(UUID ideaId, String browserId) {
        if (browserId == null) return false;
        return db.sql("select exists (select 1 from idea_support where idea_id = ? and supporter_sha256 = ?)")
                .params(ideaId, Tokens.sha256(browserId)).query(Boolean.class).single();
    }

    /** One support per staff account; true when this one counted. */
    boolean supportByStaff(OrganizationId org, UUID ideaId, UUID staffId) {
        return db.sql("""
                insert into idea_support (id, organization_id, idea_id, staff_user_id, created_at) values (?, ?, ?, ?, ?)
                on conflict (idea_id, staff_user_id) where staff_user_id is not null do nothing""")
                .params(UUID.randomUUID(), org.value(), ideaId, staffId, Timestamp.from(clock.instant()))
                .update() == 1;
    }

    boolean supportedByStaff(OrganizationId org, UUID ideaId, UUID staffId) {
        return db.sql("select exists (select 1 from idea_support where organization_id = ? and idea_id = ? and staff_user_id = ?)")
                .params(org.value(), ideaId, staffId).query(Boolean.class).single();
    }

    // --- comments

    void comment(OrganizationId org, UUID ideaId, UUID staffId, String body) {
        db.sql("insert into idea_comment (id, organization_id, idea_id, author_staff_id, body, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), org.value(), ideaId, staffId, body, Timestamp.from(clock.instant())).update();
    }

    List<Comment> comments(OrganizationId org, UUID ideaId) {
        return db.sql("select id, author_staff_id, body, created_at from idea_comment where organization_id = ? and idea_id = ? order by created_at, id")
                .params(org.value(), ideaId)
                .query((rs, n) -> new Comment(rs.getObject("id", UUID.class), rs.getObject("author_staff_id", UUID.class),
                        rs.getString("body"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private static final String ROUND = """
            select id, organization_id, audience, title_fi, title_sv, title_en, description_fi, description_sv, description_en,
                   service_id, opens_at, closes_at, created_at from idea_round""";

    private static final String IDEA = """
            select i.id, i.organization_id, i.round_id, i.title, i.body, i.published_title, i.published_body, i.language,
                   i.author_staff_id, i.customer_id, i.moderation, i.rejection_reason, i.status, i.response, i.created_at,
                   i.status_changed_at, (select count(*) from idea_support s where s.idea_id = i.id) as supports
            from idea i""";

    private static Round round(ResultSet rs, int n) throws SQLException {
        return new Round(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                Audience.valueOf(rs.getString("audience")),
                new LocalizedText(rs.getString("title_fi"), rs.getString("title_sv"), rs.getString("title_en")),
                new LocalizedText(rs.getString("description_fi"), rs.getString("description_sv"), rs.getString("description_en")),
                rs.getObject("service_id", UUID.class), rs.getTimestamp("opens_at").toInstant(),
                rs.getTimestamp("closes_at").toInstant(), rs.getTimestamp("created_at").toInstant());
    }

    private static Idea idea(ResultSet rs, int n) throws SQLException {
        Timestamp changed = rs.getTimestamp("status_changed_at");
        return new Idea(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getObject("round_id", UUID.class), rs.getString("title"), rs.getString("body"),
                rs.getString("published_title"), rs.getString("published_body"),
                Language.parse(rs.getString("language")).orElse(Language.FI), rs.getObject("author_staff_id", UUID.class),
                rs.getObject("customer_id", UUID.class), Moderation.valueOf(rs.getString("moderation")),
                rs.getString("rejection_reason"), Status.valueOf(rs.getString("status")), rs.getString("response"),
                rs.getTimestamp("created_at").toInstant(), changed == null ? null : changed.toInstant(), rs.getLong("supports"));
    }

}
