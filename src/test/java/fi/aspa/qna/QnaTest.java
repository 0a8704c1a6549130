package fi.aspa.qna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.LocalizedText;
import fi.aspa.qna.QnaStore.Audience;
import fi.aspa.qna.QnaStore.Event;
import fi.aspa.qna.QnaStore.Phase;
import fi.aspa.qna.QnaStore.Question;
import fi.aspa.qna.QnaStore.Status;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Events and their questions on the real database and the real pages (MockMvc with the security filters): the
 * event form, advance and live questions, pre-moderation, votes, personal data, who may see and do what, and what
 * is refused.
 */
@AspaTest
class QnaTest {
    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    @Autowired
    Fixtures fixtures;
    @Autowired
    StaffPages pages;
    @Autowired
    QnaStore store;
    @Autowired
    JdbcClient db;
    @Autowired
    PersonalDataLog accessLog;
    @Autowired
    Staff staff;
    @Autowired
    PublicOrganization publicOrganization;
    @Autowired
    fi.aspa.knowledge.Knowledge knowledge;
    @Autowired
    fi.aspa.customer.Customers customers;

    Fixtures.Org pub;
    String address;

    @BeforeEach
    void setUp() {
        pub = fixtures.publicOrganization();
        address = "10.88." + (ADDRESS.get() / 250) + "." + (ADDRESS.getAndIncrement() % 250 + 1);
    }

    Event event(Fixtures.Org org, UUID creator, Audience audience, boolean premoderated, Duration startsIn, Duration lasts) {
        Instant starts = Instant.now().plus(startsIn);
        return store.create(org.id(), creator, new QnaStore.NewEvent(new LocalizedText("Asukasilta", "Invånarkväll", null),
                new LocalizedText("Kerromme kaavasta.", "Vi berättar om planen.", null), starts, starts.plus(lasts), audience,
                premoderated));
    }

    Event upcoming(Audience audience, boolean premoderated) {
        return event(pub, pub.manager().id(), audience, premoderated, Duration.ofDays(1), Duration.ofHours(2));
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        }));
    }

    MockHttpServletResponse ask(Event event, String text, String name) throws Exception {
        MockHttpServletRequestBuilder post = post("/events/" + event.code()).with(csrf());
        if (text != null) post = post.param("text", text);
        if (name != null) post = post.param("name", name);
        return send(post);
    }

    int questions(Event event) {
        return db.sql("select count(*) from qna_question where event_id = ?").param(event.id()).query(Integer.class).single();
    }

    static String html(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theEventFormChecksItsFieldsInTheReadersLanguage() throws Exception {
        Fixtures.Org org = fixtures.organization();
        MockHttpServletResponse bad = pages.send(org.manager(), post("/workspace/events").with(csrf())
                .param("titleFi", "Asukasilta").param("titleSv", " ").param("startsAt", "2027-03-01T18:00")
                .param("endsAt", "2027-03-01T17:00").param("audience", "PUBLIC"));
        assertThat(bad.getStatus()).isEqualTo(422);
        assertThat(html(bad)).contains("class=\"error-summary\"", "href=\"#titleSv\"", "Kirjoita otsikko ruotsiksi.",
                "href=\"#endsAt\"", "Tilaisuuden täytyy päättyä alkamisen jälkeen.", "value=\"Asukasilta\"");
        MockHttpServletResponse swedish = pages.in("sv").send(org.manager(), post("/workspace/events").with(csrf())
                .param("titleFi", "").param("titleSv", "Invånarkväll").param("startsAt", "huomenna")
                .param("endsAt", "").param("audience", "ALL"));
        assertThat(swedish.getStatus()).isEqualTo(422);
        assertThat(html(swedish)).contains("Skriv rubriken på finska.", "Ange tiden som datum och klockslag",
                "Ange när evenemanget slutar.", "Välj vem som deltar.");
        assertThat(db.sql("select count(*) from qna_event where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).as("nothing stored").isZero();

        MockHttpServletResponse made = pages.send(org.manager(), post("/workspace/events").with(csrf())
                .param("titleFi", "Asukasilta").param("titleSv", "Invånarkväll").param("startsAt", "1.3.2027 18.00")
                .param("endsAt", "2027-03-01T20:00").param("audience", "STAFF").param("premoderated", "true"));
        assertThat(made.getStatus()).isEqualTo(302);
        Event event = store.events(org.id()).getFirst();
        assertThat(made.getRedirectedUrl()).isEqualTo("/workspace/events/" + event.id() + "/moderate");
        assertThat(event.code()).matches("[a-z2-9]{8}");
        assertThat(event.startsAt()).isEqualTo(Instant.parse("2027-03-01T16:00:00Z"));
        assertThat(event.audience()).isEqualTo(Audience.STAFF);
        assertThat(event.premoderated()).isTrue();
        assertThat(event.createdBy()).isEqualTo(org.manager().id());
        assertThat(pages.page(org.agent(), "/workspace/events")).contains("Asukasilta", event.code(), "href=\"/workspace/events\"")
                .doesNotContain("id=\"create\"", "/moderate");
        assertThat(pages.send(org.agent(), post("/workspace/events").with(csrf()).param("titleFi", "x")).getStatus())
                .as("agents do not create events").isEqualTo(403);
    }

    @Test
    void questionsBeforeTheStartAreAdvanceQuestionsThenLiveAndNoneAfterTheEnd() {
        Instant start = Instant.parse("2026-12-01T16:00:00Z");
        QnaStore before = new QnaStore(db, Clock.fixed(start.minusSeconds(3600), DateTimes.HELSINKI));
        QnaStore during = new QnaStore(db, Clock.fixed(start.plusSeconds(60), DateTimes.HELSINKI));
        Fixtures.Org org = fixtures.organization();
        Event event = before.create(org.id(), org.manager().id(), new QnaStore.NewEvent(new LocalizedText("A", "B", null),
                new LocalizedText(null, null, null), start, start.plusSeconds(7200), Audience.PUBLIC, false));
        assertThat(event.open(before.now())).isTrue();
        assertThat(before.ask(event, "Ennakkoon", null).phase()).isEqualTo(Phase.ADVANCE);
        assertThat(during.ask(event, "Suorana", null).phase()).isEqualTo(Phase.LIVE);
        assertThat(event.open(start.plusSeconds(7200))).as("closed at the end").isFalse();
        assertThat(event.open(start.plusSeconds(7199))).isTrue();
        assertThat(EventsPage.stateKey(event, start.minusSeconds(1))).isEqualTo("qna.state.upcoming");
        assertThat(EventsPage.stateKey(event, start)).isEqualTo("qna.state.live");
        assertThat(EventsPage.stateKey(event, start.plusSeconds(7200))).isEqualTo("qna.state.ended");
    }

    @Test
    void anEndedEventIsReadOnlyAndRefusesQuestions() throws Exception {
        Event ended = event(pub, pub.manager().id(), Audience.PUBLIC, false, Duration.ofHours(-3), Duration.ofHours(2));
        store.ask(ended, "Kysytty ajoissa", null);
        String page = html(send(get("/events/" + ended.code())));
        assertThat(page).contains("Tilaisuus on päättynyt", "Kysytty ajoissa").doesNotContain("id=\"send\"", "/vote");
        MockHttpServletResponse refused = ask(ended, "Myöhässä", null);
        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(html(refused)).contains("role=\"alert\"", "Tilaisuus on päättynyt: kysymyksiä ei enää oteta vastaan.")
                .doesNotContain("id=\"send\"");
        Question early = store.questions(ended, List.of(Status.VISIBLE), false).getFirst();
        assertThat(send(post("/events/" + ended.code() + "/questions/" + early.id() + "/vote").with(csrf())).getStatus())
                .as("no votes after the end either").isEqualTo(409);
        assertThat(store.question(ended, early.id()).orElseThrow().votes()).isZero();
        assertThat(questions(ended)).as("nothing stored").isEqualTo(1);
        assertThat(html(pages.in("sv").send(get("/events/" + ended.code())))).contains("Evenemanget har avslutats");
    }

    @Test
    void aPreModeratedQuestionIsShownOnlyOnceApproved() throws Exception {
        Event event = upcoming(Audience.PUBLIC, true);
        MockHttpServletResponse sent = ask(event, "Milloin katu korjataan?", null);
        assertThat(sent.getStatus()).isEqualTo(302);
        assertThat(sent.getRedirectedUrl()).isEqualTo("/events/" + event.code());
        Question q = store.questions(event, List.of(Status.values()), false).getFirst();
        assertThat(q.status()).isEqualTo(Status.PENDING);
        assertThat(q.phase()).isEqualTo(Phase.ADVANCE);
        assertThat(html(send(get("/events/" + event.code())))).doesNotContain("Milloin katu korjataan?");
        assertThat(html(send(get("/events/" + event.code() + "/questions")))).doesNotContain("Milloin katu korjataan?");
        assertThat(html(send(get("/events/" + event.code() + "/screen")))).doesNotContain("Milloin katu korjataan?");

        String console = pages.page(pub.manager(), "/workspace/events/" + event.id() + "/moderate");
        assertThat(console).contains("Odottaa hyväksyntää (1)", "Milloin katu korjataan?", "id=\"approve-" + q.id());
        assertThat(pages.send(pub.manager(), post("/workspace/events/" + event.id() + "/questions/" + q.id() + "/approve")
                .with(csrf())).getStatus()).isEqualTo(302);
        String page = html(send(get("/events/" + event.code())));
        assertThat(page).contains("Milloin katu korjataan?", "aria-live=\"polite\"", "hx-trigger=\"every 5s\"");

        // the poll answers 204 while nothing changed, and the new list when something did
        String version = page.replaceAll("(?s).*/questions\\?sort=votes&amp;v=([0-9a-f]{16}).*", "$1");
        assertThat(send(get("/events/" + event.code() + "/questions").param("sort", "votes").param("v", version)).getStatus())
                .isEqualTo(204);
        store.answer(event, q.id(), "Ensi kesänä.");
        MockHttpServletResponse changed = send(get("/events/" + event.code() + "/questions").param("sort", "votes").param("v", version));
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(html(changed)).contains("hx-swap-oob", "Ensi kesänä.", "Vastattu");

        String console2 = pages.page(pub.manager(), "/workspace/events/" + event.id() + "/moderate");
        String consoleVersion = console2.replaceAll("(?s).*/moderate/changes\\?v=([0-9a-f]{16}).*", "$1");
        String changes = "/workspace/events/" + event.id() + "/moderate/changes";
        assertThat(pages.send(pub.manager(), get(changes).param("v", consoleVersion)).getStatus()).isEqualTo(204);
        store.ask(event, "Toinen kysymys", null);
        MockHttpServletResponse news = pages.send(pub.manager(), get(changes).param("v", consoleVersion));
        assertThat(news.getStatus()).isEqualTo(200);
        assertThat(html(news)).contains("Uusia tai muuttuneita kysymyksiä", "id=\"reload\"");
        assertThat(pages.send(pub.agent(), get(changes)).getStatus()).isEqualTo(403);

        store.highlight(event, q.id());
        assertThat(html(send(get("/events/" + event.code() + "/screen")))).contains("Milloin katu korjataan?",
                "id=\"screen-address\">http://localhost/events/" + event.code() + "<");
        pages.send(pub.manager(), post("/workspace/events/" + event.id() + "/questions/" + q.id() + "/hide").with(csrf()));
        assertThat(html(send(get("/events/" + event.code())))).doesNotContain("Milloin katu korjataan?");
        assertThat(store.find(pub.id(), event.id()).orElseThrow().highlightedQuestionId()).as("hidden: off the screen").isNull();
    }

    @Test
    void aBrowserOrAStaffAccountVotesOnce() throws Exception {
        Event event = upcoming(Audience.PUBLIC, false);
        Question q = store.ask(event, "Lisää penkkejä puistoon?", null);
        String vote = "/events/" + event.code() + "/questions/" + q.id() + "/vote";
        MockHttpServletResponse first = send(post(vote).with(csrf()));
        assertThat(first.getStatus()).isEqualTo(302);
        Cookie cookie = first.getCookie(ParticipantPage.VOTER_COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(db.sql("select voter_sha256 from qna_vote where question_id = ?").param(q.id()).query(String.class).single())
                .as("only the hash is stored").hasSize(64).isNotEqualTo(cookie.getValue());
        assertThat(send(post(vote).with(csrf()).cookie(cookie)).getStatus()).isEqualTo(302);
        MockHttpServletResponse htmx = send(post(vote).with(csrf()).cookie(cookie).header("HX-Request", "true"));
        assertThat(htmx.getStatus()).isEqualTo(200);
        assertThat(html(htmx)).contains("Ääniä: 1", "Äänestit tätä");
        assertThat(store.question(event, q.id()).orElseThrow().votes()).as("a second vote is a no-op").isEqualTo(1);
        send(post(vote).with(csrf()));
        assertThat(store.question(event, q.id()).orElseThrow().votes()).as("another browser").isEqualTo(2);
        assertThat(send(post(vote)).getStatus()).as("no CSRF token").isEqualTo(403);

        Event staffEvent = upcoming(Audience.STAFF, false);
        Question s = store.ask(staffEvent, "Milloin uusi järjestelmä tulee?", null);
        String staffVote = "/workspace/events/" + staffEvent.code() + "/ask/questions/" + s.id() + "/vote";
        assertThat(pages.send(pub.agent(), post(staffVote).with(csrf())).getStatus()).isEqualTo(302);
        assertThat(pages.send(pub.agent(), post(staffVote).with(csrf())).getStatus()).isEqualTo(302);
        assertThat(store.question(staffEvent, s.id()).orElseThrow().votes()).isEqualTo(1);
        pages.send(pub.colleague(), post(staffVote).with(csrf()));
        assertThat(store.question(staffEvent, s.id()).orElseThrow().votes()).isEqualTo(2);
        assertThat(pages.page(pub.agent(), "/workspace/events/" + staffEvent.code() + "/ask")).contains("Äänestit tätä");
    }

    @Test
    void publishedTextHasNoPersonalDataAndTheModeratorsViewOfNamesIsLogged() throws Exception {
        Event event = upcoming(Audience.PUBLIC, false);
        assertThat(ask(event, "Olen Matti Virtanen, soittakaa 040 123 4567 tai matti@example.fi: milloin silta valmistuu?",
                "Matti Virtanen").getStatus()).isEqualTo(302);
        Map<String, Object> row = db.sql("select text, asker_customer_id from qna_question where event_id = ?").param(event.id())
                .query().singleRow();
        assertThat((String) row.get("text")).contains("milloin silta valmistuu?")
                .doesNotContain("Virtanen", "040 123 4567", "matti@example.fi");
        UUID asker = (UUID) row.get("asker_customer_id");
        assertThat(asker).isNotNull();
        assertThat(html(send(get("/events/" + event.code())))).contains("milloin silta valmistuu?").doesNotContain("Virtanen");

        assertThat(accessLog.forCustomer(pub.id(), asker, 10)).isEmpty();
        String console = pages.page(pub.manager(), "/workspace/events/" + event.id() + "/moderate");
        assertThat(console).contains("Kysyjä: Matti Virtanen");
        List<PersonalDataLog.Entry> log = accessLog.forCustomer(pub.id(), asker, 10);
        assertThat(log).hasSize(1);
        assertThat(log.getFirst().staffUserId()).isEqualTo(pub.manager().id());
        assertThat(log.getFirst().purpose()).isEqualTo(ModeratePage.PURPOSE);
        assertThat(log.getFirst().detail()).contains(event.code());
    }

    @Test
    void aStaffEventIsNeverReadableWithoutSigningIn() throws Exception {
        Event event = upcoming(Audience.STAFF, false);
        store.ask(event, "Sisäinen kysymys", null);
        for (String path : List.of("/events/" + event.code(), "/events/" + event.code() + "/screen",
                "/events/" + event.code() + "/questions")) {
            MockHttpServletResponse anonymous = send(get(path));
            assertThat(anonymous.getStatus()).as(path).isEqualTo(404);
            assertThat(html(anonymous)).doesNotContain("Sisäinen kysymys", "Asukasilta");
        }
        assertThat(ask(event, "Ulkopuolinen", null).getStatus()).isEqualTo(404);
        for (String path : List.of("/workspace/events/" + event.code() + "/ask", "/workspace/events/" + event.code() + "/screen")) {
            assertThat(send(get(path)).getStatus()).as(path).isEqualTo(302);
        }
        assertThat(pages.page(pub.agent(), "/workspace/events/" + event.code() + "/ask")).contains("Sisäinen kysymys");
        assertThat(pages.page(pub.agent(), "/workspace/events/" + event.code() + "/screen")).contains("Sisäinen kysymys");
        assertThat(pages.send(pub.agent(), post("/workspace/events/" + event.code() + "/ask").with(csrf())
                .param("text", "Henkilöstön kysymys")).getStatus()).isEqualTo(302);
        assertThat(questions(event)).isEqualTo(2);
    }

    @Test
    void anotherOrganizationsEventIsNotFoundAndOnlyModeratorsModerate() throws Exception {
        Fixtures.Org org = fixtures.organization();
        Event byManager = event(org, org.manager().id(), Audience.STAFF, false, Duration.ofDays(1), Duration.ofHours(1));
        Event byAgent = event(org, org.agent().id(), Audience.STAFF, false, Duration.ofDays(1), Duration.ofHours(1));
        Question q = store.ask(byManager, "Kysymys", null);
        String moderate = "/workspace/events/" + byManager.id() + "/moderate";

        Fixtures.Org other = fixtures.organization();
        StaffUser otherAdmin = fixtures.admin(other);
        assertThat(pages.send(otherAdmin, get(moderate)).getStatus()).isEqualTo(404);
        assertThat(pages.send(otherAdmin, get("/workspace/events/" + byManager.code() + "/ask")).getStatus()).isEqualTo(404);
        assertThat(pages.send(otherAdmin, get("/workspace/events/" + byManager.id() + "/export.csv")).getStatus()).isEqualTo(404);
        assertThat(pages.send(otherAdmin, post("/workspace/events/" + byManager.id() + "/questions/" + q.id() + "/hide")
                .with(csrf())).getStatus()).isEqualTo(404);
        assertThat(pages.page(otherAdmin, "/workspace/events")).doesNotContain(byManager.code());

        assertThat(pages.send(org.agent(), get(moderate)).getStatus()).as("a plain agent, another's event").isEqualTo(403);
        assertThat(pages.send(org.agent(), post("/workspace/events/" + byManager.id() + "/questions/" + q.id() + "/hide")
                .with(csrf())).getStatus()).isEqualTo(403);
        assertThat(store.question(byManager, q.id()).orElseThrow().status()).isEqualTo(Status.VISIBLE);
        assertThat(pages.send(org.agent(), get("/workspace/events/" + byAgent.id() + "/moderate")).getStatus())
                .as("the creator").isEqualTo(200);
        assertThat(pages.send(org.colleague(), get("/workspace/events/" + byAgent.id() + "/moderate")).getStatus()).isEqualTo(403);
        assertThat(pages.send(org.manager(), get("/workspace/events/" + byAgent.id() + "/moderate")).getStatus()).isEqualTo(200);
        assertThat(pages.send(fixtures.admin(org), get(moderate)).getStatus()).isEqualTo(200);
        assertThat(pages.send(org.manager(), get("/workspace/events/not-an-id/moderate")).getStatus()).isEqualTo(404);
        assertThat(pages.send(org.manager(), post("/workspace/events/" + byManager.id() + "/questions/" + q.id() + "/delete")
                .with(csrf())).getStatus()).isEqualTo(404);
    }

    @Test
    void badQuestionsGetMessagesBesideTheirFieldsAndNothingIsStored() throws Exception {
        Event event = upcoming(Audience.PUBLIC, false);
        MockHttpServletResponse empty = ask(event, "   ", null);
        assertThat(empty.getStatus()).isEqualTo(422);
        assertThat(html(empty)).contains("href=\"#text\"", "Kirjoita kysymyksesi.", "id=\"text-error\"");
        MockHttpServletResponse tooLong = ask(event, "a".repeat(501), "b".repeat(101));
        assertThat(tooLong.getStatus()).isEqualTo(422);
        assertThat(html(tooLong)).contains("enintään 500 merkkiä (nyt 501)", "enintään 100 merkkiä (nyt 101)");
        MockHttpServletResponse notUtf8 = send(post("/events/" + event.code()).with(csrf())
                .contentType("application/x-www-form-urlencoded")
                .content("text=%FF%FE%00".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(notUtf8.getStatus()).isEqualTo(422);
        assertThat(html(notUtf8)).contains("merkkejä, joita ei voi lukea");
        assertThat(send(post("/events/" + event.code()).with(csrf()).param("text", "Robotti").param("website", "http://spam"))
                .getStatus()).as("the honeypot pretends success").isEqualTo(302);
        assertThat(send(post("/events/" + event.code()).param("text", "Ilman CSRF:ää")).getStatus()).isEqualTo(403);
        assertThat(questions(event)).isZero();

        assertThat(ask(event, "<script>alert(1)</script>", null).getStatus()).isEqualTo(302);
        assertThat(html(send(get("/events/" + event.code())))).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
        assertThat(send(get("/events/no-such-event")).getStatus()).isEqualTo(404);
        assertThat(send(get("/events/" + "x".repeat(300))).getStatus()).isEqualTo(404);
        assertThat(send(post("/events/" + event.code() + "/questions/nonsense/vote").with(csrf())).getStatus()).isEqualTo(404);

        String moderatorAnswer = "/workspace/events/" + event.id() + "/questions/"
                + store.questions(event, List.of(Status.VISIBLE), false).getFirst().id() + "/answer";
        MockHttpServletResponse longAnswer = pages.send(pub.manager(), post(moderatorAnswer).with(csrf()).param("answer", "v".repeat(4001)));
        assertThat(longAnswer.getStatus()).isEqualTo(422);
        assertThat(html(longAnswer)).contains("enintään 4000 merkkiä (nyt 4001)");
    }

    @Test
    void questionsAreLimitedPerClientAddress() throws Exception {
        Event event = upcoming(Audience.PUBLIC, false);
        for (int i = 0; i < ParticipantPage.QUESTIONS_PER_ADDRESS; i++) {
            assertThat(ask(event, "Kysymys " + i, null).getStatus()).isEqualTo(302);
        }
        MockHttpServletResponse limited = ask(event, "Liikaa", null);
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(questions(event)).isEqualTo((int) ParticipantPage.QUESTIONS_PER_ADDRESS);
    }

    @Test
    void theExportHasEveryQuestionWithSpreadsheetFormulasDefused() throws Exception {
        Event event = upcoming(Audience.PUBLIC, true);
        Question formula = store.ask(event, "=HYPERLINK(\"http://evil\")", null);
        store.ask(event, "+358 kysyy, \"lainaten\"\nrivinvaihdolla", null);
        store.ask(event, "@SUM(1)", null);
        store.answer(event, formula.id(), "-1 ei käy");
        MockHttpServletResponse csv = pages.send(pub.manager(), get("/workspace/events/" + event.id() + "/export.csv"));
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).isEqualToIgnoringWhitespace("text/csv;charset=UTF-8");
        assertThat(csv.getHeader("Content-Disposition")).contains("attachment", event.code());
        String body = csv.getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).startsWith("\uFEFFKysytty;Vaihe;Tila;Ääniä;Kysymys;Vastaus;Vastattu\r\n");
        assertThat(body).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", ";'-1 ei käy;", ";'@SUM(1);",
                "\"'+358 kysyy, \"\"lainaten\"\"\nrivinvaihdolla\"", "Ennakkokysymys;Vastattu", "Odottaa hyväksyntää");
        assertThat(body.split("\r\n")).hasSize(4);
        assertThat(pages.send(pub.agent(), get("/workspace/events/" + event.id() + "/export.csv")).getStatus()).isEqualTo(403);
    }

    @Test
    void theDemoHasOneUpcomingResidentsEveningWithTwoAdvanceQuestions() {
        Fixtures.Org org = fixtures.organization();
        QnaDemoData demo = new QnaDemoData(store, staff, publicOrganization);
        Event event = demo.seed(org.id()).orElseThrow();
        assertThat(event.code()).isEqualTo(QnaDemoData.CODE);
        assertThat(event.audience()).isEqualTo(Audience.PUBLIC);
        assertThat(event.startsAt()).isAfter(Instant.now());
        assertThat(store.questions(event, List.of(Status.VISIBLE), false)).hasSize(2)
                .allSatisfy(q -> assertThat(q.phase()).isEqualTo(Phase.ADVANCE));
        assertThat(demo.seed(org.id())).as("once").isEmpty();
    }

    @Test
    void answeredQuestionsBecomeAnInternalKnowledgeArticleDraft() throws Exception {
        Fixtures.Org org = fixtures.organization();
        Event event = event(org, org.manager().id(), Audience.PUBLIC, false, Duration.ofHours(-3), Duration.ofHours(2));
        String path = "/workspace/events/" + event.id() + "/knowledge-draft";
        MockHttpServletResponse none = pages.send(org.manager(), post(path).with(csrf()));
        assertThat(none.getRedirectedUrl()).isEqualTo("/workspace/events/" + event.id() + "/moderate");
        assertThat(db.sql("select count(*) from knowledge_article where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).as("nothing answered in writing: no article").isZero();

        Question bridge = store.ask(event, "Milloin silta valmistuu?", null);
        Question markup = store.ask(event, "# Iso *otsikko* [linkki](http://evil)", null);
        Question spoken = store.ask(event, "Vastattiin suullisesti", null);
        store.answer(event, bridge.id(), "Ensi syksynä.");
        store.answer(event, markup.id(), "Ei linkkejä.");
        store.answer(event, spoken.id(), null);
        assertThat(pages.send(org.agent(), post(path).with(csrf())).getStatus()).isEqualTo(403);
        MockHttpServletResponse made = pages.send(org.manager(), post(path).with(csrf()));
        assertThat(made.getRedirectedUrl()).startsWith("/workspace/knowledge/");
        UUID articleId = UUID.fromString(made.getRedirectedUrl().substring("/workspace/knowledge/".length()));
        fi.aspa.knowledge.Article article = knowledge.find(org.id(), articleId).orElseThrow();
        assertThat(article.status()).isEqualTo(fi.aspa.knowledge.ArticleStatus.DRAFT);
        assertThat(article.current().visibility()).isEqualTo(fi.aspa.knowledge.ArticleVisibility.INTERNAL);
        fi.aspa.knowledge.ArticleText text = article.current().texts().get(fi.aspa.platform.Language.FI);
        assertThat(text.title()).isEqualTo("Kysymyksiä ja vastauksia: Asukasilta");
        assertThat(text.body()).contains("## Milloin silta valmistuu?\n\nEnsi syksynä.",
                "## \\# Iso \\*otsikko\\* \\[linkki\\](http://evil)\n\nEi linkkejä.").doesNotContain("suullisesti");
    }

    @Test
    void aNamedAskersQuestionsFollowTheirCustomerIntoAMergeAndBack() throws Exception {
        Event event = upcoming(Audience.PUBLIC, false);
        assertThat(ask(event, "Kysymys nimellä", "Kaisa Kysyjä").getStatus()).isEqualTo(302);
        UUID asker = db.sql("select asker_customer_id from qna_question where event_id = ?").param(event.id())
                .query(UUID.class).single();
        UUID survivor = customers.resolve(pub.id(), fi.aspa.customer.ContactDetails.resident("Kaisa Kysyjä", "kaisa@example.fi",
                null, fi.aspa.platform.Language.FI));
        fi.aspa.customer.CustomerMerge merge = customers.merge(pub.id(), pub.agent().id(), survivor, asker, "Sama henkilö");
        assertThat(db.sql("select asker_customer_id from qna_question where event_id = ?").param(event.id())
                .query(UUID.class).single()).isEqualTo(survivor);
        customers.unmerge(pub.id(), pub.agent().id(), merge.id(), "Eri henkilöt");
        assertThat(db.sql("select asker_customer_id from qna_question where event_id = ?").param(event.id())
                .query(UUID.class).single()).isEqualTo(asker);
    }
}
