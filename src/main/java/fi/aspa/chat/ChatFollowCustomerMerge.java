package fi.aspa.chat;

import fi.aspa.customer.Customers;
import fi.aspa.customer.CustomersMerged;
import fi.aspa.customer.CustomersUnmerged;
import org.springframework.context.event.EventListener;
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

    private final Customers customers;

    ChatFollowCustomerMerge(Customers customers) {
        this.customers = customers;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersMerged merged) {
        customers.followMerge(merged, KIND, "chat_session", "customer_id");
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersUnmerged unmerged) {
        customers.followUnmerge(unmerged, KIND, "chat_session", "customer_id");
    }
}
