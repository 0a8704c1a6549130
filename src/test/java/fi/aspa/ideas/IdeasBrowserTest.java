package fi.aspa.ideas;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.ideas.IdeaStore.Audience;
import fi.aspa.ideas.IdeaStore.Round;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A resident sends an idea from the front page in Finnish (after a mistake) and follows it, a manager publishes it,
 * a resident supports it in Swedish, and staff ideate in the workspace; a WCAG 2.1 AA scan at every step.
 */
@AspaTest
class IdeasBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    IdeaStore store;
    @Autowired
    JdbcClient db;

    @Test
    void residentsSendAndSupportIdeasAndStaffIdeate() {
        Fixtures.Org org = fixtures.publicOrganization();
        Round round = IdeaTestSupport.open(store, org, Audience.PUBLIC, "Kehitetäänkö asiointia " + UUID.randomUUID());
        String title = "Iltachat " + IdeaTestSupport.word();

        try (Browser browser = Browser.start(port)) {
            browser.open("/?lang=fi");
            browser.clickAndWaitForNewPage("#home-ideas");
            browser.assertAccessible("ideas fi");
            browser.clickAndWaitForNewPage("a.new-idea[href$='" + round.id() + "']");
            browser.assertAccessible("new idea fi");
            assertThat(browser.text("#round-title")).isEqualTo(round.title().fi());
            browser.clickAndWaitForNewPage("#send");
            browser.waitFor(".error-summary");
            assertThat(browser.title()).startsWith("Virhe:");
            assertThat(browser.find(".error-summary a").getAttribute("href")).endsWith("#title");
            browser.assertAccessible("new idea error fi");
            browser.type("#title", title).type("#description", "Chat auki myös iltaisin.");
            browser.clickAndWaitForNewPage("#send");
            assertThat(browser.text("h1")).isEqualTo("Kiitos ideastasi!");
            browser.assertAccessible("sent fi");
            browser.clickAndWaitForNewPage("#follow-link");
            assertThat(browser.text("#moderation")).isEqualTo("Odottaa tarkastusta");
            browser.assertAccessible("follow fi");
            String follow = browser.driver().getCurrentUrl();
            browser.open(follow.substring(follow.indexOf("/ideas/")) + "?lang=sv").assertAccessible("follow sv");
            assertThat(browser.text("#moderation")).isEqualTo("Väntar på granskning");
            browser.open("/ideas/sent?lang=sv").assertAccessible("sent sv");
        }
        UUID id = db.sql("select id from idea where title = ?").param(title).query(UUID.class).single();

        try (Browser browser = Browser.start(port)) {
            browser.logIn(null, org.manager().username(), Fixtures.PASSWORD);
            browser.open("/workspace/ideas/moderation?lang=sv").assertAccessible("moderation sv");
            browser.open("/workspace/ideas/moderation?lang=fi").assertAccessible("moderation fi");
            browser.clickAndWaitForNewPage("form[action$='/workspace/ideas/" + id + "/moderate'] button.publish");
            assertThat(browser.text("main")).contains("Idea julkaistiin.");
            browser.open("/workspace/ideas/rounds?lang=fi").assertAccessible("rounds fi");
            browser.open("/workspace/ideas/rounds?lang=sv").assertAccessible("rounds sv");
            browser.open("/workspace/ideas/rounds/" + round.id() + "?lang=fi").assertAccessible("results fi");
            browser.open("/workspace/ideas/rounds/" + round.id() + "?lang=sv").assertAccessible("results sv");
            assertThat(browser.text("#ranked")).contains(title);
        }

        try (Browser browser = Browser.start(port)) {
            browser.open("/ideas/" + id + "?lang=sv").assertAccessible("idea sv");
            assertThat(browser.lang()).isEqualTo("sv");
            browser.clickAndWaitForNewPage("#support");
            assertThat(browser.text("#support-message")).isEqualTo("Tack för ditt stöd!");
            assertThat(browser.text("#supports")).isEqualTo("1 stödjare");
            browser.assertAccessible("supported sv");
            browser.open("/ideas?lang=sv&sort=support").assertAccessible("ideas sv");
            browser.open("/ideas/new?round=" + round.id() + "&lang=sv").assertAccessible("new idea sv");
            assertThat(browser.text("h1")).isEqualTo("Skicka en idé");
        }

        Fixtures.Org staffOrg = fixtures.organization();
        IdeaTestSupport.open(store, staffOrg, Audience.STAFF, "Asiakaslähtöinen työ");
        try (Browser browser = Browser.start(port)) {
            browser.logIn(null, staffOrg.agent().username(), Fixtures.PASSWORD);
            browser.open("/workspace/ideas?lang=fi").assertAccessible("staff ideation fi");
            browser.type("#title", "Vastauspankki").type("#description", "Kootaan hyvät vastaukset yhteen.");
            browser.clickAndWaitForNewPage("#send");
            browser.assertAccessible("staff idea fi");
            browser.clickAndWaitForNewPage("#support");
            assertThat(browser.text("#supports")).isEqualTo("1 tukija");
            browser.type("#comment", "Hyvä idea!");
            browser.clickAndWaitForNewPage("#send-comment");
            assertThat(browser.text("#comments")).contains("Hyvä idea!", staffOrg.agent().displayName());
            browser.assertAccessible("staff idea commented fi");
            String idea = browser.driver().getCurrentUrl();
            browser.open(idea.substring(idea.indexOf("/workspace/")).replaceAll("[?#].*", "") + "?lang=sv").assertAccessible("staff idea sv");
            assertThat(browser.text("#comments")).contains("Hyvä idea!");
            browser.open("/workspace/ideas?lang=sv").assertAccessible("staff ideation sv");
            assertThat(browser.text("main")).contains("Vastauspankki", staffOrg.agent().displayName());
        }
    }
}
