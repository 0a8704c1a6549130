package fi.aspa.cases;

import fi.aspa.customer.CustomersMerged;
import fi.aspa.platform.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two customers were merged: every case of the merged one moves to the survivor, in the merge's own transaction,
 * and each case's history says so (CUSTOMER_MERGED, by the staff member who merged). The case's updated time is
 * left alone, so queues do not reorder; no case event is published (nothing about the case itself changed).
 */
@Component
class CasesFollowCustomerMerge {
    private final JdbcClient db;
    private final JsonMapper json;
    private final Clock clock;

    CasesFollowCustomerMerge(JdbcClient db, JsonMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersMerged merged) {
        List<UUID> moved = db.sql("""
                update support_case set customer_id = ? where organization_id = ? and customer_id = ? returning id""")
                .params(merged.into(), merged.organization().value(), merged.from()).query(UUID.class).list();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", merged.from().toString());
        detail.put("to", merged.into().toString());
        detail.put("merge", merged.mergeId().toString());
        String detailJson = json.writeValueAsString(detail);
        Timestamp now = Timestamp.from(clock.instant());
        for (UUID caseId : moved) {
            db.sql("""
                    insert into case_event (id, organization_id, case_id, actor_staff_id, actor, type, detail, created_at)
                    values (?, ?, ?, ?, 'STAFF', 'CUSTOMER_MERGED', cast(? as jsonb), ?)""")
                    .params(Ids.next(), merged.organization().value(), caseId, merged.staffUserId(), detailJson, now).update();
        }
    }
}
