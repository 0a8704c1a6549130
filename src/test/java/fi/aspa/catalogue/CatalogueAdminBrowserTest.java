package fi.aspa.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In a real Chromium, in Finnish and Swedish, every step scanned with axe: an administrator opens the catalogue,
 * imports a PTV file with bad lines and reads the report, opens a service, saves it without its Finnish name, and
 * then saves it right with a new keyword.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogueAdminBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Catalogue catalogue;
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
    void anAdministratorImportsReadsTheReportAndEditsAService(String lang) throws Exception {
        boolean fi = lang.equals("fi");
        Fixtures.Org org = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        catalogue.importPtv(org.id(), new ByteArrayInputStream(CatalogueAdminTest.file(PtvImportTest.lines(PtvImportTest.nationalFile()).get(5))));
        String admin = fixtures.admin(org).username();

        browser.driver().manage().deleteAllCookies();
        browser.logIn(lang, admin, Fixtures.PASSWORD);
        browser.open("/workspace/directory");
        browser.clickAndWaitForNewPage("#catalogue-admin-link");
        assertThat(browser.currentPath()).isEqualTo("/workspace/admin/catalogue");
        assertThat(browser.text("h1")).isEqualTo(fi ? "Palvelukatalogi" : "Tjänstekatalog");
        assertThat(browser.findAll("#service-table tbody tr")).hasSize(11);
        browser.assertAccessible("catalogue " + lang);

        Path file = Files.createTempFile("ptv", ".jsonl");
        Files.write(file, CatalogueAdminTest.mixedFile());
        browser.find("#file").sendKeys(file.toString());
        browser.clickAndWaitForNewPage("#import-button");
        assertThat(browser.text("#report-imported")).isEqualTo(fi ? "Uusia palveluja: 1" : "Nya tjänster: 1");
        assertThat(browser.findAll("#skipped tbody tr")).hasSize(2);
        assertThat(browser.text("#skipped")).contains(fi ? "Suomenkielinen nimi puuttuu." : "Det finska namnet saknas.");
        browser.assertAccessible("import report " + lang);

        browser.clickAndWaitForNewPage("#import-button"); // no file chosen
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.find("#file").getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible("import without a file " + lang);

        UUID id = catalogue.byPtvId(org.id(), UUID.fromString(CatalogueAdminTest.GOOD_ID)).orElseThrow().id();
        browser.clickAndWaitForNewPage(browser.find("#service-" + id + " a"));
        assertThat(browser.currentPath()).isEqualTo("/workspace/admin/catalogue/" + id);
        browser.assertAccessible("service " + lang);

        browser.find("#name-fi").clear();
        browser.type("#keywords", "vuokra-asunto, zorblax");
        browser.clickAndWaitForNewPage("#save-button");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.find("#name-fi").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#keywords").getAttribute("value")).isEqualTo("vuokra-asunto, zorblax");
        browser.assertAccessible("service with errors " + lang);

        browser.type("#name-fi", "Kunnan vuokra-asunnot");
        browser.clickAndWaitForNewPage("#save-button");
        assertThat(browser.currentPath()).isEqualTo("/workspace/admin/catalogue");
        assertThat(browser.text("#notice")).contains(fi ? "Kunnan vuokra-asunnot" : "Kommunens hyresbostäder");
        browser.assertAccessible("catalogue after saving " + lang);
        assertThat(catalogue.find(org.id(), id).orElseThrow().keywords()).containsExactly("vuokra-asunto", "zorblax");
    }
}
