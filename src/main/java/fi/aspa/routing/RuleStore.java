package fi.aspa.routing;

import fi.aspa.cases.Channel;
import fi.aspa.cases.Priority;
import fi.aspa.customer.CustomerKind;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The organization's routing rules, in order. Positions are kept dense: 1, 2, 3… */
@Repository
@Transactional
class RuleStore {
    private final JdbcClient db;
    private final Clock clock;

    RuleStore(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<RoutingRule> list(OrganizationId organization) {
        return db.sql("select * from routing_rule where organization_id = ? order by position, created_at")
                .param(organization.value()).query(RuleStore::rule).list();
    }

    private record Cached(String version, List<RoutingRule> rules) {}

    private final java.util.Map<OrganizationId, Cached> cached = new java.util.concurrent.ConcurrentHashMap<>();

    /** A digest of the organization's rules as stored (any change of any column changes it), for {@link #cached}. */
    static final String VERSION = """
            (select md5(coalesce(string_agg(r::text, ',' order by r.id), '')) from routing_rule r where r.organization_id = ?)""";

    /**
     * The organization's rules as {@link #list} gives them, read again only when their digest ({@link #VERSION},
     * which the caller read in a statement it needed anyway) differs from that of the ones this node read last.
     */
    List<RoutingRule> cached(OrganizationId organization, String version) {
        Cached current = cached.get(organization);
        if (current != null && current.version().equals(version)) return current.rules();
        List<RoutingRule> rules = List.copyOf(list(organization));
        cached.put(organization, new Cached(version, rules));
        return rules;
    }

    @Transactional(readOnly = true)
    Optional<RoutingRule> find(OrganizationId organization, UUID id) {
        return db.sql("select * from routing_rule where organization_id = ? and id = ?")
                .params(organization.value(), id).query(RuleStore::rule).optional();
    }

    RoutingRule create(OrganizationId organization, String name, boolean enabled, RoutingRule.Conditions when,
                       RoutingRule.Actions then) {
        lock(organization);
        int position = db.sql("select coalesce(max(position), 0) + 1 from routing_rule where organization_id = ?")
                .param(organization.value()).query(Integer.class).single();
        UUID id = Ids.next();
        Timestamp now = Timestamp.from(clock.instant());
        db.sql("""
                insert into routing_rule (id, organization_id, position, name, enabled, channel, mailbox, open311_code, keywords,
                    language, customer_kind, service_id, unit_id, assignee_id, priority, tags, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organization.value(), position, name, enabled, name(when.channel()), when.mailbox(),
                        when.open311Code(), when.keywords().toArray(String[]::new),
                        when.language() == null ? null : when.language().code(), name(when.customerKind()),
                        then.serviceId(), then.unitId(), then.assigneeId(), name(then.priority()),
                        then.tags().toArray(String[]::new), now, now)
                .update();
        return find(organization, id).orElseThrow();
    }

    RoutingRule update(OrganizationId organization, UUID id, String name, boolean enabled, RoutingRule.Conditions when,
                       RoutingRule.Actions then) {
        int updated = db.sql("""
                update routing_rule set name = ?, enabled = ?, channel = ?, mailbox = ?, open311_code = ?, keywords = ?,
                    language = ?, customer_kind = ?, service_id = ?, unit_id = ?, assignee_id = ?, priority = ?, tags = ?,
                    updated_at = ?
                where organization_id = ? and id = ?""")
                .params(name, enabled, name(when.channel()), when.mailbox(), when.open311Code(),
                        when.keywords().toArray(String[]::new), when.language() == null ? null : when.language().code(),
                        name(when.customerKind()), then.serviceId(), then.unitId(), then.assigneeId(), name(then.priority()),
                        then.tags().toArray(String[]::new), Timestamp.from(clock.instant()), organization.value(), id)
                .update();
        if (updated == 0) throw AspaException.notFound("Rule");
        return find(organization, id).orElseThrow();
    }

    void setEnabled(OrganizationId organization, UUID id, boolean enabled) {
        int updated = db.sql("update routing_rule set enabled = ?, updated_at = ? where organization_id = ? and id = ?")
                .params(enabled, Timestamp.from(clock.instant()), organization.value(), id).update();
        if (updated == 0) throw AspaException.notFound("Rule");
    }

    /** Moves a rule one place up ({@code delta} -1) or down (+1); at either end nothing moves. */
    void move(OrganizationId organization, UUID id, int delta) {
        lock(organization);
        List<RoutingRule> rules = new ArrayList<>(list(organization));
        int index = -1;
        for (int i = 0; i < rules.size(); i++) if (rules.get(i).id().equals(id)) index = i;
        if (index < 0) throw AspaException.notFound("Rule");
        int target = index + Integer.signum(delta);
        if (target < 0 || target >= rules.size()) return;
        rules.add(target, rules.remove(index));
        for (int i = 0; i < rules.size(); i++) {
            db.sql("update routing_rule set position = ? where organization_id = ? and id = ?")
                    .params(i + 1, organization.value(), rules.get(i).id()).update();
        }
    }

    void delete(OrganizationId organization, UUID id) {
        lock(organization);
        if (db.sql("delete from routing_rule where organization_id = ? and id = ?").params(organization.value(), id).update() == 0) {
            throw AspaException.notFound("Rule");
        }
        List<RoutingRule> rules = list(organization);
        for (int i = 0; i < rules.size(); i++) {
            db.sql("update routing_rule set position = ? where organization_id = ? and id = ?")
                    .params(i + 1, organization.value(), rules.get(i).id()).update();
        }
    }

    /** Serializes changes to one organization's rule order. */
    private void lock(OrganizationId organization) {
        db.sql("select id from organization where id = ? for update").param(organization.value()).query(UUID.class).optional();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static RoutingRule rule(ResultSet rs, int row) throws SQLException {
        String channel = rs.getString("channel");
        String language = rs.getString("language");
        String kind = rs.getString("customer_kind");
        String priority = rs.getString("priority");
        return new RoutingRule(rs.getObject("id", UUID.class), rs.getInt("position"), rs.getString("name"),
                rs.getBoolean("enabled"),
                new RoutingRule.Conditions(channel == null ? null : Channel.valueOf(channel), rs.getString("mailbox"),
                        rs.getString("open311_code"), Arrays.asList((String[]) rs.getArray("keywords").getArray()),
                        language == null ? null : Language.parse(language).orElse(null),
                        kind == null ? null : CustomerKind.valueOf(kind)),
                new RoutingRule.Actions(rs.getObject("service_id", UUID.class), rs.getObject("unit_id", UUID.class),
                        rs.getObject("assignee_id", UUID.class), priority == null ? null : Priority.valueOf(priority),
                        Arrays.asList((String[]) rs.getArray("tags").getArray())));
    }
}
