package fi.aspa.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.insights.TargetStore.Counts;
import fi.aspa.insights.TargetStore.Draft;
import fi.aspa.insights.TargetStore.Figure;
import fi.aspa.insights.TargetStore.Status;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Improvement targets over HTTP on the real database: adding, editing and changing a target's status with its history;
 * who may see and change which unit's targets (agents 403, another unit's manager 403 for the list and 404 for a
 * target, administrators any unit, another organization 404); every kind of bad input a field error in the reader's
 * language with the form kept, never a 500; overdue targets by the injected clock's Helsinki date; the dashboard's and
 * the survey results' links; the demo targets.
 */
@AspaTest
class ImprovementTargetsTest {
    static final String TARGETS = "/workspace/insights/targets";

    @Autowired
    Fixtures fixtures;
    @Autowired
    StaffPages pages;
    @Autowired
    TargetStore store;
    @Autowired
    Staff staff;
    @Autowired
    Organizations organizations;
    @Autowired
    PublicOrganization publicOrganization;
    @Autowired
    JdbcClient db;

    Fixtures.Org org;

    @BeforeEach
    void setUp() {
        org = fixtures.organization();
    }

    static String html(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    static MockHttpServletRequestBuilder form(String path, String... fields) {
        MockHttpServletRequestBuilder request = post(path).with(csrf());
        for (int i = 0; i < fields.length; i += 2) request.param(fields[i], fields[i + 1]);
        return request;
    }

    /** Adds a target as this person and returns its id. */
    UUID add(StaffUser who, String... fields) throws Exception {
        MockHttpServletResponse sent = pages.send(who, form(TARGETS, fields));
        assertThat(sent.getStatus()).as(html(sent)).isEqualTo(302);
        assertThat(sent.getRedirectedUrl()).startsWith(TARGETS + "/");
        return UUID.fromString(sent.getRedirectedUrl().substring(TARGETS.length() + 1));
    }

    StaffUser otherManager(Fixtures.Org o) {
        String slug = o.organization().slug();
        return staff.create(o.id(), o.building().id(), slug + "-rava-manager", "Raija Rakentaja " + slug,
                "rava-manager@" + slug + ".fi", Fixtures.PASSWORD, EnumSet.of(Role.UNIT_MANAGER), Language.FI);
    }

    @Test
    void aTargetNamedFromElsewhereStartsWithItsTitleEscapedAndShortened() throws Exception {
        String page = html(pages.send(org.manager(), get(TARGETS).param("title", "<b>Jonot</b> " + "x".repeat(300))));
        assertThat(page).contains("value=\"&lt;b&gt;Jonot&lt;/b&gt; xxx").doesNotContain("<b>Jonot</b>", "x".repeat(200));
    }

    int history(UUID target) {
        return db.sql("select count(*) from improvement_target_change where target_id = ?").param(target).query(Integer.class).single();
    }

    @Test
    void aManagerAddsEditsAndClosesATargetAndItsHistoryIsKept() throws Exception {
        UUID id = add(org.manager(), "title", "Nopeampi ensimmäinen vastaus", "description", "Jaetaan jono vuoroihin.",
                "figure", "first-reply", "owner", org.agent().id().toString(), "due", "31.12.2099");
        assertThat(db.sql("select unit_id, status, due_date, figure, created_by from improvement_target where id = ?").param(id)
                .query((rs, n) -> List.of(rs.getObject(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4),
                        rs.getObject(5))).single())
                .containsExactly(org.service().id(), "PLANNED", LocalDate.of(2099, 12, 31), "first-reply", org.manager().id());

        String list = pages.page(org.manager(), TARGETS);
        assertThat(InsightsTest.rows(list, "targets")).containsExactly(
                "Kehittämiskohde | Tunnusluku | Vastuuhenkilö | Määräpäivä | Tila",
                "Nopeampi ensimmäinen vastaus | Ensimmäisen vastauksen nopeus | " + org.agent().displayName() + " | 31.12.2099 | Suunniteltu");
        assertThat(list).contains("Avoimia kehittämiskohteita: 1. Niistä myöhässä: 0.", "Yksikön Asiakaspalvelu kehittämiskohteet");

        // the status changes: the history says from what to what, and who
        MockHttpServletResponse started = pages.send(org.manager(), form(TARGETS + "/" + id, "title", "Nopeampi ensimmäinen vastaus",
                "description", "Jaetaan jono vuoroihin.", "figure", "first-reply", "owner", org.agent().id().toString(),
                "due", "31.12.2099", "status", "IN_PROGRESS", "review", ""));
        assertThat(started.getStatus()).as(html(started)).isEqualTo(302);
        assertThat(started.getRedirectedUrl()).isEqualTo(TARGETS + "/" + id);
        // closed with a review, a new due date typed the Swedish (ISO) way and no owner
        MockHttpServletResponse done = pages.in("sv").send(org.manager(), form(TARGETS + "/" + id, "title", "Nopeampi ensimmäinen vastaus",
                "description", "Jaetaan jono vuoroihin.", "figure", "first-reply", "owner", "", "due", "2099-06-30",
                "status", "DONE", "review", "Vastausaika puolittui."));
        assertThat(done.getStatus()).as(html(done)).isEqualTo(302);
        assertThat(history(id)).isEqualTo(3);

        String page = pages.page(org.manager(), TARGETS + "/" + id);
        assertThat(InsightsTest.rows(page, "history")).hasSize(4).element(1).asString()
                .endsWith(org.manager().displayName() + " | Tila: Käynnissä → Valmis. Muutettu: vastuuhenkilö, määräpäivä, arvio.");
        assertThat(InsightsTest.rows(page, "history")).element(2).asString().endsWith("Tila: Suunniteltu → Käynnissä.");
        assertThat(InsightsTest.rows(page, "history")).element(3).asString().endsWith("Lisätty tilassa Suunniteltu.");
        assertThat(page).contains("<title>Nopeampi ensimmäinen vastaus", "id=\"target-status\">Valmis<",
                "Vastausaika puolittui.", "value=\"30.6.2099\"", "datetime=\"2099-06-30\"");
        assertThat(pages.in("sv").page(org.manager(), TARGETS + "/" + id))
                .contains("Status: Pågår → Klart. Ändrat: ansvarig, måldatum, utvärdering.", "value=\"2099-06-30\"");

        // saving what is there changes nothing and writes no history
        var same = pages.mvc().perform(form(TARGETS + "/" + id, "title", "Nopeampi ensimmäinen vastaus",
                "description", "Jaetaan jono vuoroihin.", "figure", "first-reply", "owner", "", "due", "30.6.2099",
                "status", "DONE", "review", "Vastausaika puolittui.").with(pages.as(org.manager()))).andReturn();
        assertThat(same.getResponse().getStatus()).isEqualTo(302);
        assertThat(same.getFlashMap().get("saved")).isEqualTo("insights.targets.unchanged");
        assertThat(history(id)).isEqualTo(3);

        // the list filters by status
        add(org.manager(), "title", "Vähemmän siirtoja", "figure", "transfers");
        assertThat(InsightsTest.rows(pages.page(org.manager(), TARGETS + "?status=PLANNED"), "targets"))
                .hasSize(2).element(1).asString().startsWith("Vähemmän siirtoja");
        assertThat(InsightsTest.rows(pages.page(org.manager(), TARGETS + "?status=DONE"), "targets"))
                .hasSize(2).element(1).asString().startsWith("Nopeampi ensimmäinen vastaus");
        assertThat(pages.page(org.manager(), TARGETS + "?status=DROPPED")).contains("Ei kehittämiskohteita.");
    }

    @Test
    void managersSeeTheirOwnUnitAdministratorsAnyAndAgentsNone() throws Exception {
        UUID id = add(org.manager(), "title", "Asiakaspalvelun kohde");
        StaffUser rava = otherManager(org);
        UUID theirs = add(rava, "title", "Rakennusvalvonnan kohde");
        assertThat(db.sql("select unit_id from improvement_target where id = ?").param(theirs).query(UUID.class).single())
                .isEqualTo(org.building().id());

        // agents: nothing
        for (MockHttpServletRequestBuilder request : List.of(get(TARGETS), get(TARGETS + "/" + id),
                form(TARGETS, "title", "x"), form(TARGETS + "/" + id, "title", "x", "status", "DONE"))) {
            assertThat(pages.send(org.agent(), request).getStatus()).isEqualTo(403);
        }
        // another unit's manager: not this unit's list (403) nor its target (404), and cannot add to it
        assertThat(pages.send(rava, get(TARGETS + "?unit=" + org.service().id())).getStatus()).isEqualTo(403);
        assertThat(pages.send(rava, form(TARGETS, "unit", org.service().id().toString(), "title", "x")).getStatus()).isEqualTo(403);
        assertThat(pages.send(rava, get(TARGETS + "/" + id)).getStatus()).isEqualTo(404);
        assertThat(pages.send(rava, form(TARGETS + "/" + id, "title", "x", "status", "DONE")).getStatus()).isEqualTo(404);
        assertThat(pages.page(rava, TARGETS)).contains("Rakennusvalvonnan kohde").doesNotContain("Asiakaspalvelun kohde");
        assertThat(db.sql("select title from improvement_target where id = ?").param(id).query(String.class).single())
                .isEqualTo("Asiakaspalvelun kohde");

        // an administrator: the whole organization (with the unit), one unit, and any target; adds to the unit chosen
        StaffUser admin = fixtures.admin(org);
        assertThat(InsightsTest.rows(pages.page(admin, TARGETS), "targets")).containsExactlyInAnyOrder(
                "Kehittämiskohde | Yksikkö | Tunnusluku | Vastuuhenkilö | Määräpäivä | Tila",
                "Asiakaspalvelun kohde | Asiakaspalvelu | ei valittu | ei valittu | ei määräpäivää | Suunniteltu",
                "Rakennusvalvonnan kohde | Rakennusvalvonta | ei valittu | ei valittu | ei määräpäivää | Suunniteltu");
        assertThat(pages.page(admin, TARGETS + "?unit=" + org.building().id())).contains("Rakennusvalvonnan kohde")
                .doesNotContain("Asiakaspalvelun kohde");
        assertThat(pages.page(admin, TARGETS + "/" + theirs)).contains("Rakennusvalvonnan kohde");
        UUID added = add(admin, "unit", org.building().id().toString(), "title", "Hallinnon kohde");
        assertThat(db.sql("select unit_id from improvement_target where id = ?").param(added).query(UUID.class).single())
                .isEqualTo(org.building().id());
        assertThat(pages.send(admin, form(TARGETS + "/" + theirs, "title", "Rakennusvalvonnan kohde", "status", "IN_PROGRESS"))
                .getStatus()).isEqualTo(302);

        // another organization: its administrator and manager find nothing of this one
        Fixtures.Org other = fixtures.organization();
        StaffUser otherAdmin = fixtures.admin(other);
        assertThat(pages.send(otherAdmin, get(TARGETS + "/" + id)).getStatus()).isEqualTo(404);
        assertThat(pages.send(other.manager(), get(TARGETS + "/" + id)).getStatus()).isEqualTo(404);
        assertThat(pages.send(otherAdmin, form(TARGETS + "/" + id, "title", "x", "status", "DONE")).getStatus()).isEqualTo(404);
        MockHttpServletResponse foreignUnit = pages.send(otherAdmin, get(TARGETS + "?unit=" + org.service().id()));
        assertThat(foreignUnit.getStatus()).isEqualTo(400);
        assertThat(html(foreignUnit)).contains("Valitse yksikkö luettelosta.");
        MockHttpServletResponse foreignAdd = pages.send(otherAdmin, form(TARGETS, "unit", org.service().id().toString(), "title", "x"));
        assertThat(foreignAdd.getStatus()).isEqualTo(422);
        assertThat(pages.page(otherAdmin, TARGETS)).doesNotContain("Asiakaspalvelun kohde", "Rakennusvalvonnan kohde");

        // not an id, an unknown id, and no CSRF token
        assertThat(pages.send(org.manager(), get(TARGETS + "/not-a-uuid")).getStatus()).isEqualTo(404);
        assertThat(pages.send(org.manager(), get(TARGETS + "/" + UUID.randomUUID())).getStatus()).isEqualTo(404);
        assertThat(pages.send(org.manager(), post(TARGETS).param("title", "x")).getStatus()).isEqualTo(403);
        assertThat(pages.send(get(TARGETS)).getStatus()).as("not signed in").isIn(302, 401);
    }

    @Test
    void badInputIsAFieldErrorWithTheFormKept() throws Exception {
        record Bad(String field, String value, String message) {}
        for (Bad bad : List.of(
                new Bad("title", "", "Kirjoita kehittämiskohteen nimi."),
                new Bad("title", "   ", "Kirjoita kehittämiskohteen nimi."),
                new Bad("title", "a".repeat(201), "Teksti voi olla enintään 200 merkkiä (nyt 201)."),
                new Bad("description", "b".repeat(4001), "Teksti voi olla enintään 4000 merkkiä (nyt 4001)."),
                new Bad("figure", "speed", "Valitse tunnusluku luettelosta."),
                new Bad("owner", UUID.randomUUID().toString(), "Valitse vastuuhenkilö luettelosta."),
                new Bad("owner", "Aino", "Valitse vastuuhenkilö luettelosta."),
                new Bad("due", "31.2.2026", "Kirjoita määräpäivä, esimerkiksi"),
                new Bad("due", "huomenna", "Kirjoita määräpäivä, esimerkiksi"),
                new Bad("due", "1.1.1999", "Kirjoita määräpäivä, esimerkiksi"),
                new Bad("due", "1".repeat(100), "Kirjoita määräpäivä, esimerkiksi"))) {
            List<String> fields = new java.util.ArrayList<>(List.of("title", "Hyvä otsikko", "description", "Säilyvä kuvaus",
                    "figure", "csat", "owner", "", "due", ""));
            fields.set(fields.indexOf(bad.field()) + 1, bad.value());
            MockHttpServletResponse response = pages.send(org.manager(), form(TARGETS, fields.toArray(String[]::new)));
            assertThat(response.getStatus()).as(bad.toString()).isEqualTo(422);
            String page = html(response);
            assertThat(page).as(bad.toString()).contains("class=\"error-summary\"", "href=\"#" + bad.field() + "\"",
                    bad.message(), "id=\"" + bad.field() + "-error\"", "aria-invalid=\"true\"");
            assertThat(page.substring(page.indexOf("<title>"), page.indexOf("</title>"))).startsWith("<title>Virhe:");
            if (!bad.field().equals("description")) assertThat(page).as("nothing lost").contains("Säilyvä kuvaus");
        }
        // another organization's staff member cannot own this unit's target
        Fixtures.Org other = fixtures.organization();
        MockHttpServletResponse foreignOwner = pages.send(org.manager(), form(TARGETS, "title", "x", "owner", other.agent().id().toString()));
        assertThat(foreignOwner.getStatus()).isEqualTo(422);
        assertThat(html(foreignOwner)).contains("Valitse vastuuhenkilö luettelosta.");
        assertThat(db.sql("select count(*) from improvement_target where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).as("nothing saved").isZero();

        // in Swedish; an administrator must choose a unit of the organization
        MockHttpServletResponse swedish = pages.in("sv").send(org.manager(), form(TARGETS, "title", "x", "due", "i morgon"));
        assertThat(html(swedish)).contains("Skriv ett måldatum, till exempel").startsWith("<!DOCTYPE html>");
        StaffUser admin = fixtures.admin(org);
        for (String unit : new String[] {"", "garbage", UUID.randomUUID().toString()}) {
            MockHttpServletResponse noUnit = pages.send(admin, form(TARGETS, "unit", unit, "title", "Otsikko"));
            assertThat(noUnit.getStatus()).as(unit).isEqualTo(422);
            assertThat(html(noUnit)).contains("href=\"#target-unit\"", "Valitse yksikkö luettelosta.", "value=\"Otsikko\"");
        }
        MockHttpServletResponse badFilter = pages.send(admin, get(TARGETS + "?unit=garbage&status=FINISHED"));
        assertThat(badFilter.getStatus()).isEqualTo(400);
        assertThat(html(badFilter)).contains("href=\"#unit\"", "href=\"#status\"", "Valitse tila luettelosta.");

        // HTML is text: stored as typed, shown escaped
        UUID hostile = add(org.manager(), "title", "<script>alert(1)</script>", "description", "<b>lihava</b>");
        assertThat(db.sql("select title from improvement_target where id = ?").param(hostile).query(String.class).single())
                .isEqualTo("<script>alert(1)</script>");
        for (String page : List.of(pages.page(org.manager(), TARGETS), pages.page(org.manager(), TARGETS + "/" + hostile))) {
            assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)", "<b>lihava");
        }

        // an unknown status on the target's page; a field too long there keeps what was typed
        String path = TARGETS + "/" + hostile;
        MockHttpServletResponse status = pages.send(org.manager(), form(path, "title", "Uusi nimi", "status", "FINISHED"));
        assertThat(status.getStatus()).isEqualTo(422);
        assertThat(html(status)).contains("Valitse tila luettelosta.", "href=\"#status\"", "value=\"Uusi nimi\"");
        MockHttpServletResponse review = pages.send(org.manager(), form(path, "title", "Uusi nimi", "status", "DONE",
                "review", "c".repeat(4001)));
        assertThat(review.getStatus()).isEqualTo(422);
        assertThat(html(review)).contains("Teksti voi olla enintään 4000 merkkiä (nyt 4001).", "href=\"#review\"", "value=\"Uusi nimi\"");
        assertThat(history(hostile)).as("nothing changed").isEqualTo(1);

        // bytes that are not UTF-8, as they are: a message, never a 500
        MockHttpServletResponse notUtf8 = pages.send(org.manager(), post(TARGETS).with(csrf())
                .contentType("application/x-www-form-urlencoded")
                .content("title=%FF%FE%00&description=ok&due=%FF".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(notUtf8.getStatus()).isEqualTo(422);
        assertThat(html(notUtf8)).contains("merkkejä, joita ei voi lukea", "Kirjoita määräpäivä, esimerkiksi");
        MockHttpServletResponse latin1 = pages.send(org.manager(), post(path).with(csrf())
                .contentType("application/x-www-form-urlencoded")
                .content("title=P\u00e4ivitetty&status=DONE&review=".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(latin1.getStatus()).isEqualTo(422);
        assertThat(html(latin1)).contains("merkkejä, joita ei voi lukea");
        MockHttpServletResponse query = pages.send(admin, get(URI.create(TARGETS + "?unit=%FF%FE&status=%FF")));
        assertThat(query.getStatus()).isEqualTo(400);
        assertThat(html(query)).contains("Valitse yksikkö luettelosta.");
        assertThat(pages.send(org.manager(), get(URI.create(TARGETS + "/%FF%FE"))).getStatus()).isEqualTo(404);
    }

    @Test
    void overdueIsCountedByTheInjectedClocksHelsinkiDate() throws Exception {
        // 15.3.2026 at 0.30 in Helsinki is still the 14th in UTC
        Clock fifteenth = Clock.fixed(LocalDateTime.parse("2026-03-15T00:30").atZone(DateTimes.HELSINKI).toInstant(), DateTimes.HELSINKI);
        TargetStore at15 = new TargetStore(db, fifteenth);
        UUID unit = org.service().id();
        UUID me = org.manager().id();
        for (Object[] t : new Object[][] {{"Eilen", 14, Status.PLANNED}, {"Tänään", 15, Status.IN_PROGRESS},
                {"Huomenna", 16, Status.PLANNED}, {"Valmis", 1, Status.DONE}, {"Luovuttu", 1, Status.DROPPED}}) {
            UUID id = at15.create(org.id(), me, new Draft(unit, (String) t[0], "", Figure.OTHER, null,
                    LocalDate.of(2026, 3, (Integer) t[1]), Status.PLANNED, "")).id();
            if (t[2] != Status.PLANNED) at15.update(org.id(), id, me, new Draft(unit, (String) t[0], "", Figure.OTHER, null,
                    LocalDate.of(2026, 3, (Integer) t[1]), (Status) t[2], ""));
        }
        at15.create(org.id(), me, new Draft(unit, "Ei päivää", "", null, null, null, Status.PLANNED, ""));
        assertThat(at15.today()).isEqualTo(LocalDate.of(2026, 3, 15));
        assertThat(at15.counts(org.id(), unit)).isEqualTo(new Counts(4, 1));
        assertThat(at15.counts(org.id(), org.building().id())).isEqualTo(new Counts(0, 0));
        assertThat(at15.counts(org.id(), null)).isEqualTo(new Counts(4, 1));
        TargetStore at17 = new TargetStore(db, Clock.offset(fifteenth, java.time.Duration.ofDays(2)));
        assertThat(at17.counts(org.id(), unit)).isEqualTo(new Counts(4, 3));
        TargetStore before = new TargetStore(db, Clock.offset(fifteenth, java.time.Duration.ofDays(-30)));
        assertThat(before.counts(org.id(), unit)).isEqualTo(new Counts(4, 0));
        assertThat(at15.list(org.id(), unit, null)).extracting(TargetStore.Target::title)
                .containsExactly("Tänään", "Eilen", "Huomenna", "Ei päivää", "Valmis", "Luovuttu");
        assertThat(at15.list(org.id(), unit, null)).filteredOn(t -> t.overdue(at15.today()))
                .extracting(TargetStore.Target::title).containsExactly("Eilen");

        // the pages, on the application's clock (today, long after March 2026's targets were due): said in words
        Fixtures.Org fresh = fixtures.organization();
        add(fresh.manager(), "title", "Myöhässä oleva", "due", "1.1.2020");
        add(fresh.manager(), "title", "Ajallaan", "due", "31.12.2099");
        assertThat(InsightsTest.rows(pages.page(fresh.manager(), TARGETS), "targets")).contains(
                "Myöhässä oleva | ei valittu | ei valittu | 1.1.2020 myöhässä | Suunniteltu",
                "Ajallaan | ei valittu | ei valittu | 31.12.2099 | Suunniteltu");
        assertThat(pages.in("sv").page(fresh.manager(), TARGETS)).contains("Öppna utvecklingsmål: 2. Av dem försenade: 1.", "försenat");
    }

    @Test
    void theDashboardAndTheSurveyResultsLeadToTheTargets() throws Exception {
        add(org.manager(), "title", "Myöhässä", "due", "1.1.2020");
        add(org.manager(), "title", "Tulossa", "due", "31.12.2099");
        String dashboard = pages.page(org.manager(), "/workspace/insights");
        assertThat(dashboard).contains("id=\"targets-link\" href=\"/workspace/insights/targets\"",
                "Avoimia kehittämiskohteita: 2. Niistä myöhässä: 1.");
        StaffUser admin = fixtures.admin(org);
        assertThat(pages.page(admin, "/workspace/insights")).contains("Avoimia kehittämiskohteita: 2. Niistä myöhässä: 1.");
        assertThat(pages.page(admin, "/workspace/insights?unit=" + org.building().id()))
                .contains("href=\"/workspace/insights/targets?unit=" + org.building().id() + "\"",
                        "Avoimia kehittämiskohteita: 0. Niistä myöhässä: 0.");
        assertThat(pages.in("en").page(org.manager(), "/workspace/insights")).contains("Open improvement targets: 2. Overdue: 1.");
        assertThat(pages.page(org.manager(), "/workspace/feedback")).contains("href=\"/workspace/insights/targets\"",
                "Nimeä tulosten perusteella kehittämiskohteita");
        assertThat(pages.page(org.manager(), TARGETS)).contains("href=\"/workspace/insights\"");
    }

    @Test
    void theDemoTargetsAreAddedOnce() {
        TargetsDemoData demo = new TargetsDemoData(store, organizations, staff, publicOrganization);
        assertThat(demo.seed(org.id())).as("the fixture has one unit with a manager").isEqualTo(2);
        assertThat(demo.seed(org.id())).as("once").isZero();
        assertThat(store.counts(org.id(), org.service().id())).isEqualTo(new Counts(2, 1));
        assertThat(store.list(org.id(), org.service().id(), null)).extracting(TargetStore.Target::title)
                .containsExactly("Vastaus sähköpostiin yhden arkipäivän kuluessa", "Kyselyn vastausprosentti yli 30 prosenttiin");
    }
}
