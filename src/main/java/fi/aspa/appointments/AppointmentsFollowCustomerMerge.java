package fi.aspa.appointments;

import fi.aspa.customer.Customers;
import fi.aspa.customer.CustomersMerged;
import fi.aspa.customer.CustomersUnmerged;
import org.springframework.context.event.EventListener;
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

    private final Customers customers;

    AppointmentsFollowCustomerMerge(Customers customers) {
        this.customers = customers;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersMerged merged) {
        customers.followMerge(merged, APPOINTMENT, "appointment", "customer_id");
        customers.followMerge(merged, TICKET, "queue_ticket", "customer_id");
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersUnmerged unmerged) {
        customers.followUnmerge(unmerged, APPOINTMENT, "appointment", "customer_id");
        customers.followUnmerge(unmerged, TICKET, "queue_ticket", "customer_id");
    }
}
