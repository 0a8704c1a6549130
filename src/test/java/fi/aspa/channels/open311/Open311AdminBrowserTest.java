package fi.aspa.channels.open311;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.identity.StaffUser;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * An administrator creates an Open311 key (shown once, and it works for posting), corrects an empty name, and
 * revokes the key (then it no longer works), in Finnish and in Swedish, with a WCAG 2.1 AA scan at every step.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311AdminBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Catalogue catalogue;
    Browser browser;
    Fixtures.Org org;
    Open311Client client;

    @BeforeAll
    void start() {
        org = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        StaffUser admin = fixtures.admin(org);
        client = new Open311Client(port);
        browser = Browser.start(port);
        browser.logIn(null, admin.username(), Fixtures.PASSWORD);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    int post(String key) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", key);
        form.put("service_code", "171");
        form.put("address_string", "Mannerheimintie 1");
        form.put("description", "Kuoppa.");
        return client.postForm("/open311/v2/requests.json", form).status();
    }

    WebElement row(String name) {
        return browser.findAll("tbody tr").stream().filter(r -> r.findElement(By.cssSelector("td")).getText().equals(name))
                .findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void anAdministratorCreatesAndRevokesAKey(String lang) {
        boolean fi = lang.equals("fi");
        browser.open("/workspace/admin/open311?lang=" + lang).assertAccessible("open311 keys " + lang);
        assertThat(browser.lang()).isEqualTo(lang);
        assertThat(browser.text("h1")).isEqualTo(fi ? "Open311-rajapinnan avaimet" : "Nycklar till Open311-gränssnittet");
        assertThat(browser.driver().getPageSource()).contains("/open311/v2/");

        // no name: the error summary links to the field, which is marked
        browser.click("form.form button[type=submit]");
        browser.waitFor(".error-summary");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.findAll(".error-summary a")).extracting(e -> e.getAttribute("href")).anyMatch(h -> h.endsWith("#name"));
        assertThat(browser.find("#name").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.text("#name-error")).startsWith(fi ? "Virhe:" : "Fel:").endsWith(fi ? "Anna avaimelle nimi." : "Ge nyckeln ett namn.");
        browser.assertAccessible("open311 key without a name " + lang);

        String name = "Palautesovellus " + lang;
        browser.type("#name", name).click("form.form button[type=submit]");
        browser.waitFor("#created-key");
        String key = browser.find("#created-key").getAttribute("value");
        assertThat(key).startsWith("o311_");
        assertThat(browser.text(".notice")).contains(name);
        assertThat(row(name).findElement(By.cssSelector(".badge")).getText()).isEqualTo(fi ? "Käytössä" : "I bruk");
        browser.assertAccessible("open311 key created " + lang);
        assertThat(post(key)).isEqualTo(201);

        // shown once: not on the next view of the page
        browser.open("/workspace/admin/open311?lang=" + lang);
        assertThat(browser.driver().getPageSource()).doesNotContain(key);

        row(name).findElement(By.cssSelector("form button[type=submit]")).click();
        browser.waitFor(".notice");
        assertThat(browser.text(".notice")).isEqualTo(fi ? "Avain ”" + name + "” on peruttu." : "Nyckeln ”" + name + "” har återkallats.");
        assertThat(row(name).findElements(By.cssSelector("form"))).isEmpty();
        browser.assertAccessible("open311 key revoked " + lang);
        assertThat(post(key)).isEqualTo(403);
    }
}
