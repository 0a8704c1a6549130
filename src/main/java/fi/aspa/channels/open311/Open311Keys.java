package fi.aspa.channels.open311;

import fi.aspa.platform.Ids;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.Tokens;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organizations' Open311 API keys. A key only lets a client post service requests to its organization (it is
 * not a REST API token). Only the SHA-256 of a key is stored; the key itself is shown once, when it is made.
 */
@Service
@Transactional
class Open311Keys {
    private final JdbcClient db;
    private final Clock clock;

    Open311Keys(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    record Key(UUID id, String name, Instant createdAt, Instant revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** The organization and key id a key belongs to, while it is not revoked. */
    record Holder(UUID keyId, OrganizationId organizationId) {}

    /** A new random key; returns it (the only time it is available). */
    String issue(OrganizationId organization, String name) {
        String key = "o311_" + Tokens.random(24);
        register(organization, name, key);
        return key;
    }

    /** Registers a key chosen elsewhere (the demo organization's well-known key, tests). */
    UUID register(OrganizationId organization, String name, String key) {
        UUID id = Ids.next();
        db.sql("insert into open311_api_key (id, organization_id, name, key_sha256, created_at) values (?, ?, ?, ?, ?)")
                .params(id, organization.value(), name, Tokens.sha256(key), Timestamp.from(clock.instant())).update();
        return id;
    }

    boolean exists(String key) {
        return db.sql("select count(*) from open311_api_key where key_sha256 = ?").param(Tokens.sha256(key))
                .query(Integer.class).single() > 0;
    }

    @Transactional(readOnly = true)
    Optional<Holder> holder(String key) {
        if (key == null || key.isBlank() || key.length() > 200) return Optional.empty();
        return db.sql("select id, organization_id from open311_api_key where key_sha256 = ? and revoked_at is null")
                .param(Tokens.sha256(key.strip()))
                .query((rs, n) -> new Holder(rs.getObject("id", UUID.class),
                        new OrganizationId(rs.getObject("organization_id", UUID.class))))
                .optional();
    }

    @Transactional(readOnly = true)
    List<Key> list(OrganizationId organization) {
        return db.sql("select * from open311_api_key where organization_id = ? order by created_at desc, name")
                .param(organization.value())
                .query((rs, n) -> new Key(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    /** Revokes a key of the organization; false when it has no such key or it was revoked already. */
    boolean revoke(OrganizationId organization, UUID keyId) {
        return db.sql("update open311_api_key set revoked_at = ? where organization_id = ? and id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), organization.value(), keyId).update() > 0;
    }

}
