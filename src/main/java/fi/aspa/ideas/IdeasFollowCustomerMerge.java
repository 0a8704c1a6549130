package fi.aspa.ideas;

import fi.aspa.customer.Customers;
import fi.aspa.customer.CustomersMerged;
import fi.aspa.customer.CustomersUnmerged;
import java.util.List;
import java.util.UUID;
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

    private final IdeaStore store;
    private final Customers customers;

    IdeasFollowCustomerMerge(IdeaStore store, Customers customers) {
        this.store = store;
        this.customers = customers;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersMerged merged) {
        List<UUID> moved = store.moveCustomer(merged.organization(), merged.from(), merged.into());
        customers.recordMergeMoved(merged.organization(), merged.mergeId(), KIND, moved);
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersUnmerged unmerged) {
        List<UUID> back = unmerged.moved(KIND);
        if (back.isEmpty()) return;
        store.moveCustomerBack(unmerged.organization(), unmerged.into(), unmerged.from(), back);
    }
}
