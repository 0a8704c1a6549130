package fi.aspa.chat;

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

/**
 * Two customers were merged: the merged customer's chat sessions now belong to the survivor (same transaction), and
 * the merge records which; an undone merge moves exactly those back.
 */
@Component
class ChatFollowCustomerMerge {
    static final String KIND = "chat-session";

    private final JdbcClient db;
    private final Customers customers;

    ChatFollowCustomerMerge(JdbcClient db, Customers customers) {
        this.db = db;
        this.customers = customers;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersMerged merged) {
        List<UUID> moved = db.sql("update chat_session set customer_id = ? where organization_id = ? and customer_id = ? returning id")
                .params(merged.into(), merged.organization().value(), merged.from()).query(UUID.class).list();
        customers.recordMergeMoved(merged.organization(), merged.mergeId(), KIND, moved);
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersUnmerged unmerged) {
        List<UUID> back = unmerged.moved(KIND);
        if (back.isEmpty()) return;
        db.sql("update chat_session set customer_id = ? where organization_id = ? and customer_id = ? and id = any(?)")
                .params(unmerged.from(), unmerged.organization().value(), unmerged.into(), back.toArray(UUID[]::new)).update();
    }
}
