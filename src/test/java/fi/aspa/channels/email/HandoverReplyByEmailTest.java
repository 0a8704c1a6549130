package fi.aspa.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.cases.ReplyByEmail;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A case handed over from a municipality to a county is answered by the county: the reply reaches the resident by email
 * (GreenMail), from the county's own mailbox; without an address the reply form says the resident cannot see the reply.
 */
@AspaTest
class HandoverReplyByEmailTest {
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired MailboxStore mailboxes;
    @Autowired ReplyByEmail replyByEmail;
    @Autowired StaffPages pages;
    @Autowired JdbcClient db;

    Fixtures.Org municipality;
    Fixtures.Org county;
    MailServer.Account countyMailbox;
    MailServer.Account municipalityMailbox;

    @BeforeEach
    void organizations() {
        municipality = fixtures.organization();
        county = fixtures.organization();
        countyMailbox = MailServer.account();
        municipalityMailbox = MailServer.account();
        // the county's general mailbox (no unit): the received case is not routed to a unit yet
        mailboxes.create(county.id(), MailServer.input(countyMailbox, null, false));
        mailboxes.create(municipality.id(), MailServer.input(municipalityMailbox, municipality.service().id(), false));
        db.sql("insert into handover_setting (organization_id, accepts, updated_at) values (?, true, ?)")
                .params(county.id().value(), java.sql.Timestamp.from(Instant.now())).update();
    }

    OpenedCase aWebFormCase(String email, String phone) {
        UUID customer = customers.resolve(municipality.id(), ContactDetails.resident("Maija Meikäläinen", email, phone, Language.FI));
        return cases.open(municipality.id(), new NewCase(Channel.WEB_FORM, customer, "Kotihoidon tarve", "Tarvitsen kotihoitoa.",
                Language.FI, null, municipality.service().id(), null, Set.of(), List.of(), Actor.customer()));
    }

    /** Hands the case over through the agent's form; the county's case. */
    UUID handOver(OpenedCase c) throws Exception {
        assertThat(pages.send(municipality.agent(), post("/workspace/cases/" + c.id() + "/handover").with(csrf())
                .param("receiver", county.id().value().toString()).param("summary", "Kotihoidon arvio tarvitaan.")
                .param("basis", "CONSENT").param("basisDetail", "Suostumus puhelimessa")).getStatus()).isEqualTo(302);
        return db.sql("select receiver_case_id from handover where organization_id = ? and sender_case_id = ?")
                .params(municipality.id().value(), c.id()).query(UUID.class).single();
    }

    static String destination(String html) {
        return ReplyDestinationTest.destination(html);
    }

    @Test
    void theReceiversReplyReachesTheResidentByEmailFromTheReceiversMailbox() throws Exception {
        String address = "maija." + UUID.randomUUID().toString().substring(0, 8) + "@example.fi";
        UUID received = handOver(aWebFormCase(address, null));

        assertThat(replyByEmail.decide(county.id(), received)).isEqualTo(new ReplyByEmail.Decision(ReplyByEmail.Outcome.SENT, address));
        assertThat(destination(pages.in("fi").page(county.agent(), "/workspace/cases/" + received)))
                .isEqualTo("Vastaus lähetetään sähköpostiin " + address + ".");

        cases.reply(county.id(), received, Actor.staff(county.agent().id()), "Hyvinvointialue ottaa yhteyttä ensi viikolla.", CaseStatus.WAITING);
        await().atMost(Duration.ofSeconds(60)).until(() -> !MailServer.receivedBy(address).isEmpty());
        List<MimeMessage> mail = MailServer.receivedBy(address);
        assertThat(mail).hasSize(1);
        MimeMessage reply = mail.getFirst();
        // from the receiving organization's mailbox, never the sender's
        assertThat(((InternetAddress) reply.getFrom()[0]).getAddress()).isEqualTo(countyMailbox.address());
        assertThat(((String) reply.getContent()).replace("\r\n", "\n")).contains("Hyvinvointialue ottaa yhteyttä ensi viikolla.");
        assertThat(reply.getHeader("Auto-Submitted", ",")).isEqualTo("no");
        assertThat(MailServer.sentFrom(municipalityMailbox.address())).isEmpty();
    }

    @Test
    void aCaseOfAnotherChannelTaggedByHandIsNotEmailed() throws Exception {
        OpenedCase c = aWebFormCase("maija." + UUID.randomUUID().toString().substring(0, 8) + "@example.fi", null);
        cases.setTags(municipality.id(), c.id(), Actor.staff(municipality.agent().id()), Set.of("handover"));
        assertThat(replyByEmail.decide(municipality.id(), c.id())).isEqualTo(ReplyByEmail.Decision.OTHER_CHANNEL);
        assertThat(destination(pages.in("fi").page(municipality.agent(), "/workspace/cases/" + c.id())))
                .isEqualTo("Vastausta ei lähetetä sähköpostilla: asiakas näkee sen vain yksityisen seurantalinkin kautta.");
    }

    @Test
    void withoutAnAddressTheReplyFormSaysTheResidentCannotSeeTheReply() throws Exception {
        UUID received = handOver(aWebFormCase(null, "+358401234567"));

        assertThat(replyByEmail.decide(county.id(), received).outcome()).isEqualTo(ReplyByEmail.Outcome.NO_ADDRESS);
        assertThat(destination(pages.in("fi").page(county.agent(), "/workspace/cases/" + received)))
                .isEqualTo("Asia siirrettiin toisesta organisaatiosta, eikä asiakkaalla ole sähköpostiosoitetta: asiakas ei näe vastausta."
                        + " Ota asiakkaaseen yhteyttä muulla tavoin, esimerkiksi puhelimitse.");
        assertThat(destination(pages.in("sv").page(county.agent(), "/workspace/cases/" + received)))
                .startsWith("Ärendet överfördes från en annan organisation och kunden har ingen e-postadress: kunden ser inte svaret.");
        assertThat(destination(pages.in("en").page(county.agent(), "/workspace/cases/" + received)))
                .startsWith("The case was handed over from another organization and the customer has no email address");
    }
}
