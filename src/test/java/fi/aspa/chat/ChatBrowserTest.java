package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.platform.Language;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The widget on the demo host page and the agent console in a real Chromium, in Finnish and in Swedish: the resident
 * opens the chat from the page's contact link, writes; the agent takes the chat in the console and answers over the
 * socket; the resident sees the answer; the agent ends the chat; closed, the widget is a contact form. An agent with
 * several chats sees which of the others have new lines, through the panel's redraws and from page to page, hears
 * them and the queue's length announced, and has the count in the page title. Every step passes the axe WCAG 2.1
 * A/AA scan.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired fi.aspa.platform.PublicRateLimits limits;
    @Autowired ChatService chat;
    Browser browser;

    @BeforeAll
    void start() {
        limits.reset(); // the browser starts its chats from 127.0.0.1, the address other browser tests use too
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    void until(String what, java.util.function.BooleanSupplier condition) {
        // The console redraws its panel whenever the queue moves: an element read while it is being swapped is stale,
        // which is not an answer yet
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> condition.getAsBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void residentChatsInTheWidgetAndTheAgentAnswersInTheConsole(String lang) {
        boolean fi = lang.equals("fi");
        Fixtures.Org org = fixtures.publicOrganization();
        chat.setHours(org.id(), OpeningHours.always());
        chat.setAvailable(org.id(), org.agent().id(), true);
        // the agent takes the first chat in the shared public organization's queue: it must be this journey's, whatever
        // another test (or an earlier run of this one) left waiting there
        chat.waiting(org.id()).forEach(chat::residentEnd);
        browser.driver().manage().deleteAllCookies();
        String residentTab = browser.driver().getWindowHandle();

        browser.open("/chat/demo?lang=" + lang);
        browser.waitFor("button.aspa-chat-launcher--inline");
        assertThat(browser.lang()).isEqualTo(lang);
        assertThat(browser.text("button.aspa-chat-launcher--inline")).isEqualTo(fi ? "Kysy chatissa" : "Fråga i chatten");
        browser.assertAccessible("demo page " + lang);

        browser.click("button.aspa-chat-launcher--inline");
        browser.waitFor("#aspa-chat:not([hidden]) #aspa-chat-message");
        assertThat(browser.find("button.aspa-chat-launcher--inline").getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).as("focus moves into the panel").isEqualTo("aspa-chat-name");
        browser.assertAccessible("widget start " + lang);

        browser.type("#aspa-chat-name", "Sanna " + lang);
        String question = fi ? "Hei! Milloin uimahalli aukeaa?" : "Hej! När öppnar simhallen?";
        browser.type("#aspa-chat-message", question);
        browser.click("#aspa-chat form button[type=submit]");
        browser.waitFor("#aspa-chat .aspa-chat__line--resident[data-seq]");
        assertThat(browser.text("#aspa-chat .aspa-chat__line--resident .aspa-chat__text")).isEqualTo(question);
        browser.waitFor("#aspa-chat [role=log][aria-live=polite]");
        until("queue position shown", () -> browser.text("#aspa-chat .aspa-chat__status").contains(fi ? "jonossa" : "i kön"));
        browser.assertAccessible("widget waiting " + lang);

        browser.driver().switchTo().newWindow(WindowType.TAB);
        String agentTab = browser.driver().getWindowHandle();
        browser.open("/login?lang=" + lang);
        browser.type("#username", org.agent().username()).type("#password", Fixtures.PASSWORD).click("form.form button[type=submit]");
        browser.waitFor("#queue-filters");
        browser.click("a[href='/workspace/chat']");
        browser.waitFor("#queue-title");
        assertThat(browser.text("h1")).isEqualTo(fi ? "Chat-konsoli" : "Chattkonsol");
        assertThat(browser.text("#chat-panel")).contains("Sanna " + lang).contains(question);
        browser.assertAccessible("console queue " + lang);

        browser.click("#chat-panel button[id^='take-']");
        browser.waitFor("#reply-body");
        assertThat(browser.text("#notice")).isEqualTo(fi ? "Otit keskustelun." : "Du tog samtalet.");
        assertThat(browser.text("#chat-log")).contains(question);
        assertThat(browser.text("#customer-title")).isEqualTo(fi ? "Asiakas" : "Kund");
        browser.assertAccessible("console conversation " + lang);

        String answer = fi ? "Hei Sanna! Kello kuusi." : "Hej Sanna! Klockan sex.";
        browser.find("#reply-body").sendKeys(answer);
        browser.find("#reply-body").sendKeys(Keys.ENTER);
        until("the reply in the console's log", () -> browser.findAll("#chat-log .chat-line--agent").stream()
                .anyMatch(li -> li.getText().contains(answer)));
        assertThat(browser.find("#reply-body").getAttribute("value")).isEmpty();
        browser.assertAccessible("console replied " + lang);

        browser.driver().switchTo().window(residentTab);
        until("the reply in the widget", () -> browser.findAll("#aspa-chat .aspa-chat__line--agent .aspa-chat__text").stream()
                .anyMatch(e -> e.getText().equals(answer)));
        assertThat(browser.text("#aspa-chat .aspa-chat__line--system")).contains(fi ? "liittyi keskusteluun" : "anslöt till samtalet");
        browser.assertAccessible("widget answered " + lang);

        browser.driver().switchTo().window(agentTab);
        browser.click("#close-chat");
        until("back on the console after closing", () -> browser.currentPath().equals("/workspace/chat"));
        browser.waitFor("#notice");
        assertThat(browser.text("#notice")).isEqualTo(fi ? "Keskustelu päätettiin." : "Samtalet avslutades.");
        browser.assertAccessible("console closed " + lang);
        browser.driver().close();

        browser.driver().switchTo().window(residentTab);
        until("the end in the widget", () -> browser.findAll("#aspa-chat [data-event=closed]").size() == 1);
        assertThat(browser.text("#aspa-chat .aspa-chat__status")).contains(fi ? "Asiasi tunnus" : "Ditt ärendenummer");
        browser.assertAccessible("widget ended " + lang);

        chat.setHours(org.id(), ChatOfflineTest.closedToday());
        browser.open("/chat/demo?lang=" + lang);
        browser.waitFor("button.aspa-chat-launcher--inline");
        browser.click("button.aspa-chat-launcher--inline");
        browser.waitFor("#aspa-chat:not([hidden]) #aspa-chat-phone");
        assertThat(browser.text("#aspa-chat .aspa-chat__subtitle")).isEqualTo(fi ? "Chat on nyt suljettu" : "Chatten är stängd nu");
        browser.assertAccessible("widget closed form " + lang);
        browser.click("#aspa-chat form button[type=submit]");
        browser.waitFor("#aspa-chat .aspa-chat__error:not([hidden])");
        assertThat(browser.find("#aspa-chat-message").getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible("widget closed form error " + lang);
        browser.type("#aspa-chat-message", fi ? "Soittakaa minulle huomenna." : "Ring mig i morgon.");
        browser.type("#aspa-chat-phone", "040 123 4567");
        browser.click("#aspa-chat form button[type=submit]");
        browser.waitFor("#aspa-chat .aspa-chat__thanks");
        assertThat(browser.text("#aspa-chat .aspa-chat__thanks")).contains("ASPA-");
        browser.assertAccessible("widget message left " + lang);
        assertThat(browser.driver().findElements(By.cssSelector("#aspa-chat a[href*='/contact']"))).isEmpty();
    }

    /**
     * Posts from the page (so from the browser's own address) until the first 429 and returns how many were accepted.
     * With {@code line}, the widget's composer then sends that line at once, while the page goes on using up the
     * allowance for {@code holdMs} (it refills gradually), so that the widget meets the limit for a while whatever the
     * machine's speed.
     */
    long postUntil429(String path, String token, String body, String line, int holdMs) {
        return (Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                var done = arguments[arguments.length - 1], path = arguments[0], token = arguments[1], body = arguments[2],
                    line = arguments[3], holdMs = arguments[4], n = 0;
                function post(i) {
                  var headers = { 'Content-Type': 'application/json' };
                  if (token) headers['X-Aspa-Chat-Token'] = token;
                  return fetch(path, { method: 'POST', headers: headers, body: body.split('#').join(String(i)) });
                }
                function hold(until, i) {
                  if (Date.now() < until) post(i).then(function () { setTimeout(function () { hold(until, i + 1); }, 200); });
                }
                function next() {
                  post(n).then(function (r) {
                    if (r.status !== 429 && n < 100) { n++; next(); return; }
                    if (line) {
                      document.getElementById('aspa-chat-line').value = line;
                      document.querySelector('#aspa-chat .aspa-chat__composer').requestSubmit();
                      hold(Date.now() + holdMs, 1000);
                    }
                    done(n);
                  });
                }
                next();
                """, path, token, body, line, holdMs);
    }

    /**
     * Over an allowance the widget says so in words: starting a chat too often from one address shows the message on
     * the start form; a line over the chat's allowance stays "sending" with the message and goes when there is room.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void overItsAllowancesTheWidgetSaysSoAndSendsTheLineWhenThereIsRoom(String lang) {
        boolean fi = lang.equals("fi");
        Fixtures.Org org = fixtures.publicOrganization();
        chat.setHours(org.id(), OpeningHours.always());
        chat.setAvailable(org.id(), org.agent().id(), true);
        limits.reset();
        browser.driver().manage().deleteAllCookies();
        browser.open("/chat/demo?lang=" + lang);
        // not the chat an earlier run left open (its resume token is in the tab's session storage)
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("sessionStorage.clear()");
        browser.open("/chat/demo?lang=" + lang);
        browser.waitFor("button.aspa-chat-launcher--inline");
        browser.click("button.aspa-chat-launcher--inline");
        browser.waitFor("#aspa-chat:not([hidden]) #aspa-chat-message");
        assertThat(postUntil429("/chat/api/sessions", null, "{\"organization\": \"" + org.organization().slug() + "\", \"lang\": \"" + lang + "\"}",
                null, 0)).isGreaterThanOrEqualTo(10);

        browser.type("#aspa-chat-message", fi ? "Onko uimahalli auki?" : "Är simhallen öppen?");
        browser.click("#aspa-chat form button[type=submit]");
        browser.waitFor("#aspa-chat .aspa-chat__error:not([hidden])");
        assertThat(browser.text("#aspa-chat .aspa-chat__error")).isEqualTo(fi
                ? "Tästä osoitteesta on aloitettu liian monta keskustelua lyhyessä ajassa. Yritä muutaman minuutin kuluttua uudelleen tai käytä yhteydenottolomaketta."
                : "För många chattar har startats från den här adressen på kort tid. Försök igen om några minuter eller använd kontaktformuläret.");
        assertThat(browser.find("#aspa-chat .aspa-chat__error").getAttribute("role")).isEqualTo("alert");
        assertThat(browser.find("#aspa-chat-message").getAttribute("value")).as("what was written is kept").isNotEmpty();
        browser.assertAccessible("widget too many chats " + lang);

        limits.reset();
        browser.click("#aspa-chat form button[type=submit]");
        browser.waitFor("#aspa-chat .aspa-chat__line--resident[data-seq]");
        String token = (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("""
                for (var i = 0; i < sessionStorage.length; i++) {
                  var k = sessionStorage.key(i);
                  if (k.indexOf('aspa-chat:') === 0) return sessionStorage.getItem(k);
                }
                return null;""");
        String line = fi ? "Vielä yksi kysymys" : "En fråga till";
        assertThat(postUntil429("/chat/api/session/messages", token, "{\"clientId\": \"x-#\", \"body\": \"Rivi #\"}", line, 6000))
                .isGreaterThanOrEqualTo(29);
        until("the message over the chat's allowance", () -> browser.text("#aspa-chat .aspa-chat__composer .aspa-chat__error")
                .equals(fi ? "Lähetät viestejä liian tiheään. Odota hetki." : "Du skickar meddelanden för tätt. Vänta en stund."));
        browser.assertAccessible("widget slow down " + lang);
        until("the line sent when there is room", () -> browser.findAll("#aspa-chat .aspa-chat__line--resident[data-seq]").stream()
                .anyMatch(li -> li.getText().contains(line)));
        until("the message gone", () -> !browser.find("#aspa-chat .aspa-chat__composer .aspa-chat__error").isDisplayed());
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("sessionStorage.clear()");
        limits.reset();
        // leave the shared public organization's queue as it was: this chat is still waiting there
        chat.waiting(org.id()).forEach(chat::residentEnd);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void otherChatsStayUnreadAcrossRedrawsAndNewLinesAreAnnounced(String lang) {
        boolean fi = lang.equals("fi");
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.always());
        chat.setAvailable(org.id(), org.agent().id(), true);
        ChatService.Started aino = taken(org, "Aino " + lang);
        ChatService.Started bertta = taken(org, "Bertta " + lang);
        ChatService.Started cecilia = taken(org, "Cecilia " + lang);
        browser.driver().manage().deleteAllCookies();
        browser.logIn(lang, org.agent().username(), Fixtures.PASSWORD);

        browser.open("/workspace/chat/" + aino.sessionId());
        browser.waitFor("#chat-log");
        String title = browser.title();
        assertThat(title).doesNotStartWith("(");
        assertThat(browser.findAll("#chat-panel .chat-unread:not([hidden])")).isEmpty();
        assertThat(announced()).isEmpty();

        // A line in a chat that is not the open one: the badge, the announcement, the count in the title.
        says(bertta, "Vielä yksi asia");
        until("Bertta's chat marked unread", () -> unread(bertta));
        until("the new line announced", () -> announced().equals((fi ? "Uusi viesti: " : "Nytt meddelande: ") + "Bertta " + lang));
        assertThat(browser.title()).isEqualTo("(1) " + title);
        browser.assertAccessible("console unread " + lang);

        // The queue changes: the panel is redrawn, and the chat is still unread.
        ChatService.Started daniel = chat.start(org.id(), Language.FI, "Daniel " + lang, null);
        says(daniel, "Hei, onko joku paikalla?");
        until("the panel redrawn with the new queue", () -> browser.text("#chat-panel").contains("Daniel " + lang));
        assertThat(unread(bertta)).as("Bertta's chat still marked unread after the redraw").isTrue();
        assertThat(unread(cecilia)).isFalse();
        assertThat(browser.title()).isEqualTo("(1) " + title);
        until("the queue announced", () -> announced().equals(fi ? "Jonossa 1 keskustelu" : "1 samtal i kön"));
        browser.assertAccessible("console redrawn " + lang);

        says(cecilia, "Kiitos odotuksesta");
        until("two unread chats in the title", () -> browser.title().equals("(2) " + title));

        // Away from the console while Aino writes, then back in Bertta's chat: Bertta's is read, Cecilia's still
        // unread, and Aino's line, which came meanwhile, is caught up and marked.
        browser.open("/workspace");
        says(aino, "Oletteko vielä siellä?");
        browser.open("/workspace/chat/" + bertta.sessionId());
        browser.waitFor("#chat-log");
        assertThat(browser.text("#chat-log")).contains("Vielä yksi asia");
        assertThat(unread(bertta)).as("the open chat is read").isFalse();
        assertThat(unread(cecilia)).as("Cecilia's chat still unread on the next page").isTrue();
        until("Aino's line while away marked", () -> unread(aino));
        assertThat(browser.title()).isEqualTo("(2) " + title);
        until("Aino's line announced", () -> announced().equals((fi ? "Uusi viesti: " : "Nytt meddelande: ") + "Aino " + lang));
        browser.assertAccessible("console other chat opened " + lang);

        openFromPanel(cecilia);
        openFromPanel(aino);
        assertThat(browser.findAll("#chat-panel .chat-unread:not([hidden])")).isEmpty();
        assertThat(browser.title()).isEqualTo(title);
    }

    /** A chat whose resident has written one line, taken by the organization's agent. */
    ChatService.Started taken(Fixtures.Org org, String name) {
        ChatService.Started started = chat.start(org.id(), Language.FI, name, null);
        says(started, "Kysymys");
        chat.take(org.id(), org.agent().id(), started.sessionId());
        return started;
    }

    void says(ChatService.Started chat, String line) {
        this.chat.residentSend(this.chat.byToken(chat.token()).orElseThrow(), UUID.randomUUID().toString(), line, "127.0.0.1");
    }

    /** Opens a chat from the panel; a link found just before the panel was redrawn is stale, so it is found again. */
    void openFromPanel(ChatService.Started chat) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    browser.clickAndWaitForNewPage("#chat-panel [data-session='" + chat.sessionId() + "'] a");
                    return true;
                });
    }

    boolean unread(ChatService.Started chat) {
        return !browser.findAll("#chat-panel [data-session='" + chat.sessionId() + "'] .chat-unread:not([hidden])").isEmpty();
    }

    String announced() {
        return browser.find("#chat-announcer").getDomProperty("textContent");
    }
}
