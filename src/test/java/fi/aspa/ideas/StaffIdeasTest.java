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
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Staff ideation on the real database and pages: ideas of STAFF rounds by name, support once per account,
 * comments, the rounds' form, the results and their CSV, and the organization's walls.
 */
@AspaTest
class StaffIdeasTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    StaffPages pages;
    @Autowired
    IdeaStore store;
    @Autowired
    JdbcClient db;

    Fixtures.Org org;

    @BeforeEach
    void setUp() {
        org = fixtures.organization();
    }

    static String html(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    UUID submit(Round round, String title, String description) throws Exception {
        MockHttpServletResponse sent = pages.send(org.agent(), post("/workspace/ideas").with(csrf())
                .param("round", round.id().toString()).param("title", title).param("description", description));
        assertThat(sent.getStatus()).as(html(sent)).isEqualTo(302);
        return UUID.fromString(sent.getRedirectedUrl().substring("/workspace/ideas/".length()));
    }

    @Test
    void staffSendSupportOnceAndDiscussIdeasByName() throws Exception {
        Round round = IdeaTestSupport.open(store, org, Audience.STAFF, "Asiakaslähtöisyys");
        IdeaTestSupport.open(store, org, Audience.PUBLIC, "Asukkaiden kierros");
        String page = pages.page(org.colleague(), "/workspace/ideas");
        assertThat(page).contains("Asiakaslähtöisyys", "Ei vielä ideoita", "aria-current=\"page\"").doesNotContain("Asukkaiden kierros")
                .doesNotContain("id=\"moderation-link\"");

        UUID id = submit(round, "Vastauspohjat yhteen", "Kootaan hyvät vastaukset.");
        assertThat(db.sql("select moderation from idea where id = ?").param(id).query(String.class).single())
                .as("no pre-moderation for staff").isEqualTo("PUBLISHED");
        assertThat(pages.page(org.colleague(), "/workspace/ideas")).contains("Vastauspohjat yhteen", org.agent().displayName());

        for (int i = 0; i < 2; i++) {
            MockHttpServletResponse support = pages.send(org.colleague(), post("/workspace/ideas/" + id + "/support").with(csrf()));
            assertThat(support.getStatus()).as("a second support is no error").isEqualTo(302);
        }
        assertThat(pages.send(org.agent(), post("/workspace/ideas/" + id + "/support").with(csrf())).getStatus()).isEqualTo(302);
        assertThat(db.sql("select count(*) from idea_support where idea_id = ?").param(id).query(Integer.class).single()).isEqualTo(2);
        String idea = pages.page(org.colleague(), "/workspace/ideas/" + id);
        assertThat(idea).contains("2 tukijaa", "Olet tukenut tätä ideaa.").doesNotContain("id=\"support\"")
                .as("agents do not set statuses").doesNotContain("id=\"save-status\"");

        assertThat(pages.send(org.colleague(), post("/workspace/ideas/" + id + "/comments").with(csrf())
                .param("comment", "<script>x()</script> Hyvä!")).getStatus()).isEqualTo(302);
        MockHttpServletResponse empty = pages.send(org.colleague(), post("/workspace/ideas/" + id + "/comments").with(csrf())
                .param("comment", " "));
        assertThat(empty.getStatus()).isEqualTo(422);
        assertThat(html(empty)).contains("href=\"#comment\"");
        MockHttpServletResponse long_ = pages.send(org.colleague(), post("/workspace/ideas/" + id + "/comments").with(csrf())
                .param("comment", "k".repeat(2001)));
        assertThat(long_.getStatus()).isEqualTo(422);
        assertThat(pages.page(org.agent(), "/workspace/ideas/" + id))
                .contains("&lt;script&gt;x()&lt;/script&gt; Hyvä!", org.colleague().displayName());

        MockHttpServletResponse noTitle = pages.send(org.agent(), post("/workspace/ideas").with(csrf())
                .param("round", round.id().toString()).param("title", "").param("description", "x".repeat(4001)));
        assertThat(noTitle.getStatus()).isEqualTo(422);
        assertThat(html(noTitle)).contains("href=\"#title\"", "enintään 4000 merkkiä (nyt 4001)");
        Round closed = IdeaTestSupport.round(store, org, Audience.STAFF, "Vanha", Duration.ofDays(-5), Duration.ofDays(-1));
        MockHttpServletResponse late = pages.send(org.agent(), post("/workspace/ideas").with(csrf())
                .param("round", closed.id().toString()).param("title", "Myöhässä").param("description", "x"));
        assertThat(late.getStatus()).isEqualTo(409);
        assertThat(html(late)).contains("Kysymys on sulkeutunut");

        Fixtures.Org other = fixtures.organization();
        assertThat(pages.send(other.agent(), get("/workspace/ideas/" + id)).getStatus()).isEqualTo(404);
        assertThat(pages.send(other.agent(), post("/workspace/ideas/" + id + "/support").with(csrf())).getStatus()).isEqualTo(404);
        assertThat(pages.send(other.agent(), post("/workspace/ideas").with(csrf()).param("round", round.id().toString())
                .param("title", "Vieras").param("description", "x")).getStatus()).isEqualTo(422);
        assertThat(pages.send(get("/ideas/" + id)).getStatus()).as("staff ideas are never public").isEqualTo(404);
    }

    @Test
    void managersOpenRoundsWithValidatedForms() throws Exception {
        assertThat(pages.page(org.manager(), "/workspace/ideas/rounds")).contains("name=\"titleFi\"", "type=\"datetime-local\"");
        LocalDateTime opens = LocalDateTime.now(DateTimes.HELSINKI).minusHours(1).truncatedTo(ChronoUnit.MINUTES);
        MockHttpServletResponse bad = pages.send(org.manager(), post("/workspace/ideas/rounds").with(csrf())
                .param("audience", "EVERYONE").param("titleFi", "Kysymys").param("titleSv", "")
                .param("descriptionFi", "Kuvaus").param("descriptionSv", "Beskrivning")
                .param("opens", opens.toString()).param("closes", opens.minusDays(1).toString()).param("service", UUID.randomUUID().toString()));
        assertThat(bad.getStatus()).isEqualTo(422);
        assertThat(html(bad)).contains("href=\"#audience-PUBLIC\"", "href=\"#titleSv\"", "href=\"#closes\"", "href=\"#service\"",
                "Kierroksen on sulkeuduttava avautumisen jälkeen.").contains("value=\"Kysymys\"");
        MockHttpServletResponse badDate = pages.send(org.manager(), post("/workspace/ideas/rounds").with(csrf())
                .param("audience", "STAFF").param("titleFi", "K").param("titleSv", "F").param("descriptionFi", "K")
                .param("descriptionSv", "B").param("opens", "huomenna").param("closes", ""));
        assertThat(html(badDate)).contains("href=\"#opens\"", "esimerkiksi 2026-12-31T16:00", "href=\"#closes\"");

        MockHttpServletResponse ok = pages.send(org.manager(), post("/workspace/ideas/rounds").with(csrf())
                .param("audience", "STAFF").param("titleFi", "Miten palvelemme paremmin?").param("titleSv", "Hur betjänar vi bättre?")
                .param("descriptionFi", "Koko henkilöstön kysely").param("descriptionSv", "Enkät för hela personalen")
                .param("opens", opens.toString()).param("closes", opens.plusDays(14).toString()));
        assertThat(ok.getStatus()).isEqualTo(302);
        List<Round> rounds = store.rounds(org.id(), Audience.STAFF);
        assertThat(rounds).hasSize(1);
        assertThat(rounds.getFirst().opensAt()).isEqualTo(opens.atZone(DateTimes.HELSINKI).toInstant());
        assertThat(rounds.getFirst().title().en()).isNull();
        assertThat(pages.page(org.agent(), "/workspace/ideas")).contains("Miten palvelemme paremmin?");
        assertThat(pages.in("sv").page(org.colleague(), "/workspace/ideas")).contains("Hur betjänar vi bättre?");
    }

    @Test
    void theResultsRankIdeasBySupportAndTheCsvIsSafeForSpreadsheets() throws Exception {
        Round round = IdeaTestSupport.open(store, org, Audience.STAFF, "Tulokset");
        UUID formula = store.submitStaff(org.id(), round.id(), "=HYPERLINK(\"http://evil.example\")", "+1 ja -2 @kaikki",
                Language.FI, org.agent().id()).id();
        UUID quoted = store.submitStaff(org.id(), round.id(), "Pilkku, \"lainaus\"", "Rivi 1\nRivi 2", Language.FI,
                org.colleague().id()).id();
        store.supportByStaff(org.id(), quoted, org.agent().id());
        store.supportByStaff(org.id(), quoted, org.colleague().id());
        store.supportByStaff(org.id(), formula, org.manager().id());
        store.setStatus(org.id(), quoted, org.manager().id(), IdeaStore.Status.IMPLEMENTED, "Tehty.");

        assertThat(pages.send(org.agent(), get("/workspace/ideas/rounds/" + round.id())).getStatus()).isEqualTo(403);
        assertThat(pages.send(org.agent(), get("/workspace/ideas/rounds/" + round.id() + "/export.csv")).getStatus()).isEqualTo(403);
        String results = pages.page(org.manager(), "/workspace/ideas/rounds/" + round.id());
        assertThat(results.indexOf("Pilkku, &quot;lainaus&quot;")).as("most supported first")
                .isLessThan(results.indexOf("=HYPERLINK"));

        MockHttpServletResponse csv = pages.send(org.manager(), get("/workspace/ideas/rounds/" + round.id() + "/export.csv"));
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.getHeader("Content-Disposition")).startsWith("attachment;");
        String text = csv.getContentAsString(StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n");
        assertThat(lines[0]).isEqualTo("\uFEFFSija;Otsikko;Idea;Ehdottaja;Tila;Vastaus;Tukijat;Lähetetty");
        assertThat(lines[1]).startsWith("1;\"Pilkku, \"\"lainaus\"\"\";\"Rivi 1\nRivi 2\";" + org.colleague().displayName()
                + ";Toteutettu;Tehty.;2;");
        assertThat(lines[2]).startsWith("2;\"'=HYPERLINK(\"\"http://evil.example\"\")\";'+1 ja -2 @kaikki;");
    }
}
