package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.assistant.FakeLanguageModel;
import fi.aspa.browser.Browser;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.PublicRateLimits;
import fi.aspa.search.SearchIndex;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In Chromium, in Finnish and in Swedish, with a WCAG 2.1 A/AA scan at every step: an administrator sets up the
 * language model (after correcting the form), sees the key masked and tests the connection; a resident asks on a help
 * page and gets the phrased answer, marked as machine-written, with its numbered source link.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguageModelBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Knowledge knowledge;
    @Autowired Catalogue catalogue;
    @Autowired SearchIndex index;
    @Autowired JdbcClient db;
    @Autowired PublicRateLimits limits;
    Browser browser;
    FakeLanguageModel model;
    HelpBotArticles articles;
    StaffUser admin;

    @BeforeAll
    void start() {
        articles = HelpBotArticles.in(fixtures, knowledge, catalogue, index);
        model = new FakeLanguageModel();
        admin = fixtures.admin(fixtures.organization());
        browser = Browser.start(port);
    }

    @AfterEach
    void off() {
        HelpAssistantLanguageModelTest.off(db, articles.org);
    }

    @AfterAll
    void stop() {
        browser.close();
        model.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void anAdministratorSetsUpTheLanguageModel(String lang) {
        boolean fi = lang.equals("fi");
        browser.driver().manage().deleteAllCookies();
        browser.logIn(lang, admin.username(), Fixtures.PASSWORD);
        browser.open("/workspace/admin/language-model?lang=" + lang);
        browser.waitFor("#baseUrl");
        assertThat(browser.text("h1")).isEqualTo(fi ? "Kielimallin muotoilemat vastaukset" : "Svar formulerade av en språkmodell");
        browser.assertAccessible("language model settings " + lang);

        // on, without a model and with a plain http address elsewhere: the problems are listed, linked and marked
        if (!browser.find("#enabled").isSelected()) browser.click("#enabled");
        browser.type("#baseUrl", "http://llm.example.fi").type("#model", "").type("#timeout", "99");
        browser.clickAndWaitForNewPage("#save");
        browser.waitFor(".error-summary");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.findAll(".error-summary a")).extracting(e -> e.getAttribute("href"))
                .anyMatch(h -> h.endsWith("#baseUrl")).anyMatch(h -> h.endsWith("#model")).anyMatch(h -> h.endsWith("#timeout"));
        assertThat(browser.find("#baseUrl").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#model").getAttribute("aria-describedby")).isEqualTo("model-hint model-error");
        browser.assertAccessible("language model settings with errors " + lang);

        browser.type("#baseUrl", model.baseUrl()).type("#model", "test-model").type("#apiKey", "sk-browser-0123456789wxyz")
                .type("#timeout", fi ? "2,5" : "2.5");
        browser.clickAndWaitForNewPage("#save");
        browser.waitFor("#notice");
        assertThat(browser.text("#notice")).isEqualTo(fi ? "Asetukset tallennettiin." : "Inställningarna sparades.");
        assertThat(browser.find("#apiKey").getAttribute("value")).isEmpty();
        assertThat(browser.text("#apiKey-hint")).contains("••••••••wxyz").doesNotContain("0123456789");
        assertThat(browser.driver().getPageSource()).doesNotContain("sk-browser-0123456789wxyz");
        assertThat(browser.text("#changes")).contains(fi ? "tallensi uuden API-avaimen" : "sparade en ny API-nyckel");
        browser.assertAccessible("language model saved " + lang);

        model.answering(FakeLanguageModel.reply("OK"));
        browser.clickAndWaitForNewPage("#test-connection");
        browser.waitFor("#probe");
        assertThat(browser.text("#probe")).startsWith(fi ? "Yhteys toimii" : "Anslutningen fungerar");
        browser.assertAccessible("connection tested " + lang);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void aResidentGetsThePhrasedAnswerMarkedWithItsSource(String lang) {
        boolean fi = lang.equals("fi");
        limits.reset();
        HelpAssistantLanguageModelTest.on(db, articles.org, model);
        model.answering(FakeLanguageModel.reply(fi ? "Vuokrakausi on toukokuusta lokakuuhun [1]." : "Hyresperioden är från maj till oktober [1]."));
        browser.driver().manage().deleteAllCookies();
        browser.open("/help/" + articles.berth.id() + "?lang=" + lang);
        browser.waitFor("#assistant #question");
        browser.type("#question", fi ? "Milloin venepaikan vuokrakausi alkaa?" : "När börjar hyresperioden för båtplatsen?");
        browser.click("#ask");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).ignoring(WebDriverException.class)
                .until(d -> !browser.findAll("#assistant .assistant-generated").isEmpty());
        assertThat(browser.text("#assistant .assistant-generated"))
                .isEqualTo(fi ? "Vuokrakausi on toukokuusta lokakuuhun [1]." : "Hyresperioden är från maj till oktober [1].");
        assertThat(browser.text("#assistant .assistant-generated-note")).startsWith(fi ? "Vastaus on koneen muotoilema" : "Svaret är formulerat av en maskin");
        assertThat(browser.text("#assistant .assistant-citations li")).isEqualTo("[1] " + (fi ? "Venepaikan vuokraaminen" : "Att hyra båtplats"));
        assertThat(browser.find("#assistant .assistant-citations a").getAttribute("href")).endsWith("/help/" + articles.berth.id());
        browser.assertAccessible("phrased answer " + lang);
    }
}
