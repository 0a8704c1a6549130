package fi.aspa.appointments;

import fi.aspa.customer.CustomersMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two customers were merged: the merged customer's appointments and walk-in tickets now belong to the survivor
 * (same transaction). Callback requests hang on their case, which the cases module moves.
 */
@Component
class AppointmentsFollowCustomerMerge {
    private final JdbcClient db;

    AppointmentsFollowCustomerMerge(JdbcClient db) {
        this.db = db;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersMerged merged) {
        db.sql("update appointment set customer_id = ? where organization_id = ? and customer_id = ?")
                .params(merged.into(), merged.organization().value(), merged.from()).update();
        db.sql("update queue_ticket set customer_id = ? where organization_id = ? and customer_id = ?")
                .params(merged.into(), merged.organization().value(), merged.from()).update();
    }
}
