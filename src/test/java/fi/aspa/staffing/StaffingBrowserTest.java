package fi.aspa.staffing;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.OpenedCase;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.platform.LocalizedText;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A staff member in a real Chromium, in Finnish and Swedish: reminded to confirm their profile, fills it in wrongly
 * and then rightly, adds a service they know and an absence, asks who handles parking permits, opens a colleague's
 * profile, the competence map and a case assigned automatically, orders an internal service and follows the order
 * under "My orders": the reply marked, the order's conversation, an answer. Every step passes the axe WCAG 2.1 A/AA
 * scan.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffingBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Catalogue catalogue;
    @Autowired StaffingStore store;
    @Autowired Assigner assigner;
    @Autowired Cases cases;
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
    void staffMemberKeepsTheirProfileAndFindsWhoHandlesWhat(String lang) {
        boolean fi = lang.equals("fi");
        Fixtures.Org org = fixtures.organization();
        UUID parking = catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("Pysäköintitunnus", "Parkeringstillstånd", "Parking permit"),
                new LocalizedText("Asukaspysäköinti", "Boendeparkering", null), List.of("pysäköinti", "parkering"), org.service().id())).id();
        catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("Rakennuslupa", "Bygglov", "Building permit"),
                null, List.of(), org.service().id()));
        store.save(org.id(), org.manager().id(), "Esimies", List.of("fi", "sv"), new WorkingHours(EnumSet.allOf(DayOfWeek.class), 0, 1440), Instant.now());
        store.setExpertise(org.id(), org.manager().id(), parking, Level.RESPONSIBLE);

        browser.driver().manage().deleteAllCookies();
        browser.open("/login?lang=" + lang);
        browser.type("#username", org.agent().username()).type("#password", Fixtures.PASSWORD).click("form.form button[type=submit]");
        browser.waitFor("#profile-reminder");
        assertThat(browser.lang()).isEqualTo(lang);
        browser.assertAccessible("workspace with the reminder " + lang);

        browser.clickAndWaitForNewPage("#profile-reminder a");
        assertThat(browser.currentPath()).startsWith("/workspace/profile");
        browser.assertAccessible("my profile " + lang);

        browser.type("#job", "Neuvonta").type("#work-start", "8:00").type("#work-end", "kahdeksan");
        browser.clickAndWaitForNewPage("#save-details");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.find("#work-end").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findAll(".error-summary a")).hasSize(1);
        browser.assertAccessible("profile with an error " + lang);

        browser.type("#work-end", "16:00");
        if (!browser.find("#language-sv").isSelected()) browser.click("#language-sv");
        browser.clickAndWaitForNewPage("#save-details");
        assertThat(browser.text("#notice")).isEqualTo(fi ? "Profiilisi tallennettiin ja vahvistettiin." : "Din profil sparades och bekräftades.");
        assertThat(browser.findAll("#profile-reminder")).isEmpty();
        browser.assertAccessible("profile saved " + lang);

        browser.type("#service-query", "pysäköinti");
        browser.clickAndWaitForNewPage("#find-service");
        browser.assertAccessible("services found " + lang);
        browser.clickAndWaitForNewPage("#add-0");
        assertThat(browser.text("#expertise-table")).contains(fi ? "Pysäköintitunnus" : "Parkeringstillstånd");
        browser.assertAccessible("service added " + lang);

        browser.type("#absence-first", "");
        browser.clickAndWaitForNewPage("#add-absence");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        browser.assertAccessible("absence with an error " + lang);

        browser.open("/workspace/people?q=pysäköinti");
        assertThat(browser.text("#answers")).contains(org.manager().displayName(), org.agent().displayName());
        browser.assertAccessible("who handles " + lang);

        browser.clickAndWaitForNewPage("#answers .who-handler a");
        assertThat(browser.text("h1")).isEqualTo(org.manager().displayName());
        browser.assertAccessible("a colleague's profile " + lang);

        browser.open("/workspace/competence?unit=" + org.service().id());
        assertThat(browser.text("#nobody-list")).contains(fi ? "Rakennuslupa" : "Bygglov");
        browser.assertAccessible("competence map " + lang);

        OpenedCase opened = fixtures.aCase(org, "Pysäköinti", "Tarvitsen pysäköintitunnuksen");
        Instant tuesday = LocalDateTime.of(2026, 3, 10, 10, 0).atZone(ZoneId.of("Europe/Helsinki")).toInstant();
        assigner.assign(org.id(), opened.id(), parking, tuesday, false).orElseThrow();
        browser.open("/workspace/cases/" + opened.id());
        assertThat(browser.text("#case-assignment")).contains(org.manager().displayName());
        browser.assertAccessible("case assigned automatically " + lang);

        UUID it = catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("IT-tuki", "IT-stöd", "IT support"),
                new LocalizedText("Tietokoneet ja tunnukset", "Datorer och konton", null), List.of(), org.building().id())).id();
        store.markInternal(org.id(), it, true, Instant.now());
        browser.open("/workspace/order");
        browser.assertAccessible("order form " + lang);
        browser.clickAndWaitForNewPage("#send-order");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.findAll(".error-summary a")).hasSize(3);
        browser.assertAccessible("order with errors " + lang);
        browser.click("#service");
        browser.type("#subject", "Näyttö").type("#body", "Näyttö ei toimi.");
        browser.clickAndWaitForNewPage("#send-order");
        assertThat(browser.text("#notice")).contains("ASPA-");
        browser.assertAccessible("order sent " + lang);

        // "My orders": the order is listed under the form; a reply is marked until the requester opens the order
        assertThat(browser.text("#my-orders-table")).contains("Näyttö");
        String link = browser.find("#my-orders-table tbody a").getAttribute("href");
        UUID order = UUID.fromString(link.substring(link.lastIndexOf('/') + 1));
        cases.addNote(org.id(), order, Actor.staff(org.colleague().id()), "Vain henkilöstölle");
        cases.reply(org.id(), order, Actor.staff(org.colleague().id()), "Kumpi näyttö?", CaseStatus.WAITING);
        browser.open("/workspace/order");
        assertThat(browser.text("#my-orders-table")).contains(fi ? "Uusi vastaus" : "Nytt svar", fi ? "Odottaa sinua" : "Väntar på dig");
        // and counted beside "Order" in the navigation: the number shown, the words in the link's name
        assertThat(browser.text("#nav-order .badge--count")).isEqualTo("1");
        assertThat(browser.find("#nav-order .visually-hidden").getAttribute("textContent")).isEqualTo(fi ? "(1 uusi vastaus)" : "(1 nytt svar)");
        browser.assertAccessible("my orders with a reply " + lang);
        browser.clickAndWaitForNewPage("#my-orders-table tbody a");
        assertThat(browser.text("#conversation")).contains("Näyttö ei toimi.", "Kumpi näyttö?").doesNotContain("Vain henkilöstölle");
        assertThat(browser.findAll("#nav-order .badge--count")).as("seen").isEmpty();
        browser.assertAccessible("my order " + lang);
        browser.clickAndWaitForNewPage("#send-message");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.find("#message").getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible("my order with an error " + lang);
        browser.type("#message", "Vasemmanpuoleinen.");
        browser.clickAndWaitForNewPage("#send-message");
        assertThat(browser.text("#notice")).isEqualTo(fi ? "Viestisi lisättiin tilaukseen." : "Ditt meddelande lades till i beställningen.");
        assertThat(browser.text("#order-status")).isEqualTo(fi ? "Työn alla" : "Under arbete");
        browser.assertAccessible("my order answered " + lang);
    }
}
