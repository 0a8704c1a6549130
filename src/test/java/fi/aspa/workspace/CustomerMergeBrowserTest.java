package fi.aspa.workspace;

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
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One person wrote on the web form and in the chat and became two customers. In a real Chromium, in Finnish and in
 * Swedish: the agent sees the duplicate suggestion in the case view, compares the two, fails to merge without a
 * reason, merges, and the customer page's timeline shows both channels with their icons; the merge is in the log.
 * Every step passes the axe WCAG 2.1 A/AA scan.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerMergeBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
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
    void agentMergesTheDuplicateSuggestedInTheCaseView(String lang) {
        boolean fi = lang.equals("fi");
        Fixtures.Org org = fixtures.organization();
        String mail = "tuplat." + lang + "." + UUID.randomUUID().toString().substring(0, 6) + "@example.fi";
        UUID web = customers.resolve(org.id(), ContactDetails.resident("Tuula Tuplanen", mail, null, Language.FI));
        UUID chat = customers.resolve(org.id(), ContactDetails.resident("Tuula T", mail, null, Language.FI));
        OpenedCase webCase = cases.open(org.id(), new NewCase(Channel.WEB_FORM, web, "Pysäköintilupa", "Miten haen pysäköintiluvan?",
                Language.FI, null, org.service().id(), null, Set.of(), List.of(), Actor.customer()));
        OpenedCase chatCase = cases.open(org.id(), new NewCase(Channel.CHAT, chat, "Pysäköinti chatissa", "Kysyin jo lomakkeella luvasta.",
                Language.FI, null, org.service().id(), null, Set.of(), List.of(), Actor.customer()));

        browser.driver().manage().deleteAllCookies();
        browser.open("/login?lang=" + lang);
        browser.type("#username", org.agent().username()).type("#password", Fixtures.PASSWORD).click("form.form button[type=submit]");
        browser.waitFor("#queue-filters");

        browser.open("/workspace/cases/" + webCase.id());
        assertThat(browser.text("#customer-duplicates")).contains("Tuula T")
                .contains(fi ? "sama sähköpostiosoite" : "samma e-postadress");
        browser.assertAccessible("case view with duplicate " + lang);

        browser.clickAndWaitForNewPage("#customer-duplicates a");
        assertThat(browser.currentPath()).startsWith("/workspace/customers/" + web + "/merge?from=" + chat);
        assertThat(browser.text("h1")).isEqualTo(fi ? "Asiakkaiden yhdistäminen" : "Slå ihop kunder");
        assertThat(browser.text("#merge-from")).contains("Tuula T").contains(mail);
        assertThat(browser.text("#merge-into")).contains("Tuula Tuplanen");
        browser.assertAccessible("merge review " + lang);

        browser.clickAndWaitForNewPage("#merge-submit");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.find("#merge-reason").getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible("merge without a reason " + lang);

        browser.type("#merge-reason", fi ? "Sama sähköposti ja nimi" : "Samma e-post och namn");
        browser.clickAndWaitForNewPage("#merge-submit");
        assertThat(browser.currentPath()).isEqualTo("/workspace/customers/" + web);
        assertThat(browser.text("#notice")).isEqualTo(fi ? "Asiakkaat yhdistettiin." : "Kunderna slogs ihop.");
        String timeline = browser.text("#timeline");
        assertThat(timeline).contains("Pysäköintilupa").contains("Pysäköinti chatissa")
                .contains(fi ? "Verkkolomake" : "Webbformulär").contains(fi ? "Chat" : "Chatt");
        assertThat(browser.findAll("#timeline svg.channel-icon[aria-hidden=true]")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.text("#merges")).contains(fi ? "Sama sähköposti ja nimi" : "Samma e-post och namn").contains("Tuula T");
        assertThat(browser.text("#duplicates")).contains(fi ? "Mahdollisia kaksoiskappaleita ei löytynyt." : "Inga möjliga dubbletter hittades.");
        browser.assertAccessible("customer page after merge " + lang);

        // a long chat later: the page says it shows the newest, and the older messages are a plain link away
        for (int i = 1; i <= CustomerController.TIMELINE_LENGTH; i++) {
            cases.addCustomerMessage(org.id(), chatCase.id(), "Rivi " + i, Channel.CHAT, List.of());
        }
        browser.open("/workspace/customers/" + web);
        assertThat(browser.text("#timeline-paging")).isEqualTo(fi
                ? "Näytetään 200 uusinta viestiä. Vanhemmat ovat seuraavalla sivulla."
                : "De 200 senaste meddelandena visas. De äldre finns på nästa sida.");
        assertThat(browser.text("#timeline")).doesNotContain("Pysäköintilupa");
        browser.assertAccessible("customer page, newest messages " + lang);
        browser.clickAndWaitForNewPage("#timeline-older");
        assertThat(browser.currentPath()).startsWith("/workspace/customers/" + web + "?before=");
        assertThat(browser.text("#timeline")).contains("Pysäköintilupa").contains(webCase.reference());
        assertThat(browser.findAll("#timeline-older")).isEmpty();
        assertThat(browser.text("#timeline-newest")).isEqualTo(fi ? "Uusimmat viestit" : "Senaste meddelandena");
        browser.assertAccessible("customer page, older messages " + lang);
    }
}
