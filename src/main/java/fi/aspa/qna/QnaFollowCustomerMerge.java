package fi.aspa.qna;

import fi.aspa.customer.Customers;
import fi.aspa.customer.CustomersMerged;
import fi.aspa.customer.CustomersUnmerged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A named asker's questions follow their customer into a merge, and back when it is undone (in its transaction). */
@Component
class QnaFollowCustomerMerge {
    static final String QUESTION = "qna-question";

    private final Customers customers;

    QnaFollowCustomerMerge(Customers customers) {
        this.customers = customers;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersMerged merged) {
        customers.followMerge(merged, QUESTION, "qna_question", "asker_customer_id");
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersUnmerged unmerged) {
        customers.followUnmerge(unmerged, QUESTION, "qna_question", "asker_customer_id");
    }
}
