package fi.aspa.appointments;

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
 * Two customers were merged: the merged customer's appointments and walk-in tickets now belong to the survivor
 * (same transaction), and the merge records which; an undone merge moves exactly those back. Callback requests hang
 * on their case, which the cases module moves.
 */
@Component
class AppointmentsFollowCustomerMerge {
    static final String APPOINTMENT = "appointment";
    static final String TICKET = "queue-ticket";

    private final JdbcClient db;
    private final Customers customers;

    AppointmentsFollowCustomerMerge(JdbcClient db, Customers customers) {
        this.db = db;
        this.customers = customers;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersMerged merged) {
        List<UUID> appointments = db.sql("update appointment set customer_id = ? where organization_id = ? and customer_id = ? returning id")
                .params(merged.into(), merged.organization().value(), merged.from()).query(UUID.class).list();
        customers.recordMergeMoved(merged.organization(), merged.mergeId(), APPOINTMENT, appointments);
        List<UUID> tickets = db.sql("update queue_ticket set customer_id = ? where organization_id = ? and customer_id = ? returning id")
                .params(merged.into(), merged.organization().value(), merged.from()).query(UUID.class).list();
        customers.recordMergeMoved(merged.organization(), merged.mergeId(), TICKET, tickets);
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersUnmerged unmerged) {
        back("appointment", unmerged, unmerged.moved(APPOINTMENT));
        back("queue_ticket", unmerged, unmerged.moved(TICKET));
    }

    private void back(String table, CustomersUnmerged unmerged, List<UUID> ids) {
        if (ids.isEmpty()) return;
        db.sql("update " + table + " set customer_id = ? where organization_id = ? and customer_id = ? and id = any(?)")
                .params(unmerged.from(), unmerged.organization().value(), unmerged.into(), ids.toArray(UUID[]::new)).update();
    }
}
