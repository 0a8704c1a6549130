package fi.aspa.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.platform.LocalizedText;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Residents browse services by life event and open one; staff ask "who handles parking permits?". In Finnish and
 * Swedish, with an axe WCAG 2.1 AA scan at every step.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CataloguePagesBrowserTest {
    static final String HAVING_A_CHILD = "http://urn.fi/URN:NBN:fi:au:ptvl:v3001";

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Catalogue catalogue;
    Browser browser;
    Fixtures.Org staffOrg;

    @BeforeAll
    void start() throws Exception {
        Fixtures.Org pub = fixtures.publicOrganization();
        catalogue.addHelsinkiFeedbackServices(pub.id(), pub.service().id());
        List<String> withLifeEvents = PtvImportTest.lines(PtvImportTest.nationalFile()).stream()
                .filter(l -> l.contains(HAVING_A_CHILD)).toList();
        catalogue.importPtv(pub.id(), new ByteArrayInputStream(String.join("\n", withLifeEvents).getBytes(StandardCharsets.UTF_8)));

        staffOrg = fixtures.organization();
        catalogue.create(staffOrg.id(), new ServiceDraft(
                new LocalizedText("Asukaspysäköintitunnus", "Parkeringstillstånd för boende", "Resident parking permit"),
                new LocalizedText("Pysäköintilupa oman asuinalueen kaduille.", "Parkeringstillstånd för gatorna i det egna bostadsområdet.", null),
                null, null, List.of("pysäköintilupa", "parkeringstillstånd", "asukaspysäköinti"), null, null, null, null,
                staffOrg.building().id(),
                List.of(new ServicePerson(staffOrg.colleague().id(), ServicePerson.Role.RESPONSIBLE),
                        new ServicePerson(staffOrg.agent().id(), ServicePerson.Role.EXPERT)),
                Set.of(ServiceChannel.ONLINE, ServiceChannel.PHONE), null, null, null, null, null));
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void residentBrowsesByLifeEventAndOpensAService(String lang) {
        browser.open("/services?lang=" + lang).assertAccessible("services " + lang);
        assertThat(browser.lang()).isEqualTo(lang);
        assertThat(browser.text("h1")).isEqualTo(lang.equals("fi") ? "Palvelut" : "Tjänster");
        assertThat(browser.findAll(".service-list li").size()).isGreaterThan(10);

        new Select(browser.find("#lifeEvent")).selectByValue(HAVING_A_CHILD);
        browser.clickAndWaitForNewPage("form.catalogue-filter button[type=submit]");
        browser.waitFor(".service-list");
        assertThat(browser.currentPath()).contains("lifeEvent=");
        browser.assertAccessible("services by life event " + lang);
        assertThat(browser.findAll(".service-list li")).isNotEmpty()
                .allSatisfy(li -> assertThat(li.getText()).isNotBlank());
        assertThat(browser.text("main")).contains("Suomi.fi-palvelutietovaranto / Digi- ja väestötietovirasto");

        browser.clickAndWaitForNewPage(".service-list li a");
        browser.waitFor("main h1");
        assertThat(browser.currentPath()).startsWith("/services/");
        browser.assertAccessible("service " + lang);
        assertThat(browser.text("main")).contains(lang.equals("fi") ? "Elämäntilanteet" : "Livssituationer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void staffFindWhoHandlesParkingPermits(String lang) {
        browser.driver().manage().deleteAllCookies();
        browser.open("/login?lang=" + lang);
        browser.type("#username", staffOrg.agent().username()).type("#password", Fixtures.PASSWORD).clickAndWaitForNewPage("button[type=submit]");
        browser.open("/workspace/directory?lang=" + lang).assertAccessible("directory " + lang);
        assertThat(browser.text("h1")).isEqualTo(lang.equals("fi") ? "Kuka hoitaa mitä?" : "Vem sköter vad?");

        browser.type("#q", "pysäköintiluvan").clickAndWaitForNewPage("form[role=search] button[type=submit]");
        browser.waitFor(".directory-hit");
        browser.assertAccessible("directory results " + lang);
        String hit = browser.text(".directory-hit");
        assertThat(hit).contains(lang.equals("fi") ? "Asukaspysäköintitunnus" : "Parkeringstillstånd för boende")
                .contains(lang.equals("fi") ? "Rakennusvalvonta" : "Byggnadstillsyn")
                .contains("rava@").contains(staffOrg.colleague().displayName()).contains(staffOrg.agent().displayName())
                .contains(lang.equals("fi") ? "vastuuhenkilö" : "ansvarsperson");

        browser.type("#q", "tätä ei ole").clickAndWaitForNewPage("form[role=search] button[type=submit]");
        browser.waitFor("main h2");
        browser.assertAccessible("directory nothing found " + lang);
        assertThat(browser.findAll(".directory-hit")).isEmpty();
    }
}
