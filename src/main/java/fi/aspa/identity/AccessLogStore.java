package fi.aspa.identity;

import fi.aspa.platform.Ids;
import fi.aspa.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Clock;
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
}
