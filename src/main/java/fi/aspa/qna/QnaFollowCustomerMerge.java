package fi.aspa.qna;

import fi.aspa.customer.Customers;
import fi.aspa.customer.CustomersMerged;
import fi.aspa.customer.CustomersUnmerged;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A named asker's questions follow their customer into a merge, and back when it is undone (in its transaction). */
@Component
class QnaFollowCustomerMerge {
    static final String QUESTION = "qna-question";

    private final JdbcClient db;
    private final Customers customers;

    QnaFollowCustomerMerge(JdbcClient db, Customers customers) {
        this.db = db;
        this.customers = customers;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersMerged merged) {
        List<UUID> moved = db.sql("""
                update qna_question set asker_customer_id = ? where organization_id = ? and asker_customer_id = ? returning id""")
                .params(merged.into(), merged.organization().value(), merged.from()).query(UUID.class).list();
        customers.recordMergeMoved(merged.organization(), merged.mergeId(), QUESTION, moved);
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersUnmerged unmerged) {
        List<UUID> ids = unmerged.moved(QUESTION);
        if (ids.isEmpty()) return;
        db.sql("update qna_question set asker_customer_id = ? where organization_id = ? and asker_customer_id = ? and id = any(?)")
                .params(unmerged.from(), unmerged.organization().value(), unmerged.into(), ids.toArray(UUID[]::new)).update();
    }
}
