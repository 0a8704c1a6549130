package fi.aspa.chat;

import fi.aspa.customer.CustomersMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Two customers were merged: the merged customer's chat sessions now belong to the survivor (same transaction). */
@Component
class ChatFollowCustomerMerge {
    private final JdbcClient db;

    ChatFollowCustomerMerge(JdbcClient db) {
        this.db = db;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersMerged merged) {
        db.sql("update chat_session set customer_id = ? where organization_id = ? and customer_id = ?")
                .params(merged.into(), merged.organization().value(), merged.from()).update();
    }
}
