package fi.aspa.identity;

import fi.aspa.platform.Ids;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.PageCursor;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
class AccessLogStore implements PersonalDataLog {
    private final JdbcClient db;
    private final Clock clock;

    AccessLogStore(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(OrganizationId organization, UUID staffUserId, UUID customerId, String purpose, String detail) {
        db.sql("""
                insert into personal_data_access (id, organization_id, staff_user_id, customer_id, purpose, detail, accessed_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(Ids.next(), organization.value(), staffUserId, customerId, purpose, detail, Timestamp.from(clock.instant()))
                .update();
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordAll(OrganizationId organization, UUID staffUserId, String purpose, Map<UUID, String> detailByCustomer) {
        if (detailByCustomer.isEmpty()) return;
        int n = detailByCustomer.size();
        UUID[] ids = new UUID[n];
        UUID[] customers = new UUID[n];
        String[] details = new String[n];
        int i = 0;
        for (Map.Entry<UUID, String> e : detailByCustomer.entrySet()) {
            ids[i] = Ids.next();
            customers[i] = e.getKey();
            details[i++] = e.getValue();
        }
        db.sql("""
                insert into personal_data_access (id, organization_id, staff_user_id, customer_id, purpose, detail, accessed_at)
                select t.id, ?, ?, t.customer_id, ?, t.detail, ? from unnest(?::uuid[], ?::uuid[], ?::text[]) as t (id, customer_id, detail)""")
                .params(organization.value(), staffUserId, purpose, Timestamp.from(clock.instant()), ids, customers, details)
                .update();
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordBySystem(OrganizationId organization, UUID customerId, String purpose, String detail) {
        record(organization, null, customerId, purpose, detail);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordForClient(OrganizationId organization, UUID apiTokenId, UUID customerId, String purpose, String detail) {
        db.sql("""
                insert into personal_data_access (id, organization_id, api_token_id, customer_id, purpose, detail, accessed_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(Ids.next(), organization.value(), apiTokenId, customerId, purpose, detail, Timestamp.from(clock.instant()))
                .update();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Entry> forCustomer(OrganizationId organization, UUID customerId, int limit) {
        return db.sql("""
                select a.*, coalesce(s.display_name, t.name) as display_name from personal_data_access a
                left join staff_user s on s.id = a.staff_user_id left join api_token t on t.id = a.api_token_id
                where a.organization_id = ? and a.customer_id = ? order by a.accessed_at desc limit ?""")
                .params(organization.value(), customerId, limit)
                .query((rs, n) -> new Entry(rs.getObject("staff_user_id", UUID.class), rs.getString("display_name"),
                        rs.getObject("customer_id", UUID.class), rs.getString("purpose"), rs.getString("detail"),
                        rs.getTimestamp("accessed_at").toInstant(), rs.getObject("api_token_id", UUID.class)))
                .list();
    }

    /** One entry as the log's reviewer sees it; {@code reader} is the staff member's or the API token's name. */
    record Row(UUID id, Instant at, UUID staffUserId, UUID apiTokenId, String reader, UUID customerId, String purpose,
               String detail) {}

    /** What the reviewer narrows the log to; null: any. {@code to} is exclusive. */
    record Filter(UUID staffUserId, UUID customerId, String purpose, Instant from, Instant to) {}

    /**
     * The organization's log newest first, narrowed by the filter, after {@code before} (the previous page's last row),
     * at most {@code limit} rows. The conditions are written into the statement only when given, so that the planner
     * uses the index of the one that is (by customer, by staff member, or the organization's by time).
     */
    @Transactional(readOnly = true)
    List<Row> search(OrganizationId organization, Filter filter, PageCursor before, int limit) {
        StringBuilder where = new StringBuilder(" where a.organization_id = ?");
        List<Object> params = new ArrayList<>(List.of(organization.value()));
        if (filter.staffUserId() != null) {
            where.append(" and a.staff_user_id = ?");
            params.add(filter.staffUserId());
        }
        if (filter.customerId() != null) {
            where.append(" and a.customer_id = ?");
            params.add(filter.customerId());
        }
        if (filter.purpose() != null) {
            where.append(" and a.purpose = ?");
            params.add(filter.purpose());
        }
        if (filter.from() != null) {
            where.append(" and a.accessed_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and a.accessed_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        if (before != null) {
            where.append(" and (a.accessed_at, a.id) < (?, ?)");
            params.add(Timestamp.from(before.at()));
            params.add(before.id());
        }
        params.add(limit);
        return db.sql("""
                select a.id, a.accessed_at, a.staff_user_id, a.api_token_id, coalesce(s.display_name, t.name) as reader,
                       a.customer_id, a.purpose, a.detail
                from personal_data_access a
                left join staff_user s on s.id = a.staff_user_id left join api_token t on t.id = a.api_token_id""" + where + """

                order by a.accessed_at desc, a.id desc limit ?""")
                .params(params)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getTimestamp("accessed_at").toInstant(),
                        rs.getObject("staff_user_id", UUID.class), rs.getObject("api_token_id", UUID.class),
                        rs.getString("reader"), rs.getObject("customer_id", UUID.class), rs.getString("purpose"),
                        rs.getString("detail")))
                .list();
    }

    /**
     * The purposes the organization's log holds, for the reviewer's choice: a skip scan over the purpose index (one
     * probe per purpose, however long the log).
     */
    @Transactional(readOnly = true)
    List<String> purposes(OrganizationId organization) {
        return db.sql("""
                with recursive p (purpose) as (
                    select min(purpose) from personal_data_access where organization_id = :org
                    union all
                    select (select min(a.purpose) from personal_data_access a where a.organization_id = :org and a.purpose > p.purpose)
                    from p where p.purpose is not null)
                select purpose from p where purpose is not null""")
                .param("org", organization.value()).query(String.class).list();
    }
}
