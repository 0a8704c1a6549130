package fi.aspa.insights;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.identity.StaffUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An administrator finds the network setting from the administration index, is told the comparison needs sharing,
 * shares by name, and compares (first with a wrong date, then the default period); a WCAG 2.1 AA scan of the setting,
 * the explanation, the comparison and its error, in Finnish and in Swedish.
 */
@AspaTest
class NetworkBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    @Test
    void anAdministratorSharesAndCompares() {
        Fixtures.Org org = fixtures.organization();
        StaffUser admin = fixtures.admin(org);
        try (Browser browser = Browser.start(port)) {
            browser.logIn(null, admin.username(), Fixtures.PASSWORD);
            browser.open("/workspace/insights/network?lang=fi");
            assertThat(browser.text("h1")).isEqualTo("Asiakaskokemusverkosto");
            assertThat(browser.text("#not-shared h2")).isEqualTo("Organisaatio ei jaa lukujaan verkostolle");
            browser.assertAccessible("network fi, not shared");

            browser.open("/workspace/admin");
            browser.clickAndWaitForNewPage("a[href='/workspace/admin/network']");
            assertThat(browser.currentPath()).isEqualTo("/workspace/admin/network");
            assertThat(browser.text("#current")).isEqualTo("Nyt: Lukuja ei jaeta.");
            browser.assertAccessible("network setting fi");

            browser.click("#shares-true").click("#visibility-named");
            browser.clickAndWaitForNewPage("#save");
            assertThat(browser.text("#notice")).isEqualTo("Asetus tallennettu.");
            assertThat(browser.text("#current")).isEqualTo("Nyt: Luvut jaetaan, nimi näkyy muille.");
            assertThat(browser.text("#history")).contains("Anna Admin", "Luvut jaetaan, nimi näkyy muille.");
            browser.assertAccessible("network setting fi, saved");

            browser.clickAndWaitForNewPage("#comparison-link");
            browser.type("#from", "31.2.2025").type("#to", "1.3.2025");
            browser.clickAndWaitForNewPage("#show");
            browser.waitFor(".error-summary");
            assertThat(browser.title()).startsWith("Virhe:");
            browser.assertAccessible("network fi, error");

            browser.open("/workspace/insights/network?lang=fi");
            assertThat(browser.text("#own-row th")).isEqualTo(org.organization().name().fi() + " (oma organisaatio)");
            assertThat(browser.text("#median-row th")).isEqualTo("Verkoston mediaani");
            browser.assertAccessible("network fi");

            browser.open("/workspace/insights/network?lang=sv");
            assertThat(browser.lang()).isEqualTo("sv");
            assertThat(browser.text("h1")).isEqualTo("Nätverket för kundupplevelse");
            assertThat(browser.text("#own-row th")).isEqualTo(org.organization().name().sv() + " (egen organisation)");
            browser.assertAccessible("network sv");
            browser.open("/workspace/insights/network?lang=sv&from=eilen&to=1.3.2025");
            browser.assertAccessible("network sv, error");
            browser.open("/workspace/admin/network?lang=sv");
            assertThat(browser.text("#current")).isEqualTo("Nu: Siffrorna delas, namnet syns för de andra.");
            browser.assertAccessible("network setting sv");
        }
    }
}
