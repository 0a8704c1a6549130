package fi.aspa.channels.phone;

import fi.aspa.channels.Topic;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
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
 *
 * <p>Or the call is about one of the caller's open cases (new, open or waiting; the agent chose it): the notes are added
 * to that case as the caller's message on the phone channel (a waiting case reopens, as when the customer writes), so
 * its handler, its unit and its service-level clocks see the call; an unassigned case is assigned to the agent. Then
 * the outcome: resolved resolves that case, but only when it is the agent's own or nobody's: a case someone else
 * handles is theirs to resolve, so the call is refused with a message to choose follow-up (the handler sees the call)
 * instead of silently ending their work; follow-up leaves the case open with its handler; callback promised tags it and
 * adds the callback task for it. Only a case of that same customer in the agent's organization can be chosen.
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

    /**
     * {@code customerId} null means a new customer with {@code newName}; {@code phone} international or null;
     * {@code caseId} null means a new case, else the caller's open case the call is added to.
     */
    record Call(String phone, UUID customerId, String newName, Language language, Topic topic, String notes, Outcome outcome,
                UUID caseId) {
        Call(String phone, UUID customerId, String newName, Language language, Topic topic, String notes, Outcome outcome) {
            this(phone, customerId, newName, language, topic, notes, outcome, null);
        }

        @Override
        public String toString() {
            return "Call[" + topic + ", " + outcome + "]";
        }
    }

    /** The case the call went to: {@code added} when it was an existing case of the caller's. */
    record Logged(UUID id, String reference, boolean added) {}

    /** Why a chosen case cannot take the call: the code of {@link AspaException} {@link #log} throws. */
    static final String UNKNOWN_CASE = "phone-unknown-case";
    static final String OTHERS_CASE = "phone-resolve-others-case";

    /**
     * Whether the call can go to this case: the error code ({@link #UNKNOWN_CASE}, {@link #OTHERS_CASE}) or null.
     * For the form's checks before anything is written; {@link #log} checks again with the case locked.
     */
    String refusal(OrganizationId organization, UUID staffId, UUID customerId, UUID caseId, Outcome outcome) {
        return refusal(cases.summary(organization, caseId).orElse(null), staffId, customerId, outcome);
    }

    private static String refusal(CaseSummary target, UUID staffId, UUID customerId, Outcome outcome) {
        if (target == null || customerId == null || !customerId.equals(target.customerId())
                || !CallerLookup.OPEN_STATUSES.contains(target.status())) {
            return UNKNOWN_CASE;
        }
        if (outcome == Outcome.RESOLVED && target.assigneeId() != null && !target.assigneeId().equals(staffId)) {
            return OTHERS_CASE;
        }
        return null;
    }

    @Transactional
    Logged log(OrganizationId organization, UUID staffId, UUID unitId, Call call) {
        if (call.caseId() != null) return addToCase(organization, staffId, call);
        OpenedCase opened = open(organization, staffId, unitId, call);
        return new Logged(opened.id(), opened.reference(), false);
    }

    private Logged addToCase(OrganizationId organization, UUID staffId, Call call) {
        if (call.customerId() == null) throw AspaException.invalid(UNKNOWN_CASE, "A new customer has no case to add the call to");
        if (call.outcome() == Outcome.CALLBACK && call.phone() == null) {
            throw AspaException.invalid("callback-needs-number", "A callback needs a number");
        }
        // checked before the lock too, so that another organization's or an unknown case is refused alike (not a 404)
        String refused = refusal(organization, staffId, call.customerId(), call.caseId(), call.outcome());
        CaseSummary target = null;
        if (refused == null) {
            cases.lockForChange(organization, call.caseId());
            target = cases.summary(organization, call.caseId()).orElse(null);
            refused = refusal(target, staffId, call.customerId(), call.outcome());
        }
        if (refused != null) {
            throw AspaException.invalid(refused, "The call cannot be added to this case");
        }
        Actor actor = Actor.staff(staffId);
        cases.addCustomerMessage(organization, target.id(), call.notes(), Channel.PHONE, List.of(), actor);
        if (target.assigneeId() == null) cases.assign(organization, target.id(), actor, staffId);
        switch (call.outcome()) {
            case RESOLVED -> cases.changeStatus(organization, target.id(), actor, CaseStatus.RESOLVED);
            case FOLLOW_UP -> { } // the caller's message has (re)opened the case for its handler
            case CALLBACK -> {
                if (!target.tags().contains(Callbacks.TAG)) {
                    Set<String> tags = new java.util.LinkedHashSet<>(target.tags());
                    tags.add(Callbacks.TAG);
                    cases.setTags(organization, target.id(), actor, tags);
                }
                Customer caller = customers.find(organization, call.customerId()).orElse(null);
                promiseCallback(organization, target.id(), caller == null ? "" : caller.name(), call);
            }
        }
        return new Logged(target.id(), target.reference(), true);
    }

    private void promiseCallback(OrganizationId organization, UUID caseId, String name, Call call) {
        ZonedDateTime now = clock.instant().atZone(Callbacks.HELSINKI);
        callbacks.create(organization, caseId, name, call.phone(), now.toLocalDate(),
                now.getHour() < 12 ? Callbacks.Window.MORNING : Callbacks.Window.AFTERNOON,
                call.topic().getCode(), null);
    }

    private OpenedCase open(OrganizationId organization, UUID staffId, UUID unitId, Call call) {
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
                promiseCallback(organization, opened.id(), name, call);
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
