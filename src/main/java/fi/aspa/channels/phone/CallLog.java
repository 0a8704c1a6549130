package fi.aspa.channels.phone;

import fi.aspa.channels.Topic;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customer;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A call an agent logs, in one transaction: the caller (a customer found by the number, or a new one), a PHONE case
 * in the agent's unit assigned to the agent with the notes as its message, and the outcome: resolved on the call
 * (the case is resolved), needs follow-up (the case stays open with the agent), or callback promised (also a task
 * in the callback queue for today).
 */
@Service
class CallLog {
    private final Customers customers;
    private final Cases cases;
    private final Callbacks callbacks;
    private final MessageSource messages;
    private final Clock clock;

    CallLog(Customers customers, Cases cases, Callbacks callbacks, MessageSource messages, Clock clock) {
        this.customers = customers;
        this.cases = cases;
        this.callbacks = callbacks;
        this.messages = messages;
        this.clock = clock;
    }

    enum Outcome { RESOLVED, FOLLOW_UP, CALLBACK }

    /** {@code customerId} null means a new customer with {@code newName}; {@code phone} international or null. */
    record Call(String phone, UUID customerId, String newName, Language language, Topic topic, String notes, Outcome outcome) {
        @Override
        public String toString() {
            return "Call[" + topic + ", " + outcome + "]";
        }
    }

    @Transactional
    OpenedCase log(OrganizationId organization, UUID staffId, UUID unitId, Call call) {
        UUID customer;
        Language language;
        String name;
        if (call.customerId() != null) {
            Customer known = customers.find(organization, call.customerId())
                    .orElseThrow(() -> AspaException.invalid("unknown-customer", "No such customer in this organization"));
            customer = known.id();
            language = known.preferredLanguage();
            name = known.name();
        } else {
            language = call.language() == null ? Language.FI : call.language();
            name = call.newName();
            customer = customers.resolve(organization, new ContactDetails(CustomerKind.PERSON, call.newName(), null,
                    call.phone(), null, null, null, language, false));
        }
        String topic = messages.getMessage(call.topic().getMessageKey(), null, language.locale());
        Actor actor = Actor.staff(staffId);
        OpenedCase opened = cases.open(organization, new NewCase(Channel.PHONE, customer, subject(topic, call.notes()),
                call.notes(), language, call.topic().getCode(), unitId, null,
                call.outcome() == Outcome.CALLBACK ? Set.of(Callbacks.TAG) : Set.of(), List.of(), actor));
        cases.assign(organization, opened.id(), actor, staffId);
        switch (call.outcome()) {
            case RESOLVED -> cases.changeStatus(organization, opened.id(), actor, CaseStatus.RESOLVED);
            case FOLLOW_UP -> cases.changeStatus(organization, opened.id(), actor, CaseStatus.OPEN);
            case CALLBACK -> {
                if (call.phone() == null) throw AspaException.invalid("callback-needs-number", "A callback needs a number");
                cases.changeStatus(organization, opened.id(), actor, CaseStatus.OPEN);
                ZonedDateTime now = clock.instant().atZone(Callbacks.HELSINKI);
                callbacks.create(organization, opened.id(), name, call.phone(), now.toLocalDate(),
                        now.getHour() < 12 ? Callbacks.Window.MORNING : Callbacks.Window.AFTERNOON,
                        call.topic().getCode(), null);
            }
        }
        return opened;
    }

    /** The topic and the first words of the notes (up to 8 words, 60 characters). */
    static String subject(String topic, String notes) {
        String[] words = notes.strip().split("\\s+");
        StringBuilder start = new StringBuilder();
        int used = 0;
        for (String word : words) {
            if (used == 8 || (used > 0 && start.length() + 1 + word.length() > 60)) break;
            if (used > 0) start.append(' ');
            start.append(word);
            used++;
        }
        String text = start.length() > 60 ? start.substring(0, 60) : start.toString();
        if (used < words.length || text.length() < start.length()) text += "…";
        return text.isBlank() ? topic : topic + ": " + text;
    }
}
