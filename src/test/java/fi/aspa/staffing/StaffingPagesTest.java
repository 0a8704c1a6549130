package fi.aspa.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.OpenedCase;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

/**
 * The staffing pages over HTTP: the profile form and its validation, expertise and absences, reminders, the
 * competence map's counts, "who handles", the assignment reason on the case page, and the walls between
 * organizations.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffingPagesTest {
    @Autowired WebApplicationContext context;
    @Autowired Fixtures fixtures;
    @Autowired StaffingStore store;
    @Autowired Catalogue catalogue;
    @Autowired Assigner assigner;
    @Autowired StaffPages pages;

    Fixtures.Org org;
    Fixtures.Org other;
    UUID parking;
    UUID permits;
    UUID otherService;

    @BeforeAll
    void setUp() {
        org = fixtures.organization();
        other = fixtures.organization();
        parking = catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("Pysäköintitunnus", "Parkeringstillstånd", "Parking permit"),
                new LocalizedText("Asukaspysäköinti", null, null), List.of("pysäköinti"), org.service().id())).id();
        permits = catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("Rakennuslupa", "Bygglov", "Building permit"),
                new LocalizedText("Luvat", null, null), List.of("lupa"), org.building().id())).id();
        otherService = catalogue.create(other.id(), ServiceDraft.simple(new LocalizedText("Toisen palvelu", null, null),
                null, List.of(), other.service().id())).id();
    }

    RequestPostProcessor as(StaffUser u) {
        return pages.as(u);
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(request);
    }

    String page(StaffUser u, String path) throws Exception {
        return pages.page(u, path);
    }

    MockHttpServletResponse saveProfile(StaffUser u, String job, List<String> languages, String others, List<String> days,
                                        String start, String end) throws Exception {
        var request = post("/workspace/profile").with(as(u)).with(csrf()).param("job", job).param("otherLanguages", others)
                .param("start", start).param("end", end);
        languages.forEach(l -> request.param("language", l));
        days.forEach(d -> request.param("day", d));
        return send(request);
    }

    @Test
    void savingTheProfileStoresItAndConfirmsIt() throws Exception {
        StaffUser me = org.colleague();
        MockHttpServletResponse saved = saveProfile(me, "Rakennuslupien neuvonta", List.of("fi", "sv"), "de, RU", List.of("1", "2", "3"), "7.30", "15:15");
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(saved.getRedirectedUrl()).isEqualTo("/workspace/profile");
        Profile profile = store.profile(org.id(), me.id(), "sv");
        assertThat(profile.jobDescription()).isEqualTo("Rakennuslupien neuvonta");
        assertThat(profile.languages()).containsExactly("fi", "sv", "de", "ru");
        assertThat(profile.hours()).isEqualTo(new WorkingHours(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY), 450, 915));
        assertThat(profile.confirmedAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        String html = page(me, "/workspace/profile");
        assertThat(html).contains("Rakennuslupien neuvonta", "07:30", "15:15", "saksa, venäjä").doesNotContain("profile-reminder");
        assertThat(page(org.agent(), "/workspace/people/" + me.id())).contains("Rakennuslupien neuvonta", "suomi, ruotsi, saksa, venäjä");
    }

    @Test
    void badInputShowsTheFormAgainWithErrorsBesideTheFields() throws Exception {
        StaffUser me = org.manager();
        MockHttpServletResponse bad = saveProfile(me, "x".repeat(1001), List.of("xx"), "klingon, de", List.of("9"), "25:00", "7:00");
        assertThat(bad.getStatus()).isEqualTo(200);
        String html = bad.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("<title>Virhe:", "href=\"#job\"", "href=\"#language-fi\"", "href=\"#other-languages\"",
                "href=\"#day-1\"", "href=\"#work-start\"", "”klingon” ei ole kielikoodi", "id=\"work-start-error\"");
        assertThat(html).contains("aria-invalid=\"true\"");
        assertThat(store.profile(org.id(), me.id(), "fi").saved()).isFalse();

        String endFirst = saveProfile(me, "", List.of("fi"), "", List.of("1"), "16:00", "8:00").getContentAsString(StandardCharsets.UTF_8);
        assertThat(endFirst).contains("href=\"#work-end\"", "Työn on päätyttävä alkamisen jälkeen");
        assertThat(saveProfile(me, "", List.of("fi"), "", List.of("1"), "0:00", "24:00").getStatus()).isEqualTo(302);
        assertThat(store.profile(org.id(), me.id(), "fi").hours().end()).isEqualTo(1440);
    }

    @Test
    void absencesAreCheckedAndShownAsAbsentToday() throws Exception {
        StaffUser me = org.agent();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Helsinki"));
        String required = send(post("/workspace/profile/absences").with(as(me)).with(csrf()).param("first", "").param("last", ""))
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(required).contains("<title>Virhe:", "href=\"#absence-first\"");
        String backwards = send(post("/workspace/profile/absences").with(as(me)).with(csrf())
                .param("first", today.plusDays(3).toString()).param("last", today.plusDays(1).toString())).getContentAsString(StandardCharsets.UTF_8);
        assertThat(backwards).contains("href=\"#absence-last\"", "Viimeinen päivä ei voi olla ennen ensimmäistä");
        String garbage = send(post("/workspace/profile/absences").with(as(me)).with(csrf()).param("first", "huomenna"))
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(garbage).contains("Anna päivämäärä");
        String past = send(post("/workspace/profile/absences").with(as(me)).with(csrf()).param("first", "1.1.2020"))
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(past).contains("Poissaolo on jo päättynyt");

        // today and tomorrow: still "today" if midnight passes before the pages below are drawn (an absence of today alone
        // would then have ended, and be refused as past if the post came after midnight)
        MockHttpServletResponse added = send(post("/workspace/profile/absences").with(as(me)).with(csrf())
                .param("first", today.format(java.time.format.DateTimeFormatter.ofPattern("d.M.yyyy")))
                .param("last", today.plusDays(1).toString()));
        assertThat(added.getStatus()).isEqualTo(302);
        Profile profile = store.profile(org.id(), me.id(), "fi");
        assertThat(profile.absences()).hasSize(1);
        assertThat(page(org.manager(), "/workspace/people/" + me.id())).contains("Poissa tänään");
        assertThat(page(org.manager(), "/workspace/competence?unit=" + org.service().id())).contains("Poissa tänään (1)");

        UUID absence = profile.absences().getFirst().id();
        assertThat(send(post("/workspace/profile/absences/" + absence + "/delete").with(as(org.manager())).with(csrf())).getStatus())
                .as("someone else's absence").isEqualTo(404);
        assertThat(send(post("/workspace/profile/absences/" + absence + "/delete").with(as(me)).with(csrf())).getStatus()).isEqualTo(302);
        assertThat(store.profile(org.id(), me.id(), "fi").absences()).isEmpty();
    }

    @Test
    void expertiseIsAddedFromASearchAndBadValuesAreRefused() throws Exception {
        StaffUser me = org.agent();
        assertThat(page(me, "/workspace/profile?service=pysäköinti")).contains("Pysäköintitunnus", "name=\"service\" value=\"" + parking + "\"");
        assertThat(send(post("/workspace/profile/expertise").with(as(me)).with(csrf()).param("service", parking.toString())
                .param("level", "EXPERT")).getStatus()).isEqualTo(302);
        assertThat(store.profile(org.id(), me.id(), "fi").expertise()).containsEntry(parking, Level.EXPERT);

        assertThat(send(post("/workspace/profile/expertise").with(as(me)).with(csrf()).param("service", parking.toString())
                .param("level", "GURU")).getStatus()).isEqualTo(422);
        assertThat(send(post("/workspace/profile/expertise").with(as(me)).with(csrf()).param("service", "not-a-uuid")
                .param("level", "EXPERT")).getStatus()).isEqualTo(400);
        assertThat(send(post("/workspace/profile/expertise").with(as(me)).with(csrf()).param("service", otherService.toString())
                .param("level", "EXPERT")).getStatus()).as("another organization's service").isEqualTo(422);
        assertThat(send(post("/workspace/profile/expertise").with(as(me)).param("service", parking.toString())
                .param("level", "EXPERT")).getStatus()).as("no CSRF token").isEqualTo(403);
        assertThat(store.profile(org.id(), me.id(), "fi").expertise()).containsOnlyKeys(parking);

        assertThat(page(org.colleague(), "/workspace/directory?q=pysäköinti")).contains("/workspace/people?service=" + parking);
        String who = page(org.colleague(), "/workspace/people?q=pysäköinti");
        assertThat(who).contains("Pysäköintitunnus", me.displayName(), "Asiantuntija");
    }

    @Test
    void theCompetenceMapCountsPeoplePerServiceAndFlagsThinSpots() throws Exception {
        Fixtures.Org own = fixtures.organization();
        UUID a = catalogue.create(own.id(), ServiceDraft.simple(new LocalizedText("Aapinen", null, null), null, List.of(), own.service().id())).id();
        UUID b = catalogue.create(own.id(), ServiceDraft.simple(new LocalizedText("Bussikortti", null, null), null, List.of(), own.service().id())).id();
        UUID c = catalogue.create(own.id(), ServiceDraft.simple(new LocalizedText("Ceremonia", null, null), null, List.of(), own.service().id())).id();
        Instant now = Instant.now();
        store.save(own.id(), own.agent().id(), "", List.of("fi"), WorkingHours.OFFICE, now);
        store.save(own.id(), own.manager().id(), "", List.of("fi", "sv"), WorkingHours.OFFICE, now);
        store.setExpertise(own.id(), own.agent().id(), a, Level.RESPONSIBLE);
        store.setExpertise(own.id(), own.manager().id(), a, Level.CAN_HANDLE);
        store.setExpertise(own.id(), own.agent().id(), b, Level.EXPERT);

        CompetenceMaps.Result map = context.getBean(CompetenceMaps.class).build(own.id(), own.service().id(), Language.FI);
        assertThat(map.rows()).extracting(r -> r.service().text()).containsExactly("Aapinen", "Bussikortti", "Ceremonia");
        assertThat(map.rows()).extracting(CompetenceMaps.Row::people).containsExactly(2, 1, 0);
        assertThat(map.nobody()).extracting(CompetenceMaps.Row::serviceId).containsExactly(c);
        assertThat(map.single()).extracting(CompetenceMaps.Row::serviceId).containsExactly(b);
        assertThat(map.noSwedish()).extracting(CompetenceMaps.Row::serviceId).containsExactly(b);
        assertThat(map.people()).extracting(StaffingViews.Person::id).containsExactly(own.agent().id(), own.manager().id());

        String html = page(own.agent(), "/workspace/competence?unit=" + own.service().id());
        assertThat(html).contains("<caption", "scope=\"row\"", "scope=\"col\"", "Palvelut, joita kukaan ei osaa (1)",
                "yhden henkilön varassa (1)", "ei osaa kukaan ruotsinkielinen (1)");
        assertThat(page(own.agent(), "/workspace/competence")).contains("Aapinen").doesNotContain("Pysäköintitunnus");
        assertThat(send(get("/workspace/competence?unit=" + org.service().id()).with(as(own.agent()))).getStatus())
                .as("another organization's unit").isEqualTo(404);
    }

    @Test
    void onlyTheUnitsManagerTurnsAutomaticAssignmentOnOrOff() throws Exception {
        UUID unit = org.service().id();
        assertThat(send(post("/workspace/competence/auto-assign").with(as(org.agent())).with(csrf())
                .param("unit", unit.toString()).param("on", "true")).getStatus()).isEqualTo(403);
        assertThat(send(post("/workspace/competence/auto-assign").with(as(org.manager())).with(csrf())
                .param("unit", org.building().id().toString()).param("on", "true")).getStatus()).as("not their unit").isEqualTo(403);
        assertThat(send(post("/workspace/competence/auto-assign").with(as(other.manager())).with(csrf())
                .param("unit", unit.toString()).param("on", "true")).getStatus()).as("another organization").isEqualTo(404);
        assertThat(store.autoAssign(org.id(), unit)).isFalse();
        assertThat(send(post("/workspace/competence/auto-assign").with(as(org.manager())).with(csrf())
                .param("unit", unit.toString()).param("on", "true")).getStatus()).isEqualTo(302);
        assertThat(store.autoAssign(org.id(), unit)).isTrue();
        assertThat(page(org.manager(), "/workspace/competence?unit=" + unit)).contains("id=\"auto-toggle\"", "Päällä:");
        assertThat(page(org.agent(), "/workspace/competence?unit=" + unit)).doesNotContain("id=\"auto-toggle\"");
        store.setAutoAssign(org.id(), unit, false, Instant.now());
    }

    @Test
    void theOwnerOfAStaleProfileIsRemindedUntilTheyConfirm() throws Exception {
        Fixtures.Org own = fixtures.organization();
        StaffUser me = own.agent();
        assertThat(page(me, "/workspace")).contains("id=\"profile-reminder\"", "Profiiliasi ei ole vielä vahvistettu");
        store.confirm(own.id(), me.id(), "fi", Instant.now().minus(200, ChronoUnit.DAYS));
        assertThat(page(me, "/workspace")).contains("id=\"profile-reminder\"", "Vahvistit profiilisi viimeksi");
        assertThat(page(own.manager(), "/workspace/people")).contains("Tarkistettava");
        store.confirm(own.id(), me.id(), "fi", Instant.now().minus(150, ChronoUnit.DAYS));
        assertThat(page(me, "/workspace")).doesNotContain("profile-reminder");
        store.confirm(own.id(), me.id(), "fi", Instant.now().minus(200, ChronoUnit.DAYS));
        assertThat(send(post("/workspace/profile/confirm").with(as(me)).with(csrf())).getStatus()).isEqualTo(302);
        assertThat(page(me, "/workspace")).doesNotContain("profile-reminder");
        assertThat(send(get("/").header("Accept-Language", "fi")).getContentAsString(StandardCharsets.UTF_8)).doesNotContain("profile-reminder");
    }

    @Test
    void theCasePageSaysWhyTheCaseWentToItsHandler() throws Exception {
        Fixtures.Org own = fixtures.organization();
        UUID service = catalogue.create(own.id(), ServiceDraft.simple(new LocalizedText("Pysäköintitunnus", "Parkeringstillstånd", null),
                null, List.of(), own.service().id())).id();
        Instant now = Instant.now();
        store.save(own.id(), own.manager().id(), "", List.of("fi"), new WorkingHours(EnumSet.allOf(DayOfWeek.class), 0, 1440), now);
        store.setExpertise(own.id(), own.manager().id(), service, Level.RESPONSIBLE);
        OpenedCase opened = fixtures.aCase(own, "Pysäköinti", "Tarvitsen tunnuksen");
        Instant tuesday = java.time.LocalDateTime.of(2026, 3, 10, 10, 0).atZone(ZoneId.of("Europe/Helsinki")).toInstant();
        assigner.assign(own.id(), opened.id(), service, tuesday, false).orElseThrow();

        assertThat(page(own.agent(), "/workspace/cases/" + opened.id())).contains("id=\"case-assignment\"",
                "Valittu automaattisesti käsittelijäksi " + own.manager().displayName(), "Vastuuhenkilö palvelussa Pysäköintitunnus");
        OpenedCase plain = fixtures.aCase(own, "Muuta", "Jotain");
        assertThat(page(own.agent(), "/workspace/cases/" + plain.id())).doesNotContain("case-assignment");
    }

    @Test
    void anotherOrganizationsPeopleCannotBeSeen() throws Exception {
        assertThat(send(get("/workspace/people/" + other.agent().id()).with(as(org.agent()))).getStatus()).isEqualTo(404);
        assertThat(send(get("/workspace/people/not-an-id").with(as(org.agent()))).getStatus()).isEqualTo(400);
        assertThat(page(org.agent(), "/workspace/people")).contains(org.colleague().displayName()).doesNotContain(other.agent().displayName());
        assertThat(send(get("/workspace/people?service=" + otherService).with(as(org.agent()))).getStatus()).isEqualTo(404);
        assertThat(send(get("/workspace/profile")).getStatus()).as("anonymous").isEqualTo(302);
        assertThat(page(org.agent(), "/workspace/competence")).doesNotContain("Toisen palvelu");
    }
}
