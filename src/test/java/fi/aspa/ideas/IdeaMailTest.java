package fi.aspa.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.channels.email.TestMail;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.ideas.IdeaStore.Audience;
import fi.aspa.platform.Language;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A resident who gave an email address hears through a real SMTP server (GreenMail) when the idea is published and
 * when it gets a status, in the idea's language, once per change however often the event is delivered.
 */
@AspaTest
class IdeaMailTest {
    @Autowired Fixtures fixtures;
    @Autowired StaffPages pages;
    @Autowired IdeaStore store;
    @Autowired Customers customers;
    @Autowired ApplicationContext context;
    @Autowired ApplicationEventPublisher events;
    @Autowired PlatformTransactionManager transactions;

    static String body(MimeMessage m) throws Exception {
        return ((String) m.getContent()).replace("\r\n", "\n");
    }

    @Test
    void theSenderIsToldOfPublicationAndStatusOnce() throws Exception {
        Fixtures.Org org = fixtures.organization();
        TestMail.mailbox(context, org.id(), null);
        String address = "idea-" + UUID.randomUUID() + "@example.fi";
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maja Mäkinen", address, null, Language.SV));
        IdeaStore.Round round = IdeaTestSupport.open(store, org, Audience.PUBLIC, "Kundservice");
        UUID id = store.submitPublic(org.id(), round.id(), "Fler bänkar\r\nBcc: evil@example.fi", "Det finns för få sittplatser.",
                Language.SV, customer).idea().id();

        assertThat(pages.send(org.manager(), post("/workspace/ideas/" + id + "/moderate").with(csrf()).param("action", "publish"))
                .getStatus()).isEqualTo(302);
        fixtures.awaitSettled(org);
        List<MimeMessage> mails = TestMail.receivedBy(address);
        assertThat(mails).hasSize(1);
        MimeMessage published = mails.getFirst();
        assertThat(published.getSubject()).isEqualTo("Din idé: Fler bänkar Bcc: evil@example.fi");
        assertThat(published.getAllRecipients()).extracting(Address::toString).containsExactly(address);
        assertThat(body(published)).contains("Den har publicerats", "/ideas/" + id + "?lang=sv");
        assertThat(TestMail.receivedBy("evil@example.fi")).isEmpty();

        assertThat(pages.send(org.manager(), post("/workspace/ideas/" + id + "/status").with(csrf())
                .param("status", "PLANNED").param("response", "Vi skaffar bänkar i vår.")).getStatus()).isEqualTo(302);
        fixtures.awaitSettled(org);
        mails = TestMail.receivedBy(address);
        assertThat(mails).hasSize(2);
        assertThat(body(mails.get(1))).contains("Din idé har fått en ny status: Planerad.", "Vårt svar: Vi skaffar bänkar i vår.");

        // the same change delivered again sends nothing
        Instant at = Instant.parse("2026-01-01T10:00:00Z");
        for (int i = 0; i < 2; i++) {
            new TransactionTemplate(transactions).executeWithoutResult(t -> events.publishEvent(new IdeaEvents.ResidentIdeaUpdated(
                    org.id(), id, customer, Language.SV, "Fler bänkar", IdeaEvents.Change.STATUS, "IMPLEMENTED", "Klart.",
                    "/ideas/" + id, at)));
            fixtures.awaitSettled(org);
        }
        assertThat(TestMail.receivedBy(address)).hasSize(3);
    }
}
