package fi.aspa.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.cases.ReplyByEmail;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.Language;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The case page says above the send button where the reply goes, by the rule the email channel sends it by
 * ({@link ReplyRule}, asked through {@link ReplyByEmail}): the address when it is emailed, otherwise where the customer
 * can see it, in Finnish and in Swedish; the address shown is part of the page's one logged view of the customer.
 */
@AspaTest
class ReplyDestinationTest {
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired MailboxStore mailboxes;
    @Autowired ReplyByEmail replyByEmail;
    @Autowired PersonalDataLog accessLog;
    @Autowired StaffPages pages;

    OpenedCase aCase(Fixtures.Org org, Channel channel, String email) {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", email, null, Language.FI));
        return cases.open(org.id(), new NewCase(channel, customer, "Puistonpenkki rikki", "Penkki on rikki.", Language.FI,
                null, org.service().id(), null, Set.of(), List.of(), Actor.customer()));
    }

    /** The hint's text, from the page as the template writes it. */
    static String destination(String html) {
        int at = html.indexOf("id=\"reply-destination\">");
        assertThat(at).as("the hint above the send button").isPositive();
        return html.substring(at + "id=\"reply-destination\">".length(), html.indexOf("</p>", at));
    }

    String page(String language, Fixtures.Org org, OpenedCase c) throws Exception {
        return pages.in(language).page(org.agent(), "/workspace/cases/" + c.id());
    }

    @Test
    void anEmailCaseSaysTheAddressTheReplyIsSentTo() throws Exception {
        Fixtures.Org org = fixtures.organization();
        MailServer.Account account = MailServer.account();
        mailboxes.create(org.id(), MailServer.input(account, org.service().id(), false));
        String address = "maija." + UUID.randomUUID().toString().substring(0, 8) + "@example.fi";
        OpenedCase c = aCase(org, Channel.EMAIL, address);

        assertThat(replyByEmail.decide(org.id(), c.id())).isEqualTo(new ReplyByEmail.Decision(ReplyByEmail.Outcome.SENT, address));
        String fi = page("fi", org, c);
        assertThat(destination(fi)).isEqualTo("Vastaus lähetetään sähköpostiin " + address + ".");
        assertThat(fi).as("the send button is described by it")
                .contains("<button type=\"submit\" class=\"button\" aria-describedby=\"reply-destination\">Lähetä vastaus</button>");
        assertThat(destination(page("sv", org, c))).isEqualTo("Svaret skickas till e-postadressen " + address + ".");

        // one logged view of the customer per page view: the address in the hint adds none, and none unlogged
        List<PersonalDataLog.Entry> log = accessLog.forCustomer(org.id(), c.summary().customerId(), 100);
        assertThat(log).hasSize(2).allSatisfy(e -> {
            assertThat(e.purpose()).isEqualTo("case-handling");
            assertThat(e.staffUserId()).isEqualTo(org.agent().id());
        });

        // and that is where the reply goes
        cases.reply(org.id(), c.id(), Actor.staff(org.agent().id()), "Penkki korjataan maanantaina.", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> MailServer.sentFrom(account.address()).stream().anyMatch(m -> {
            try {
                return ((InternetAddress) m.getAllRecipients()[0]).getAddress().equalsIgnoreCase(address);
            } catch (Exception e) {
                return false;
            }
        }));
    }

    @Test
    void aWebFormCaseIsNotEmailedEvenWhenTheCustomerHasAnAddressAndSaysWhereTheCustomerSeesIt() throws Exception {
        Fixtures.Org org = fixtures.organization();
        mailboxes.create(org.id(), MailServer.input(MailServer.account(), org.service().id(), false));
        String address = "maija." + UUID.randomUUID().toString().substring(0, 8) + "@example.fi";
        OpenedCase c = aCase(org, Channel.WEB_FORM, address);

        assertThat(replyByEmail.decide(org.id(), c.id())).isEqualTo(ReplyByEmail.Decision.OTHER_CHANNEL);
        assertThat(destination(page("fi", org, c)))
                .isEqualTo("Vastausta ei lähetetä sähköpostilla: asiakas näkee sen vain yksityisen seurantalinkin kautta.");
        assertThat(destination(page("sv", org, c)))
                .isEqualTo("Svaret skickas inte per e-post: kunden ser det bara via sin privata länk för att följa ärendet.");
    }

    @Test
    void anEmailCaseThatCannotBeAnsweredByEmailSaysWhy() throws Exception {
        Fixtures.Org org = fixtures.organization(); // no mailbox
        OpenedCase noMailbox = aCase(org, Channel.EMAIL, "maija." + UUID.randomUUID().toString().substring(0, 8) + "@example.fi");
        assertThat(replyByEmail.decide(org.id(), noMailbox.id()).outcome()).isEqualTo(ReplyByEmail.Outcome.NO_MAILBOX);
        assertThat(destination(page("fi", org, noMailbox))).startsWith("Vastausta ei voi lähettää sähköpostilla, koska organisaatiolla ei ole");
        assertThat(destination(page("sv", org, noMailbox))).startsWith("Svaret kan inte skickas per e-post eftersom organisationen");

        mailboxes.create(org.id(), MailServer.input(MailServer.account(), org.service().id(), false));
        OpenedCase noAddress = aCase(org, Channel.EMAIL, null);
        assertThat(replyByEmail.decide(org.id(), noAddress.id()).outcome()).isEqualTo(ReplyByEmail.Outcome.NO_ADDRESS);
        assertThat(destination(page("fi", org, noAddress))).startsWith("Asiakkaalla ei ole sähköpostiosoitetta:");
        assertThat(destination(page("sv", org, noAddress))).startsWith("Kunden har ingen e-postadress:");
    }
}
