package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.assistant.Chatbot;
import fi.aspa.assistant.FakeLanguageModel;
import fi.aspa.platform.Language;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchDocument;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.Visibility;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The chat widget's bot when the organization has a language model on: the phrased answer comes with the sentence that
 * says a machine phrased it, and its source link is numbered [1] as the answer cites it.
 */
@AspaTest
class ChatBotLanguageModelTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired ChatService chat;
    @Autowired Chatbot bot;
    @Autowired SearchIndex index;
    @Autowired JdbcClient db;

    @Test
    void thePhrasedAnswerIsMarkedAndItsSourceNumbered() {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.always());
        bot.setEnabled(org.id(), true);
        String id = UUID.randomUUID().toString();
        index.indexAll(List.of(new SearchDocument(id, org.id(), DocumentType.ARTICLE, Language.FI, "Jäteastian tyhjennys",
                "Sekajäteastia tyhjennetään kahden viikon välein. Tyhjennyspäivän näet jätehuollon asiakasportaalista.",
                List.of(), Map.of(), Visibility.PUBLIC, Instant.now()),
                new SearchDocument(UUID.randomUUID().toString(), org.id(), DocumentType.ARTICLE, Language.FI, "Kirjaston aukioloajat",
                        "Pääkirjasto on auki arkisin 9–20 ja lauantaisin 10–16.", List.of(), Map.of(), Visibility.PUBLIC, Instant.now())));
        ChatHttp agentHttp = new ChatHttp(port).login(org.agent().username(), Fixtures.PASSWORD);
        try (FakeLanguageModel model = new FakeLanguageModel();
             ChatClient agent = ChatClient.connect(port, "/workspace/chat/socket", agentHttp.sessionCookie())) {
            assertThat(agentHttp.post("/workspace/chat/availability", Map.of("available", "true")).statusCode()).isEqualTo(302);
            model.answering(FakeLanguageModel.reply("Astia tyhjennetään joka toinen viikko [1]."));
            db.sql("""
                    insert into bot_language_model (organization_id, enabled, base_url, model, timeout_ms, max_tokens, updated_at)
                    values (?, true, ?, 'test-model', 3000, 300, now())
                    """).params(org.id().value(), model.baseUrl()).update();
            HttpResponse<String> started = new ChatHttp(port).json("POST", "/chat/api/sessions", Map.of("organization",
                    org.organization().slug(), "lang", "fi", "name", "Maija Meikäläinen", "email", "maija.llm@example.fi"), null);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            String token = ChatHttp.body(started).path("token").asString();
            try (ChatClient me = ChatClient.connect(port, "/chat/socket", null)) {
                me.send(Map.of("type", "hello", "token", token, "lastSeq", 0));
                me.awaitType("welcome");
                me.send(Map.of("type", "send", "clientId", "q-1", "body", "Milloin jäteastia tyhjennetään?"));
                JsonNode answer = me.awaitMessage(2);
                assertThat(answer.path("from").asString()).isEqualTo("bot");
                assertThat(answer.path("body").asString()).isEqualTo("Astia tyhjennetään joka toinen viikko [1].\n\n"
                        + "Vastaus on koneen muotoilema julkaistuista ohjeistamme. Tarkista yksityiskohdat lähteestä.");
                assertThat(answer.path("links").get(0).path("title").asString()).isEqualTo("[1] Jäteastian tyhjennys");
                assertThat(answer.path("links").get(0).path("url").asString()).isEqualTo("/help/" + id);
            }
            assertThat(model.requests()).singleElement().satisfies(r -> assertThat(r.body()).doesNotContain("Kirjaston", "maija"));
        }
    }
}
