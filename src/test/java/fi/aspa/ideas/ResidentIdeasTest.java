package fi.aspa.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.ideas.IdeaStore.Audience;
import fi.aspa.ideas.IdeaStore.Round;
import fi.aspa.platform.Tokens;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Residents' ideas on the real database and the real pages (MockMvc with the security filters): the round's open
 * period, sending, pre-moderation with the personal-data filter and the access log, the follow link, support once
 * per browser, the status and response, and what is refused.
 */
@AspaTest
class ResidentIdeasTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    StaffPages pages;
    @Autowired
    IdeaStore store;
    @Autowired
    JdbcClient db;

    Fixtures.Org org;
    String address;

    @BeforeEach
    void setUp() {
        org = fixtures.publicOrganization();
        address = IdeaTestSupport.address();
    }

    MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(from(request));
    }

    MvcResult sendIdea(Round round, String title, String description, String name, String email) throws Exception {
        MockHttpServletRequestBuilder post = from(post("/ideas/new").with(csrf()).param("round", round.id().toString()));
        if (title != null) post.param("title", title);
        if (description != null) post.param("description", description);
        if (name != null) post.param("name", name);
        if (email != null) post.param("email", email);
        return pages.mvc().perform(post.header("Accept-Language", "fi")).andReturn();
    }

    /** Sends an idea and returns its follow link's path. */
    String sent(Round round, String title, String description, String name, String email) throws Exception {
        MvcResult result = sendIdea(round, title, description, name, email);
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/ideas/sent");
        String url = (String) result.getFlashMap().get("followUrl");
        assertThat(url).contains("/ideas/follow/");
        return url.substring(url.indexOf("/ideas/follow/"));
    }

    UUID ideaId(String title) {
        return db.sql("select id from idea where organization_id = ? and title = ?").params(org.id().value(), title)
                .query(UUID.class).single();
    }

    static String html(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aRoundTakesIdeasOnlyWhileOpenAndSaysWhyNot() throws Exception {
        Round upcoming = IdeaTestSupport.round(store, org, Audience.PUBLIC, "Tuleva kysymys " + UUID.randomUUID(), Duration.ofDays(2), Duration.ofDays(9));
        Round closed = IdeaTestSupport.round(store, org, Audience.PUBLIC, "Mennyt kysymys " + UUID.randomUUID(), Duration.ofDays(-9), Duration.ofDays(-2));
        Round open = IdeaTestSupport.open(store, org, Audience.PUBLIC, "Avoin kysymys " + UUID.randomUUID());

        String early = html(send(get("/ideas/new?round=" + upcoming.id())));
        assertThat(early).contains("Kysymys ei ole vielä avoinna: se avautuu").doesNotContain("id=\"send\"");
        assertThat(html(pages.in("sv").send(from(get("/ideas/new?round=" + closed.id())))))
                .contains("Frågan har stängts: den stängde").doesNotContain("id=\"send\"");
        for (Round r : new Round[] {upcoming, closed}) {
            MvcResult refused = sendIdea(r, "Idea", "Teksti", null, null);
            assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        }
        assertThat(db.sql("select count(*) from idea where round_id in (?, ?)").params(upcoming.id(), closed.id())
                .query(Integer.class).single()).isZero();

        assertThat(html(send(get("/ideas")))).contains(open.title().fi()).doesNotContain(upcoming.title().fi())
                .doesNotContain(closed.title().fi());
        assertThat(html(send(get("/ideas/new?round=" + open.id())))).contains("id=\"send\"", "name=\"_csrf\"");
        Round staffRound = IdeaTestSupport.open(store, org, Audience.STAFF, "Henkilöstön " + UUID.randomUUID());
        assertThat(send(get("/ideas/new?round=" + staffRound.id())).getStatus()).as("a staff round is not public").isEqualTo(404);
        assertThat(send(get("/ideas/new?round=" + UUID.randomUUID())).getStatus()).isEqualTo(404);
        assertThat(send(get("/ideas/new?round=x")).getStatus()).isEqualTo(404);
    }

    @Test
    void anIdeaIsPublicOnlyWhenPublishedAndThenWithoutPersonalData() throws Exception {
        Round round = IdeaTestSupport.open(store, org, Audience.PUBLIC, "Palvelut " + UUID.randomUUID());
        String title = "Iltapäivystys " + IdeaTestSupport.word();
        String follow = sent(round, title, "Olen Maija Meikäläinen, soita 040 123 4567 tai maija.idea@example.fi. Chat auki iltaisin!",
                "Maija Meikäläinen", "maija.idea@example.fi");
        UUID id = ideaId(title);
        assertThat(db.sql("select follow_token_sha256 from idea where id = ?").param(id).query(String.class).single()).hasSize(64)
                .doesNotContain(follow.substring("/ideas/follow/".length()));

        assertThat(html(send(get("/ideas")))).doesNotContain(title);
        assertThat(send(get("/ideas/" + id)).getStatus()).as("not public before moderation").isEqualTo(404);
        assertThat(html(send(get(follow)))).contains(title, "Odottaa tarkastusta");

        String moderation = pages.page(org.manager(), "/workspace/ideas/moderation");
        assertThat(moderation).contains(title, "Maija Meikäläinen", "maija.idea@example.fi");
        UUID customer = db.sql("select customer_id from idea where id = ?").param(id).query(UUID.class).single();
        assertThat(db.sql("select count(*) from personal_data_access where customer_id = ? and staff_user_id = ? and purpose = ?")
                .params(customer, org.manager().id(), ModerationPages.PURPOSE).query(Integer.class).single())
                .as("viewing the submitter is logged").isEqualTo(1);

        MockHttpServletResponse published = pages.send(org.manager(), post("/workspace/ideas/" + id + "/moderate").with(csrf())
                .param("action", "publish"));
        assertThat(published.getStatus()).isEqualTo(302);
        assertThat(html(send(get("/ideas")))).contains(title);
        String page = html(send(get("/ideas/" + id)));
        assertThat(page).contains("Chat auki iltaisin!", "Ei vielä tukijoita", "Uusi")
                .doesNotContain("Meikäläinen", "040 123 4567", "maija.idea@example.fi");
        assertThat(html(send(get(follow)))).contains("Julkaistu");
        assertThat(pages.send(org.manager(), post("/workspace/ideas/" + id + "/moderate").with(csrf()).param("action", "publish"))
                .getStatus()).as("published already").isEqualTo(404);
    }

    @Test
    void aRejectionNeedsAReasonWhichTheFollowLinkShows() throws Exception {
        Round round = IdeaTestSupport.open(store, org, Audience.PUBLIC, "Hylätyt " + UUID.randomUUID());
        String title = "Mainos " + IdeaTestSupport.word();
        String follow = sent(round, title, "Osta halvalla", null, null);
        UUID id = ideaId(title);
        assertThat(db.sql("select customer_id is null from idea where id = ?").param(id).query(Boolean.class).single()).isTrue();
        MockHttpServletResponse noReason = pages.send(org.manager(), post("/workspace/ideas/" + id + "/moderate").with(csrf())
                .param("action", "reject").param("reason", "  "));
        assertThat(noReason.getStatus()).isEqualTo(422);
        assertThat(html(noReason)).contains("href=\"#reason-" + id + "\"", "Täytä tämä kenttä.");
        assertThat(pages.send(org.manager(), post("/workspace/ideas/" + id + "/moderate").with(csrf())
                .param("action", "reject").param("reason", "Ei koske palvelujamme.")).getStatus()).isEqualTo(302);
        assertThat(html(send(get(follow)))).contains("Ei julkaistu", "Ei koske palvelujamme.");
        assertThat(send(get("/ideas/" + id)).getStatus()).isEqualTo(404);
        assertThat(send(get("/ideas/follow/" + Tokens.random())).getStatus()).isEqualTo(404);
    }

    @Test
    void aBrowserSupportsAnIdeaOnceAndASecondSupportChangesNothing() throws Exception {
        Round round = IdeaTestSupport.open(store, org, Audience.PUBLIC, "Tuki " + UUID.randomUUID());
        String title = "Penkit " + IdeaTestSupport.word();
        sent(round, title, "Lisää penkkejä", null, null);
        UUID id = ideaId(title);
        store.publish(org.id(), id, org.manager().id(), title, "Lisää penkkejä");

        MockHttpServletResponse first = send(post("/ideas/" + id + "/support").with(csrf()));
        assertThat(first.getStatus()).isEqualTo(302);
        Cookie cookie = first.getCookie(PublicIdeaPages.SUPPORTER_COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        MockHttpServletResponse again = send(post("/ideas/" + id + "/support").with(csrf()).cookie(cookie));
        assertThat(again.getStatus()).as("not an error").isEqualTo(302);
        assertThat(again.getCookie(PublicIdeaPages.SUPPORTER_COOKIE)).as("the browser keeps its id").isNull();
        assertThat(html(send(get("/ideas/" + id).cookie(cookie)))).contains("1 tukija", "Olet tukenut tätä ideaa.")
                .doesNotContain("id=\"support\"");
        assertThat(db.sql("select supporter_sha256 from idea_support where idea_id = ?").param(id).query(String.class).single())
                .isEqualTo(Tokens.sha256(cookie.getValue()));

        assertThat(send(post("/ideas/" + id + "/support").with(csrf())).getStatus()).isEqualTo(302);
        assertThat(html(send(get("/ideas/" + id)))).contains("2 tukijaa").contains("id=\"support\"");
        assertThat(send(post("/ideas/" + id + "/support")).getStatus()).as("no CSRF token").isEqualTo(403);
        for (int i = 0; i < PublicIdeaPages.SUPPORTS_PER_PERIOD - 3; i++) send(post("/ideas/" + id + "/support").with(csrf()));
        MockHttpServletResponse limited = send(post("/ideas/" + id + "/support").with(csrf()));
        assertThat(limited.getStatus()).as("limited per address").isEqualTo(429);
        assertThat(html(limited)).contains("id=\"support-message\"");
    }

    @Test
    void aClosedRoundsIdeasAreNoLongerSupportedAndAgentsDoNotOpenResidentsIdeas() throws Exception {
        Round round = IdeaTestSupport.round(store, org, Audience.PUBLIC, "Suljettu " + UUID.randomUUID(), Duration.ofDays(-9), Duration.ofDays(-1));
        IdeaStore.Submitted old = store.submitPublic(org.id(), round.id(), "Vanha idea", "Teksti", fi.aspa.platform.Language.FI, null);
        UUID id = old.idea().id();
        store.publish(org.id(), id, org.manager().id(), "Vanha idea", "Teksti");
        assertThat(html(send(get("/ideas/" + id)))).contains("Vanha idea").doesNotContain("id=\"support\"");
        MvcResult refused = pages.mvc().perform(from(post("/ideas/" + id + "/support").with(csrf())).header("Accept-Language", "fi")).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(302);
        assertThat(refused.getFlashMap().get("supportMessage")).isEqualTo("ideas.support.closed");
        assertThat(db.sql("select count(*) from idea_support where idea_id = ?").param(id).query(Integer.class).single()).isZero();

        assertThat(pages.send(org.agent(), get("/workspace/ideas/" + id)).getStatus()).as("residents' ideas are the managers'").isEqualTo(404);
        assertThat(pages.page(org.manager(), "/workspace/ideas/" + id)).contains("Vanha idea", "Asukas", "id=\"save-status\"")
                .doesNotContain("id=\"support\"");
    }

    @Test
    void theStatusAndResponseAreValidatedAndShownToResidents() throws Exception {
        Round round = IdeaTestSupport.open(store, org, Audience.PUBLIC, "Tila " + UUID.randomUUID());
        String title = "Tekstiviestit " + IdeaTestSupport.word();
        sent(round, title, "Tieto puhelimeen", null, null);
        UUID id = ideaId(title);
        assertThat(pages.send(org.manager(), post("/workspace/ideas/" + id + "/status").with(csrf()).param("status", "PLANNED"))
                .getStatus()).as("a pending idea has no status yet").isEqualTo(404);
        store.publish(org.id(), id, org.manager().id(), title, "Tieto puhelimeen");

        for (String status : new String[] {"DECLINED", "IMPLEMENTED"}) {
            MockHttpServletResponse noResponse = pages.send(org.manager(), post("/workspace/ideas/" + id + "/status").with(csrf())
                    .param("status", status).param("response", " "));
            assertThat(noResponse.getStatus()).isEqualTo(422);
            assertThat(html(noResponse)).contains("href=\"#response-text\"", "Kirjoita vastaus");
        }
        MockHttpServletResponse unknown = pages.send(org.manager(), post("/workspace/ideas/" + id + "/status").with(csrf())
                .param("status", "DONE"));
        assertThat(unknown.getStatus()).isEqualTo(422);
        assertThat(html(unknown)).contains("Valitse tila.");
        MockHttpServletResponse tooLong = pages.send(org.manager(), post("/workspace/ideas/" + id + "/status").with(csrf())
                .param("status", "PLANNED").param("response", "x".repeat(4001)));
        assertThat(tooLong.getStatus()).isEqualTo(422);
        assertThat(html(tooLong)).contains("enintään 4000 merkkiä (nyt 4001)");
        assertThat(db.sql("select status from idea where id = ?").param(id).query(String.class).single()).isEqualTo("NEW");

        assertThat(pages.send(org.agent(), post("/workspace/ideas/" + id + "/status").with(csrf())
                .param("status", "PLANNED")).getStatus()).as("an agent does not set statuses").isEqualTo(403);
        assertThat(pages.send(org.manager(), post("/workspace/ideas/" + id + "/status").with(csrf())
                .param("status", "DECLINED").param("response", "<b>Ei</b> resursseja tänä vuonna.")).getStatus()).isEqualTo(302);
        String page = html(send(get("/ideas/" + id)));
        assertThat(page).contains("Ei toteuteta", "&lt;b&gt;Ei&lt;/b&gt; resursseja tänä vuonna.");
        assertThat(html(pages.in("sv").send(from(get("/ideas/" + id))))).contains("Genomförs inte");
    }

    @Test
    void badInputGetsMessagesBesideItsFieldsAndHostileTextIsEscaped() throws Exception {
        Round round = IdeaTestSupport.open(store, org, Audience.PUBLIC, "Syöte " + UUID.randomUUID());
        MvcResult empty = sendIdea(round, " ", "", null, null);
        assertThat(empty.getResponse().getStatus()).isEqualTo(422);
        assertThat(html(empty.getResponse())).contains("class=\"error-summary\"", "href=\"#title\"", "href=\"#description\"",
                "Täytä tämä kenttä.", "id=\"title-error\"");
        MvcResult oversized = sendIdea(round, "t".repeat(201), "d".repeat(4001), "n".repeat(201), "x@" + "e".repeat(260) + ".fi");
        assertThat(oversized.getResponse().getStatus()).isEqualTo(422);
        assertThat(html(oversized.getResponse())).contains("enintään 200 merkkiä (nyt 201)", "enintään 4000 merkkiä (nyt 4001)",
                "href=\"#name\"", "href=\"#email\"");
        MvcResult badEmail = sendIdea(round, "Otsikko", "Teksti", null, "ei-osoite");
        assertThat(badEmail.getResponse().getStatus()).isEqualTo(422);
        assertThat(html(badEmail.getResponse())).contains("Tarkista sähköpostiosoite");
        MockHttpServletResponse notUtf8 = send(post("/ideas/new").with(csrf()).contentType("application/x-www-form-urlencoded")
                .content(("round=" + round.id() + "&title=%FF%FE&description=ok").getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(notUtf8.getStatus()).isEqualTo(422);
        assertThat(html(notUtf8)).contains("merkkejä, joita ei voi lukea");
        assertThat(send(post("/ideas/new").param("round", round.id().toString()).param("title", "x").param("description", "y"))
                .getStatus()).as("no CSRF token").isEqualTo(403);

        MockHttpServletResponse honeypot = send(post("/ideas/new").with(csrf()).param("round", round.id().toString())
                .param("title", "Roskaa").param("description", "Roskaa").param("website", "http://spam.example"));
        assertThat(honeypot.getStatus()).isEqualTo(302);
        assertThat(db.sql("select count(*) from idea where round_id = ?").param(round.id()).query(Integer.class).single()).isZero();

        String title = "<script>alert(1)</script> " + IdeaTestSupport.word();
        sent(round, title, "<img src=x onerror=alert(2)>", null, null);
        UUID id = ideaId(title);
        assertThat(pages.send(org.manager(), post("/workspace/ideas/" + id + "/moderate").with(csrf()).param("action", "publish"))
                .getStatus()).isEqualTo(302);
        String page = html(send(get("/ideas/" + id)));
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain("<script>alert(1)", "<img src=x");
    }

    @Test
    void ideasAreLimitedPerClientAddress() throws Exception {
        Round round = IdeaTestSupport.open(store, org, Audience.PUBLIC, "Raja " + UUID.randomUUID());
        for (int i = 0; i < 5; i++) sent(round, "Raja " + i + " " + IdeaTestSupport.word(), "Teksti", null, null);
        MvcResult limited = sendIdea(round, "Kuudes", "Teksti", null, null);
        assertThat(limited.getResponse().getStatus()).isEqualTo(429);
        assertThat(html(limited.getResponse())).as("what was typed stays").contains("value=\"Kuudes\"");
        assertThat(db.sql("select count(*) from idea where round_id = ?").param(round.id()).query(Integer.class).single()).isEqualTo(5);
    }

    @Test
    void residentsSeeNoWorkspaceAndAgentsDoNotModerate() throws Exception {
        assertThat(send(get("/workspace/ideas")).getStatus()).as("a resident is sent to log in").isEqualTo(302);
        assertThat(send(get("/workspace/ideas/moderation")).getStatus()).isEqualTo(302);
        Fixtures.Org other = fixtures.organization();
        for (String path : new String[] {"/workspace/ideas/moderation", "/workspace/ideas/rounds"}) {
            assertThat(pages.send(other.agent(), get(path)).getStatus()).as(path).isEqualTo(403);
        }
        assertThat(pages.send(other.agent(), post("/workspace/ideas/rounds").with(csrf()).param("audience", "STAFF")).getStatus())
                .isEqualTo(403);

        // another organization's idea does not exist for this one
        Round round = IdeaTestSupport.open(store, org, Audience.PUBLIC, "Vieras " + UUID.randomUUID());
        String title = "Toisen idea " + IdeaTestSupport.word();
        sent(round, title, "Teksti", null, null);
        UUID id = ideaId(title);
        assertThat(pages.send(other.manager(), post("/workspace/ideas/" + id + "/moderate").with(csrf()).param("action", "publish"))
                .getStatus()).isEqualTo(404);
        assertThat(pages.page(other.manager(), "/workspace/ideas/moderation")).doesNotContain(title);
        store.publish(org.id(), id, org.manager().id(), title, "Teksti");
        assertThat(pages.send(other.manager(), get("/workspace/ideas/" + id)).getStatus()).isEqualTo(404);
        assertThat(pages.send(other.manager(), post("/workspace/ideas/" + id + "/status").with(csrf()).param("status", "PLANNED"))
                .getStatus()).isEqualTo(404);
        assertThat(pages.send(other.manager(), get("/workspace/ideas/rounds/" + round.id())).getStatus()).isEqualTo(404);
        assertThat(pages.send(other.manager(), get("/workspace/ideas/rounds/" + round.id() + "/export.csv")).getStatus()).isEqualTo(404);

        Round foreign = IdeaTestSupport.open(store, other, Audience.PUBLIC, "Muu kunta " + UUID.randomUUID());
        IdeaStore.Submitted elsewhere = store.submitPublic(other.id(), foreign.id(), "Muu", "Teksti", fi.aspa.platform.Language.FI, null);
        store.publish(other.id(), elsewhere.idea().id(), other.manager().id(), "Muu", "Teksti");
        assertThat(send(get("/ideas/" + elsewhere.idea().id())).getStatus()).as("only the public organization's ideas").isEqualTo(404);
        assertThat(send(get("/ideas/new?round=" + foreign.id())).getStatus()).isEqualTo(404);
        Map<String, Object> row = db.sql("select organization_id from idea where id = ?").param(elsewhere.idea().id()).query().singleRow();
        assertThat(row.get("organization_id")).isEqualTo(other.id().value());
    }
}
