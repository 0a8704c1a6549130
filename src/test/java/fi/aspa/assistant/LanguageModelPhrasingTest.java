package fi.aspa.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.platform.Language;
import fi.aspa.search.SearchIndex;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chatbot's answers phrased by an organization's language model (an OpenAI-compatible endpoint on this machine,
 * the only thing mocked): a good reply citing the source given is the answer, marked as generated, with the same source;
 * a reply citing a source not given, citing none, cut off, with a link, garbage, an HTTP error or no reply in time gives
 * the quoted answer as without a model; off by default, when the endpoint is never called; the request carries the
 * question without personal data and the one retrieved article, nothing else; the decision does not change.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguageModelPhrasingTest {
    static final String KEY = "sk-test-0123456789abcdef";
    static final String QUOTED = "tyhjennetään kahden viikon välein";

    @Autowired Fixtures fixtures;
    @Autowired SearchIndex index;
    @Autowired Chatbot bot;
    @Autowired LanguageModelStore store;
    @Autowired JsonMapper json;

    FakeLanguageModel model;
    Fixtures.Org org;
    Articles articles;

    @BeforeAll
    void setUp() {
        model = new FakeLanguageModel();
        org = fixtures.organization();
        articles = new Articles().index(index, org.id());
        store.save(org.id(), new LanguageModelSettings(true, model.baseUrl(), "test-model", KEY, 2000, 300), Instant.now());
    }

    @AfterAll
    void tearDown() {
        model.close();
    }

    @BeforeEach
    void clear() {
        model.clear();
    }

    @Test
    void aGoodReplyIsTheAnswerMarkedAsGeneratedWithItsSource() {
        model.answering(FakeLanguageModel.reply("Sekajäteastia tyhjennetään joka toinen viikko [1]."));
        BotReply reply = bot.reply(org.id(), Language.FI, "Milloin jäteastia tyhjennetään?", null);

        assertThat(reply.kind()).isEqualTo(BotReply.Kind.ANSWER);
        assertThat(reply.generated()).isTrue();
        assertThat(reply.text()).isEqualTo("Sekajäteastia tyhjennetään joka toinen viikko [1].");
        assertThat(reply.sources()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(articles.waste);
            assertThat(s.url()).isEqualTo("/help/" + articles.waste);
        });
        assertThat(model.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/v1/chat/completions");
            assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
            assertThat(r.contentType()).startsWith("application/json");
        });
    }

    @Test
    void theRequestCarriesOnlyTheRetrievedArticleAndNoPersonalData() {
        model.answering(FakeLanguageModel.reply("Astia tyhjennetään kahden viikon välein [1]."));
        BotReply reply = bot.reply(org.id(), Language.FI,
                "Milloin jäteastia tyhjennetään? Olen 131052-308T, maija.meikalainen@example.fi, puh. 040 123 4567, Kotikatu 5 A 3", null);
        assertThat(reply.generated()).isTrue();

        JsonNode request = json.readTree(model.requests().getFirst().body());
        assertThat(request.path("model").asString()).isEqualTo("test-model");
        assertThat(request.path("max_tokens").asInt()).isEqualTo(300);
        JsonNode messages = request.path("messages");
        assertThat(messages.size()).isEqualTo(2);
        assertThat(messages.path(0).path("role").asString()).isEqualTo("system");
        assertThat(messages.path(0).path("content").asString()).contains("ONLY the numbered sources").contains("[1]").contains("Finnish");
        assertThat(messages.path(1).path("role").asString()).isEqualTo("user");
        String user = messages.path(1).path("content").asString();
        // the retrieved article: title, id, address and its whole text
        assertThat(user).contains("[1] Jäteastian tyhjennys").contains("id: " + articles.waste).contains("url: /help/" + articles.waste)
                .contains("Sekajäteastia tyhjennetään kahden viikon välein. Tyhjennyspäivän näet jätehuollon asiakasportaalista.")
                .contains("ilmoita siitä jätehuoltoon seuraavana arkipäivänä");
        // nothing else: not the other articles, not the Swedish version, no second source
        assertThat(user).doesNotContain("[2]", "Tömning", "Kirjaston", "pysäköinti", "esihenkilö", "Varhaiskasvatus");
        // the question without the personal data
        String everything = model.requests().getFirst().body();
        assertThat(everything).doesNotContain("131052-308T", "maija.meikalainen", "example.fi", "123 4567", "Kotikatu");
        assertThat(user).contains("Question: Milloin jäteastia tyhjennetään?").contains("[henkilötunnus]").contains("[sähköposti]")
                .contains("[puhelinnumero]");
    }

    @Test
    void answersInTheResidentsLanguage() {
        model.answering(FakeLanguageModel.reply("Kärlet töms varannan vecka [1]."));
        BotReply reply = bot.reply(org.id(), Language.SV, "När töms sopkärlet för blandavfall?", null);
        assertThat(reply.generated()).isTrue();
        assertThat(reply.text()).isEqualTo("Kärlet töms varannan vecka [1].");
        String body = model.requests().getFirst().body();
        assertThat(body).contains("Swedish").contains("Tömning av sopkärl").doesNotContain("Jäteastian tyhjennys");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown-source", "two-sources", "no-citation", "empty", "too-long", "link", "cut-off", "garbage",
            "no-choices", "http-500", "http-401", "timeout"})
    void anythingButAGoodReplyGivesTheQuotedAnswer(String what) {
        model.answering(switch (what) {
            case "unknown-source" -> FakeLanguageModel.reply("Astia tyhjennetään viikoittain [2].");
            case "two-sources" -> FakeLanguageModel.reply("Astia tyhjennetään [1], ja maksu on 20 euroa [3].");
            case "no-citation" -> FakeLanguageModel.reply("Astia tyhjennetään viikoittain.");
            case "empty" -> FakeLanguageModel.reply("   ");
            case "too-long" -> FakeLanguageModel.reply("Astia tyhjennetään [1]. " + "Lisää tekstiä. ".repeat(200));
            case "link" -> FakeLanguageModel.reply("Katso https://jatehuolto.example.com [1].");
            case "cut-off" -> FakeLanguageModel.cutOff("Astia tyhjennetään [1] ja");
            case "garbage" -> FakeLanguageModel.raw("{\"choices\": [ this is not json");
            case "no-choices" -> FakeLanguageModel.raw("{\"error\": {\"message\": \"overloaded\"}}");
            case "http-500" -> FakeLanguageModel.status(500, "{\"error\": \"internal\"}");
            case "http-401" -> FakeLanguageModel.status(401, "{\"error\": \"bad key\"}");
            case "timeout" -> FakeLanguageModel.slow(6000, FakeLanguageModel.reply("Liian myöhään [1]."));
            default -> throw new IllegalArgumentException(what);
        });
        BotReply reply = bot.reply(org.id(), Language.FI, "Milloin jäteastia tyhjennetään?", null);

        assertThat(model.requests()).as("the endpoint was asked").hasSize(1);
        assertThat(reply.kind()).isEqualTo(BotReply.Kind.ANSWER);
        assertThat(reply.generated()).isFalse();
        assertThat(reply.text()).contains(QUOTED);
        assertThat(reply.sources()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(articles.waste));
    }

    @Test
    void theEndpointDownGivesTheQuotedAnswer() {
        Fixtures.Org down = fixtures.organization();
        Articles its = new Articles().index(index, down.id());
        // a port nothing listens on (the fake's, after it is closed)
        FakeLanguageModel gone = new FakeLanguageModel();
        String url = gone.baseUrl();
        gone.close();
        store.save(down.id(), new LanguageModelSettings(true, url, "test-model", null, 2000, 300), Instant.now());
        BotReply reply = bot.reply(down.id(), Language.FI, "Milloin jäteastia tyhjennetään?", null);
        assertThat(reply.generated()).isFalse();
        assertThat(reply.text()).contains(QUOTED);
        assertThat(reply.sources()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(its.waste));
    }

    @Test
    void offByDefaultAndWhenTurnedOffTheEndpointIsNeverCalled() {
        Fixtures.Org fresh = fixtures.organization();
        new Articles().index(index, fresh.id());
        BotReply reply = bot.reply(fresh.id(), Language.FI, "Milloin jäteastia tyhjennetään?", null);
        assertThat(reply.generated()).isFalse();
        assertThat(reply.text()).contains(QUOTED);

        // configured but off
        store.save(fresh.id(), new LanguageModelSettings(false, model.baseUrl(), "test-model", KEY, 2000, 300), Instant.now());
        assertThat(bot.reply(fresh.id(), Language.FI, "Milloin jäteastia tyhjennetään?", null).generated()).isFalse();
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void theDecisionStaysTheBots() {
        model.answering(FakeLanguageModel.reply("Tässä vastaus [1]."));
        BotReply clarify = bot.reply(org.id(), Language.FI, "pysäköintitunnus", null);
        assertThat(clarify.kind()).isEqualTo(BotReply.Kind.CLARIFY);
        assertThat(clarify.generated()).isFalse();
        BotReply handover = bot.reply(org.id(), Language.FI, "Saako koiran tuoda uimarannalle kesällä?", null);
        assertThat(handover.kind()).isEqualTo(BotReply.Kind.HANDOVER);
        BotReply person = bot.reply(org.id(), Language.FI, "Haluan puhua ihmisen kanssa", null);
        assertThat(person.kind()).isEqualTo(BotReply.Kind.HANDOVER);
        assertThat(model.requests()).as("only an answer is phrased").isEmpty();

        // the source the resident chose after the question is phrased from that source alone
        model.answering(FakeLanguageModel.reply("Yritys voi pysäköidä asukaspysäköintialueella [1]."));
        BotReply chosen = bot.answerFrom(org.id(), Language.FI, "pysäköintitunnus", null, articles.parkingBusinesses).orElseThrow();
        assertThat(chosen.generated()).isTrue();
        assertThat(chosen.sources()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(articles.parkingBusinesses));
        assertThat(model.requests()).singleElement().satisfies(r -> assertThat(r.body()).contains("[1] Yrityspysäköintitunnus")
                .doesNotContain("[1] Asukaspysäköintitunnus", "[2]"));
    }

    @Test
    void checkAcceptsOnlyCitedAnswersFromTheGivenSources() {
        assertThat(LanguageModel.check("Vastaus [1].", 1)).contains("Vastaus [1].");
        assertThat(LanguageModel.check("A [1], B [2] ja [1, 2].", 2)).isPresent();
        assertThat(LanguageModel.check("A [1-3].", 2)).isEmpty();
        assertThat(LanguageModel.check("A [0].", 1)).isEmpty();
        assertThat(LanguageModel.check("A [99999999999].", 1)).isEmpty();
        assertThat(LanguageModel.check("A (1).", 1)).isEmpty();
        assertThat(LanguageModel.check("Katso www.example.com [1].", 1)).isEmpty();
        assertThat(LanguageModel.check(null, 1)).isEmpty();
        assertThat(LanguageModel.check("  A [1].\u0007 ", 1)).contains("A [1].");
        assertThat(LanguageModel.endpoint("https://llm.example.fi/").toString()).isEqualTo("https://llm.example.fi/v1/chat/completions");
    }
}
