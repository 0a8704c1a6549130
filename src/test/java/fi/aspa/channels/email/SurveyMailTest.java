package fi.aspa.channels.email;

import static fi.aspa.channels.email.EmailParserTest.corpus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A resolved email case's resident gets the satisfaction survey's link by mail (GreenMail), threaded under the case,
 * in their language, once however often the event is delivered; the link opens the survey.
 */
@AspaTest
class SurveyMailTest {
    private static final Pattern LINK = Pattern.compile("/feedback/([A-Za-z0-9_-]{20,})\\?lang=(fi|sv|en)");

    @Autowired
    Fixtures fixtures;
    @Autowired
    MailboxStore mailboxes;
    @Autowired
    MailboxPoller poller;
    @Autowired
    EmailStore store;
    @Autowired
    EmailOutbound outbound;
    @Autowired
    Cases cases;
    @Autowired
    StaffPages pages;
    @Autowired
    JdbcClient db;

    List<MimeMessage> surveys(MailServer.Account account, String to) {
        return MailServer.sentFrom(account.address()).stream()
                .filter(m -> "auto-generated".equals(EmailOutboundTest.header(m, "Auto-Submitted")))
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().contains(to);
                    } catch (Exception e) {
                        return false;
                    }
                }).toList();
    }

    @Test
    void aResolvedEmailCaseGetsTheSurveyLinkOnce() throws Exception {
        Fixtures.Org org = fixtures.organization();
        MailServer.Account account = MailServer.account();
        UUID mailboxId = mailboxes.create(org.id(), MailServer.input(account, org.service().id(), true));
        MailServer.deliver(account, corpus("03-inline-image.eml"));
        assertThat(poller.poll(org.id(), mailboxId).error()).isNull();
        UUID caseId = (UUID) store.flags(org.id(), "inline-image-1@example.se").get("case_id");
        String reference = cases.summary(org.id(), caseId).orElseThrow().reference();

        cases.reply(org.id(), caseId, Actor.staff(org.agent().id()), "Bänken är lagad.", CaseStatus.RESOLVED);
        await().atMost(Duration.ofSeconds(60)).until(() -> surveys(account, "sven@example.se").size() == 1);
        MimeMessage mail = surveys(account, "sven@example.se").getFirst();
        assertThat(EmailOutboundTest.subject(mail)).isEqualTo("Hur lyckades vi? Trasig parkbänk [" + reference + "]");
        assertThat(EmailOutboundTest.header(mail, "In-Reply-To")).isEqualTo("<inline-image-1@example.se>");
        String body = EmailOutboundTest.body(mail);
        assertThat(body).startsWith("Hej Sven Svensson,").contains("Ditt ärende " + reference + " har lösts.");
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        assertThat(link.group(2)).isEqualTo("sv");

        String page = pages.send(get("/feedback/" + link.group(1) + "?lang=sv")).getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Hur lyckades vi?", reference);

        // the event delivered again: recorded once, sent once
        outbound.survey(org.id(), caseId, "/feedback/" + link.group(1) + "?lang=sv");
        fixtures.awaitSettled(org);
        assertThat(db.sql("select count(*) from email_message where case_id = ? and kind = 'SURVEY'").param(caseId)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(surveys(account, "sven@example.se")).hasSize(1);
    }
}
