package fi.aspa.channels.email;

import fi.aspa.cases.Actor;
import fi.aspa.cases.AttachmentContent;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseEvents.CaseOpened;
import fi.aspa.cases.CaseEvents.ReplyPosted;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.feedback.FeedbackEvents.SurveyInvited;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Mail out, after the commit that caused it, from the event publication registry (a failed send is retried):
 * <ul>
 *   <li>an agent's reply on a case that came by email goes to the customer ({@link ReplyRule}: to whom, from which
 *       mailbox; the case page says it by the same rule), from the unit's mailbox, with
 *       In-Reply-To/References, the reference in the subject and {@code Auto-Submitted: no}, and the reply's files
 *       as attachments of the mail ({@code multipart/mixed});</li>
 *   <li>a new email case is acknowledged with its reference ({@code Auto-Submitted: auto-replied}) when its
 *       mailbox says so — never to automatic mail, to the organization's own addresses, or more often than
 *       {@code aspa.email.acks-per-address-per-hour}.</li>
 *   <li>a resolved email case's satisfaction survey ({@link SurveyInvited}): its private link, to where replies go,
 *       {@code Auto-Submitted: auto-generated}.</li>
 * </ul>
 * Each is recorded in {@code email_message} before it is sent, in the same transaction, under a unique key (the
 * reply's case message, the case's acknowledgement): a redelivered event sends nothing twice. The fixed texts
 * are in the customer's language.
 */
@Component
class EmailOutbound {
    private static final Logger log = LoggerFactory.getLogger(EmailOutbound.class);
    private static final Pattern REPLY_PREFIX = Pattern.compile("^(?i)((re|vs|sv|aw|fw|fwd|vl)\\s*:\\s*)+");

    private final Cases cases;
    private final Customers customers;
    private final Organizations organizations;
    private final MailboxStore mailboxes;
    private final EmailStore store;
    private final MailSender sender;
    private final MessageSource messages;
    private final EmailProperties properties;
    private final Clock clock;
    private final ReplyRule rule;
    private final PublicOrganization sites;

    EmailOutbound(Cases cases, Customers customers, Organizations organizations, MailboxStore mailboxes,
                  EmailStore store, MailSender sender, MessageSource messages, EmailProperties properties, Clock clock,
                  ReplyRule rule, PublicOrganization sites) {
        this.rule = rule;
        this.sites = sites;
        this.cases = cases;
        this.customers = customers;
        this.organizations = organizations;
        this.mailboxes = mailboxes;
        this.store = store;
        this.sender = sender;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ReplyPosted event) {
        reply(event.organizationId(), event.caseId(), event.messageId());
    }

    /** The condition keeps the other channels' cases out of the event publication registry altogether. */
    @ApplicationModuleListener(condition = "#p0.channel().name() == 'EMAIL'")
    void on(CaseOpened event) {
        if (event.channel() == Channel.EMAIL) acknowledge(event.organizationId(), event.caseId());
    }

    /** A resolved email case's satisfaction survey (only EMAIL cases reach the registry). */
    @ApplicationModuleListener(condition = "#p0.channel().name() == 'EMAIL'")
    void on(SurveyInvited event) {
        if (event.channel() == Channel.EMAIL) survey(event.organizationId(), event.caseId(), event.path());
    }

    /**
     * A short automatic mail with the survey's private link, to where the case's replies go ({@link ReplyRule}),
     * threaded under the case, once per case (the unique key on the survey mail). Nothing when replies do not go by
     * email, when the customer has no address or the case no mailbox.
     */
    void survey(OrganizationId organization, UUID caseId, String path) {
        CaseSummary summary = cases.summary(organization, caseId).orElse(null);
        if (summary == null) return;
        ReplyRule.Route route = rule.route(organization, summary).orElse(null);
        if (route == null || route.to() == null || route.mailbox().isEmpty()) return;
        Customer customer = route.customer();
        Language language = customer == null ? summary.language() : customer.preferredLanguage();
        String link = sites.baseUrl(organization) + path + "?lang=" + language.code();
        Mailbox mailbox = route.mailbox().get();
        Names names = names(organization, summary.unitId(), mailbox, language);
        String subject = text("email.survey.subject", language, baseSubject(summary), summary.reference());
        String body = greeting(customer, language) + "\n\n" + text("email.survey.body", language, summary.reference(), link)
                + "\n\n" + names.signature(text("email.signoff", language));
        send(mailbox, names.sender(), EmailStore.Kind.SURVEY, organization, caseId, null, route.to(), subject, body,
                List.of(), language, route.last().map(EmailStore.Inbound::messageId).orElse(null),
                store.threadIds(organization, caseId, 20), "auto-generated");
    }

    void reply(OrganizationId organization, UUID caseId, UUID messageId) {
        CaseDetail detail = cases.detail(organization, caseId).orElse(null);
        if (detail == null) return;
        CaseSummary summary = detail.summary();
        // the rule the case page says the destination by
        ReplyRule.Route route = rule.route(organization, summary).orElse(null);
        if (route == null) return; // another channel delivers this reply
        if (store.replySent(organization, messageId)) return;
        CaseMessage reply = detail.messages().stream().filter(m -> m.id().equals(messageId)).findFirst().orElse(null);
        if (reply == null) return;
        Customer customer = route.customer();
        Language language = customer == null ? summary.language() : customer.preferredLanguage();
        Optional<EmailStore.Inbound> last = route.last();
        String to = route.to();
        Optional<Mailbox> mailbox = route.mailbox();
        if (to == null || mailbox.isEmpty()) {
            cases.addNote(organization, caseId, Actor.system(),
                    text(to == null ? "email.note.no-address" : "email.note.no-mailbox", summary.language()));
            return;
        }
        Names names = names(organization, summary.unitId(), mailbox.get(), language);
        String subject = text("email.reply.subject", language, baseSubject(summary), summary.reference());
        String body = greeting(customer, language) + "\n\n" + reply.body().strip() + "\n\n" + names.signature(text("email.signoff", language))
                + "\n\n" + text("email.reply.footer", language, summary.reference());
        // the reply's files as they were stored (checked, the name made safe, the sniffed type), read only now that
        // the mail is certain to be composed
        List<AttachmentContent> files = reply.attachments().stream()
                .map(a -> cases.attachment(organization, caseId, a.id()).orElse(null)).filter(Objects::nonNull).toList();
        send(mailbox.get(), names.sender(), EmailStore.Kind.REPLY, organization, caseId, messageId, to, subject, body,
                files, language, last.map(EmailStore.Inbound::messageId).orElse(null), store.threadIds(organization, caseId, 20), "no");
    }

    void acknowledge(OrganizationId organization, UUID caseId) {
        // the opening message and, when it is one to acknowledge, the lock that serializes the acknowledgements to its
        // address and their count in the last hour, in one statement; the unique key on the acknowledgement does the rest
        Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        EmailStore.Opening opened = store.openingForAck(organization, caseId, hourAgo).orElse(null);
        EmailStore.Inbound opening = opened == null ? null : opened.inbound();
        if (opening == null || opening.noAutoReply() || opening.autoSubmitted() || opening.bounce() || opening.address() == null) {
            return;
        }
        if (opened.fromOwnAddress()) return; // never answer one of our own mailboxes (no loops between them)
        if (opened.acksSince() == null) return; // not counted under the lock: not one to acknowledge
        Mailbox mailbox = opening.mailboxId() == null ? null : mailboxes.forSending(organization, opening.mailboxId()).orElse(null);
        if (mailbox == null || !mailbox.enabled() || !mailbox.ackEnabled()) return;
        if (opened.acksSince() >= properties.acksPerAddressPerHour()) {
            log.info("Not acknowledging case {}: the sender had {} acknowledgements in the last hour", caseId,
                    properties.acksPerAddressPerHour());
            return;
        }
        CaseSummary summary = cases.summary(organization, caseId).orElse(null);
        if (summary == null) return;
        Customer customer = customers.find(organization, summary.customerId()).orElse(null);
        Language language = customer == null ? summary.language() : customer.preferredLanguage();
        Names names = names(organization, summary.unitId() != null ? summary.unitId() : mailbox.unitId(), mailbox, language);
        String subject = text("email.ack.subject", language, baseSubject(summary), summary.reference());
        String body = greeting(customer, language) + "\n\n" + text("email.ack.body", language, summary.reference())
                + "\n\n" + names.signature(text("email.signoff", language));
        // the acknowledgement threads under the opening message: what the case's References would be now, without
        // reading them (a customer's later message that joined meanwhile is not what this answers)
        List<String> thread = opening.messageId() == null ? List.of() : List.of(opening.messageId());
        send(mailbox, names.sender(), EmailStore.Kind.ACK, organization, caseId, null, opening.address(), subject, body,
                List.of(), language, opening.messageId(), thread, "auto-replied");
    }

    private void send(Mailbox mailbox, String senderName, EmailStore.Kind kind, OrganizationId organization, UUID caseId,
                      UUID caseMessageId, String to, String subject, String body, List<AttachmentContent> files,
                      Language language, String inReplyTo, List<String> thread, String autoSubmitted) {
        String domain = mailbox.fromAddress().substring(mailbox.fromAddress().indexOf('@') + 1);
        String messageId = "aspa." + UUID.randomUUID() + "@" + domain;
        try {
            MailSender.Outgoing message = new MailSender.Outgoing(sender.session(), messageId);
            message.setFrom(new InternetAddress(mailbox.fromAddress(), senderName, "UTF-8"));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject, "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            if (inReplyTo != null) message.setHeader("In-Reply-To", "<" + inReplyTo + ">");
            if (!thread.isEmpty()) {
                message.setHeader("References", thread.stream().map(id -> "<" + id + ">").collect(Collectors.joining(" ")));
            }
            message.setHeader("Auto-Submitted", autoSubmitted);
            if (!"no".equals(autoSubmitted)) message.setHeader("X-Auto-Response-Suppress", "All");
            message.setHeader("Content-Language", language.code());
            if (files.isEmpty()) {
                message.setText(body, "UTF-8");
            } else {
                message.setContent(withAttachments(body, files));
            }
            message.saveChanges();
            byte[] raw = message.freeze(); // recorded, and sent as recorded (not composed twice)
            if (!store.recordOutbound(organization, mailbox.id(), kind, messageId, to, subject, caseId, caseMessageId,
                    raw, clock.instant())) {
                return; // recorded by an earlier delivery of the same event: sent already
            }
            sender.send(mailbox, message);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Cannot compose the email for case " + caseId, e);
        }
    }

    /**
     * The text, then each file as an attachment ({@code multipart/mixed}): under its stored name (already made safe;
     * non-ASCII names RFC 2231-encoded) and its sniffed type, base64 so that any bytes survive any relay.
     */
    static MimeMultipart withAttachments(String body, List<AttachmentContent> files) throws MessagingException {
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, "UTF-8");
        mixed.addBodyPart(text);
        for (AttachmentContent file : files) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), file.contentType())));
            part.setFileName(file.filename());
            part.setDisposition(Part.ATTACHMENT);
            part.setHeader("Content-Transfer-Encoding", "base64");
            mixed.addBodyPart(part);
        }
        return mixed;
    }

    private String greeting(Customer customer, Language language) {
        String name = customer == null ? null : customer.name();
        if (name == null || name.isBlank() || name.contains("@")) return text("email.greeting.anonymous", language);
        return text("email.greeting", language, name.strip());
    }

    /** The organization's name, the name of the unit that signs, and the mailbox's unit (for the From name). */
    private record Names(String organization, String unit, String mailboxUnit) {
        String signature(String signoff) {
            return signoff + "\n" + (unit == null ? "" : unit + "\n") + organization;
        }

        String sender() {
            if (mailboxUnit != null && organization != null) return mailboxUnit + " – " + organization;
            return mailboxUnit != null ? mailboxUnit : organization;
        }
    }

    private Names names(OrganizationId organization, UUID signingUnit, Mailbox mailbox, Language language) {
        String org = organizations.find(organization).map(o -> o.name().in(language)).orElse("");
        String unit = signingUnit == null ? null
                : organizations.unit(organization, signingUnit).map(u -> u.name().in(language)).orElse(null);
        String mailboxUnit = mailbox.unitId() == null ? null : mailbox.unitId().equals(signingUnit) ? unit
                : organizations.unit(organization, mailbox.unitId()).map(u -> u.name().in(language)).orElse(null);
        return new Names(org, unit, mailboxUnit);
    }

    private static String baseSubject(CaseSummary summary) {
        String subject = REPLY_PREFIX.matcher(summary.subject().strip()).replaceFirst("");
        return subject.replace("[" + summary.reference() + "]", "").replace(summary.reference(), "").strip();
    }

    private String text(String key, Language language, Object... args) {
        return messages.getMessage(key, args, language.locale());
    }
}
