package fi.aspa.insights;

import fi.aspa.platform.OrganizationId;
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
 * Whether an organization shares its customer-experience figures with the network, named or anonymously
 * ({@code network_share}), and every change of that setting ({@code network_share_change}). No row: not shared.
 */
@Service
class NetworkStore {
    /** The history shown: the latest changes. */
    static final int HISTORY = 20;

    private final JdbcClient db;
    private final Clock clock;

    NetworkStore(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The setting: {@code named} means the others see the organization's name; otherwise it is anonymous. */
    record Setting(boolean shares, boolean named) {
        static final Setting NOT_SHARED = new Setting(false, false);
    }

    record Change(UUID changedBy, Instant changedAt, Setting setting) {}

    /** A sharing organization. */
    record Member(OrganizationId organization, boolean named) {}

    Setting setting(OrganizationId org) {
        return db.sql("select shares, named from network_share where organization_id = ?").params(org.value())
                .query((rs, n) -> new Setting(rs.getBoolean("shares"), rs.getBoolean("named"))).optional()
                .orElse(Setting.NOT_SHARED);
    }

    /** Whether the organization has ever had a setting saved (the demo data sets one only where none was). */
    boolean decided(OrganizationId org) {
        return db.sql("select exists (select 1 from network_share where organization_id = ?)").params(org.value())
                .query(Boolean.class).single();
    }

    /**
     * Saves the organization's setting and records the change (who, when, the setting after it); nothing when it is
     * the setting already. Returns whether anything changed.
     */
    @Transactional
    boolean save(OrganizationId org, UUID staffId, Setting setting) {
        Optional<Setting> before = db.sql("select shares, named from network_share where organization_id = ? for update")
                .params(org.value()).query((rs, n) -> new Setting(rs.getBoolean("shares"), rs.getBoolean("named")))
                .optional();
        if (before.orElse(Setting.NOT_SHARED).equals(setting)) return false;
        Timestamp now = Timestamp.from(clock.instant());
        db.sql("""
                insert into network_share (organization_id, shares, named, updated_by, updated_at) values (?, ?, ?, ?, ?)
                on conflict (organization_id) do update
                set shares = excluded.shares, named = excluded.named, updated_by = excluded.updated_by,
                    updated_at = excluded.updated_at""")
                .params(org.value(), setting.shares(), setting.named(), staffId, now).update();
        db.sql("""
                insert into network_share_change (id, organization_id, changed_by, changed_at, shares, named)
                values (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), org.value(), staffId, now, setting.shares(), setting.named()).update();
        return true;
    }

    /** The latest changes, newest first. */
    List<Change> changes(OrganizationId org) {
        return db.sql("""
                select changed_by, changed_at, shares, named from network_share_change
                where organization_id = ? order by changed_at desc, id desc limit ?""")
                .params(org.value(), HISTORY)
                .query((rs, n) -> new Change(rs.getObject("changed_by", UUID.class), rs.getTimestamp("changed_at").toInstant(),
                        new Setting(rs.getBoolean("shares"), rs.getBoolean("named"))))
                .list();
    }

    /** Every organization that shares its figures now. */
    List<Member> members() {
        return db.sql("select organization_id, named from network_share where shares order by organization_id")
                .query((rs, n) -> new Member(new OrganizationId(rs.getObject("organization_id", UUID.class)),
                        rs.getBoolean("named")))
                .list();
    }
}
