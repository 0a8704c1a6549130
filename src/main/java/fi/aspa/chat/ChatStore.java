package fi.aspa.chat;

import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The chat tables in plain SQL. Every query carries the organization (or a key that belongs to one). */
@Repository
class ChatStore {
    private final JdbcClient db;

    ChatStore(JdbcClient db) {
        this.db = db;
    }

    // ---------------------------------------------------------------- sessions

    void insertSession(UUID id, OrganizationId org, String tokenHash, ChatSession.State state, Language language,
                       String name, String email, Instant now) {
        db.sql("""
                insert into chat_session (id, organization_id, resume_token_sha256, state, language, resident_name, resident_email,
                    created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, org.value(), tokenHash, state.name(), language.code(), name, email, ts(now), ts(now)).update();
    }

    Optional<ChatSession> byTokenHash(String hash) {
        return db.sql("select * from chat_session where resume_token_sha256 = ?").param(hash).query(ChatStore::session).optional();
    }

    Optional<ChatSession> session(OrganizationId org, UUID id) {
        return db.sql("select * from chat_session where organization_id = ? and id = ?")
                .params(org.value(), id).query(ChatStore::session).optional();
    }

    Optional<ChatSession> lock(OrganizationId org, UUID id) {
        return db.sql("select * from chat_session where organization_id = ? and id = ? for update")
                .params(org.value(), id).query(ChatStore::session).optional();
    }

    void caseOpened(UUID id, UUID caseId, String reference, UUID customerId, Instant now) {
        db.sql("""
                update chat_session set case_id = ?, case_reference = ?, customer_id = ?, state = 'WAITING', queued_at = ?,
                    updated_at = ? where id = ?""")
                .params(caseId, reference, customerId, ts(now), ts(now), id).update();
    }

    void leftMessage(UUID id, UUID caseId, String reference, UUID customerId, Instant now) {
        db.sql("""
                update chat_session set case_id = ?, case_reference = ?, customer_id = ?, state = 'LEFT_MESSAGE', closed_at = ?,
                    updated_at = ? where id = ?""")
                .params(caseId, reference, customerId, ts(now), ts(now), id).update();
    }

    void accepted(UUID id, UUID agentId, Instant now) {
        db.sql("""
                update chat_session set state = 'ACTIVE', agent_id = ?, accepted_at = coalesce(accepted_at, ?), updated_at = ?
                where id = ?""").params(agentId, ts(now), ts(now), id).update();
    }

    void reassigned(UUID id, UUID agentId, Instant now) {
        db.sql("update chat_session set agent_id = ?, updated_at = ? where id = ?").params(agentId, ts(now), id).update();
    }

    void requeued(UUID id, UUID unitId, Instant now) {
        db.sql("update chat_session set state = 'WAITING', agent_id = null, unit_id = ?, updated_at = ? where id = ?")
                .params(unitId, ts(now), id).update();
    }

    void ended(UUID id, ChatSession.State state, Instant now) {
        db.sql("update chat_session set state = ?, closed_at = ?, updated_at = ? where id = ?")
                .params(state.name(), ts(now), ts(now), id).update();
    }

    List<ChatSession> waiting(OrganizationId org) {
        return db.sql("select * from chat_session where organization_id = ? and state = 'WAITING' order by queued_at, id")
                .param(org.value()).query(ChatStore::session).list();
    }

    List<ChatSession> activeOf(OrganizationId org, UUID agentId) {
        return db.sql("select * from chat_session where organization_id = ? and agent_id = ? and state = 'ACTIVE' order by accepted_at, id")
                .params(org.value(), agentId).query(ChatStore::session).list();
    }

    int countActive(OrganizationId org, UUID agentId) {
        return db.sql("select count(*) from chat_session where organization_id = ? and agent_id = ? and state = 'ACTIVE'")
                .params(org.value(), agentId).query(Integer.class).single();
    }

    /** Average seconds from queueing to an agent over the chats accepted since {@code since}, and how many. */
    double[] averageWait(OrganizationId org, Instant since) {
        return db.sql("""
                select coalesce(avg(extract(epoch from accepted_at - queued_at)), 0), count(*) from chat_session
                where organization_id = ? and accepted_at >= ? and queued_at is not null""")
                .params(org.value(), ts(since))
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getLong(2)}).single();
    }

    // ---------------------------------------------------------------- stream

    Optional<StreamEntry> byClientId(OrganizationId org, UUID sessionId, String clientId) {
        return db.sql("select * from chat_message where organization_id = ? and session_id = ? and client_id = ?")
                .params(org.value(), sessionId, clientId).query(ChatStore::entry).optional();
    }

    /** Appends to the stream of a session locked by the caller; returns the entry's sequence number. */
    StreamEntry append(OrganizationId org, ChatSession session, StreamEntry.Kind kind, String clientId, UUID author,
                       UUID caseMessageId, String body, String event, Instant now) {
        long seq = db.sql("update chat_session set last_seq = last_seq + 1, updated_at = ? where id = ? returning last_seq")
                .params(ts(now), session.id()).query(Long.class).single();
        UUID id = Ids.next();
        db.sql("""
                insert into chat_message (id, organization_id, session_id, seq, kind, client_id, author_staff_id, case_message_id,
                    body, event, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, org.value(), session.id(), seq, kind.name(), clientId, author, caseMessageId, body, event, ts(now))
                .update();
        return new StreamEntry(id, seq, kind, clientId, author, body, event, now);
    }

    List<StreamEntry> after(OrganizationId org, UUID sessionId, long seq, int limit) {
        return db.sql("select * from chat_message where organization_id = ? and session_id = ? and seq > ? order by seq limit ?")
                .params(org.value(), sessionId, seq, limit).query(ChatStore::entry).list();
    }

    boolean hasCaseMessage(OrganizationId org, UUID caseMessageId) {
        return db.sql("select exists (select 1 from chat_message where organization_id = ? and case_message_id = ?)")
                .params(org.value(), caseMessageId).query(Boolean.class).single();
    }

    Optional<ChatSession> openByCase(OrganizationId org, UUID caseId) {
        return db.sql("""
                select * from chat_session where organization_id = ? and case_id = ? and state in ('WAITING', 'ACTIVE')
                order by created_at desc limit 1""").params(org.value(), caseId).query(ChatStore::session).optional();
    }

    /** The first line of each session: what a queued chat is about. */
    Map<UUID, String> firstLines(OrganizationId org, Collection<UUID> sessionIds) {
        Map<UUID, String> lines = new HashMap<>();
        if (sessionIds.isEmpty()) return lines;
        db.sql("""
                select session_id, left(body, 200) from chat_message where organization_id = ? and session_id = any(?) and kind = 'RESIDENT'
                and seq = (select min(seq) from chat_message m where m.session_id = chat_message.session_id and m.kind = 'RESIDENT')""")
                .params(org.value(), sessionIds.toArray(UUID[]::new))
                .query(rs -> {
                    lines.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return lines;
    }

    // ---------------------------------------------------------------- agents

    /** The agent's row, created on first use and locked for the rest of the transaction. */
    AgentRow lockAgent(OrganizationId org, UUID staffId, Instant now) {
        db.sql("""
                insert into chat_agent (organization_id, staff_id, available, last_seen_at, updated_at) values (?, ?, false, ?, ?)
                on conflict (staff_id) do nothing""").params(org.value(), staffId, ts(now), ts(now)).update();
        return db.sql("select * from chat_agent where organization_id = ? and staff_id = ? for update")
                .params(org.value(), staffId).query(ChatStore::agent).single();
    }

    Optional<AgentRow> agent(OrganizationId org, UUID staffId) {
        return db.sql("select * from chat_agent where organization_id = ? and staff_id = ?")
                .params(org.value(), staffId).query(ChatStore::agent).optional();
    }

    void setAvailable(OrganizationId org, UUID staffId, boolean available, Instant now) {
        db.sql("update chat_agent set available = ?, last_seen_at = ?, updated_at = ? where organization_id = ? and staff_id = ?")
                .params(available, ts(now), ts(now), org.value(), staffId).update();
    }

    void setMaxChats(OrganizationId org, UUID staffId, Integer max, Instant now) {
        db.sql("update chat_agent set max_chats = ?, updated_at = ? where organization_id = ? and staff_id = ?")
                .params(max, ts(now), org.value(), staffId).update();
    }

    void seen(OrganizationId org, Collection<UUID> staffIds, Instant now) {
        if (staffIds.isEmpty()) return;
        db.sql("update chat_agent set last_seen_at = ? where organization_id = ? and staff_id = any(?)")
                .params(ts(now), org.value(), staffIds.toArray(UUID[]::new)).update();
    }

    /** Agents marked available and seen since {@code since}, with their unit and how many chats they hold. */
    List<PresentAgent> presentAgents(OrganizationId org, Instant since) {
        return db.sql("""
                select a.staff_id, a.max_chats,
                    (select count(*) from chat_session s where s.agent_id = a.staff_id and s.state = 'ACTIVE') as active
                from chat_agent a where a.organization_id = ? and a.available and a.last_seen_at >= ?""")
                .params(org.value(), ts(since))
                .query((rs, n) -> new PresentAgent(rs.getObject(1, UUID.class), (Integer) rs.getObject(2), rs.getInt(3)))
                .list();
    }

    record AgentRow(UUID staffId, boolean available, Integer maxChats, Instant lastSeenAt) {}

    record PresentAgent(UUID staffId, Integer maxChats, int active) {}

    // ---------------------------------------------------------------- opening hours

    Optional<OpeningHours> hours(OrganizationId org) {
        List<OpeningHours.Slot> slots = db.sql("""
                select day_of_week, opens_minute, closes_minute from chat_opening_hours where organization_id = ?""")
                .param(org.value())
                .query((rs, n) -> new OpeningHours.Slot(DayOfWeek.of(rs.getInt(1)), rs.getInt(2), rs.getInt(3))).list();
        return slots.isEmpty() ? Optional.empty() : Optional.of(new OpeningHours(slots));
    }

    void replaceHours(OrganizationId org, OpeningHours hours) {
        db.sql("delete from chat_opening_hours where organization_id = ?").param(org.value()).update();
        for (OpeningHours.Slot s : hours.slots()) {
            db.sql("insert into chat_opening_hours (organization_id, day_of_week, opens_minute, closes_minute) values (?, ?, ?, ?)")
                    .params(org.value(), s.day().getValue(), s.opens(), s.closes()).update();
        }
    }

    // ---------------------------------------------------------------- mapping

    private static ChatSession session(ResultSet rs, int row) throws SQLException {
        return new ChatSession(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                ChatSession.State.valueOf(rs.getString("state")), Language.parse(rs.getString("language")).orElse(Language.FI),
                rs.getString("resident_name"), rs.getString("resident_email"), rs.getObject("case_id", UUID.class),
                rs.getString("case_reference"), rs.getObject("customer_id", UUID.class), rs.getObject("unit_id", UUID.class),
                rs.getObject("agent_id", UUID.class), rs.getLong("last_seq"), instant(rs, "created_at"),
                instant(rs, "queued_at"), instant(rs, "accepted_at"), rs.getBoolean("bot_active"), rs.getString("page_url"));
    }

    private static StreamEntry entry(ResultSet rs, int row) throws SQLException {
        return new StreamEntry(rs.getObject("id", UUID.class), rs.getLong("seq"), StreamEntry.Kind.valueOf(rs.getString("kind")),
                rs.getString("client_id"), rs.getObject("author_staff_id", UUID.class), rs.getString("body"),
                rs.getString("event"), instant(rs, "created_at"), links(rs.getString("links")));
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private static List<StreamEntry.Link> links(String json) {
        if (json == null || json.isBlank()) return List.of();
        List<StreamEntry.Link> out = new java.util.ArrayList<>();
        for (tools.jackson.databind.JsonNode n : JSON.readTree(json)) out.add(new StreamEntry.Link(n.path("title").asString(""), n.path("url").asString("")));
        return out;
    }

    /** Appends a line of the bot, with its sources, to the stream of a session locked by the caller. */
    StreamEntry appendBot(OrganizationId org, ChatSession session, String body, List<StreamEntry.Link> links, Instant now) {
        long seq = db.sql("update chat_session set last_seq = last_seq + 1, updated_at = ? where id = ? returning last_seq")
                .params(ts(now), session.id()).query(Long.class).single();
        UUID id = Ids.next();
        String json = links.isEmpty() ? null : JSON.writeValueAsString(links);
        db.sql("""
                insert into chat_message (id, organization_id, session_id, seq, kind, body, links, created_at)
                values (?, ?, ?, ?, 'BOT', ?, ?, ?)""")
                .params(id, org.value(), session.id(), seq, body, json, ts(now)).update();
        return new StreamEntry(id, seq, StreamEntry.Kind.BOT, null, null, body, null, now, links);
    }

    /** The conversation now goes to people: the bot is done with it. */
    void botDone(UUID id, Instant now) {
        db.sql("update chat_session set bot_active = false, updated_at = ? where id = ?").params(ts(now), id).update();
    }

    void startedWithBot(UUID id, String pageUrl) {
        db.sql("update chat_session set bot_active = true, page_url = ? where id = ?").params(pageUrl, id).update();
    }

    void pageUrl(UUID id, String pageUrl) {
        db.sql("update chat_session set page_url = ? where id = ?").params(pageUrl, id).update();
    }

    private static AgentRow agent(ResultSet rs, int row) throws SQLException {
        return new AgentRow(rs.getObject("staff_id", UUID.class), rs.getBoolean("available"), (Integer) rs.getObject("max_chats"),
                instant(rs, "last_seen_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

}
