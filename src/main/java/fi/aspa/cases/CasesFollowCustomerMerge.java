package fi.aspa.cases;

import fi.aspa.customer.Customers;
import fi.aspa.customer.CustomersMerged;
import fi.aspa.customer.CustomersUnmerged;
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
 * left alone, so queues do not reorder; no case event is published (nothing about the case itself changed). The merge
 * records which cases moved; an undone merge moves exactly those back (CUSTOMER_UNMERGED in their history).
 */
@Component
class CasesFollowCustomerMerge {
    static final String KIND = "case";

    private final JdbcClient db;
    private final JsonMapper json;
    private final Clock clock;
    private final Customers customers;

    CasesFollowCustomerMerge(JdbcClient db, JsonMapper json, Clock clock, Customers customers) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.customers = customers;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersMerged merged) {
        List<UUID> moved = customers.followMerge(merged, KIND, "support_case", "customer_id");
        history(merged.organization().value(), moved, "CUSTOMER_MERGED", merged.from(), merged.into(), merged.mergeId(),
                merged.staffUserId());
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersUnmerged unmerged) {
        List<UUID> moved = customers.followUnmerge(unmerged, KIND, "support_case", "customer_id");
        history(unmerged.organization().value(), moved, "CUSTOMER_UNMERGED", unmerged.into(), unmerged.from(),
                unmerged.mergeId(), unmerged.staffUserId());
    }

    private void history(UUID organization, List<UUID> cases, String type, UUID from, UUID to, UUID mergeId, UUID staff) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", from.toString());
        detail.put("to", to.toString());
        detail.put("merge", mergeId.toString());
        String detailJson = json.writeValueAsString(detail);
        Timestamp now = Timestamp.from(clock.instant());
        for (UUID caseId : cases) {
            db.sql("""
                    insert into case_event (id, organization_id, case_id, actor_staff_id, actor, type, detail, created_at)
                    values (?, ?, ?, ?, 'STAFF', ?, cast(? as jsonb), ?)""")
                    .params(Ids.next(), organization, caseId, staff, type, detailJson, now).update();
        }
    }
}
