package fi.aspa.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The login, accessibility statement and front pages in Finnish and Swedish: language, title, WCAG scan, lockout
 * message, the statement's feedback link and authority, the front page's way to help and services.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicPagesBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    Browser browser;

    @BeforeAll
    void start() {
        fixtures.publicOrganization();
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void loginPage(String lang) {
        browser.open("/login?lang=" + lang).assertAccessible("login " + lang);
        assertThat(browser.lang()).isEqualTo(lang);
        assertThat(browser.title()).startsWith(lang.equals("fi") ? "Henkilöstön kirjautuminen" : "Inloggning för personal");

        browser.type("#username", "nobody").type("#password", "wrong").click("button[type=submit]");
        browser.waitFor(".error-summary");
        assertThat(browser.title()).startsWith(lang.equals("fi") ? "Virhe:" : "Fel:");
        assertThat(browser.find("#username").getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible("login error " + lang);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void accessibilityStatement(String lang) {
        browser.open("/accessibility?lang=" + lang).assertAccessible("accessibility " + lang);
        assertThat(browser.lang()).isEqualTo(lang);
        assertThat(browser.text("h1")).isEqualTo(lang.equals("fi") ? "Saavutettavuusseloste" : "Tillgänglighetsutlåtande");
        String feedback = "main a[href='/contact?topic=feedback&about=accessibility']";
        assertThat(browser.find(feedback).getText()).as("feedback goes through the contact form")
                .isEqualTo(lang.equals("fi") ? "Anna palautetta yhteydenottolomakkeella" : "Ge respons via kontaktformuläret");
        assertThat(browser.text("main")).as("the supervisory authority's contact details, as the law asks")
                .contains("saavutettavuus@traficom.fi", "029 534 5000");
        browser.clickAndWaitForNewPage(feedback);
        assertThat(browser.text("#about-accessibility")).as("the form says what the feedback is about and the answer time")
                .contains(lang.equals("fi") ? "14 päivän kuluessa" : "inom 14 dagar");
        browser.assertAccessible("accessibility feedback form " + lang);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void theFrontPageLeadsToHelpAndServices(String lang) {
        browser.open("/?lang=" + lang).assertAccessible("front page " + lang);
        assertThat(browser.find("main a[href='/services']").getText())
                .isEqualTo(lang.equals("fi") ? "Palvelumme elämäntilanteittain" : "Våra tjänster enligt livssituation");
        assertThat(browser.find("main a[href='/help']").getText()).isEqualTo(lang.equals("fi") ? "Kaikki ohjeet" : "All hjälp");
        browser.type("#home-q", "pysäköinti").clickAndWaitForNewPage("form[action='/help'] button[type=submit]");
        assertThat(browser.currentPath()).startsWith("/help?q=");
        assertThat(browser.find("#q").getAttribute("value")).as("the search lands on the help page with the words").isEqualTo("pysäköinti");
        assertThat(browser.title()).contains("pysäköinti");
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        // (the page's Content-Security-Policy drops inline style attributes: the pale colour is set through the DOM)
        browser.open("/?lang=fi").assertAccessible("front page before");
        ((JavascriptExecutor) browser.driver()).executeScript("""
                const main = document.querySelector('main');
                main.insertAdjacentHTML('beforeend', '<input type="text" id="unlabelled"><p id="pale">pale</p>');
                const pale = document.getElementById('pale');
                pale.style.color = '#bbb';
                pale.style.background = '#fff';""");
        assertThatThrownBy(() -> browser.assertAccessible("a field without a label, pale text"))
                .hasMessageContaining("label").hasMessageContaining("#unlabelled")
                .hasMessageContaining("color-contrast").hasMessageContaining("#pale");
    }
}
