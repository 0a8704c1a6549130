package fi.aspa.handover;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The receiving organization's administrator accepts hand-overs; an agent of the sending organization hands a case
 * over, forgetting the basis first; the case page shows the hand-over. Finnish and Swedish, axe at every step.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandoverBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Staff staff;
    Fixtures.Org municipality;
    Fixtures.Org county;
    StaffUser countyAdmin;

    @BeforeAll
    void organizations() {
        municipality = fixtures.organization();
        county = fixtures.organization();
        countyAdmin = staff.createWithHash(county.id(), county.service().id(), county.organization().slug() + "-admin", "Hanna Admin",
                "admin@" + county.organization().slug() + ".fi", staff.hash(Fixtures.PASSWORD), EnumSet.of(Role.ADMIN), Language.FI);
    }

    Browser login(String username) {
        Browser browser = Browser.start(port);
        browser.logIn(null, username, Fixtures.PASSWORD);
        return browser;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void anAgentHandsACaseOver(String lang) {
        boolean fi = lang.equals("fi");
        try (Browser admin = login(countyAdmin.username())) {
            admin.open("/workspace/admin/handover?lang=" + lang).assertAccessible("handover admin " + lang);
            if (!admin.find("#accepts").isSelected()) admin.click("#accepts");
            admin.click("form.form button[type=submit]");
            admin.waitFor("#notice");
            admin.assertAccessible("handover admin saved " + lang);
            assertThat(admin.find("#accepts").isSelected()).isTrue();
        }
        OpenedCase opened = fixtures.aCase(municipality, "Kotihoito " + lang, "Tarvitsen kotihoitoa.");
        try (Browser agent = login(municipality.agent().username())) {
            agent.open("/workspace/cases/" + opened.id() + "?lang=" + lang);
            agent.waitFor("#handovers");
            agent.click("#handovers a[href$='/handover']");
            agent.waitFor("#handover-summary");
            agent.assertAccessible("handover form " + lang);

            // nothing chosen, no basis
            agent.click("form.form button[type=submit]");
            agent.waitFor(".error-summary");
            agent.assertAccessible("handover errors " + lang);
            assertThat(agent.title()).startsWith(fi ? "Virhe:" : "Fel:");
            assertThat(agent.findAll(".error-summary a")).extracting(e -> e.getAttribute("href"))
                    .anyMatch(h -> h.endsWith("#handover-receiver")).anyMatch(h -> h.endsWith("#handover-summary"))
                    .anyMatch(h -> h.endsWith("#handover-basis")).anyMatch(h -> h.endsWith("#handover-basis-detail"));
            assertThat(agent.find("#handover-summary").getAttribute("aria-invalid")).isEqualTo("true");

            agent.find("#handover-receiver option[value='" + county.id().value() + "']").click();
            agent.type("#handover-summary", "Kotihoidon arvio tarvitaan.").click("#handover-basis")
                    .type("#handover-basis-detail", "Suostumus puhelimessa");
            agent.click("form.form button[type=submit]");
            agent.waitFor("#notice");
            agent.assertAccessible("handed over " + lang);
            assertThat(agent.text("#notice")).isEqualTo(fi ? "Asia siirrettiin." : "Ärendet överfördes.");
            assertThat(agent.text("#handovers")).contains(county.organization().name().in(fi ? Language.FI : Language.SV))
                    .contains(fi ? "Uusi" : "Nytt");
        }
    }
}
