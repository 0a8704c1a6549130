package fi.aspa.sla;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.cases.OpenedCase;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An administrator sets targets, business hours and a closed day (with the errors a person makes on the way); a unit
 * manager sees the escalated case in the alert list and its clocks on the case page. In Finnish and Swedish, with a
 * WCAG 2.1 AA scan at every step.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Staff staff;
    @Autowired SlaEscalations escalations;
    @Autowired JdbcClient db;
    Fixtures.Org org;
    StaffUser admin;

    @BeforeAll
    void organization() {
        org = fixtures.organization();
        admin = staff.createWithHash(org.id(), org.service().id(), org.organization().slug() + "-admin", "Anna Admin",
                "admin@" + org.organization().slug() + ".fi", staff.hash(Fixtures.PASSWORD), EnumSet.of(Role.ADMIN), Language.FI);
    }

    Browser login(String username) {
        Browser browser = Browser.start(port);
        browser.logIn(null, username, Fixtures.PASSWORD);
        return browser;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void anAdministratorSetsTheServiceLevels(String lang) {
        boolean fi = lang.equals("fi");
        try (Browser browser = login(admin.username())) {
            browser.open("/workspace/admin/sla?lang=" + lang).assertAccessible("sla admin " + lang);
            assertThat(browser.text("h1")).isEqualTo(fi ? "Palvelutasot" : "Servicenivåer");

            // a target without times and with a warning of 100 %
            browser.type("#target-warn", "100").click("form[action$='/targets'] button[type=submit]");
            browser.waitFor(".error-summary");
            browser.assertAccessible("target errors " + lang);
            assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
            assertThat(browser.findAll(".error-summary a")).extracting(e -> e.getAttribute("href"))
                    .anyMatch(h -> h.endsWith("#target-first")).anyMatch(h -> h.endsWith("#target-resolution"))
                    .anyMatch(h -> h.endsWith("#target-warn"));
            assertThat(browser.find("#target-first").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.find("#target-warn").getAttribute("value")).isEqualTo("100");

            browser.type("#target-first", "4").type("#target-resolution", "2").type("#target-warn", "80");
            browser.click("#target-resolution-unit-days").click("#target-raise");
            browser.click("form[action$='/targets'] button[type=submit]");
            browser.waitFor("#notice");
            browser.assertAccessible("target saved " + lang);
            assertThat(browser.text("#notice")).isEqualTo(fi ? "Tavoite tallennettiin." : "Målet sparades.");
            assertThat(browser.text("tbody")).contains("4 h 0 min").contains("16 h 0 min").contains("80 %");

            // business hours: a closing time before the opening time, then Saturday mornings open
            browser.type("#hours-sat-opens", "10:00").type("#hours-sat-closes", "9:00")
                    .click("form[action$='/hours'] button[type=submit]");
            browser.waitFor(".error-summary");
            browser.assertAccessible("hours errors " + lang);
            assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
            assertThat(browser.find(".error-summary a").getAttribute("href")).endsWith("#hours-sat-closes");
            assertThat(browser.find("#hours-sat-closes").getAttribute("aria-invalid")).isEqualTo("true");
            browser.type("#hours-sat-closes", "13:00").click("form[action$='/hours'] button[type=submit]");
            browser.waitFor("#notice");
            assertThat(browser.find("#hours-sat-opens").getAttribute("value")).isEqualTo("10:00");
            assertThat(browser.find("#hours-mon-opens").getAttribute("value")).isEqualTo("8:00");

            // an extra closed day (a date input): first none, with the example in the page's language
            assertThat(browser.find("#closed-day").getAttribute("type")).isEqualTo("date");
            assertThat(browser.text("#closed-day-hint")).matches(fi ? "Esimerkiksi \\d{1,2}\\.\\d{1,2}\\.\\d{4}" : "Till exempel \\d{4}-\\d{2}-\\d{2}");
            browser.find("#closed-day").clear();
            browser.click("form[action$='/closed-days'] button[type=submit]");
            browser.waitFor(".error-summary");
            browser.assertAccessible("closed day error " + lang);
            assertThat(browser.find(".error-summary a").getAttribute("href")).endsWith("#closed-day");
            // what the date picker sends, whatever the browser shows
            ((JavascriptExecutor) browser.driver()).executeScript(
                    "document.getElementById('closed-day').value = arguments[0]", fi ? "2027-12-27" : "2027-12-28");
            browser.click("form[action$='/closed-days'] button[type=submit]");
            browser.waitFor("#notice");
            browser.assertAccessible("closed day added " + lang);
            assertThat(browser.text("#closed-title + p + ul, #closed-title ~ ul")).contains(fi ? "27.12.2027" : "2027-12-28");
        }
        assertThat(new SlaStoreProbe(db).saturday(org)).isEqualTo("10:00:00-13:00:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void aManagerSeesTheEscalationsAndTheCaseShowsItsClocks(String lang) {
        db.sql("""
                insert into sla_target (id, organization_id, first_response_minutes, resolution_minutes, warn_percent, raise_priority, created_at)
                values (gen_random_uuid(), ?, 60, 480, 75, false, now()) on conflict do nothing""").param(org.id().value()).update();
        OpenedCase opened = fixtures.aCase(org, "Myöhästyvä asia " + lang, "Tämä asia myöhästyy.");
        fixtures.awaitSettled(org);
        Object due = db.sql("select due_at from sla_clock where case_id = ? and kind = 'FIRST_RESPONSE'").param(opened.id())
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
        escalations.runDue((java.time.Instant) due);
        boolean fi = lang.equals("fi");
        try (Browser browser = login(org.manager().username())) {
            browser.open("/workspace/sla?lang=" + lang).assertAccessible("alerts " + lang);
            assertThat(browser.text("h1")).isEqualTo(fi ? "Palvelutasohälytykset" : "Servicenivålarm");
            assertThat(browser.text("tbody")).contains(opened.reference()).contains(fi ? "Ylitetty" : "Överskridet");
            browser.click("tbody a[href$='" + opened.id() + "']");
            browser.waitFor("#sla");
            browser.assertAccessible("case clocks " + lang);
            assertThat(browser.text("#sla")).contains(fi ? "Ensimmäinen vastaus" : "Första svar")
                    .contains(fi ? "Tavoite ylitetty" : "Målet överskridet").contains(fi ? "Ratkaisu" : "Lösning");
            assertThat(browser.text(".messages")).contains(fi ? "Palvelutaso ylittyi" : "Palvelutaso ylittyi");
        }
        // an agent has no alert list
        try (Browser browser = login(org.agent().username())) {
            browser.open("/workspace/sla?lang=" + lang);
            assertThat(browser.findAll("table")).isEmpty();
            assertThat(browser.findAll("a[href$='/workspace/sla']")).isEmpty();
        }
    }

    record SlaStoreProbe(JdbcClient db) {
        String saturday(Fixtures.Org org) {
            return db.sql("select opens || '-' || closes from sla_business_hours where organization_id = ? and weekday = 6")
                    .param(org.id().value()).query(String.class).single();
        }
    }
}
