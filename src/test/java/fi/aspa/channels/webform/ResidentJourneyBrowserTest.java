package fi.aspa.channels.webform;

import fi.aspa.platform.PublicRateLimits;
import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.platform.Language;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A resident's whole journey in a real browser, in Finnish and in Swedish, with a WCAG 2.1 A/AA scan at every
 * step: front page, contact form with errors, sending, the thank-you page, the tracking page, an agent's answer,
 * and the resident's reply that reopens the case.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResidentJourneyBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Cases cases;
    @Autowired
    PublicRateLimits limits;
    Fixtures.Org org;
    Browser browser;

    @BeforeAll
    void start() {
        org = fixtures.publicOrganization();
        limits.reset();
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void residentContactsFollowsTheCaseAndAnswers(String lang) {
        boolean fi = lang.equals("fi");

        browser.open("/?lang=" + lang).assertAccessible("front page " + lang);
        assertThat(browser.lang()).isEqualTo(lang);
        assertThat(browser.text("h1")).contains(org.organization().name().in(Language.parse(lang).orElseThrow()));
        assertThat(browser.find("main a[href='/accessibility']").isDisplayed()).isTrue();

        browser.click("main a[href='/contact']");
        browser.waitFor("form[action='/contact']");
        browser.assertAccessible("contact form " + lang);
        assertThat(browser.title()).startsWith(fi ? "Ota yhteyttä" : "Kontakta oss");
        assertThat(browser.find("#language-" + lang).isSelected()).as("answer language defaults to the page language").isTrue();

        browser.click("#send");
        browser.waitFor(".error-summary");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.text(".error-summary")).contains(fi ? "Kirjoita nimesi" : "Skriv ditt namn")
                .contains(fi ? "Kirjoita viesti" : "Skriv ett meddelande");
        assertThat(browser.find("#name").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#message").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#email").getAttribute("aria-invalid")).isNull();
        browser.assertAccessible("contact form errors " + lang);

        String message = (fi ? "Leikkipuiston keinu on rikki. " : "Gungan i lekparken är trasig. ") + UUID.randomUUID();
        browser.type("#name", fi ? "Maija Meikäläinen" : "Majken Mattsson")
                .type("#email", "asukas@example.fi")
                .type("#message", message);
        browser.click("#topic option[value='streets-parks']");
        browser.click("#send");
        browser.waitFor("#reference");
        browser.assertAccessible("thank-you page " + lang);
        assertThat(browser.title()).startsWith(fi ? "Viesti on lähetetty" : "Meddelandet har skickats");
        String reference = browser.text("#reference");
        assertThat(reference).matches("ASPA-\\d{4}-\\d{6}");
        UUID caseId = cases.idByReference(org.id(), reference).orElseThrow();
        CaseDetail opened = cases.detail(org.id(), caseId).orElseThrow();
        assertThat(opened.summary().channel()).isEqualTo(Channel.WEB_FORM);
        assertThat(opened.summary().language()).isEqualTo(Language.parse(lang).orElseThrow());
        assertThat(opened.topic()).isEqualTo("streets-parks");
        assertThat(opened.messages().getFirst().body()).isEqualTo(message);

        browser.click("#tracking-link");
        browser.waitFor("#case-status");
        browser.assertAccessible("tracking page " + lang);
        assertThat(browser.currentPath()).startsWith("/track/");
        assertThat(browser.text("#case-reference")).isEqualTo(reference);
        assertThat(browser.text("#case-status")).isEqualTo(fi ? "Vastaanotettu" : "Mottaget");
        assertThat(browser.text(".conversation")).contains(message);

        String answer = fi ? "Kiitos ilmoituksesta! Keinu on korjattu." : "Tack för anmälan! Gungan är lagad.";
        cases.reply(org.id(), caseId, Actor.staff(org.agent().id()), answer, CaseStatus.RESOLVED);
        cases.addNote(org.id(), caseId, Actor.staff(org.agent().id()), "Sisäinen: tarkistettu paikan päällä");
        browser.driver().navigate().refresh();
        browser.waitFor(".message--staff");
        browser.assertAccessible("tracking page with an answer " + lang);
        assertThat(browser.text(".message--staff")).contains(answer);
        assertThat(browser.text("main")).doesNotContain("Sisäinen: tarkistettu");
        assertThat(browser.text("#case-status")).isEqualTo(fi ? "Ratkaistu" : "Löst");

        String reply = fi ? "Keinu natisee vieläkin." : "Gungan gnisslar fortfarande.";
        browser.type("#reply-message", reply).click("#reply-send");
        browser.waitFor(".notice[role=status]");
        browser.assertAccessible("reply sent " + lang);
        assertThat(browser.text(".notice")).isEqualTo(fi ? "Vastauksesi on lähetetty." : "Ditt svar har skickats.");
        assertThat(browser.text("#case-status")).isEqualTo(fi ? "Käsittelyssä" : "Under behandling");

        CaseDetail after = cases.detail(org.id(), caseId).orElseThrow();
        assertThat(after.summary().status()).as("the resident's answer reopens the case").isEqualTo(CaseStatus.OPEN);
        assertThat(after.messages()).filteredOn(m -> m.kind() == MessageKind.INBOUND).extracting(m -> m.body())
                .containsExactly(message, reply);
    }
}
