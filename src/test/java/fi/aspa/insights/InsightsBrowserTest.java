package fi.aspa.insights;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.OpenedCase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A unit manager reads the dashboard in Finnish and in Swedish, types a wrong date and corrects it; a WCAG 2.1 AA
 * scan at every step (the tables with their captions and bars, the form with its error).
 */
@AspaTest
class InsightsBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Cases cases;

    @Test
    void aManagerReadsTheDashboardInFinnishAndSwedish() {
        Fixtures.Org org = fixtures.organization();
        OpenedCase resolved = fixtures.aCase(org, "Katuvalo", "Katuvalo ei toimi.");
        cases.reply(org.id(), resolved.id(), Actor.staff(org.agent().id()), "Korjataan.", null);
        cases.changeStatus(org.id(), resolved.id(), Actor.staff(org.agent().id()), CaseStatus.RESOLVED);
        fixtures.aCase(org, "Roska-astia", "Roska-astia on täynnä.");
        fixtures.awaitSettled(org);

        try (Browser browser = Browser.start(port)) {
            browser.logIn(null, org.manager().username(), Fixtures.PASSWORD);
            browser.open("/workspace?lang=fi");
            browser.clickAndWaitForNewPage("a[href='/workspace/insights']");
            browser.assertAccessible("dashboard fi");
            assertThat(browser.lang()).isEqualTo("fi");
            assertThat(browser.text("h1")).isEqualTo("Asiakaskokemus");
            assertThat(browser.text("#residents-channels")).contains("Verkkolomake", "2", "100 %");
            assertThat(browser.text("#residents-flow")).contains("Ratkaistu jaksolla");

            browser.type("#from", "31.2.2026").type("#to", "1.3.2026");
            browser.clickAndWaitForNewPage("#show");
            browser.waitFor(".error-summary");
            assertThat(browser.title()).startsWith("Virhe:");
            assertThat(browser.find(".error-summary a").getAttribute("href")).endsWith("#from");
            browser.assertAccessible("dashboard error fi");

            browser.open("/workspace/insights?lang=sv&days=90").assertAccessible("dashboard sv");
            assertThat(browser.lang()).isEqualTo("sv");
            assertThat(browser.text("h1")).isEqualTo("Kundupplevelse");
            assertThat(browser.text("#residents-channels")).contains("Webbformulär");
            browser.type("#from", "31.2.2026").type("#to", "1.3.2026");
            browser.clickAndWaitForNewPage("#show");
            browser.waitFor(".error-summary");
            assertThat(browser.title()).startsWith("Fel:");
            browser.assertAccessible("dashboard error sv");
        }
    }
}
