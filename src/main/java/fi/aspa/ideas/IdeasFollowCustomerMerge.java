package fi.aspa.ideas;

import fi.aspa.customer.Customers;
import fi.aspa.customer.CustomersMerged;
import fi.aspa.customer.CustomersUnmerged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two customers were merged: the ideas the merged customer sent (with a name or email) now belong to the survivor
 * (same transaction), and the merge records which; an undone merge moves exactly those back.
 */
@Component
class IdeasFollowCustomerMerge {
    static final String KIND = "idea";

    private final Customers customers;

    IdeasFollowCustomerMerge(Customers customers) {
        this.customers = customers;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersMerged merged) {
        customers.followMerge(merged, KIND, "idea", "customer_id");
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersUnmerged unmerged) {
        customers.followUnmerge(unmerged, KIND, "idea", "customer_id");
    }
}
