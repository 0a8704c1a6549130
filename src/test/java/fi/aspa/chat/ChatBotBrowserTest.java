package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.assistant.Chatbot;
import fi.aspa.browser.Browser;
import fi.aspa.platform.Language;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchDocument;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The widget with the bot in Chromium, in Finnish and in Swedish: the bot's answer with its source as a link, then
 * asking for a person moves the resident to the queue. Every step passes axe (WCAG 2.1 A/AA). The bot is turned on for
 * the public test organization only for the duration of this class.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatBotBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired fi.aspa.platform.PublicRateLimits limits;
    @Autowired ChatService chat;
    @Autowired Chatbot bot;
    @Autowired SearchIndex index;
    Browser browser;
    Fixtures.Org org;
    String articleId = UUID.randomUUID().toString();
    static final String[][] FILLER = {
            {UUID.randomUUID().toString(), "fi", "Jätehuolto", "Sekajäte kerätään kerran viikossa, biojäte kahden viikon välein."},
            {UUID.randomUUID().toString(), "fi", "Pysäköintitunnus", "Asukaspysäköintitunnusta haetaan verkossa, ja se maksetaan etukäteen."},
            {UUID.randomUUID().toString(), "fi", "Rakennuslupa", "Rakennuslupaa haetaan Lupapisteessä ennen rakentamisen aloittamista."},
            {UUID.randomUUID().toString(), "sv", "Avfallshantering", "Blandavfall hämtas en gång i veckan, bioavfall varannan vecka."},
            {UUID.randomUUID().toString(), "sv", "Parkeringstillstånd", "Boendeparkeringstillstånd söks på nätet och betalas i förväg."},
            {UUID.randomUUID().toString(), "sv", "Bygglov", "Bygglov söks i Lupapiste innan byggandet börjar."}};

    @BeforeAll
    void start() {
        limits.reset(); // the browser starts its chats from 127.0.0.1, the address other browser tests use too
        org = fixtures.publicOrganization();
        bot.setEnabled(org.id(), true);
        index.indexAll(List.of(
                new SearchDocument(articleId, org.id(), DocumentType.ARTICLE, Language.FI, "Uimahallin aukioloajat",
                        "Uimahalli on auki arkisin kello 6–21 ja viikonloppuisin kello 9–18. Kassa sulkeutuu tuntia aiemmin.",
                        List.of(), Map.of(), Visibility.PUBLIC, Instant.now()),
                new SearchDocument(articleId, org.id(), DocumentType.ARTICLE, Language.SV, "Simhallens öppettider",
                        "Simhallen är öppen vardagar klockan 6–21 och veckoslut klockan 9–18. Kassan stänger en timme tidigare.",
                        List.of(), Map.of(), Visibility.PUBLIC, Instant.now())));
        // a few unrelated public pages in each language, so that the bot's confidence (relative to the size of the
        // index) does not depend on what other test classes happened to index into this organization before
        for (String[] page : FILLER) {
            index.indexAll(List.of(new SearchDocument(page[0], org.id(), DocumentType.ARTICLE, Language.parse(page[1]).orElseThrow(),
                    page[2], page[3], List.of(), Map.of(), Visibility.PUBLIC, Instant.now())));
        }
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        bot.setEnabled(org.id(), false);
        index.delete(org.id(), articleId);
        for (String[] page : FILLER) index.delete(org.id(), page[0]);
        browser.close();
    }

    void until(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).withMessage(what).until(d -> condition.getAsBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void theBotAnswersWithItsSourceAndPassesTheResidentToAPerson(String lang) {
        boolean fi = lang.equals("fi");
        chat.setHours(org.id(), OpeningHours.always());
        chat.setAvailable(org.id(), org.agent().id(), true);
        chat.seen(org.id(), org.agent().id());
        browser.driver().manage().deleteAllCookies();

        browser.open("/chat/demo?lang=" + lang);
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("window.sessionStorage.clear()");
        browser.open("/chat/demo?lang=" + lang);
        browser.waitFor("button.aspa-chat-launcher--inline");
        browser.click("button.aspa-chat-launcher--inline");
        browser.waitFor("#aspa-chat:not([hidden]) #aspa-chat-message");
        browser.type("#aspa-chat-name", "Sanna " + lang);
        browser.type("#aspa-chat-message", fi ? "Milloin uimahalli on auki viikonloppuisin?" : "När är simhallen öppen under veckoslut?");
        browser.click("#aspa-chat form button[type=submit]");
        browser.waitFor("#aspa-chat .aspa-chat__line--bot");
        assertThat(browser.text("#aspa-chat .aspa-chat__line--bot .aspa-chat__text"))
                .contains(fi ? "viikonloppuisin kello 9–18" : "veckoslut klockan 9–18");
        assertThat(browser.find("#aspa-chat .aspa-chat__sources a").getText()).isEqualTo(fi ? "Uimahallin aukioloajat" : "Simhallens öppettider");
        assertThat(browser.find("#aspa-chat .aspa-chat__sources a").getAttribute("href")).endsWith("/help/" + articleId);
        assertThat(browser.text("#aspa-chat .aspa-chat__status")).contains(fi ? "Chatbotti vastaa ensin" : "Chattboten svarar först");
        browser.assertAccessible("bot answered " + lang);

        browser.type("#aspa-chat-line", fi ? "Haluan puhua asiakaspalvelijan kanssa" : "Jag vill tala med en människa");
        browser.click("#aspa-chat .aspa-chat__composer button[type=submit]");
        until("handed over", () -> browser.findAll("#aspa-chat .aspa-chat__line--system").stream()
                .anyMatch(e -> e.getText().contains(fi ? "Siirryit jonoon" : "Du står nu i kö")));
        until("queue position shown", () -> browser.text("#aspa-chat .aspa-chat__status").contains(fi ? "jonossa" : "i kön"));
        browser.assertAccessible("bot handed over " + lang);
        // Leave the shared public organization's queue as it was for the other chat journeys.
        chat.waiting(org.id()).forEach(chat::residentEnd);
    }
}
