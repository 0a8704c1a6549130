package fi.aspa.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import fi.aspa.platform.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The satisfaction survey on the real database and the real pages (MockMvc with the security filters): the invitation
 * on resolution, the resident's answer through either link, and what is refused.
 */
@AspaTest
class SurveyTest {
    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    @Autowired
    Fixtures fixtures;
    @Autowired
    StaffPages pages;
    @Autowired
    Cases cases;
    @Autowired
    Customers customers;
    @Autowired
    FeedbackStore store;
    @Autowired
    JdbcClient db;

    Fixtures.Org org;
    String address;

    @BeforeEach
    void setUp() {
        org = fixtures.organization();
        address = "10.77." + (ADDRESS.get() / 250) + "." + (ADDRESS.getAndIncrement() % 250 + 1);
    }

    int invitations(UUID caseId) {
        return db.sql("select count(*) from feedback_invitation where case_id = ?").param(caseId).query(Integer.class).single();
    }

    OpenedCase resolved(String subject) {
        OpenedCase opened = fixtures.aCase(org, subject, "Katuvalo ei toimi.");
        cases.changeStatus(org.id(), opened.id(), Actor.staff(org.agent().id()), CaseStatus.RESOLVED);
        fixtures.awaitSettled(org);
        return opened;
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        }));
    }

    MockHttpServletResponse answer(String token, String score, String comment) throws Exception {
        MockHttpServletRequestBuilder post = post("/feedback/" + token).with(csrf());
        if (score != null) post = post.param("score", score);
        if (comment != null) post = post.param("comment", comment);
        return send(post);
    }

    Object column(String column, UUID caseId) {
        return db.sql("select " + column + " from feedback_invitation where case_id = ?").param(caseId).query()
                .singleRow().get(column);
    }

    static String html(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aResolvedCaseIsInvitedOnceAndAnInternalOneNever() {
        OpenedCase opened = resolved("Katuvalo");
        assertThat(invitations(opened.id())).as("invited on resolution").isEqualTo(1);
        Map<String, Object> row = db.sql("select organization_id, unit_id, channel, language, token_sha256, answered_at from feedback_invitation where case_id = ?")
                .param(opened.id()).query().singleRow();
        assertThat(row.get("organization_id")).isEqualTo(org.id().value());
        assertThat(row.get("unit_id")).isEqualTo(org.service().id());
        assertThat(row.get("channel")).isEqualTo("WEB_FORM");
        assertThat(row.get("language")).isEqualTo("fi");
        assertThat((String) row.get("token_sha256")).hasSize(64);
        assertThat(row.get("answered_at")).isNull();

        cases.changeStatus(org.id(), opened.id(), Actor.staff(org.agent().id()), CaseStatus.OPEN);
        cases.changeStatus(org.id(), opened.id(), Actor.staff(org.agent().id()), CaseStatus.RESOLVED);
        fixtures.awaitSettled(org);
        assertThat(invitations(opened.id())).as("not again when resolved a second time").isEqualTo(1);

        UUID staffCustomer = customers.resolve(org.id(), new ContactDetails(CustomerKind.INTERNAL, "Aino Agentti", null, null, null, null,
                org.agent().id(), Language.FI, true));
        OpenedCase internal = cases.open(org.id(), new NewCase(Channel.INTERNAL, staffCustomer, "Näyttö pimeänä",
                "Näyttö ei käynnisty.", Language.FI, null, org.service().id(), null, Set.of(), List.of(), Actor.staff(org.agent().id())));
        cases.changeStatus(org.id(), internal.id(), Actor.staff(org.colleague().id()), CaseStatus.RESOLVED);
        fixtures.awaitSettled(org);
        assertThat(invitations(internal.id())).as("staff's internal cases are not surveyed").isZero();

        OpenedCase open = fixtures.aCase(org, "Kesken", "Ei vielä ratkaistu.");
        cases.changeStatus(org.id(), open.id(), Actor.staff(org.agent().id()), CaseStatus.WAITING);
        fixtures.awaitSettled(org);
        assertThat(invitations(open.id())).as("only resolution invites").isZero();
    }

    @Test
    void theResidentAnswersThroughTheTrackingLinkOnceAndTheTrackingPageSaysSo() throws Exception {
        OpenedCase opened = resolved("Kuoppa");
        String track = html(send(get("/track/" + opened.trackingToken())));
        assertThat(track).contains("Miten onnistuimme?").contains("href=\"/feedback/" + opened.trackingToken() + "\"");

        cases.changeStatus(org.id(), opened.id(), Actor.staff(org.agent().id()), CaseStatus.OPEN);
        assertThat(html(send(get("/track/" + opened.trackingToken())))).as("not asked while the case is open again")
                .doesNotContain("Miten onnistuimme?");
        cases.changeStatus(org.id(), opened.id(), Actor.staff(org.agent().id()), CaseStatus.RESOLVED);

        MockHttpServletResponse page = send(get("/feedback/" + opened.trackingToken()));
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(html(page)).contains("<fieldset", "<legend", "1 = erittäin tyytymätön", "5 – erittäin tyytyväinen",
                "name=\"_csrf\"", "id=\"score-5\"", opened.reference());

        MockHttpServletResponse sent = answer(opened.trackingToken(), "4",
                "Maija Meikäläinen kiittää, soittakaa 040 123 4567 tai maija@example.fi");
        assertThat(sent.getStatus()).isEqualTo(302);
        Map<String, Object> row = db.sql("select score, comment, answered_at from feedback_invitation where case_id = ?")
                .param(opened.id()).query().singleRow();
        assertThat(((Number) row.get("score")).intValue()).isEqualTo(4);
        assertThat(row.get("answered_at")).isNotNull();
        assertThat((String) row.get("comment")).as("personal data stripped")
                .contains("kiittää").doesNotContain("Meikäläinen", "040 123 4567", "maija@example.fi");

        MockHttpServletResponse again = answer(opened.trackingToken(), "1", "Muutin mieleni");
        assertThat(again.getStatus()).as("a second answer is refused").isEqualTo(409);
        assertThat(html(again)).contains("Olet jo vastannut tähän kyselyyn.");
        assertThat(((Number) column("score", opened.id())).intValue()).as("the first answer stays").isEqualTo(4);
        assertThat(html(send(get("/track/" + opened.trackingToken())))).contains("Kiitos, että vastasit kyselyymme.")
                .doesNotContain("href=\"/feedback/");
    }

    @Test
    void theSurveysOwnLinkWorksInTheResidentsLanguage() throws Exception {
        OpenedCase opened = fixtures.aCase(org, "Bygglov", "Hur länge tar det?");
        String token = store.invite(org.id(), opened.id(), org.building().id(), null, Channel.EMAIL, Language.SV).orElseThrow();
        assertThat(store.invite(org.id(), opened.id(), org.building().id(), null, Channel.EMAIL, Language.SV)).isEmpty();
        String page = html(send(get("/feedback/" + token + "?lang=sv")));
        assertThat(page).contains("lang=\"sv\"", "Hur lyckades vi?", "1 = mycket missnöjd");
        assertThat(answer(token, "5", "").getStatus()).isEqualTo(302);
        assertThat(html(send(get("/feedback/" + token + "?lang=sv")))).contains("Du har redan svarat");
        assertThat(column("comment", opened.id())).as("an empty comment is none").isNull();
    }

    @Test
    void badAnswersGetMessagesBesideTheirFields() throws Exception {
        OpenedCase opened = resolved("Roskat");
        String token = opened.trackingToken();
        for (String score : new String[] {null, "", "0", "6", "x", "4.5", "١", "5 OR 1=1"}) {
            MockHttpServletResponse r = answer(token, score, null);
            assertThat(r.getStatus()).as("score %s", score).isEqualTo(422);
            assertThat(html(r)).contains("class=\"error-summary\"", "href=\"#score-1\"", "Valitse arvio 1–5.",
                    "id=\"score-error\"");
        }
        MockHttpServletResponse tooLong = answer(token, "3", "a".repeat(2001));
        assertThat(tooLong.getStatus()).isEqualTo(422);
        assertThat(html(tooLong)).contains("href=\"#comment\"", "enintään 2000 merkkiä (nyt 2001)")
                .as("what was chosen stays chosen").contains("value=\"3\" checked");
        MockHttpServletResponse notUtf8 = send(post("/feedback/" + token).with(csrf())
                .contentType("application/x-www-form-urlencoded")
                .content("score=3&comment=%FF%FE%00".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(notUtf8.getStatus()).isEqualTo(422);
        assertThat(html(notUtf8)).contains("merkkejä, joita ei voi lukea");
        MockHttpServletResponse hostile = answer(token, "2", "<script>alert(1)</script>");
        assertThat(hostile.getStatus()).isEqualTo(302);
        assertThat(column("comment", opened.id())).isEqualTo("<script>alert(1)</script>");
        assertThat(send(post("/feedback/" + token).param("score", "3")).getStatus()).as("no CSRF token").isEqualTo(403);
    }

    @Test
    void unknownLinksAre404AndOldSurveysHaveClosed() throws Exception {
        MockHttpServletResponse unknown = send(get("/feedback/" + Tokens.random()).header("Accept-Language", "sv"));
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(send(get("/feedback/short")).getStatus()).isEqualTo(404);
        assertThat(answer(Tokens.random(), "5", null).getStatus()).isEqualTo(404);

        OpenedCase notResolved = fixtures.aCase(org, "Auki", "Ei ratkaistu.");
        assertThat(send(get("/feedback/" + notResolved.trackingToken())).getStatus())
                .as("a case without a survey").isEqualTo(404);

        OpenedCase old = resolved("Vanha");
        db.sql("update feedback_invitation set created_at = created_at - interval '31 days' where case_id = ?")
                .param(old.id()).update();
        MockHttpServletResponse closed = send(get("/feedback/" + old.trackingToken()));
        assertThat(closed.getStatus()).isEqualTo(410);
        assertThat(html(closed)).contains("Kysely on sulkeutunut").doesNotContain("<fieldset");
        assertThat(answer(old.trackingToken(), "5", null).getStatus()).isEqualTo(410);
        assertThat(column("answered_at", old.id())).isNull();
        assertThat(html(send(get("/track/" + old.trackingToken())))).doesNotContain("Miten onnistuimme?");
    }

    @Test
    void answersAreLimitedPerClientAddress() throws Exception {
        for (int i = 0; i < 5; i++) {
            OpenedCase c = fixtures.aCase(org, "Raja " + i, "Teksti");
            String token = store.invite(org.id(), c.id(), null, null, Channel.WEB_FORM, Language.FI).orElseThrow();
            assertThat(answer(token, "5", null).getStatus()).isEqualTo(302);
        }
        OpenedCase sixth = fixtures.aCase(org, "Raja 6", "Teksti");
        String token = store.invite(org.id(), sixth.id(), null, null, Channel.WEB_FORM, Language.FI).orElseThrow();
        MockHttpServletResponse limited = answer(token, "5", null);
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(column("answered_at", sixth.id())).isNull();
    }
}
