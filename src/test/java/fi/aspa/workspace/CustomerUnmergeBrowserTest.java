package fi.aspa.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.CustomerMerge;
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
 * An agent merged two different people. In a real Chromium, in Finnish and in Swedish: the manager opens the
 * survivor's merge log, chooses to undo the merge, fails without a reason, gives one, and the merged customer has
 * its own page and its own case again. Every step passes the axe WCAG 2.1 A/AA scan.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerUnmergeBrowserTest {
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
    void managerUndoesAWrongMerge(String lang) {
        boolean fi = lang.equals("fi");
        Fixtures.Org org = fixtures.organization();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        UUID a = customers.resolve(org.id(), ContactDetails.resident("Outi Oikea", "outi." + suffix + "@example.fi", null, Language.FI));
        UUID b = customers.resolve(org.id(), ContactDetails.resident("Outi Toinen", "toinen." + suffix + "@example.fi", null, Language.FI));
        cases.open(org.id(), new NewCase(Channel.WEB_FORM, b, "Rakennuslupa", "Milloin lupa ratkeaa?", Language.FI, null,
                org.service().id(), null, Set.of(), List.of(), Actor.customer()));
        CustomerMerge merge = customers.merge(org.id(), org.agent().id(), a, b, "Sama etunimi");

        browser.driver().manage().deleteAllCookies();
        browser.logIn(lang, org.manager().username(), Fixtures.PASSWORD);
        browser.open("/workspace/customers/" + a + "#merges");
        assertThat(browser.text("#merges")).contains("Sama etunimi").contains("Outi Toinen");
        browser.assertAccessible("merge log with undo " + lang);

        browser.clickAndWaitForNewPage("#merges a[href$='/merges/" + merge.id() + "/undo']");
        assertThat(browser.text("h1")).isEqualTo(fi ? "Peru yhdistäminen" : "Ångra sammanslagning");
        browser.assertAccessible("undo review " + lang);

        browser.clickAndWaitForNewPage("#unmerge-submit");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.find("#unmerge-reason").getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible("undo without a reason " + lang);

        browser.type("#unmerge-reason", fi ? "Eri henkilöt" : "Olika personer");
        browser.clickAndWaitForNewPage("#unmerge-submit");
        assertThat(browser.currentPath()).isEqualTo("/workspace/customers/" + a + "#merges");
        assertThat(browser.text("#notice")).isEqualTo(fi ? "Yhdistäminen peruttiin." : "Sammanslagningen ångrades.");
        assertThat(browser.text("#merges")).contains(fi ? "Eri henkilöt" : "Olika personer")
                .contains(fi ? "perui yhdistämisen" : "ångrade sammanslagningen");
        browser.assertAccessible("merge log after undo " + lang);

        browser.clickAndWaitForNewPage("#merges a[href='/workspace/customers/" + b + "']");
        assertThat(browser.currentPath()).isEqualTo("/workspace/customers/" + b);
        assertThat(browser.text("#timeline")).contains("Rakennuslupa");
        browser.assertAccessible("restored customer " + lang);
    }
}
