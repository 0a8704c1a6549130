package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.chat.ChatAvailability;
import fi.aspa.search.SearchIndex;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A resident asks the assistant on the help pages in Chromium (htmx on), in Finnish and in Swedish: the answer with its
 * source on an article page, the clarifying question and the choice, then "talk to a person" — into the chat queue
 * (the widget continues the conversation) while the chat is open, to the contact form with the question filled in when
 * it is closed. Every step passes axe (WCAG 2.1 A/AA).
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpAssistantBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Knowledge knowledge;
    @Autowired Catalogue catalogue;
    @Autowired SearchIndex index;
    @Autowired ApplicationContext context;
    HelpBotArticles articles;
    ChatAvailability chat;
    Browser browser;

    @BeforeAll
    void start() {
        articles = HelpBotArticles.in(fixtures, knowledge, catalogue, index);
        chat = new ChatAvailability(context, articles.org.id());
        browser = Browser.start(port);
    }

    @Autowired fi.aspa.platform.PublicRateLimits limits;

    @org.junit.jupiter.api.BeforeEach
    void allowance() {
        // the browser always comes from one address: each journey starts with a full allowance
        limits.reset();
    }

    @AfterEach
    void restore() {
        chat.restore();
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    void until(String what, BooleanSupplier condition) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).withMessage(what).ignoring(WebDriverException.class)
                .until(d -> condition.getAsBoolean());
    }

    String lastBotTurn() {
        var turns = browser.findAll("#assistant .assistant-turn--bot");
        return turns.isEmpty() ? "" : turns.getLast().getText();
    }

    void ask(String question) {
        browser.type("#question", question);
        browser.click("#ask");
    }

    void fresh(String lang) {
        browser.driver().manage().deleteAllCookies();
        browser.open("/help?lang=" + lang);
        ((JavascriptExecutor) browser.driver()).executeScript("window.sessionStorage.clear()");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void theResidentAsksGetsAnAnswerWithItsSourceChoosesAndIsPassedToThePersonWhenClosed(String lang) {
        boolean fi = lang.equals("fi");
        chat.close();
        fresh(lang);
        browser.open("/help/" + articles.berth.id() + "?lang=" + lang);
        browser.waitFor("#assistant #question");
        assertThat(browser.text("#assistant-title")).isEqualTo(fi ? "Kysy avustajalta" : "Fråga assistenten");
        browser.assertAccessible("article with the assistant " + lang);

        ask(fi ? "Milloin venepaikan vuokrakausi alkaa?" : "När börjar hyresperioden för båtplatsen?");
        until("the answer", () -> lastBotTurn().contains(fi ? "alkaa toukokuussa" : "börjar i maj"));
        assertThat(browser.find("#assistant .assistant-turn--bot .assistant-source a").getText())
                .isEqualTo(fi ? "Venepaikan vuokraaminen" : "Att hyra båtplats");
        assertThat(browser.find("#assistant .assistant-turn--bot .assistant-source a").getAttribute("href"))
                .endsWith("/help/" + articles.berth.id());
        assertThat(browser.currentPath()).startsWith("/help/" + articles.berth.id());
        browser.assertAccessible("answered with its source " + lang);

        browser.clickAndWaitForNewPage("main > p > a[href^='/help']");
        browser.waitFor("#assistant #question");
        ask(fi ? "Miten viljelypalstatunnus haetaan palsta-alueelle?" : "Hur söker man odlingslottstillstånd för att odla på stadens lottområde?");
        until("the clarifying question", () -> browser.findAll("#assistant .assistant-choices button").size() == 2);
        assertThat(lastBotTurn()).contains(fi ? "Tarkoititko" : "Menade du");
        browser.assertAccessible("clarifying question " + lang);
        browser.click("#assistant .assistant-choices button[value='" + articles.schools.id() + "']");
        until("the chosen source quoted", () -> lastBotTurn().contains(fi ? "koulu voi viljellä" : "en skola odla"));
        assertThat(browser.findAll("#assistant .assistant-choices")).isEmpty();
        browser.assertAccessible("chosen answer " + lang);

        ask(fi ? "Haluan puhua ihmisen kanssa" : "Jag vill tala med en människa");
        until("the bot offers a person", () -> !browser.findAll("#assistant .assistant-handover").isEmpty());
        assertThat(browser.text("#assistant .assistant-handover")).contains(fi ? "suljettu" : "stängd");
        browser.assertAccessible("hand-over offered " + lang);

        browser.clickAndWaitForNewPage("#ask-person");
        browser.waitFor("#message");
        assertThat(browser.currentPath()).startsWith("/contact");
        assertThat(browser.find("#message").getAttribute("value"))
                .contains(fi ? "viljelypalstatunnus" : "odlingslottstillstånd")
                .contains(fi ? "Haluan puhua ihmisen kanssa" : "Jag vill tala med en människa")
                .contains("/help");
        browser.assertAccessible("contact form filled in " + lang);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void whileTheChatIsOpenTheConversationContinuesInTheWidget(String lang) {
        boolean fi = lang.equals("fi");
        chat.open(articles.org.agent().id());
        fresh(lang);
        browser.open("/help?lang=" + lang + "&lifeEvent=" + HelpBotArticles.BOATING);
        browser.waitFor("#assistant #question");
        ask(fi ? "Milloin venepaikan vuokrakausi alkaa?" : "När börjar hyresperioden för båtplatsen?");
        until("the answer", () -> lastBotTurn().contains(fi ? "alkaa toukokuussa" : "börjar i maj"));

        browser.clickAndWaitForNewPage("#ask-person");
        assertThat(browser.currentPath()).startsWith("/help/assistant/chat");
        browser.waitFor("#aspa-chat:not([hidden]) .aspa-chat__line--bot");
        until("the transcript in the widget", () -> browser.text("#aspa-chat .aspa-chat__log")
                .contains(fi ? "Milloin venepaikan vuokrakausi alkaa?" : "När börjar hyresperioden för båtplatsen?"));
        until("queue position shown", () -> browser.text("#aspa-chat .aspa-chat__status").contains(fi ? "jonossa" : "i kön"));
        assertThat(browser.text("main")).contains(fi ? "Olet chatin jonossa" : "Du står i chattkön");
        browser.assertAccessible("in the chat queue " + lang);
    }
}
