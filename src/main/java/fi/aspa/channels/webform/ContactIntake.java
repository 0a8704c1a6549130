package fi.aspa.channels.webform;

import fi.aspa.channels.Topic;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewAttachment;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a checked contact form into a customer and a case in one transaction: either both exist after commit,
 * or neither does (a refused attachment rolls back the customer too). The resident sees the reference only
 * after this returns.
 */
@Service
class ContactIntake {
    private final Customers customers;
    private final Cases cases;

    ContactIntake(Customers customers, Cases cases) {
        this.customers = customers;
        this.cases = cases;
    }

    record Contact(String name, String email, String phone, Language language, Topic topic, String subject,
                   String message, List<NewAttachment> attachments, Set<String> tags) {

        /** Never prints personal data or the message. */
        @Override
        public String toString() {
            return "Contact[" + language + ", " + topic + ", " + attachments.size() + " attachments]";
        }
    }

    @Transactional
    OpenedCase submit(OrganizationId organization, Contact contact) {
        UUID customer = customers.resolve(organization,
                ContactDetails.resident(contact.name(), contact.email(), contact.phone(), contact.language()));
        return cases.open(organization, new NewCase(Channel.WEB_FORM, customer, contact.subject(), contact.message(),
                contact.language(), contact.topic().getCode(), null, null, contact.tags(), contact.attachments(), Actor.customer()));
    }
}
