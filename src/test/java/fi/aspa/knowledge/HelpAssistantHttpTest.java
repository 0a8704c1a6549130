package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.Cases;
import fi.aspa.cases.MessageKind;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.chat.ChatAvailability;
import fi.aspa.search.SearchIndex;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

/**
 * The help pages' "Ask the assistant" box over real HTTP without JavaScript (plain posts that come back to the page)
 * and as htmx sends them: an answer quoted with its source, a clarifying question and the choice, the hand-over to the
 * chat queue with the transcript or to the contact form with the question filled in, the rate limit, bad input, CSRF.
 */
@AspaTest
class HelpAssistantHttpTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Knowledge knowledge;
    @Autowired Catalogue catalogue;
    @Autowired SearchIndex index;
    @Autowired Cases cases;
    @Autowired JdbcClient db;
    @Autowired ApplicationContext context;
    HelpBotArticles articles;
    ChatAvailability chat;

    @BeforeEach
    void setUp() {
        articles = HelpBotArticles.in(fixtures, knowledge, catalogue, index);
        chat = new ChatAvailability(context, articles.org.id());
    }

    @AfterEach
    void tearDown() {
        chat.restore();
    }

    String articlePath(Article a) {
        return "/help/" + a.id();
    }

    HelpClient.Response ask(HelpClient resident, String from, String question) {
        return resident.post("/help/assistant", Map.of("from", from, "question", question));
    }

    static String text(String html) {
        return HtmlUtils.htmlUnescape(html);
    }

    @Test
    void anAnswerIsQuotedFromThePublishedArticleWithItsSourceOnThePageItWasAskedOn() {
        HelpClient resident = new HelpClient(port, "fi");
        String page = articlePath(articles.berth);
        assertThat(resident.get(page).body()).contains("Kysy avustajalta").contains("name=\"from\" value=\"" + page + "\"");

        HelpClient.Response posted = ask(resident, page, "Milloin venepaikan vuokrakausi alkaa?");
        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.location()).isEqualTo(page + "#assistant");

        String body = text(resident.get(page).body());
        assertThat(body).contains("Milloin venepaikan vuokrakausi alkaa?")
                .contains("Venepaikan vuokrakausi alkaa toukokuussa ja päättyy lokakuussa")
                .contains("href=\"/help/" + articles.berth.id() + "\">Venepaikan vuokraaminen</a>");
        // the conversation belongs to the page it was asked on
        assertThat(text(resident.get("/help").body())).doesNotContain("Milloin venepaikan vuokrakausi alkaa?");
    }

    @Test
    void inSwedishTheAnswerComesFromTheSwedishVersion() {
        HelpClient resident = new HelpClient(port, "sv");
        String page = HelpAssistant.from("/help", "lifeEvent", HelpBotArticles.BOATING);
        assertThat(text(resident.get(page).body())).contains("Fråga assistenten").contains("Båtliv");
        assertThat(ask(resident, page, "När börjar hyresperioden för båtplatsen?").location()).isEqualTo(page + "#assistant");
        String body = text(resident.get(page).body());
        assertThat(body).contains("Hyresperioden för båtplatsen börjar i maj och slutar i oktober")
                .contains(">Att hyra båtplats</a>");
    }

    @Test
    void whenTwoArticlesCompeteTheBotAsksWhichOneAndTheChoiceIsQuoted() {
        HelpClient resident = new HelpClient(port, "fi");
        resident.get("/help");
        ask(resident, "/help", "Miten viljelypalstatunnus haetaan palsta-alueelle?");
        String body = text(resident.get("/help").body());
        assertThat(body).contains("Tarkoititko");
        assertThat(body).contains("name=\"choice\" value=\"" + articles.residents.id() + "\"")
                .contains("name=\"choice\" value=\"" + articles.schools.id() + "\"");

        HelpClient.Response chosen = resident.post("/help/assistant", Map.of("from", "/help", "choice", articles.schools.id().toString()));
        assertThat(chosen.location()).isEqualTo("/help#assistant");
        body = text(resident.get("/help").body());
        assertThat(body).contains("Tarkoitin: Koulun viljelypalsta")
                .contains("koulu voi viljellä kaupungin palsta-alueella")
                .contains("href=\"/help/" + articles.schools.id() + "\">Koulun viljelypalsta</a>")
                // the question is answered: no choice to make any more
                .doesNotContain("name=\"choice\"");

        // a choice that was not offered is refused clearly
        HelpClient.Response stale = resident.post("/help/assistant", Map.of("from", "/help", "choice", UUID.randomUUID().toString()));
        assertThat(stale.status()).isEqualTo(422);
        assertThat(text(stale.body())).contains("Valinta ei ole enää käytettävissä");
    }

    @Test
    void withHtmxOnlyTheBoxComesBack() {
        HelpClient resident = new HelpClient(port, "fi");
        resident.get("/help");
        HelpClient.Response box = resident.post("/help/assistant", Map.of("from", "/help", "question", "Miten viljelypalstatunnus haetaan palsta-alueelle?"), true);
        assertThat(box.status()).isEqualTo(200);
        assertThat(box.body()).startsWith("<section").contains("id=\"assistant\"").doesNotContain("<html");
        assertThat(text(box.body())).contains("Tarkoititko");
        HelpClient.Response empty = resident.post("/help/assistant", Map.of("from", "/help", "question", " "), true);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("aria-invalid=\"true\"").contains("Kirjoita kysymyksesi.");
    }

    @Test
    void aQuestionTheBotCannotAnswerIsCountedAndOffersAPerson() {
        chat.close();
        HelpClient resident = new HelpClient(port, "fi");
        String question = "Miten kvanttilaskin ohjelmoidaan " + UUID.randomUUID().toString().substring(0, 8) + "?";
        resident.get("/help");
        ask(resident, "/help", question);
        String body = text(resident.get("/help").body());
        assertThat(body).contains("En löytänyt tähän varmaa vastausta")
                .contains("Asiakaspalvelun chat on nyt suljettu");
        assertThat(db.sql("select page_url from bot_unanswered where organization_id = ? and question = ?")
                .params(articles.org.id().value(), question).query(String.class).single()).endsWith("/help");
    }

    @Test
    void closedChatLeadsToTheContactFormWithTheQuestionFilledIn() {
        chat.close();
        HelpClient resident = new HelpClient(port, "fi");
        String page = articlePath(articles.berth);
        resident.get(page);
        ask(resident, page, "Haluan puhua ihmisen kanssa venepaikasta");
        assertThat(text(resident.get(page).body())).contains("Asiakaspalvelun chat on nyt suljettu");

        HelpClient.Response person = resident.post("/help/assistant/person", Map.of("from", page));
        assertThat(person.status()).isEqualTo(302);
        assertThat(person.location()).startsWith("/contact?message=");
        String message = URLDecoder.decode(person.location().substring("/contact?message=".length()), StandardCharsets.UTF_8);
        assertThat(message).startsWith("Haluan puhua ihmisen kanssa venepaikasta").contains("/help/" + articles.berth.id());
        HelpClient.Response form = resident.get(person.location());
        assertThat(form.status()).isEqualTo(200);
        assertThat(text(form.body())).containsPattern("<textarea id=\"message\"[^>]*>Haluan puhua ihmisen kanssa venepaikasta");

        // with htmx the same, as a redirect the browser follows
        HelpClient.Response htmx = resident.post("/help/assistant/person", Map.of("from", page), true);
        assertThat(htmx.header("HX-Redirect")).startsWith("/contact?message=");
    }

    @Test
    void openChatTakesTheConversationToTheQueueWithTheTranscriptAndThePage() {
        chat.open(articles.org.agent().id());
        HelpClient resident = new HelpClient(port, "fi");
        String page = articlePath(articles.berth);
        String marker = "venepaikka" + UUID.randomUUID().toString().substring(0, 8);
        resident.get(page);
        ask(resident, page, "Milloin venepaikan vuokrakausi alkaa?");
        ask(resident, page, "Haluan puhua asiakaspalvelijan kanssa " + marker);
        assertThat(text(resident.get(page).body())).contains("Asiakaspalvelun chat on auki");

        HelpClient.Response person = resident.post("/help/assistant/person", Map.of("from", page), true);
        assertThat(person.status()).isEqualTo(200);
        assertThat(person.header("HX-Redirect")).isEqualTo("/help/assistant/chat");
        HelpClient.Response chatPage = resident.get("/help/assistant/chat");
        Matcher token = Pattern.compile("data-resume=\"([^\"]+)\"").matcher(chatPage.body());
        assertThat(token.find()).as(chatPage.body()).isTrue();
        assertThat(chatPage.body()).contains("/chat/widget.js").contains("data-organization=\"test-public\"");
        assertThat(text(chatPage.body())).contains("Olet chatin jonossa");
        // the token is handed out once
        assertThat(resident.get("/help/assistant/chat").body()).doesNotContain("data-resume=\"");

        var found = cases.list(articles.org.id(), CaseFilter.all().withText(marker), CaseSort.CREATED_DESC, 0, 5).items();
        assertThat(found).hasSize(1);
        CaseDetail opened = cases.detail(articles.org.id(), found.getFirst().id()).orElseThrow();
        assertThat(opened.summary().tags()).contains("chat", "chatbot");
        String note = opened.messages().stream().filter(m -> m.kind() == MessageKind.NOTE).map(m -> m.body()).findFirst().orElseThrow();
        assertThat(note).contains("Milloin venepaikan vuokrakausi alkaa?")
                .contains("Venepaikan vuokrakausi alkaa toukokuussa")
                .contains("(/help/" + articles.berth.id() + ")")
                .contains("/help/" + articles.berth.id());
    }

    @Test
    void openChatWithoutJavaScriptOffersTheChatButtonAndTheContactForm() {
        chat.open(articles.org.agent().id());
        HelpClient resident = new HelpClient(port, "sv");
        String marker = "hamnplats" + UUID.randomUUID().toString().substring(0, 8);
        resident.get("/help");
        ask(resident, "/help", "Jag vill tala med en människa om " + marker);
        HelpClient.Response person = resident.post("/help/assistant/person", Map.of("from", "/help"));
        assertThat(person.location()).isEqualTo("/help/assistant/chat?from=/help");
        HelpClient.Response page = resident.get(person.location());
        assertThat(text(page.body())).contains("Kundtjänstens chatt är öppen nu")
                .containsPattern("<a class=\"button\" data-aspa-chat href=\"/contact\\?message=Jag[^\"]*\">Lämna ett meddelande</a>");
        assertThat(cases.list(articles.org.id(), CaseFilter.all().withText(marker), CaseSort.CREATED_DESC, 0, 5)
                .items()).as("no chat without JavaScript to continue it").isEmpty();
    }

    @Test
    void badInputIsAnsweredClearly() {
        HelpClient resident = new HelpClient(port, "en");
        resident.get("/help");
        HelpClient.Response empty = ask(resident, "/help", "   ");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("<title>Error:").contains("href=\"#question\"").contains("aria-invalid=\"true\"")
                .contains("Write your question.");

        HelpClient.Response longer = ask(resident, "/help", "a".repeat(HelpAssistant.MAX_QUESTION + 1));
        assertThat(longer.status()).isEqualTo(422);
        assertThat(longer.body()).contains("at most 500 characters");

        HelpClient.Response unreadable = resident.postMultipart("/help/assistant", Map.of(
                "from", "/help".getBytes(StandardCharsets.US_ASCII), "question", "päivähoito".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(unreadable.status()).isEqualTo(422);
        assertThat(unreadable.body()).contains("characters that could not be read");

        // a page elsewhere is not where the post comes back to
        HelpClient.Response elsewhere = ask(resident, "https://evil.example/help", "viljelypalstatunnus");
        assertThat(elsewhere.location()).isEqualTo("/help#assistant");
    }

    @Test
    void postsNeedTheCsrfToken() {
        HelpClient resident = new HelpClient(port, "fi");
        HelpClient.Response forged = resident.post("/help/assistant", Map.of("from", "/help", "question", "venepaikka"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(resident.post("/help/assistant/person", Map.of("from", "/help")).status()).isEqualTo(403);
    }

    @Test
    void tooManyQuestionsFromOneAddressAreRefusedWithoutLosingTheText() {
        HelpClient resident = new HelpClient(port, "fi");
        resident.get("/help");
        for (int i = 0; i < 30; i++) assertThat(ask(resident, "/help", "venepaikka " + i).status()).isEqualTo(302);
        HelpClient.Response limited = ask(resident, "/help", "venepaikan vuokrakausi");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(text(limited.body())).contains("liian monta viestiä").contains(">venepaikan vuokrakausi</textarea>");
    }
}
