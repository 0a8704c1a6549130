package fi.aspa.channels.email;

import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.ideas.IdeaEvents.Change;
import fi.aspa.ideas.IdeaEvents.ResidentIdeaUpdated;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import jakarta.mail.MessagingException;
import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A resident who gave an email address with their idea hears when it is published, rejected (with the reason) or
 * gets a status (with the response): one short mail in the idea's language from the organization's general mailbox,
 * after the commit, from the event publication registry. Each mail is recorded in {@code email_idea_notice} under
 * the change's key before it is sent, in the same transaction: a redelivered event sends nothing twice. Nothing
 * without an address or a mailbox.
 */
@Component
class IdeaMail {
    private static final Logger log = LoggerFactory.getLogger(IdeaMail.class);

    private final Customers customers;
    private final Organizations organizations;
    private final MailboxStore mailboxes;
    private final MailSender sender;
    private final MessageSource messages;
    private final JdbcClient db;
    private final Clock clock;
    private final PublicOrganization sites;

    IdeaMail(Customers customers, Organizations organizations, MailboxStore mailboxes, MailSender sender,
             MessageSource messages, JdbcClient db, Clock clock, PublicOrganization sites) {
        this.customers = customers;
        this.organizations = organizations;
        this.mailboxes = mailboxes;
        this.sender = sender;
        this.messages = messages;
        this.db = db;
        this.clock = clock;
        this.sites = sites;
    }

    @ApplicationModuleListener
    void on(ResidentIdeaUpdated event) {
        send(event);
    }

    /** Mails the change unless it was mailed already; true when a mail was sent now. */
    boolean send(ResidentIdeaUpdated event) {
        OrganizationId org = event.organizationId();
        String address = customers.find(org, event.customerId()).map(Customer::email).orElse(null);
        if (address == null || !address.contains("@")) return false;
        Optional<Mailbox> mailbox = mailboxes.forUnit(org, null);
        if (mailbox.isEmpty()) {
            log.info("Idea {} update not mailed: organization {} has no general mailbox", event.ideaId(), org.value());
            return false;
        }
        Language language = event.language() == null ? Language.FI : event.language();
        String orgName = organizations.find(org).map(o -> o.name().in(language)).orElse("");
        String subject = text(language, "ideas.mail.subject", MailSender.oneLine(event.title()));
        List<String> parts = new ArrayList<>();
        switch (event.change()) {
            case PUBLISHED -> parts.add(text(language, "ideas.mail.published"));
            case REJECTED -> parts.add(text(language, "ideas.mail.rejected", event.text()));
            case STATUS -> {
                parts.add(text(language, "ideas.mail.status", text(language, "ideas.status." + event.status())));
                if (event.text() != null) parts.add(text(language, "ideas.mail.response", event.text()));
            }
        }
        if (event.path() != null) parts.add(text(language, "ideas.mail.link", sites.baseUrl(org) + event.path() + "?lang=" + language.code()));
        parts.add(text(language, "ideas.mail.footer"));
        String key = "idea:" + event.ideaId() + ":" + event.change().name() + ":" + event.at().toEpochMilli();
        Mailbox from = mailbox.get();
        try {
            MailSender.Outgoing message = sender.notice(from, MailSender.senderName(orgName), address, subject,
                    String.join("\n\n", parts), language, "idea", clock.instant());
            String messageId = message.messageId();
            boolean first = db.sql("""
                    insert into email_idea_notice (id, organization_id, notice_key, idea_id, mailbox_id, address, message_id, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (organization_id, notice_key) do nothing""")
                    .params(Ids.next(), org.value(), key, event.ideaId(), from.id(), address, messageId,
                            Timestamp.from(clock.instant()))
                    .update() == 1;
            if (!first) return false; // sent by an earlier delivery of the same event
            sender.send(from, message);
            return true;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("Cannot compose the mail about idea " + event.ideaId(), e);
        }
    }

    private String text(Language language, String key, Object... args) {
        return messages.getMessage(key, args, language.locale());
    }
}
