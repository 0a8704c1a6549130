package fi.aspa.search;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.identity.StaffUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An administrator tries a query, adds a synonym (after correcting the form), sees the search expand, edits and
 * deletes it, in Finnish and in Swedish, with a WCAG 2.1 AA scan at every step.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SynonymAdminBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    Browser browser;
    Fixtures.Org org;

    @BeforeAll
    void start() {
        org = fixtures.organization();
        StaffUser admin = fixtures.admin(org);
        browser = Browser.start(port);
        browser.logIn(null, admin.username(), Fixtures.PASSWORD);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    WebElement row(String terms) {
        return browser.findAll("tbody tr").stream().filter(r -> r.findElements(By.cssSelector("td")).get(1).getText().equals(terms))
                .findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void anAdministratorEditsSynonyms(String lang) {
        boolean fi = lang.equals("fi");
        String word = fi ? "roskis" : "soptunna";
        String target = fi ? "jäteastia" : "avfallskärl";
        browser.open("/workspace/admin/synonyms?lang=" + lang).assertAccessible("synonyms " + lang);
        assertThat(browser.lang()).isEqualTo(lang);
        assertThat(browser.text("h1")).isEqualTo(fi ? "Hakusanojen synonyymit" : "Synonymer för sökord");

        browser.find("#qlang").sendKeys(fi ? "suomi" : "svenska");
        browser.type("#q", word).clickAndWaitForNewPage("form[role=search] button[type=submit]");
        browser.waitFor("#expansions");
        assertThat(browser.text("#expansions")).startsWith(fi ? "Mikään synonyymi ei koske" : "Ingen synonym gäller");
        browser.assertAccessible("tried, nothing " + lang);

        browser.clickAndWaitForNewPage("a.button[href$='/new']");
        browser.waitFor("form.form");
        assertThat(browser.title()).startsWith(fi ? "Uusi synonyymi" : "Ny synonym");
        browser.assertAccessible("new synonym " + lang);

        // one word and nothing it finds: the problem is listed, linked to the field and marked on it
        browser.type("#terms", word).clickAndWaitForNewPage("form.form button[type=submit]");
        browser.waitFor(".error-summary");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.findAll(".error-summary a")).extracting(e -> e.getAttribute("href")).anyMatch(h -> h.endsWith("#terms"));
        assertThat(browser.find("#terms").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#terms").getAttribute("aria-describedby")).isEqualTo("terms-hint terms-error");
        browser.assertAccessible("new synonym with errors " + lang);

        browser.find("#language").sendKeys(fi ? "suomi" : "svenska");
        browser.type("#targets", target).clickAndWaitForNewPage("form.form button[type=submit]");
        browser.waitFor(".notice");
        assertThat(browser.text(".notice")).contains(word + " => " + target);
        browser.assertAccessible("synonym saved " + lang);

        browser.find("#qlang").sendKeys(fi ? "suomi" : "svenska");
        browser.type("#q", word).clickAndWaitForNewPage("form[role=search] button[type=submit]");
        browser.waitFor("#expansions li");
        assertThat(browser.text("#expansions li")).isEqualTo(word + " → " + target);
        browser.assertAccessible("tried, expanded " + lang);

        browser.clickAndWaitForNewPage(row(word).findElement(By.cssSelector("a")));
        browser.waitFor("form.form");
        assertThat(browser.title()).startsWith(fi ? "Muokkaa synonyymia" : "Redigera synonymen");
        browser.assertAccessible("edit synonym " + lang);
        browser.type("#terms", word + ", " + word + "x").clickAndWaitForNewPage("form.form button[type=submit]");
        browser.waitFor(".notice");
        browser.assertAccessible("synonym edited " + lang);

        browser.clickAndWaitForNewPage(row(word + ", " + word + "x").findElement(By.cssSelector("form button[type=submit]")));
        browser.waitFor(".notice");
        assertThat(browser.text(".notice")).startsWith(fi ? "Synonyymi " + word : "Synonymen " + word).contains(fi ? "poistettiin" : "togs bort");
        assertThat(browser.findAll("tbody tr")).noneMatch(r -> r.getText().contains(word + "x"));
        browser.assertAccessible("synonym deleted " + lang);
    }
}
