package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.assistant.Chatbot;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.MessageKind;
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
 * The chat starting with the bot, over real WebSockets: the resident's first lines are answered by the bot with its
 * source and open no case; asking for a person hands the conversation over: a CHAT case in the queue whose first
 * message is what the resident wrote and whose internal note is the bot transcript, which the agent also sees in the
 * console. With nobody available the hand-over turns into the contact form and no case is queued.
 */
@AspaTest
class ChatBotHandoverTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired ChatService chat;
    @Autowired Chatbot bot;
    @Autowired SearchIndex index;
    @Autowired Cases cases;
    @Autowired JdbcClient db;

    String article(Fixtures.Org org) {
        String id = UUID.randomUUID().toString();
        index.indexAll(List.of(
                new SearchDocument(id, org.id(), DocumentType.ARTICLE, Language.FI, "Jäteastian tyhjennys",
                        "Sekajäteastia tyhjennetään kahden viikon välein. Tyhjennyspäivän näet jätehuollon asiakasportaalista.",
                        List.of(), Map.of(), Visibility.PUBLIC, Instant.now()),
                new SearchDocument(id, org.id(), DocumentType.ARTICLE, Language.SV, "Tömning av sopkärl",
                        "Kärlet för blandavfall töms varannan vecka. Tömningsdagen ser du i avfallshanteringens kundportal.",
                        List.of(), Map.of(), Visibility.PUBLIC, Instant.now()),
                new SearchDocument(UUID.randomUUID().toString(), org.id(), DocumentType.ARTICLE, Language.FI, "Kirjaston aukioloajat",
                        "Pääkirjasto on auki arkisin 9–20 ja lauantaisin 10–16.", List.of(), Map.of(), Visibility.PUBLIC, Instant.now())));
        return id;
    }

    String start(ChatHttp resident, Fixtures.Org org, String lang) {
        HttpResponse<String> started = resident.json("POST", "/chat/api/sessions", Map.of("organization", org.organization().slug(),
                "lang", lang, "name", "Maija Meikäläinen", "email", "maija.bot@example.fi", "pageUrl", "https://www.example.fi/asuminen/jatehuolto"), null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return ChatHttp.body(started).path("token").asString();
    }

    @Test
    void theBotAnswersWithItsSourceAndHandsOverWithTheTranscript() {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.always());
        bot.setEnabled(org.id(), true);
        String articleId = article(org);
        ChatHttp agentHttp = new ChatHttp(port).login(org.agent().username(), Fixtures.PASSWORD);
        try (ChatClient agent = ChatClient.connect(port, "/workspace/chat/socket", agentHttp.sessionCookie())) {
            assertThat(agentHttp.post("/workspace/chat/availability", Map.of("available", "true")).statusCode()).isEqualTo(302);
            String token = start(new ChatHttp(port), org, "fi");
            try (ChatClient me = ChatClient.connect(port, "/chat/socket", null)) {
                me.send(Map.of("type", "hello", "token", token, "lastSeq", 0));
                JsonNode welcome = me.awaitType("welcome");
                UUID sessionId = UUID.fromString(welcome.path("session").asString());
                assertThat(welcome.path("bot").asBoolean()).as("the chat starts with the bot").isTrue();

                me.send(Map.of("type", "send", "clientId", "q-1", "body", "Milloin jäteastia tyhjennetään?"));
                assertThat(me.awaitType("ack").path("seq").asLong()).isEqualTo(1);
                JsonNode answer = me.awaitMessage(2);
                assertThat(answer.path("from").asString()).isEqualTo("bot");
                assertThat(answer.path("body").asString()).contains("tyhjennetään kahden viikon välein");
                assertThat(answer.path("links").get(0).path("title").asString()).isEqualTo("Jäteastian tyhjennys");
                assertThat(answer.path("links").get(0).path("url").asString()).isEqualTo("/help/" + articleId);
                // Still with the bot: no case, nothing in the agents' queue.
                assertThat(db.sql("select case_id from chat_session where id = ?").param(sessionId).query(UUID.class).optional()).isEmpty();
                assertThat(chat.waiting(org.id())).isEmpty();

                me.send(Map.of("type", "send", "clientId", "q-2", "body", "Haluan puhua ihmisen kanssa"));
                JsonNode ack = me.awaitType("ack");
                assertThat(ack.path("reference").asString()).startsWith("ASPA-");
                assertThat(me.awaitMessage(4).path("from").asString()).isEqualTo("bot");
                JsonNode handover = me.awaitMessage(5);
                assertThat(handover.path("from").asString()).isEqualTo("system");
                assertThat(handover.path("event").asString()).isEqualTo("handover");
                agent.awaitType("queue");

                ChatSession session = chat.session(org.id(), sessionId).orElseThrow();
                assertThat(session.state()).isEqualTo(ChatSession.State.WAITING);
                assertThat(session.botActive()).isFalse();
                assertThat(session.pageUrl()).isEqualTo("https://www.example.fi/asuminen/jatehuolto");
                CaseDetail opened = cases.detail(org.id(), session.caseId()).orElseThrow();
                assertThat(opened.summary().reference()).isEqualTo(ack.path("reference").asString());
                assertThat(opened.summary().status()).isEqualTo(CaseStatus.NEW);
                assertThat(opened.summary().tags()).contains("chat", "chatbot");
                assertThat(opened.messages().getFirst().kind()).isEqualTo(MessageKind.INBOUND);
                assertThat(opened.messages().getFirst().body()).isEqualTo("Milloin jäteastia tyhjennetään?\nHaluan puhua ihmisen kanssa");
                CaseMessage note = opened.messages().stream().filter(m -> m.kind() == MessageKind.NOTE).findFirst().orElseThrow();
                assertThat(note.body()).contains("Keskustelu chatbotin kanssa").contains("Asukas: Milloin jäteastia tyhjennetään?")
                        .contains("Botti: Sekajäteastia tyhjennetään kahden viikon välein")
                        .contains("Jäteastian tyhjennys (/help/" + articleId + ")")
                        .contains("https://www.example.fi/asuminen/jatehuolto");

                // The agent takes it and sees the bot's part of the conversation in the console.
                assertThat(agentHttp.post("/workspace/chat/" + sessionId + "/take", Map.of()).statusCode()).isEqualTo(302);
                assertThat(me.awaitMessage(6).path("event").asString()).isEqualTo("joined");
                String console = agentHttp.get("/workspace/chat/" + sessionId).body();
                assertThat(console).contains("chat-line--bot").contains("Botti").contains("Sekajäteastia tyhjennetään");
                // And on the case page.
                String casePage = agentHttp.get("/workspace/cases/" + session.caseId()).body();
                assertThat(casePage).contains("Keskustelu chatbotin kanssa");

                // From now on lines go to the agent, not the bot.
                me.send(Map.of("type", "send", "clientId", "q-3", "body", "Milloin jäteastia tyhjennetään?"));
                me.awaitType("ack");
                JsonNode toAgent = me.awaitMessage(7);
                assertThat(toAgent.path("from").asString()).isEqualTo("resident");
                assertThat(cases.detail(org.id(), session.caseId()).orElseThrow().messages())
                        .filteredOn(m -> m.kind() == MessageKind.INBOUND).hasSize(2);
            }
        }
    }

    @Test
    void withNobodyToTakeItTheHandOverBecomesTheContactForm() {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.always());
        bot.setEnabled(org.id(), true);
        article(org);
        ChatHttp agentHttp = new ChatHttp(port).login(org.agent().username(), Fixtures.PASSWORD);
        try (ChatClient agent = ChatClient.connect(port, "/workspace/chat/socket", agentHttp.sessionCookie())) {
            assertThat(agentHttp.post("/workspace/chat/availability", Map.of("available", "true")).statusCode()).isEqualTo(302);
            String token = start(new ChatHttp(port), org, "sv");
            assertThat(agentHttp.post("/workspace/chat/availability", Map.of("available", "false")).statusCode()).isEqualTo(302);
            try (ChatClient me = ChatClient.connect(port, "/chat/socket", null)) {
                me.send(Map.of("type", "hello", "token", token, "lastSeq", 0));
                UUID sessionId = UUID.fromString(me.awaitType("welcome").path("session").asString());
                me.send(Map.of("type", "send", "clientId", "q-1", "body", "Får man ta med hunden till badstranden?"));
                assertThat(me.awaitType("ack").has("reference")).isFalse();
                JsonNode unsure = me.awaitMessage(2);
                assertThat(unsure.path("from").asString()).isEqualTo("bot");
                assertThat(unsure.path("body").asString()).isEqualTo("Jag hittade inget säkert svar på det. Jag kopplar dig till kundtjänsten.");
                assertThat(unsure.has("links")).isFalse();
                JsonNode offline = me.awaitMessage(3);
                assertThat(offline.path("event").asString()).isEqualTo("handover-offline");
                assertThat(offline.path("body").asString()).isEqualTo("nobody");
                ChatSession session = chat.session(org.id(), sessionId).orElseThrow();
                assertThat(session.caseId()).isNull();
                assertThat(chat.waiting(org.id())).isEmpty();
            }
        }
    }
}
