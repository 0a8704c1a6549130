package fi.aspa.channels.email;

import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.ReplyByEmail;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.platform.OrganizationId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Where an agent's reply to a case goes by email: the one rule, by which {@link EmailOutbound} sends the reply and by
 * which the case page says beforehand where it will go ({@link ReplyByEmail}). A case of the email channel, one the
 * customer has written to by email, or one handed over from another organization (tag {@value #HANDOVER_TAG}: the
 * resident has no other way to this organization's replies, since the sender's channel stays with the sender) is
 * answered by email (other cases are left to their own channels): to the address of the customer's last message by
 * email, else the customer's email address; from the case's unit's mailbox, else the enabled mailbox the last message
 * came through, else the organization's own.
 */
@Component
class ReplyRule implements ReplyByEmail {
    /** The tag {@code handover} gives the (API-channel) case it opens in the receiving organization. */
    static final String HANDOVER_TAG = "handover";

    private final Cases cases;
    private final Customers customers;
    private final MailboxStore mailboxes;
    private final EmailStore store;

    ReplyRule(Cases cases, Customers customers, MailboxStore mailboxes, EmailStore store) {
        this.cases = cases;
        this.customers = customers;
        this.mailboxes = mailboxes;
        this.store = store;
    }

    /** {@code to} null: no address; {@code customer} null: the customer is gone. */
    record Route(Optional<EmailStore.Inbound> last, Customer customer, String to, Optional<Mailbox> mailbox) {
        Decision decision() {
            if (to == null) return new Decision(Outcome.NO_ADDRESS, null);
            if (mailbox.isEmpty()) return new Decision(Outcome.NO_MAILBOX, null);
            return new Decision(Outcome.SENT, to);
        }
    }

    /** Empty when another channel delivers the case's replies. */
    Optional<Route> route(OrganizationId organization, CaseSummary summary) {
        Optional<EmailStore.Inbound> last = store.lastInbound(organization, summary.id());
        if (summary.channel() != Channel.EMAIL && last.isEmpty() && !handedOver(summary)) return Optional.empty();
        Customer customer = customers.find(organization, summary.customerId()).orElse(null);
        String to = last.map(EmailStore.Inbound::address).orElse(customer == null ? null : customer.email());
        return Optional.of(new Route(last, customer, to, mailboxFor(organization, summary.unitId(),
                last.map(EmailStore.Inbound::mailboxId))));
    }

    /** Opened by a hand-over: an API case (no client of its own to show replies) with the hand-over's tag. */
    private static boolean handedOver(CaseSummary summary) {
        return summary.channel() == Channel.API && summary.tags().contains(HANDOVER_TAG);
    }

    @Override
    public Decision decide(OrganizationId organization, UUID caseId) {
        return cases.summary(organization, caseId).flatMap(summary -> route(organization, summary))
                .map(Route::decision).orElse(Decision.OTHER_CHANNEL);
    }

    private Optional<Mailbox> mailboxFor(OrganizationId organization, UUID unitId, Optional<UUID> cameThrough) {
        Optional<Mailbox> own = unitId == null ? Optional.empty() : mailboxes.forUnit(organization, unitId);
        if (own.isPresent()) return own;
        Optional<Mailbox> through = cameThrough.flatMap(id -> mailboxes.forSending(organization, id)).filter(Mailbox::enabled);
        if (through.isPresent()) return through;
        return mailboxes.forUnit(organization, null);
    }
}
