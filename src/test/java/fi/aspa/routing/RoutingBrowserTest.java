package fi.aspa.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In a real Chromium, in Finnish and Swedish, every step scanned with axe: an administrator adds a rule (an empty
 * form first, then a preview, then save) and moves it; an agent routes a case from triage in one click and then
 * corrects its service on the case page.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Staff staff;
    @Autowired Catalogue catalogue;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired Routing routing;
    @Autowired RuleStore rules;
    Browser browser;

    @BeforeAll
    void start() {
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    void login(String username, String lang) {
        browser.driver().manage().deleteAllCookies();
        browser.open("/login?lang=" + lang);
        browser.type("#username", username).type("#password", Fixtures.PASSWORD).click("form.form button[type=submit]");
        browser.waitFor("main");
    }

    OpenedCase open(Fixtures.Org org, String subject, String body, UUID unit) {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, Language.FI));
        return cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, subject, body, Language.FI, null, unit, null,
                Set.of(), List.of(), Actor.customer()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void anAdministratorAddsPreviewsAndOrdersRules(String lang) {
        boolean fi = lang.equals("fi");
        Fixtures.Org org = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        StaffUser admin = staff.createWithHash(org.id(), org.service().id(), org.organization().slug() + "-admin", "Anna Admin",
                "admin@" + org.organization().slug() + ".fi", staff.hash(Fixtures.PASSWORD), EnumSet.of(Role.ADMIN), Language.FI);
        OpenedCase hole = open(org, "Kuoppa kadulla", "Syvä kuoppa.", org.service().id());
        open(org, "Roskia", "Puistossa roskia.", org.service().id());

        login(admin.username(), lang);
        browser.open("/workspace/admin/routing");
        assertThat(browser.text("h1")).isEqualTo(fi ? "Ohjaussäännöt" : "Dirigeringsregler");
        browser.assertAccessible("rules, empty " + lang);

        assertThat(browser.find("#add-rule").getAttribute("href")).endsWith("/workspace/admin/routing/new");
        browser.open("/workspace/admin/routing/new");
        browser.assertAccessible("new rule " + lang);
        browser.clickAndWaitForNewPage("#save-button");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.find("#name").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#serviceId").getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible("new rule with errors " + lang);

        browser.type("#name", "Kuopat").type("#keywords", "kuoppa");
        new Select(browser.find("#unitId")).selectByValue(org.building().id().toString());
        browser.clickAndWaitForNewPage("#preview-button");
        assertThat(browser.text("#preview-count")).contains(fi ? "1 asiaan viimeisistä 2" : "1 av de senaste 2");
        assertThat(browser.text("#preview-samples")).contains(hole.reference());
        browser.assertAccessible("preview " + lang);
        assertThat(rules.list(org.id())).isEmpty();

        browser.clickAndWaitForNewPage("#save-button");
        assertThat(browser.currentPath()).startsWith("/workspace/admin/routing");
        assertThat(browser.text("#notice")).contains("Kuopat");
        browser.assertAccessible("rules, one " + lang);

        assertThat(browser.find("#add-rule").getAttribute("href")).endsWith("/workspace/admin/routing/new");
        browser.open("/workspace/admin/routing/new");
        browser.type("#name", "Sähköposti");
        new Select(browser.find("#channel")).selectByValue("EMAIL");
        new Select(browser.find("#unitId")).selectByValue(org.service().id().toString());
        browser.clickAndWaitForNewPage("#save-button");
        assertThat(browser.findAll("table tbody tr")).hasSize(2);

        browser.clickAndWaitForNewPage("table tbody tr:nth-child(2) form[action$='/move'] button");
        assertThat(rules.list(org.id())).extracting(RoutingRule::name).containsExactly("Sähköposti", "Kuopat");
        assertThat(browser.text("table tbody tr:first-child")).contains("Sähköposti");
        browser.assertAccessible("rules, moved " + lang);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void anAgentRoutesFromTriageAndCorrectsOnTheCasePage(String lang) {
        boolean fi = lang.equals("fi");
        Fixtures.Org org = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        OpenedCase vague = open(org, "Kysymys " + lang, "Hei, voisitteko auttaa?", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> !routing.decisions(org.id(), vague.id()).isEmpty());

        login(org.agent().username(), lang);
        browser.open("/workspace/triage");
        assertThat(browser.text("h1")).isEqualTo(fi ? "Luokittelu" : "Sortering");
        assertThat(browser.text("#case-" + vague.id())).contains(vague.reference());
        browser.assertAccessible("triage " + lang);

        String firstSuggestion = browser.find("#case-" + vague.id() + " button.suggestion").getAttribute("value");
        browser.clickAndWaitForNewPage("#case-" + vague.id() + " button.suggestion");
        assertThat(browser.text("#notice")).contains(vague.reference());
        browser.assertAccessible("triage, routed " + lang);
        assertThat(routing.decisions(org.id(), vague.id()).getFirst().serviceId()).isEqualTo(UUID.fromString(firstSuggestion));

        browser.open("/workspace/cases/" + vague.id());
        browser.assertAccessible("case with its service " + lang);
        String other = catalogue.byOpen311Code(org.id(), "176").orElseThrow().id().toString();
        if (other.equals(firstSuggestion)) other = catalogue.byOpen311Code(org.id(), "198").orElseThrow().id().toString();
        browser.clickAndWaitForNewPage("form[action$='/service'] button[type=submit]");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        browser.assertAccessible("case, service not chosen " + lang);
        new Select(browser.find("#routing-service")).selectByValue(other);
        browser.clickAndWaitForNewPage("form[action$='/service'] button[type=submit]");
        assertThat(browser.text("#notice")).isNotBlank();
        assertThat(routing.decisions(org.id(), vague.id()).getFirst().serviceId()).isEqualTo(UUID.fromString(other));
        browser.assertAccessible("case, service corrected " + lang);
    }
}
