package fi.aspa.insights;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A unit manager goes from the dashboard to the unit's improvement targets, adds one (first with a wrong date, then
 * right), starts it and reads its history; a WCAG 2.1 AA scan of the list, the form with its error and the target's
 * page, in Finnish and in Swedish.
 */
@AspaTest
class ImprovementTargetsBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    @Test
    void aManagerNamesATargetFromTheDashboardAndStartsIt() {
        Fixtures.Org org = fixtures.organization();
        try (Browser browser = Browser.start(port)) {
            browser.logIn(null, org.manager().username(), Fixtures.PASSWORD);
            browser.open("/workspace/insights?lang=fi");
            assertThat(browser.text("#targets-counts")).isEqualTo("Avoimia kehittämiskohteita: 0. Niistä myöhässä: 0.");
            browser.clickAndWaitForNewPage("#targets-link");
            assertThat(browser.currentPath()).isEqualTo("/workspace/insights/targets");
            assertThat(browser.text("h1")).isEqualTo("Kehittämiskohteet");
            browser.assertAccessible("targets fi, empty");

            browser.type("#title", "Nopeampi ensimmäinen vastaus").type("#description", "Jaetaan sähköpostijono vuoroihin.");
            new Select(browser.find("#figure")).selectByValue("first-reply");
            new Select(browser.find("#owner")).selectByValue(org.agent().id().toString());
            browser.type("#due", "31.2.2099");
            browser.clickAndWaitForNewPage("#add");
            browser.waitFor(".error-summary");
            assertThat(browser.title()).startsWith("Virhe:");
            assertThat(browser.find(".error-summary a").getAttribute("href")).endsWith("#due");
            assertThat(browser.find("#title").getAttribute("value")).as("nothing lost").isEqualTo("Nopeampi ensimmäinen vastaus");
            browser.assertAccessible("targets fi, error");

            browser.type("#due", "1.1.2020");
            browser.clickAndWaitForNewPage("#add");
            assertThat(browser.text("h1")).isEqualTo("Nopeampi ensimmäinen vastaus");
            assertThat(browser.text("#target-due")).isEqualTo("1.1.2020 myöhässä");
            assertThat(browser.text("#target-owner")).isEqualTo(org.agent().displayName());
            browser.assertAccessible("target fi");

            new Select(browser.find("#status")).selectByValue("IN_PROGRESS");
            browser.clickAndWaitForNewPage("#save");
            assertThat(browser.text("#saved")).isEqualTo("Muutokset tallennettu.");
            assertThat(browser.text("#target-status")).isEqualTo("Käynnissä");
            assertThat(browser.text("#history")).contains("Tila: Suunniteltu → Käynnissä.", org.manager().displayName());
            browser.assertAccessible("target fi, saved");

            String target = browser.currentPath();
            browser.open(target + "?lang=sv").assertAccessible("target sv");
            assertThat(browser.lang()).isEqualTo("sv");
            assertThat(browser.text("#history")).contains("Status: Planerat → Pågår.");
            browser.clickAndWaitForNewPage("#targets-link");
            browser.assertAccessible("targets sv");
            assertThat(browser.text("h1")).isEqualTo("Utvecklingsmål");
            assertThat(browser.text("#targets")).contains("Nopeampi ensimmäinen vastaus", "försenat", "Pågår");
            assertThat(browser.text("#target-counts")).isEqualTo("Öppna utvecklingsmål: 1. Av dem försenade: 1.");
            browser.clickAndWaitForNewPage("#dashboard-link");
            assertThat(browser.text("#targets-counts")).isEqualTo("Öppna utvecklingsmål: 1. Av dem försenade: 1.");
        }
    }
}
