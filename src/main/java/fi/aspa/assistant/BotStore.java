package fi.aspa.assistant;

import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The assistant's tables: bot settings, unanswered questions, suggestion events, the routed service of a case. */
@Repository
class BotStore {
    private final JdbcClient db;

    BotStore(JdbcClient db) {
        this.db = db;
    }

    Optional<Boolean> chatbotEnabled(OrganizationId org) {
        return db.sql("select chatbot_enabled from bot_settings where organization_id = ?").param(org.value())
                .query(Boolean.class).optional();
    }

    void setChatbotEnabled(OrganizationId org, boolean enabled, Instant now) {
        db.sql("""
                insert into bot_settings (organization_id, chatbot_enabled, updated_at) values (?, ?, ?)
                on conflict (organization_id) do update set chatbot_enabled = excluded.chatbot_enabled, updated_at = excluded.updated_at
                """).params(org.value(), enabled, ts(now)).update();
    }

    // ------------------------------------------------------------------ unanswered

    void unanswered(OrganizationId org, Language language, String normalized, String question, String pageUrl, Instant now) {
        db.sql("""
                insert into bot_unanswered (id, organization_id, language, normalized, question, page_url, asked, first_asked_at, last_asked_at)
                values (?, ?, ?, ?, ?, ?, 1, ?, ?)
                on conflict (organization_id, language, normalized) do update
                   set asked = bot_unanswered.asked + 1, last_asked_at = excluded.last_asked_at,
                       page_url = coalesce(excluded.page_url, bot_unanswered.page_url)
                """).params(Ids.next(), org.value(), language.code(), normalized, question, pageUrl, ts(now), ts(now)).update();
    }

    record Unanswered(UUID id, Language language, String question, String pageUrl, int asked, Instant firstAskedAt,
                      Instant lastAskedAt) {}

    List<Unanswered> unanswered(OrganizationId org, Language language, int limit) {
        return db.sql("""
                select id, language, question, page_url, asked, first_asked_at, last_asked_at from bot_unanswered
                 where organization_id = :org and (cast(:lang as text) is null or language = :lang)
                 order by asked desc, last_asked_at desc limit :limit
                """).param("org", org.value()).param("lang", language == null ? null : language.code()).param("limit", limit)
                .query((rs, i) -> new Unanswered(rs.getObject("id", UUID.class), Language.parse(rs.getString("language")).orElseThrow(),
                        rs.getString("question"), rs.getString("page_url"), rs.getInt("asked"),
                        rs.getTimestamp("first_asked_at").toInstant(), rs.getTimestamp("last_asked_at").toInstant()))
                .list();
    }

    int unansweredCount(OrganizationId org, Language language) {
        return db.sql("select count(*) from bot_unanswered where organization_id = :org and (cast(:lang as text) is null or language = :lang)")
                .param("org", org.value()).param("lang", language == null ? null : language.code()).query(Integer.class).single();
    }

    /** Removes the organization's question; false when it has none of that id (another's, or removed already). */
    boolean deleteUnanswered(OrganizationId org, UUID id) {
        return db.sql("delete from bot_unanswered where organization_id = ? and id = ?").params(org.value(), id).update() == 1;
    }

    /** Forgets, in every organization, the questions nobody has asked since {@code cutoff}; returns how many. */
    int deleteUnansweredLastAskedBefore(Instant cutoff) {
        return db.sql("delete from bot_unanswered where last_asked_at < ?").param(ts(cutoff)).update();
    }

    // ------------------------------------------------------------------ suggestions

    void suggestionEvents(OrganizationId org, UUID caseId, UUID staffId, UUID serviceId, String action,
                          Collection<Map.Entry<String, String>> documents, Instant now) {
        for (Map.Entry<String, String> d : documents) {
            db.sql("""
                    insert into suggestion_event (id, organization_id, case_id, staff_id, document_type, document_id, service_id, action, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).params(Ids.next(), org.value(), caseId, staffId, d.getKey(), d.getValue(), serviceId, action, ts(now)).update();
        }
    }

    /** How often each document was used (inserted into a reply): of the service, when given, else in the organization. */
    Map<String, Integer> usage(OrganizationId org, UUID serviceId, Collection<String> documentIds) {
        Map<String, Integer> out = new HashMap<>();
        if (documentIds.isEmpty()) return out;
        db.sql("""
                select document_id, count(*) as used from suggestion_event
                 where organization_id = :org and action = 'USED' and document_id in (:ids)
                   and (cast(:service as uuid) is null or service_id = :service)
                 group by document_id
                """).param("org", org.value()).param("ids", documentIds).param("service", serviceId)
                .query((rs, i) -> Map.entry(rs.getString("document_id"), rs.getInt("used")))
                .list().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    record Event(UUID caseId, UUID staffId, String documentType, String documentId, UUID serviceId, String action) {}

    List<Event> events(OrganizationId org, UUID caseId) {
        return db.sql("""
                select case_id, staff_id, document_type, document_id, service_id, action from suggestion_event
                 where organization_id = ? and case_id = ? order by created_at, id
                """).params(org.value(), caseId)
                .query((rs, i) -> new Event(rs.getObject("case_id", UUID.class), rs.getObject("staff_id", UUID.class),
                        rs.getString("document_type"), rs.getString("document_id"), rs.getObject("service_id", UUID.class),
                        rs.getString("action"))).list();
    }

    /** The services of cases (case → service), with one statement. */
    void caseServices(OrganizationId org, Map<UUID, UUID> serviceByCase, Instant now) {
        if (serviceByCase.isEmpty()) return;
        List<UUID> ids = List.copyOf(serviceByCase.keySet());
        db.sql("""
                insert into suggestion_case_service (organization_id, case_id, service_id, updated_at)
                select ?, c.id, c.service, ? from unnest(?::uuid[], ?::uuid[]) as c(id, service)
                on conflict (case_id) do update set service_id = excluded.service_id, updated_at = excluded.updated_at
                """).params(org.value(), ts(now), ids.toArray(UUID[]::new), ids.stream().map(serviceByCase::get).toArray(UUID[]::new))
                .update();
    }

    Optional<UUID> caseService(OrganizationId org, UUID caseId) {
        return db.sql("select service_id from suggestion_case_service where organization_id = ? and case_id = ?")
                .params(org.value(), caseId).query(UUID.class).optional();
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }
}
