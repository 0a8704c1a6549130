package fi.aspa.assistant;

import fi.aspa.platform.Ids;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.SecretBox;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code bot_language_model} (the settings, the key sealed) and its change log {@code bot_language_model_change}. */
@Repository
class LanguageModelStore {
    private static final Logger log = LoggerFactory.getLogger(LanguageModelStore.class);

    private final JdbcClient db;
    private final SecretBox keys;

    LanguageModelStore(JdbcClient db, SecretBox keys) {
        this.db = db;
        this.keys = keys;
    }

    /** The organization's settings; {@link LanguageModelSettings#DEFAULT} (off) when it has none. */
    LanguageModelSettings find(OrganizationId org) {
        return db.sql("select enabled, base_url, model, api_key, timeout_ms, max_tokens from bot_language_model where organization_id = ?")
                .param(org.value())
                .query((rs, i) -> new LanguageModelSettings(rs.getBoolean("enabled"), rs.getString("base_url"), rs.getString("model"),
                        openKey(rs.getString("api_key"), org), rs.getInt("timeout_ms"), rs.getInt("max_tokens")))
                .optional().orElse(LanguageModelSettings.DEFAULT);
    }

    void save(OrganizationId org, LanguageModelSettings s, Instant now) {
        db.sql("""
                insert into bot_language_model (organization_id, enabled, base_url, model, api_key, timeout_ms, max_tokens, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (organization_id) do update set enabled = excluded.enabled, base_url = excluded.base_url,
                       model = excluded.model, api_key = excluded.api_key, timeout_ms = excluded.timeout_ms,
                       max_tokens = excluded.max_tokens, updated_at = excluded.updated_at
                """).params(org.value(), s.enabled(), s.baseUrl(), s.model(), keys.seal(s.apiKey(), context(org)), s.timeoutMs(),
                s.maxTokens(), Timestamp.from(now)).update();
    }

    record Change(UUID changedBy, String what, String detail, Instant at) {}

    void recordChange(OrganizationId org, UUID staffId, String what, String detail, Instant now) {
        db.sql("""
                insert into bot_language_model_change (id, organization_id, changed_by, what, detail, changed_at) values (?, ?, ?, ?, ?, ?)
                """).params(Ids.next(), org.value(), staffId, what, detail, Timestamp.from(now)).update();
    }

    List<Change> changes(OrganizationId org, int limit) {
        return db.sql("""
                select changed_by, what, detail, changed_at from bot_language_model_change
                 where organization_id = ? order by changed_at desc, id desc limit ?
                """).params(org.value(), limit)
                .query((rs, i) -> new Change(rs.getObject("changed_by", UUID.class), rs.getString("what"), rs.getString("detail"),
                        rs.getTimestamp("changed_at").toInstant())).list();
    }

    /** The stored key, or null when it does not open (another ASPA_SECRET_KEY): then the bot quotes as without a model. */
    private String openKey(String stored, OrganizationId org) {
        try {
            return keys.open(stored, context(org));
        } catch (IllegalStateException e) {
            log.warn("The language-model API key of organization {} does not open: {}", org.value(), e.getMessage());
            return null;
        }
    }

    private static String context(OrganizationId org) {
        return "bot_language_model:" + org.value();
    }
}
