package fi.aspa.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import fi.aspa.search.SearchIndex;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An agent in Chromium, in Finnish and in Swedish: the case page loads the suggestions (htmx), "Insert" puts the
 * article's text in the customer's language into the reply box in one click after what the agent had written, the
 * reply is sent; then the same without JavaScript's help: the suggestions page and the pre-filled reply form. Every step passes axe (WCAG 2.1 A/AA).
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuggestionsBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired SearchIndex index;
    @Autowired Chatbot bot;
    Browser browser;

    @BeforeAll
    void start() {
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void agentInsertsASuggestedArticleIntoTheReply(String lang) {
        boolean fi = lang.equals("fi");
        Fixtures.Org org = fixtures.organization();
        Articles articles = new Articles().index(index, org.id());
        Language language = fi ? Language.FI : Language.SV;
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Sara Svensson", "sara." + lang + "@example.fi", null, language));
        OpenedCase c = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer,
                fi ? "Jäteastia jäi tyhjentämättä" : "Sopkärlet töms inte",
                fi ? "Jäteastiaamme ei tyhjennetty, milloin jäteastia tyhjennetään?" : "Vårt sopkärl töms inte, när töms sopkärlet?",
                language, null, org.service().id(), null, Set.of(), List.of(), Actor.customer()));
        String expected = fi ? "Sekajäteastia tyhjennetään kahden viikon välein." : "Kärlet för blandavfall töms varannan vecka.";

        browser.driver().manage().deleteAllCookies();
        browser.open("/login?lang=" + lang);
        browser.type("#username", org.agent().username()).type("#password", Fixtures.PASSWORD).click("form.form button[type=submit]");
        browser.waitFor("#queue-filters");

        browser.open("/workspace/cases/" + c.id());
        browser.waitFor("#suggestions-panel");
        assertThat(browser.text("#suggestions-panel")).contains(fi ? "Jäteastian tyhjennys" : "Tömning av sopkärl");
        browser.assertAccessible("case with suggestions " + lang);

        // what the agent had written stays, the article's text comes after it; the page's own live region says so
        String draft = fi ? "Hei Sara, kiitos viestistä." : "Hej Sara, tack för ditt meddelande.";
        WebElement status = browser.find("#suggestion-status");
        browser.type("#reply-body", draft);
        browser.click("#suggestions-panel form[action$='/" + articles.waste + "/insert'] button");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("reply-body")).getDomProperty("value").contains(expected));
        assertThat(browser.find("#reply-body").getDomProperty("value")).startsWith(draft + "\n\n" + expected);
        assertThat(browser.text("#suggestion-status")).isNotBlank();
        assertThat(browser.find("#suggestion-status")).as("the same live region, its contents replaced").isEqualTo(status);
        assertThat(status.getAttribute("role")).isEqualTo("status");
        browser.assertAccessible("article inserted " + lang);
        browser.click("#reply form button[type=submit]");
        browser.waitFor("#notice");
        assertThat(browser.text("#conversation")).contains(draft).contains(expected);

        // Without JavaScript: the panel's own page with plain forms, and the pre-filled reply form.
        browser.open("/workspace/cases/" + c.id() + "/suggestions?lang=" + lang);
        assertThat(browser.text("h1")).contains(c.reference());
        browser.assertAccessible("suggestions page " + lang);
        browser.clickAndWaitForNewPage("#suggestions-panel form[action$='/" + articles.waste + "/insert'] button");
        assertThat(browser.find("#reply-body").getDomProperty("value")).startsWith(expected);
        assertThat(browser.text("#insert-notice")).contains(fi ? "Jäteastian tyhjennys" : "Tömning av sopkärl");
        browser.assertAccessible("pre-filled reply " + lang);
        browser.click("main form button[type=submit]");
        browser.waitFor("#notice");
        assertThat(browser.currentPath()).startsWith("/workspace/cases/" + c.id());
        assertThat(browser.findAll("#conversation .message--outbound")).hasSize(2)
                .allSatisfy(m -> assertThat(m.getText()).contains(expected));

        // The editors' list of what the bot could not answer.
        bot.reply(org.id(), language, fi ? "Saako koiran tuoda uimarannalle?" : "Får hunden följa med till badstranden?", null);
        browser.open("/workspace/bot/unanswered?lang=" + lang);
        assertThat(browser.text("h1")).isEqualTo(fi ? "Vastaamattomat kysymykset" : "Obesvarade frågor");
        assertThat(browser.text("main")).contains(fi ? "Saako koiran tuoda uimarannalle?" : "Får hunden följa med till badstranden?");
        browser.assertAccessible("unanswered questions " + lang);
    }
}
