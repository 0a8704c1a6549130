package fi.aspa.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.identity.StaffUser;
import org.junit.jupiter.api.AfterAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An administrator adds, corrects, edits and disables a mailbox, in Finnish and in Swedish, with a WCAG 2.1 AA
 * scan at every step; the stored password is never shown again.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailboxAdminBrowserTest {
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

    /** The row of the mailbox list whose name starts so. */
    WebElement row(String name) {
        return browser.findAll("tbody tr").stream().filter(r -> r.findElement(By.cssSelector("td")).getText().startsWith(name))
                .findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void anAdministratorManagesMailboxes(String lang) {
        boolean fi = lang.equals("fi");
        browser.open("/workspace/admin/mailboxes?lang=" + lang).assertAccessible("mailboxes " + lang);
        assertThat(browser.lang()).isEqualTo(lang);
        assertThat(browser.text("h1")).isEqualTo(fi ? "Sähköpostilaatikot" : "E-postlådor");

        browser.click("a.button[href$='/new']");
        browser.waitFor("form.form");
        browser.assertAccessible("new mailbox " + lang);
        assertThat(browser.title()).startsWith(fi ? "Uusi postilaatikko" : "Ny e-postlåda");

        // nothing filled in: every problem is listed, linked to its field and marked on it
        browser.type("#imapPort", "99999").click("form.form button[type=submit]");
        browser.waitFor(".error-summary");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.findAll(".error-summary a")).extracting(e -> e.getAttribute("href"))
                .anyMatch(h -> h.endsWith("#name")).anyMatch(h -> h.endsWith("#imapPort")).anyMatch(h -> h.endsWith("#imapPassword"));
        assertThat(browser.find("#name").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#imapPort").getAttribute("aria-describedby")).isEqualTo("imapPort-error");
        assertThat(browser.text("#imapPort-error")).startsWith(fi ? "Virhe:" : "Fel:")
                .endsWith(fi ? "Anna portti numerona 1–65535." : "Ange porten som ett nummer 1–65535.");
        browser.assertAccessible("new mailbox with errors " + lang);

        String address = "kirjaamo-" + lang + "@" + org.organization().slug() + ".fi";
        browser.type("#name", "Kirjaamo " + lang).type("#fromAddress", address)
                .type("#imapHost", "imap.example.fi").type("#imapPort", "993").type("#imapUsername", address)
                .type("#imapPassword", "imap-secret-" + lang).type("#smtpHost", "smtp.example.fi").type("#smtpPort", "587")
                .click("#smtpSecurity-STARTTLS");
        browser.find("#unitId").sendKeys(fi ? "Rakennusvalvonta" : "Byggnadstillsyn");
        browser.click("form.form button[type=submit]");
        browser.waitFor(".notice");
        assertThat(browser.currentPath()).startsWith("/workspace/admin/mailboxes");
        assertThat(browser.text(".notice")).contains("Kirjaamo " + lang);
        assertThat(browser.driver().getPageSource()).contains(address).doesNotContain("imap-secret-" + lang);
        browser.assertAccessible("mailbox saved " + lang);

        row("Kirjaamo " + lang).findElement(By.cssSelector("a")).click();
        browser.waitFor("form.form");
        assertThat(browser.title()).startsWith(fi ? "Muokkaa postilaatikkoa" : "Redigera e-postlådan");
        assertThat(browser.find("#imapPassword").getAttribute("value")).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("imap-secret-");
        assertThat(browser.text("#imapPassword-hint")).startsWith(fi ? "Tallennettua salasanaa ei näytetä" : "Det sparade lösenordet visas inte");
        browser.assertAccessible("edit mailbox " + lang);
        browser.type("#name", "Kirjaamo " + lang + " (muokattu)").clickAndWaitForNewPage("form.form button[type=submit]");
        browser.waitFor(".notice");
        assertThat(browser.driver().getPageSource()).contains("Kirjaamo " + lang + " (muokattu)");

        browser.clickAndWaitForNewPage(row("Kirjaamo " + lang).findElement(By.cssSelector("form button[type=submit]")));
        browser.waitFor(".notice");
        assertThat(browser.text(".notice")).startsWith(fi ? "Postilaatikko Kirjaamo fi (muokattu) poistettiin käytöstä"
                : "E-postlådan Kirjaamo sv (muokattu) togs ur bruk");
        assertThat(row("Kirjaamo " + lang).findElement(By.cssSelector(".badge")).getText()).isEqualTo(fi ? "Pois käytöstä" : "Ur bruk");
        browser.assertAccessible("mailbox disabled " + lang);
    }
}
