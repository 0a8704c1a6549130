package fi.aspa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.cases.OpenedCase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An administrator finds the access log from the administration page and from a customer's page, narrows it, makes
 * a mistake in a date and sees the error; a WCAG 2.1 AA scan at every step, in Finnish and Swedish.
 */
@AspaTest
class AdminPagesBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;

    @Test
    void anAdministratorReviewsWhoHasSeenACustomersData() {
        Fixtures.Org org = fixtures.organization();
        StaffUser admin = fixtures.admin(org);
        OpenedCase opened = fixtures.aCase(org, "Pysäköintilupa", "Hei, tarvitsen luvan.");

        try (Browser browser = Browser.start(port)) {
            browser.logIn(null, org.agent().username(), Fixtures.PASSWORD);
            browser.open("/workspace/cases/" + opened.id() + "?lang=fi"); // the agent's view is logged
        }
        try (Browser browser = Browser.start(port)) {
            browser.logIn(null, admin.username(), Fixtures.PASSWORD);
            browser.open("/workspace?lang=fi");
            browser.clickAndWaitForNewPage("#nav-admin");
            browser.assertAccessible("administration fi");
            assertThat(browser.text("h1")).isEqualTo("Ylläpito");

            browser.open("/workspace/customers/" + opened.summary().customerId());
            browser.clickAndWaitForNewPage("#access-log-link");
            browser.assertAccessible("access log of one customer fi");
            assertThat(browser.text("#access-log")).contains(org.agent().displayName(), "Asian käsittely", opened.reference());

            browser.type("#from", "31.02.2026");
            browser.clickAndWaitForNewPage(".filters button[type=submit]");
            browser.waitFor(".error-summary");
            browser.assertAccessible("access log with an error fi");

            browser.open("/workspace/admin/access-log?lang=sv&purpose=case-handling");
            browser.assertAccessible("access log sv");
            assertThat(browser.text("h1")).isEqualTo("Logg över användning av personuppgifter");
            browser.type("#from", "31.02.2026");
            browser.clickAndWaitForNewPage(".filters button[type=submit]");
            browser.waitFor(".error-summary");
            assertThat(browser.title()).startsWith("Fel:");
            browser.assertAccessible("access log with an error sv");
            browser.open("/workspace/admin?lang=sv").assertAccessible("administration sv");

            browser.open("/workspace/customers/" + opened.summary().customerId() + "?lang=sv");
            browser.clickAndWaitForNewPage("#access-log-link");
            browser.assertAccessible("access log of one customer sv");
            assertThat(browser.text("#access-log")).contains(org.agent().displayName(), "Handläggning av ärende", opened.reference());
        }
    }
}
