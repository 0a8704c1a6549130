package fi.aspa.assignments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.WallClock;
import fi.aspa.assignments.AssignmentStore.Draft;
import fi.aspa.assignments.AssignmentStore.Kind;
import fi.aspa.assignments.AssignmentStore.UnitState;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Tasks sent to units over HTTP on the real database: an administrator creates, edits and sends a task (after sending
 * the questions stay, the title and due date change with a history); a unit's staff save the draft answer, the manager
 * submits and reopens it; two colleagues' saves conflict instead of overwriting; who may see and do what (agents of
 * other units 404, non-administrators 403 on the sender's pages, another organization 404, anonymous to the login);
 * bad input a field error in the reader's language, never a 500; overdue by the injected clock's Helsinki date; the
 * CSV (formula-safe); the navigation's count; the demo task.
 */
@AspaTest
class AssignmentsTest {
    static final String TASKS = "/workspace/assignments";

    @Autowired
    Fixtures fixtures;
    @Autowired
    StaffPages pages;
    @Autowired
    AssignmentStore store;
    @Autowired
    Staff staff;
    @Autowired
    Organizations organizations;
    @Autowired
    PublicOrganization publicOrganization;
    @Autowired
    JdbcClient db;

    Fixtures.Org org;
    StaffUser admin;
    LocalDate today;

    @BeforeEach
    void setUp() {
        WallClock.sameDayFor(Duration.ofMinutes(2));
        org = fixtures.organization();
        admin = fixtures.admin(org);
        today = LocalDate.now(WallClock.HELSINKI);
    }

    static String html(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    static MockHttpServletRequestBuilder form(String path, String... fields) {
        MockHttpServletRequestBuilder request = post(path).with(csrf());
        for (int i = 0; i < fields.length; i += 2) request.param(fields[i], fields[i + 1]);
        return request;
    }

    /** A valid task form for the customer service unit, with {@code overrides} (name, value pairs) put over it. */
    String[] task(String... overrides) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("kind", "REFLECTION");
        fields.put("titleFi", "Kyselyn tulokset arjessa");
        fields.put("titleSv", "Enkätens resultat i vardagen");
        fields.put("titleEn", "");
        fields.put("instructionsFi", "Käykää tulokset läpi yhdessä.");
        fields.put("instructionsSv", "Gå igenom resultaten tillsammans.");
        fields.put("instructionsEn", "");
        fields.put("question-1-fi", "Mitä kehitettävää tuloksista nousee?");
        fields.put("question-1-sv", "Vad behöver utvecklas?");
        fields.put("question-2-fi", "Miten se näkyy arjessa?");
        fields.put("question-2-sv", "Hur syns det i vardagen?");
        fields.put("audience", "chosen");
        fields.put("units", org.service().id().toString());
        fields.put("opens", today.toString());
        fields.put("due", today.plusDays(14).toString());
        fields.put("event", "");
        for (int i = 0; i < overrides.length; i += 2) fields.put(overrides[i], overrides[i + 1]);
        List<String> flat = new ArrayList<>();
        fields.forEach((k, v) -> {
            flat.add(k);
            flat.add(v);
        });
        return flat.toArray(String[]::new);
    }

    UUID create(String... overrides) throws Exception {
        MockHttpServletResponse sent = pages.send(admin, form(TASKS, task(overrides)));
        assertThat(sent.getStatus()).as(html(sent)).isEqualTo(302);
        return UUID.fromString(sent.getRedirectedUrl().substring(TASKS.length() + 1));
    }

    UUID createAndSend(String... overrides) throws Exception {
        UUID id = create(overrides);
        MockHttpServletResponse sent = pages.send(admin, form(TASKS + "/" + id + "/send"));
        assertThat(sent.getStatus()).as(html(sent)).isEqualTo(302);
        return id;
    }

    static String answer(UUID id) {
        return TASKS + "/" + id + "/answer";
    }

    int version(UUID id, UUID unit) {
        return db.sql("select version from assignment_answer where assignment_id = ? and unit_id = ?").params(id, unit)
                .query(Integer.class).single();
    }

    /** The rows of a table by id, each row's cells' text joined by " | ". */
    static List<String> rows(String html, String tableId) {
        int start = html.indexOf("id=\"" + tableId + "\"");
        assertThat(start).as("table " + tableId).isPositive();
        String table = html.substring(start, html.indexOf("</table>", start));
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(row.group(1));
            while (cell.find()) cells.add(cell.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip());
            rows.add(String.join(" | ", cells));
        }
        return rows;
    }

    @Test
    void anAdministratorSendsATaskAUnitAnswersAndTheSenderReadsIt() throws Exception {
        UUID id = create("titleEn", "Survey results in everyday work", "event", "Koulutus-2026");
        assertThat(db.sql("select status, kind, event_code, all_units from assignment where id = ?").param(id)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).single())
                .containsExactly("DRAFT", "REFLECTION", "koulutus-2026", false);
        // a draft is nobody's task yet
        assertThat(pages.page(org.agent(), TASKS)).contains("Yksiköllä ei ole tehtäviä.").doesNotContain("Kyselyn tulokset arjessa");
        assertThat(pages.send(org.agent(), get(answer(id))).getStatus()).isEqualTo(404);

        // the draft changes entirely: a third question
        MockHttpServletResponse edited = pages.send(admin, form(TASKS + "/" + id, task("question-3-fi", "Mitä kokeilette?",
                "question-3-sv", "Vad prövar ni?", "event", "koulutus-2026")));
        assertThat(edited.getStatus()).as(html(edited)).isEqualTo(302);
        assertThat(store.questions(org.id(), id)).hasSize(3);
        assertThat(rows(pages.page(admin, TASKS + "/" + id), "units")).as("a draft has no states yet")
                .containsExactly("Yksikkö", "Asiakaspalvelu");

        MockHttpServletResponse sent = pages.mvc().perform(form(TASKS + "/" + id + "/send").with(pages.as(admin))).andReturn().getResponse();
        assertThat(sent.getStatus()).isEqualTo(302);
        assertThat(pages.send(admin, form(TASKS + "/" + id + "/send")).getStatus()).as("twice").isEqualTo(409);
        String following = pages.page(admin, TASKS + "/" + id);
        assertThat(following).contains("Yksiköitä 1: vastanneita 0, luonnoksia 0, aloittamatta 1. Myöhässä 0.",
                "Mikään yksikkö ei ole vielä lähettänyt vastaustaan.", "href=\"/workspace/events/koulutus-2026/ask\"");
        assertThat(rows(following, "units")).containsExactly("Yksikkö | Vastauksen tila | Viimeksi", "Asiakaspalvelu | Ei aloitettu | ");

        // after sending: the questions, units and opening date stay; the title and due date change, with a history
        MockHttpServletResponse later = pages.send(admin, form(TASKS + "/" + id, task("titleFi", "Kyselyn tulokset ja arki",
                "due", today.plusDays(21).toString(), "question-1-fi", "Muutettu kysymys", "units", org.building().id().toString())));
        assertThat(later.getStatus()).as(html(later)).isEqualTo(302);
        assertThat(store.questions(org.id(), id)).extracting(q -> q.text().fi())
                .containsExactly("Mitä kehitettävää tuloksista nousee?", "Miten se näkyy arjessa?", "Mitä kokeilette?");
        assertThat(store.units(org.id(), id)).containsExactly(org.service().id());
        assertThat(store.find(org.id(), id).orElseThrow().due()).isEqualTo(today.plusDays(21));
        String page = pages.page(admin, TASKS + "/" + id);
        assertThat(rows(page, "history")).hasSize(5).element(1).asString()
                .endsWith(admin.displayName() + " | Muutettu: otsikko, määräpäivä. Määräpäivä oli "
                        + DateTimes.date(today.plusDays(14), java.util.Locale.forLanguageTag("fi")) + ".");
        assertThat(rows(page, "history")).element(2).asString().endsWith("Lähetetty yksiköille.");
        assertThat(page).as("the limited form").doesNotContain("id=\"question-1-fi\"", "id=\"opens\"").contains("id=\"due\"");

        // the unit sees it; another unit does not
        assertThat(rows(pages.page(org.agent(), TASKS), "mine")).containsExactly("Tehtävä | Tehtävän laji | Määräpäivä | Vastauksen tila",
                "Kyselyn tulokset ja arki | Reflektiotehtävä | " + DateTimes.date(today.plusDays(21), java.util.Locale.forLanguageTag("fi")) + " | Ei aloitettu");
        assertThat(pages.page(org.colleague(), TASKS)).doesNotContain("Kyselyn tulokset");
        assertThat(pages.send(org.colleague(), get(answer(id))).getStatus()).isEqualTo(404);
        assertThat(pages.page(org.agent(), answer(id))).contains("href=\"/workspace/events/koulutus-2026/ask\"",
                "Yksikön esihenkilö näkee yksikön luvut").doesNotContain("id=\"submit-answer\"", "id=\"dashboard-link\"");
        assertThat(pages.page(org.manager(), answer(id))).contains("id=\"submit-answer\"",
                "id=\"dashboard-link\" href=\"/workspace/insights\"", "href=\"/workspace/feedback\"");

        // the agent writes a draft (the answer to the third question can wait), the agent cannot submit it
        // (the unit has no answer yet: a form without its version, broken or forged, saves the first one, not a 500)
        MockHttpServletResponse draft = pages.send(org.agent(), form(answer(id), "version", "x", "action", "save",
                "answer-1", "Vastausajat", "answer-2", "Jono kasvaa maanantaisin", "answer-3", ""));
        assertThat(draft.getStatus()).as(html(draft)).isEqualTo(302);
        assertThat(draft.getRedirectedUrl()).isEqualTo(answer(id));
        String drafted = pages.page(org.manager(), answer(id));
        assertThat(drafted).contains(org.agent().displayName(), ">Vastausajat</textarea>", "name=\"version\" value=\"1\"");
        assertThat(pages.send(org.agent(), form(answer(id), "version", "1", "action", "submit", "answer-1", "a",
                "answer-2", "b", "answer-3", "c")).getStatus()).isEqualTo(403);
        // submitting needs every answer
        MockHttpServletResponse missing = pages.send(org.manager(), form(answer(id), "version", "1", "action", "submit",
                "answer-1", "Vastausajat", "answer-2", "Jono kasvaa maanantaisin", "answer-3", " "));
        assertThat(missing.getStatus()).isEqualTo(422);
        assertThat(html(missing)).contains("href=\"#answer-3\"", "Vastaa tähän kysymykseen ennen kuin lähetät vastauksen.",
                ">Jono kasvaa maanantaisin</textarea>");
        MockHttpServletResponse submitted = pages.send(org.manager(), form(answer(id), "version", "1", "action", "submit",
                "answer-1", "Vastausajat", "answer-2", "Jono kasvaa maanantaisin", "answer-3", "=HYPERLINK(\"x\")"));
        assertThat(submitted.getStatus()).as(html(submitted)).isEqualTo(302);
        assertThat(store.answer(org.id(), id, org.service().id()).orElseThrow().state()).isEqualTo(UnitState.SUBMITTED);
        assertThat(pages.page(org.agent(), TASKS)).contains("Vastattu");
        String mine = pages.page(org.manager(), answer(id));
        assertThat(mine).contains("lähetti " + org.manager().displayName(), "id=\"reopen\"",
                "id=\"target-link\" href=\"/workspace/insights/targets?title=", "Nimeä tästä kehittämiskohde")
                .doesNotContain("<textarea");
        // a late save of the agent's old draft does not overwrite the submitted answer
        MockHttpServletResponse stale = pages.send(org.agent(), form(answer(id), "version", "1", "action", "save",
                "answer-1", "Vanha", "answer-2", "", "answer-3", ""));
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(html(stale)).contains(org.manager().displayName() + " lähetti yksikön vastauksen", ">Vanha</textarea>");
        assertThat(store.answer(org.id(), id, org.service().id()).orElseThrow().text(0)).isEqualTo("Vastausajat");

        // the sender sees it side by side and as CSV (formula-safe)
        String follow = pages.page(admin, TASKS + "/" + id);
        assertThat(follow).contains("Yksiköitä 1: vastanneita 1, luonnoksia 0, aloittamatta 0. Myöhässä 0.");
        assertThat(rows(follow, "answers-2")).containsExactly("Yksikkö | Vastaus", "Asiakaspalvelu | Jono kasvaa maanantaisin");
        MockHttpServletResponse csv = pages.send(admin, get(TASKS + "/" + id + "/answers.csv"));
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).startsWith("text/csv");
        String text = csv.getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFYksikkö;Nro;Kysymys;Vastaus;Lähettäjä;Lähetetty\r\n")
                .contains("Asiakaspalvelu;1;Mitä kehitettävää tuloksista nousee?;Vastausajat;" + org.manager().displayName() + ";")
                .contains(";\"'=HYPERLINK(\"\"x\"\")\";").doesNotContain(";=HYPERLINK");
        assertThat(text.split("\r\n")).hasSize(4);
        assertThat(pages.in("sv").send(admin, get(TASKS + "/" + id + "/answers.csv")).getContentAsString(StandardCharsets.UTF_8))
                .startsWith("\uFEFFEnhet;Nr;Fråga;Svar;");

        // reopened by the manager (not by the agent), editable again
        int v = version(id, org.service().id());
        assertThat(pages.send(org.agent(), form(answer(id) + "/reopen", "version", String.valueOf(v))).getStatus()).isEqualTo(403);
        MockHttpServletResponse reopened = pages.send(org.manager(), form(answer(id) + "/reopen", "version", String.valueOf(v)));
        assertThat(reopened.getStatus()).isEqualTo(302);
        assertThat(store.answer(org.id(), id, org.service().id()).orElseThrow().state()).isEqualTo(UnitState.DRAFT);
        assertThat(pages.page(org.agent(), answer(id))).contains(">Vastausajat</textarea>", "Luonnos");
    }

    @Test
    void twoColleaguesEditingTheSameDraftDoNotOverwriteEachOther() throws Exception {
        UUID id = createAndSend();
        StaffUser second = staff.create(org.id(), org.service().id(), org.organization().slug() + "-agent2", "Sanna Toinen",
                "agent2@" + org.organization().slug() + ".fi", Fixtures.PASSWORD, EnumSet.of(Role.AGENT), Language.FI);
        // both open the empty answer (version 0); the first saves
        assertThat(pages.send(org.agent(), form(answer(id), "version", "0", "action", "save", "answer-1", "Ainon teksti",
                "answer-2", "")).getStatus()).isEqualTo(302);
        // the second's save from version 0 is refused: a message naming the first, both texts on the page
        MockHttpServletResponse conflict = pages.send(second, form(answer(id), "version", "0", "action", "save",
                "answer-1", "Sannan teksti", "answer-2", "Sannan toinen"));
        assertThat(conflict.getStatus()).isEqualTo(409);
        String page = html(conflict);
        assertThat(page).contains("class=\"error-summary\"", "href=\"#conflict\"",
                org.agent().displayName() + " tallensi vastausta", ">Sannan teksti</textarea>", ">Sannan toinen</textarea>",
                "id=\"answer-1-saved\"", "Ainon teksti", "name=\"version\" value=\"1\"");
        assertThat(page.substring(page.indexOf("<title>"), page.indexOf("</title>"))).startsWith("<title>Virhe:");
        assertThat(store.answer(org.id(), id, org.service().id()).orElseThrow().text(0)).isEqualTo("Ainon teksti");
        // the same from version 1 after the first saved version 2
        assertThat(pages.send(org.agent(), form(answer(id), "version", "1", "action", "save", "answer-1", "Ainon uusi",
                "answer-2", "")).getStatus()).isEqualTo(302);
        assertThat(pages.send(second, form(answer(id), "version", "1", "action", "save", "answer-1", "Sannan",
                "answer-2", "")).getStatus()).isEqualTo(409);
        // saving again from the version the conflict page gave wins, knowingly
        MockHttpServletResponse merged = pages.send(second, form(answer(id), "version", "2", "action", "save",
                "answer-1", "Ainon uusi ja Sannan", "answer-2", ""));
        assertThat(merged.getStatus()).isEqualTo(302);
        assertThat(store.answer(org.id(), id, org.service().id()).orElseThrow())
                .satisfies(a -> assertThat(a.text(0)).isEqualTo("Ainon uusi ja Sannan"))
                .satisfies(a -> assertThat(a.version()).isEqualTo(3))
                .satisfies(a -> assertThat(a.updatedBy()).isEqualTo(second.id()));
        assertThat(pages.page(org.manager(), answer(id))).contains("Sanna Toinen");
        // a version that is not a number is a conflict too, never a 500
        assertThat(pages.send(second, form(answer(id), "version", "x", "action", "save", "answer-1", "y", "answer-2", ""))
                .getStatus()).isEqualTo(409);
    }

    @Test
    void whoMaySeeAndDoWhat() throws Exception {
        UUID id = createAndSend();
        UUID draft = create();
        StaffUser ravaManager = staff.create(org.id(), org.building().id(), org.organization().slug() + "-rava-manager",
                "Raija Rakentaja", "rava-manager@" + org.organization().slug() + ".fi", Fixtures.PASSWORD,
                EnumSet.of(Role.UNIT_MANAGER), Language.FI);
        // the sender's pages: administrators only
        for (StaffUser who : List.of(org.agent(), org.manager(), ravaManager)) {
            for (MockHttpServletRequestBuilder request : List.of(get(TASKS + "/new"), form(TASKS, task()), get(TASKS + "/" + id),
                    form(TASKS + "/" + id, task()), form(TASKS + "/" + draft + "/send"), get(TASKS + "/" + id + "/answers.csv"))) {
                assertThat(pages.send(who, request).getStatus()).as(who.username() + " " + request).isEqualTo(403);
            }
        }
        assertThat(db.sql("select status from assignment where id = ?").param(draft).query(String.class).single()).isEqualTo("DRAFT");
        // another unit: its staff and its manager find nothing, nor with the unit named
        for (StaffUser who : List.of(org.colleague(), ravaManager)) {
            assertThat(pages.send(who, get(answer(id))).getStatus()).isEqualTo(404);
            assertThat(pages.send(who, get(answer(id) + "?unit=" + org.service().id())).getStatus()).isEqualTo(404);
            assertThat(pages.send(who, form(answer(id), "version", "0", "action", "save", "answer-1", "x", "answer-2", "")).getStatus())
                    .isEqualTo(404);
            assertThat(pages.send(who, form(answer(id) + "/reopen", "version", "1")).getStatus()).isEqualTo(404);
        }
        // staff of the unit cannot name another unit either
        assertThat(pages.send(org.agent(), get(answer(id) + "?unit=" + org.building().id())).getStatus()).isEqualTo(404);
        assertThat(db.sql("select count(*) from assignment_answer where assignment_id = ?").param(id).query(Integer.class).single()).isZero();
        // an administrator answers for any unit the task went to, not for others
        assertThat(pages.page(admin, answer(id) + "?unit=" + org.service().id())).contains("id=\"submit-answer\"");
        assertThat(pages.send(admin, get(answer(id) + "?unit=" + org.building().id())).getStatus()).isEqualTo(404);
        assertThat(pages.send(admin, get(answer(id) + "?unit=garbage")).getStatus()).isEqualTo(404);
        // another organization: 404 everywhere, and its list shows nothing of this one
        Fixtures.Org other = fixtures.organization();
        StaffUser otherAdmin = fixtures.admin(other);
        for (MockHttpServletRequestBuilder request : List.of(get(TASKS + "/" + id), form(TASKS + "/" + id, task()),
                form(TASKS + "/" + draft + "/send"), get(TASKS + "/" + id + "/answers.csv"), get(answer(id)),
                get(answer(id) + "?unit=" + org.service().id()))) {
            assertThat(pages.send(otherAdmin, request).getStatus()).as(request.toString()).isEqualTo(404);
        }
        assertThat(pages.send(other.agent(), get(answer(id))).getStatus()).isEqualTo(404);
        assertThat(pages.page(otherAdmin, TASKS)).doesNotContain("Kyselyn tulokset");
        // another organization's unit cannot be chosen
        MockHttpServletResponse foreignUnit = pages.send(otherAdmin, form(TASKS, task("units", org.service().id().toString())));
        assertThat(foreignUnit.getStatus()).isEqualTo(422);
        assertThat(html(foreignUnit)).contains("Valitse vähintään yksi yksikkö luettelosta.");
        // unknown ids, not ids, no CSRF token, not signed in
        assertThat(pages.send(admin, get(TASKS + "/" + UUID.randomUUID())).getStatus()).isEqualTo(404);
        assertThat(pages.send(admin, get(TASKS + "/not-a-uuid")).getStatus()).isEqualTo(404);
        assertThat(pages.send(org.agent(), get(TASKS + "/not-a-uuid/answer")).getStatus()).isEqualTo(404);
        assertThat(pages.send(admin, post(TASKS).params(toParams(task()))).getStatus()).isEqualTo(403);
        MockHttpServletResponse anonymous = pages.send(get(TASKS));
        assertThat(anonymous.getStatus()).isEqualTo(302);
        assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
        assertThat(pages.send(get(answer(id))).getStatus()).isEqualTo(302);
        assertThat(pages.send(form(answer(id), "version", "0", "answer-1", "x")).getStatus()).isIn(302, 401, 403);
    }

    static org.springframework.util.MultiValueMap<String, String> toParams(String[] fields) {
        org.springframework.util.LinkedMultiValueMap<String, String> params = new org.springframework.util.LinkedMultiValueMap<>();
        for (int i = 0; i < fields.length; i += 2) params.add(fields[i], fields[i + 1]);
        return params;
    }

    @Test
    void badInputIsAFieldErrorWithTheFormKept() throws Exception {
        record Bad(String field, String value, String summary, String message) {}
        String other = org.building().id().toString();
        for (Bad bad : List.of(
                new Bad("titleFi", "", "titleFi", "Tämä tieto puuttuu."),
                new Bad("titleSv", "  ", "titleSv", "Tämä tieto puuttuu."),
                new Bad("titleFi", "a".repeat(201), "titleFi", "Teksti voi olla enintään 200 merkkiä (nyt 201)."),
                new Bad("titleEn", "a".repeat(201), "titleEn", "Teksti voi olla enintään 200 merkkiä (nyt 201)."),
                new Bad("instructionsFi", "b".repeat(4001), "instructionsFi", "Teksti voi olla enintään 4000 merkkiä (nyt 4001)."),
                new Bad("question-1-sv", "", "question-1-sv", "Tämä tieto puuttuu."),
                new Bad("question-2-fi", "c".repeat(1001), "question-2-fi", "Teksti voi olla enintään 1000 merkkiä (nyt 1001)."),
                new Bad("kind", "QUIZ", "kind-PRE_ASSIGNMENT", "Valitse tehtävän laji."),
                new Bad("units", "garbage", "audience-chosen", "Valitse vähintään yksi yksikkö luettelosta."),
                new Bad("units", UUID.randomUUID().toString(), "audience-chosen", "Valitse vähintään yksi yksikkö luettelosta."),
                new Bad("audience", "everyone", "audience-all", "Valitse, lähetetäänkö tehtävä"),
                new Bad("opens", "31.2.2026", "opens", "Kirjoita päivämäärä, esimerkiksi"),
                new Bad("due", "huomenna", "due", "Kirjoita päivämäärä, esimerkiksi"),
                new Bad("due", "1".repeat(100), "due", "Kirjoita päivämäärä, esimerkiksi"),
                new Bad("due", "1.1.1999", "due", "Kirjoita päivämäärä, esimerkiksi"),
                new Bad("due", today.minusDays(1).toString(), "due", "Määräpäivä ei voi olla ennen avautumispäivää"),
                new Bad("event", "<script>", "event", "Tapahtuman koodissa voi olla vain"))) {
            MockHttpServletResponse response = pages.send(admin, form(TASKS, task(bad.field(), bad.value(),
                    "instructionsSv", "Säilyvä ohje")));
            assertThat(response.getStatus()).as(bad.toString()).isEqualTo(422);
            String page = html(response);
            assertThat(page).as(bad.toString()).contains("class=\"error-summary\"", "href=\"#" + bad.summary() + "\"",
                    bad.message(), "id=\"" + bad.summary() + "-error\"");
            assertThat(page.substring(page.indexOf("<title>"), page.indexOf("</title>"))).startsWith("<title>Virhe:");
            assertThat(page).as("nothing lost").contains("Säilyvä ohje", "Mitä kehitettävää tuloksista nousee?");
        }
        // no questions at all; a question after an empty one keeps its place
        MockHttpServletResponse none = pages.send(admin, form(TASKS, task("question-1-fi", "", "question-1-sv", "",
                "question-2-fi", "", "question-2-sv", "")));
        assertThat(html(none)).contains("Kirjoita vähintään yksi kysymys.", "href=\"#question-1-fi\"");
        MockHttpServletResponse gap = pages.send(admin, form(TASKS, task("question-2-fi", "", "question-2-sv", "",
                "question-3-fi", "Kolmas", "question-3-sv", "", "titleFi", "")));
        assertThat(html(gap)).contains("href=\"#question-3-sv\"", ">Kolmas</textarea>");
        assertThat(db.sql("select count(*) from assignment where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).as("nothing saved").isZero();
        // in Swedish
        assertThat(html(pages.in("sv").send(admin, form(TASKS, task("due", "i morgon")))))
                .contains("Skriv ett datum, till exempel").startsWith("<!DOCTYPE html>");

        // HTML is text: stored as typed, shown escaped on every page
        UUID id = createAndSend("titleFi", "<script>alert(1)</script>", "question-1-fi", "<b>lihava</b>", "units", org.service().id().toString());
        assertThat(db.sql("select title_fi from assignment where id = ?").param(id).query(String.class).single())
                .isEqualTo("<script>alert(1)</script>");
        assertThat(pages.send(org.agent(), form(answer(id), "version", "0", "action", "save",
                "answer-1", "<img src=x onerror=alert(2)>", "answer-2", "")).getStatus()).isEqualTo(302);
        for (String page : List.of(pages.page(admin, TASKS), pages.page(admin, TASKS + "/" + id), pages.page(org.agent(), TASKS),
                pages.page(org.agent(), answer(id)))) {
            assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)", "<b>lihava",
                    "<img src=x");
        }
        // an answer too long, unreadable bytes: a message, the text kept, nothing saved
        MockHttpServletResponse tooLong = pages.send(org.agent(), form(answer(id), "version", "1", "action", "save",
                "answer-1", "d".repeat(20_001), "answer-2", "Säilyvä vastaus"));
        assertThat(tooLong.getStatus()).isEqualTo(422);
        assertThat(html(tooLong)).contains("Teksti voi olla enintään 20000 merkkiä (nyt 20001).", "href=\"#answer-1\"",
                ">Säilyvä vastaus</textarea>");
        assertThat(pages.send(org.agent(), form(answer(id), "version", "1", "action", "save",
                "answer-1", "d".repeat(20_000), "answer-2", "")).getStatus()).as("exactly the limit").isEqualTo(302);
        MockHttpServletResponse notUtf8 = pages.send(org.agent(), post(answer(id)).with(csrf())
                .contentType("application/x-www-form-urlencoded")
                .content("version=2&action=save&answer-1=%FF%FE%00&answer-2=ok".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(notUtf8.getStatus()).isEqualTo(422);
        assertThat(html(notUtf8)).contains("merkkejä, joita ei voi lukea");
        MockHttpServletResponse latin1 = pages.send(admin, post(TASKS).with(csrf())
                .contentType("application/x-www-form-urlencoded")
                .content("kind=REFLECTION&titleFi=P\u00e4ivitys&titleSv=x&instructionsFi=x&instructionsSv=x&question-1-fi=x&question-1-sv=x&audience=all&opens=2030-01-01&due=2030-01-02"
                        .getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(latin1.getStatus()).isEqualTo(422);
        assertThat(html(latin1)).contains("merkkejä, joita ei voi lukea", "href=\"#titleFi\"");
        assertThat(pages.send(admin, get(URI.create(TASKS + "/%FF%FE"))).getStatus()).isEqualTo(404);
        assertThat(pages.send(admin, get(URI.create(answer(id) + "?unit=%FF%FE"))).getStatus()).isEqualTo(404);
        // a list index a browser never sends: refused as a bad unit, never a 500
        MockHttpServletResponse index = pages.send(admin, form(TASKS, task("units[100000]", org.service().id().toString(), "units", "")));
        assertThat(index.getStatus()).isEqualTo(422);
        assertThat(html(index)).contains("Valitse vähintään yksi yksikkö luettelosta.");
        assertThat(version(id, org.service().id())).isEqualTo(2);

        // a sent task: the due date before the opening date, or a title too long, is an error; the rest is ignored
        MockHttpServletResponse sentDue = pages.send(admin, form(TASKS + "/" + id, task("due", today.minusDays(1).toString())));
        assertThat(sentDue.getStatus()).isEqualTo(422);
        assertThat(html(sentDue)).contains("Määräpäivä ei voi olla ennen avautumispäivää");
        // sending a draft whose due date has passed is refused
        UUID old = store.create(org.id(), admin.id(), new Draft(Kind.PRE_ASSIGNMENT, new LocalizedText("Vanha", "Gammal", null),
                new LocalizedText("x", "x", null), List.of(new LocalizedText("k", "f", null)), true, List.of(),
                today.minusDays(10), today.minusDays(1), null)).id();
        MockHttpServletResponse late = pages.send(admin, form(TASKS + "/" + old + "/send"));
        assertThat(late.getStatus()).isEqualTo(409);
        assertThat(html(late)).contains("Määräpäivä on jo mennyt.", "href=\"#send\"");
        assertThat(store.find(org.id(), old).orElseThrow().sent()).isFalse();
    }

    @Test
    void overdueIsSaidByTheInjectedClocksHelsinkiDate() throws Exception {
        // 15.3.2026 at 0.30 in Helsinki is still the 14th in UTC
        Clock fifteenth = Clock.fixed(LocalDateTime.parse("2026-03-15T00:30").atZone(DateTimes.HELSINKI).toInstant(), DateTimes.HELSINKI);
        AssignmentStore at15 = new AssignmentStore(db, fifteenth, organizations);
        assertThat(at15.today()).isEqualTo(LocalDate.of(2026, 3, 15));
        UUID dueToday = send(at15, "Tänään", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 15));
        UUID dueYesterday = send(at15, "Eilen", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 14));
        UUID notYetOpen = send(at15, "Huomenna auki", LocalDate.of(2026, 3, 16), LocalDate.of(2026, 3, 30));
        UUID submitted = send(at15, "Vastattu", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 10));
        at15.save(org.id(), submitted, org.service().id(), org.manager().id(), 0, List.of("valmis"), true);

        assertThat(at15.forUnit(org.id(), org.service().id())).extracting(t -> t.task().title().fi(), t -> t.state(),
                        t -> t.task().pastDue(at15.today()))
                .containsExactly(tuple("Eilen", UnitState.NOT_STARTED, true),
                        tuple("Tänään", UnitState.NOT_STARTED, false),
                        tuple("Vastattu", UnitState.SUBMITTED, true));
        assertThat(at15.openCount(org.id(), org.service().id())).as("not the submitted nor the unopened").isEqualTo(2);
        assertThat(at15.openCount(org.id(), org.building().id())).isZero();
        AssignmentStore at16 = new AssignmentStore(db, Clock.offset(fifteenth, Duration.ofDays(1)), organizations);
        assertThat(at16.openCount(org.id(), org.service().id())).isEqualTo(3);
        assertThat(at16.find(org.id(), dueToday).orElseThrow().pastDue(at16.today())).isTrue();
        assertThat(at15.find(org.id(), notYetOpen).orElseThrow().open(at15.today())).isFalse();
        assertThat(at15.find(org.id(), dueYesterday).orElseThrow().open(at15.today())).isTrue();

        // reopening after the due date is refused, on the application's clock (long after March 2026)
        int v = version(submitted, org.service().id());
        MockHttpServletResponse reopen = pages.send(org.manager(), form(answer(submitted) + "/reopen", "version", String.valueOf(v)));
        assertThat(reopen.getStatus()).isEqualTo(409);
        assertThat(html(reopen)).contains("Määräpäivä on mennyt, joten vastausta ei voi enää avata uudelleen.");
        assertThat(pages.page(org.manager(), answer(submitted))).doesNotContain("id=\"reopen\"");
        // the pages say it in words; the sender counts the overdue units
        assertThat(rows(pages.page(org.agent(), TASKS), "mine")).contains(
                "Eilen | Reflektiotehtävä | 14.3.2026 myöhässä | Ei aloitettu",
                "Vastattu | Reflektiotehtävä | 10.3.2026 | Vastattu");
        assertThat(pages.in("sv").page(org.agent(), TASKS)).contains("försenad");
        assertThat(pages.page(org.agent(), answer(dueYesterday))).contains("id=\"task-due\"", "myöhässä");
        assertThat(pages.page(admin, TASKS + "/" + dueYesterday)).contains("Yksiköitä 1: vastanneita 0, luonnoksia 0, aloittamatta 1. Myöhässä 1.");
        // a late draft can still be written and submitted
        assertThat(pages.send(org.manager(), form(answer(dueYesterday), "version", "0", "action", "submit", "answer-1", "Myöhässä mutta valmis"))
                .getStatus()).isEqualTo(302);
    }

    UUID send(AssignmentStore at, String title, LocalDate opens, LocalDate due) {
        UUID id = at.create(org.id(), admin.id(), new Draft(Kind.REFLECTION, new LocalizedText(title, title + " sv", null),
                new LocalizedText("Ohje", "Anvisning", null), List.of(new LocalizedText("Kysymys?", "Fråga?", null)), false,
                List.of(org.service().id()), opens, due, null)).id();
        assertThat(at.send(org.id(), id, admin.id())).isTrue();
        return id;
    }

    @Test
    void theNavigationCountsTheUnitsOpenTasksAndAllUnitsMeansThoseAtSending() throws Exception {
        assertThat(pages.page(org.agent(), "/workspace/profile")).contains("id=\"nav-assignments\"").doesNotContain("avoin tehtävä");
        UUID id = createAndSend("audience", "all", "units", "");
        createAndSend("audience", "all", "units", "", "titleFi", "Toinen");
        assertThat(store.units(org.id(), id)).containsExactlyInAnyOrder(org.service().id(), org.building().id());
        assertThat(pages.page(org.agent(), "/workspace/profile")).contains("(2 avointa tehtävää)");
        assertThat(pages.in("sv").page(org.colleague(), "/workspace/profile")).contains("(2 öppna uppgifter)");
        assertThat(pages.send(org.manager(), form(answer(id), "version", "0", "action", "submit", "answer-1", "a", "answer-2", "b"))
                .getStatus()).isEqualTo(302);
        assertThat(pages.page(org.agent(), TASKS)).contains("(1 avoin tehtävä)", "aria-current=\"page\"");
        assertThat(pages.page(org.colleague(), TASKS)).contains("(2 avointa tehtävää)");
    }

    @Autowired
    AssignmentReminders reminders;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Test
    void theManagersOfUnitsThatHaveNotSubmittedAreRemindedOnceBeforeTheDueDate() throws Exception {
        fi.aspa.channels.email.TestMail.mailbox(context, org.id(), null);
        StaffUser ravaManager = staff.create(org.id(), org.building().id(), org.organization().slug() + "-rava-manager",
                "Raija Rakentaja", "rava-manager-" + UUID.randomUUID() + "@example.fi", Fixtures.PASSWORD,
                EnumSet.of(Role.UNIT_MANAGER), Language.SV);
        UUID soon = createAndSend("audience", "all", "units", "", "due", today.plusDays(2).toString());
        UUID later = createAndSend("titleFi", "Myöhemmin", "due", today.plusDays(10).toString());
        create("titleFi", "Luonnos", "due", today.plusDays(1).toString());
        // customer service has submitted the task due soon; building control has not
        assertThat(pages.send(org.manager(), form(answer(soon), "version", "0", "action", "submit", "answer-1", "a",
                "answer-2", "b")).getStatus()).isEqualTo(302);

        assertThat(reminders.remind(org.id())).as("building control, for the task due in two days").isEqualTo(1);
        assertThat(reminders.remind(org.id())).as("once").isZero();
        fixtures.awaitSettled(org);
        List<jakarta.mail.internet.MimeMessage> mails = fi.aspa.channels.email.TestMail.receivedBy(ravaManager.email());
        assertThat(mails).hasSize(1);
        String due = DateTimes.date(today.plusDays(2), Language.SV.locale());
        assertThat(mails.getFirst().getSubject()).isEqualTo("Påminnelse: Enkätens resultat i vardagen – svaret senast " + due);
        assertThat(((String) mails.getFirst().getContent()).replace("\r\n", "\n"))
                .contains("Hej Raija Rakentaja,", "enheten Byggnadstillsyn har inte ännu skickat", "/workspace/assignments/" + soon + "/answer");
        assertThat(mails.getFirst().getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(fi.aspa.channels.email.TestMail.receivedBy(org.manager().email())).as("submitted: no reminder").isEmpty();

        // the same reminder delivered again sends nothing
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(t ->
                events.publishEvent(new AssignmentReminder(org.id(), soon, org.building().id(), new LocalizedText("x", "x", null),
                        today.plusDays(2), "/workspace/assignments/" + soon + "/answer")));
        fixtures.awaitSettled(org);
        assertThat(fi.aspa.channels.email.TestMail.receivedBy(ravaManager.email())).hasSize(1);

        // eight days on: the later task is due within three days (the first is past due, the draft never sent)
        AssignmentReminders inEightDays = new AssignmentReminders(new AssignmentStore(db, Clock.offset(Clock.systemUTC(),
                Duration.ofDays(8)), organizations), organizations, db, transactions, events, true, 3);
        assertThat(inEightDays.remind(org.id())).isEqualTo(1);
        fixtures.awaitSettled(org);
        assertThat(fi.aspa.channels.email.TestMail.receivedBy(org.manager().email())).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).startsWith("Muistutus: Myöhemmin – vastaus viimeistään "));
        assertThat(db.sql("select count(*) from assignment_reminder where assignment_id = ?").param(later).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void theDemoTaskIsAddedOnce() {
        AssignmentsDemoData demo = new AssignmentsDemoData(store, organizations, staff, publicOrganization);
        StaffUser ravaManager = staff.create(org.id(), org.building().id(), org.organization().slug() + "-rava-manager",
                "Raija Rakentaja", "rava-manager@" + org.organization().slug() + ".fi", Fixtures.PASSWORD,
                EnumSet.of(Role.UNIT_MANAGER), Language.FI);
        assertThat(demo.seed(org.id())).isEqualTo(2);
        assertThat(demo.seed(org.id())).as("once").isZero();
        AssignmentStore.Summary summary = store.all(org.id()).getFirst();
        assertThat(store.all(org.id())).hasSize(1);
        assertThat(summary.task().title().fi()).isEqualTo(AssignmentsDemoData.TITLE.fi());
        assertThat(summary.task().sent()).isTrue();
        assertThat(summary.task().kind()).isEqualTo(Kind.REFLECTION);
        assertThat(summary.submitted()).isEqualTo(2);
        assertThat(store.answer(org.id(), summary.task().id(), org.building().id()).orElseThrow().submittedBy())
                .isEqualTo(ravaManager.id());
        assertThat(store.answer(org.id(), summary.task().id(), org.service().id()).orElseThrow().texts()).hasSize(3);
    }
}
