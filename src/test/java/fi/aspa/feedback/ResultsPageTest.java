package fi.aspa.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Channel;
import fi.aspa.cases.OpenedCase;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The results page's numbers from known answers, who sees which, and that one organization sees nothing of another's. */
@AspaTest
class ResultsPageTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    StaffPages pages;
    @Autowired
    FeedbackStore store;
    @Autowired
    JdbcClient db;

    UUID invited(Fixtures.Org org, UUID unit, Channel channel, Integer score, String comment) {
        OpenedCase c = fixtures.aCase(org, "Asia", "Teksti");
        store.invite(org.id(), c.id(), unit, null, channel, Language.FI).orElseThrow();
        if (score != null) {
            assertThat(store.answer(store.byCase(org.id(), c.id()).orElseThrow(), score, comment)).isTrue();
        }
        return c.id();
    }

    static String cell(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\">");
        assertThat(at).as(id).isPositive();
        return html.substring(html.indexOf('>', at) + 1, html.indexOf('<', at + 1));
    }

    @Test
    void theNumbersComeFromTheAnswersPerUnitAndChannelForThePeriod() throws Exception {
        Fixtures.Org org = fixtures.organization();
        invited(org, org.service().id(), Channel.WEB_FORM, 5, "Nopeaa ja ystävällistä palvelua");
        invited(org, org.service().id(), Channel.WEB_FORM, 4, null);
        invited(org, org.service().id(), Channel.WEB_FORM, 2, null);
        invited(org, org.service().id(), Channel.WEB_FORM, null, null);

        // the unit manager of customer service: 3 answers (5, 4, 2) of 4 invitations
        String manager = pages.page(org.manager(), "/workspace/feedback");
        assertThat(cell(manager, "total-csat")).isEqualTo("67 %");
        assertThat(cell(manager, "total-answers")).isEqualTo("3");
        assertThat(cell(manager, "total-invitations")).isEqualTo("4");
        assertThat(cell(manager, "total-response-rate")).isEqualTo("75 %");
        assertThat(manager).contains("Nopeaa ja ystävällistä palvelua", "href=\"/workspace/feedback\"", "Verkkolomake");

        // another unit's answer by email, and an invitation older than the default period
        UUID building = invited(org, org.building().id(), Channel.EMAIL, 1, "Liian hidasta");
        UUID old = invited(org, org.service().id(), Channel.PHONE, 5, "Vanha kommentti");
        db.sql("update feedback_invitation set created_at = now() - interval '40 days' where case_id = ?").param(old).update();

        String unitOnly = pages.page(org.manager(), "/workspace/feedback");
        assertThat(cell(unitOnly, "total-csat")).as("the manager sees their own unit").isEqualTo("67 %");
        assertThat(unitOnly).doesNotContain("Liian hidasta", "Rakennusvalvonta", "Vanha kommentti");

        StaffUser admin = fixtures.admin(org);
        String all = pages.page(admin, "/workspace/feedback");
        assertThat(cell(all, "total-csat")).as("2 of 4 answers satisfied").isEqualTo("50 %");
        assertThat(cell(all, "total-answers")).isEqualTo("4");
        assertThat(cell(all, "total-invitations")).isEqualTo("5");
        assertThat(cell(all, "total-response-rate")).isEqualTo("80 %");
        assertThat(all).contains("Liian hidasta", "Rakennusvalvonta", "Sähköposti").doesNotContain("Vanha kommentti");
        String byUnit = all.substring(all.indexOf("id=\"results-unit\""), all.indexOf("id=\"by-channel-title\""));
        assertThat(byUnit.replaceAll("\\s+", " "))
                .contains("<th scope=\"row\">Asiakaspalvelu</th> <td>67 %</td> <td>3</td> <td>4</td> <td>75 %</td> <td>0</td>")
                .contains("<th scope=\"row\">Rakennusvalvonta</th> <td>0 %</td> <td>1</td> <td>1</td> <td>100 %</td> <td>0</td>");
        assertThat(all).contains("/workspace/cases/" + building);

        String quarter = pages.page(admin, "/workspace/feedback?days=90");
        assertThat(cell(quarter, "total-invitations")).isEqualTo("6");
        assertThat(quarter).contains("Vanha kommentti", "selected=\"selected\"");
        assertThat(cell(pages.page(admin, "/workspace/feedback?days=x"), "total-invitations")).as("an unknown period is 30 days")
                .isEqualTo("5");

        String swedish = pages.in("sv").page(admin, "/workspace/feedback");
        assertThat(swedish).contains("Kundnöjdhet", "Svarsfrekvens");
    }

    @Test
    void invitationsThatCouldNotReachTheResidentDoNotLowerTheResponseRate() throws Exception {
        Fixtures.Org org = fixtures.organization();
        invited(org, org.service().id(), Channel.WEB_FORM, 5, null);
        invited(org, org.service().id(), Channel.EMAIL, null, null);
        // a phone call, a walk-in visit, a chat and an API case have no link to the survey: never answered
        invited(org, org.service().id(), Channel.PHONE, null, null);
        invited(org, org.service().id(), Channel.WALK_IN, null, null);
        invited(org, org.service().id(), Channel.CHAT, null, null);
        invited(org, org.service().id(), Channel.API, null, null);
        assertThat(db.sql("select count(*) from feedback_invitation where organization_id = ? and delivered")
                .param(org.id().value()).query(Long.class).single()).isEqualTo(2);

        String page = pages.page(org.manager(), "/workspace/feedback");
        assertThat(cell(page, "total-invitations")).isEqualTo("6");
        assertThat(cell(page, "total-response-rate")).as("1 answer of the 2 delivered, not of 6").isEqualTo("50 %");
        assertThat(cell(page, "total-undelivered")).isEqualTo("4");
        String byChannel = page.substring(page.indexOf("id=\"results-channel\""), page.indexOf("id=\"comments-title\""));
        assertThat(byChannel.replaceAll("\\s+", " "))
                .contains("<th scope=\"row\">Puhelin</th> <td>–</td> <td>0</td> <td>1</td> <td>–</td> <td>1</td>")
                .contains("<th scope=\"row\">Verkkolomake</th> <td>100 %</td> <td>1</td> <td>1</td> <td>100 %</td> <td>0</td>");

        Feedback.Satisfaction figures = store.satisfaction(org.id(), null, java.time.Instant.now().minusSeconds(3600),
                java.time.Instant.now().plusSeconds(3600));
        assertThat(figures).isEqualTo(new Feedback.Satisfaction(6, 2, 1, 1, 1));
        assertThat(figures.undelivered()).isEqualTo(4);
    }

    @Test
    void agentsDoNotSeeResultsAndOtherOrganizationsSeeNothing() throws Exception {
        Fixtures.Org org = fixtures.organization();
        invited(org, org.service().id(), Channel.WEB_FORM, 5, "Salainen kommentti");
        assertThat(pages.send(org.agent(), get("/workspace/feedback")).getStatus()).isEqualTo(403);
        assertThat(pages.page(org.agent(), "/workspace")).doesNotContain("href=\"/workspace/feedback\"");
        assertThat(pages.page(org.manager(), "/workspace")).contains("href=\"/workspace/feedback\"");

        Fixtures.Org other = fixtures.organization();
        String theirs = pages.page(fixtures.admin(other), "/workspace/feedback");
        assertThat(cell(theirs, "total-invitations")).isEqualTo("0");
        assertThat(cell(theirs, "total-csat")).isEqualTo("–");
        assertThat(theirs).doesNotContain("Salainen kommentti");
        assertThat(pages.send(get("/workspace/feedback")).getStatus()).as("signed out").isEqualTo(302);

        invited(org, org.building().id(), Channel.API, 1, "<script>alert(1)</script>");
        assertThat(pages.page(fixtures.admin(org), "/workspace/feedback")).as("a comment is text, never markup")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    }
}
