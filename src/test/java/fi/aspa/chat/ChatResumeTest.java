package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.Cases;
import fi.aspa.cases.MessageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A resident whose connection drops gets, on reconnecting with the last sequence number seen, exactly what was sent
 * meanwhile: each line once, in order. A line resent with the same client id (the ack was lost) is the same line,
 * over WebSocket and over the HTTP fallback alike.
 */
@AspaTest
class ChatResumeTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired ChatService chat;
    @Autowired Cases cases;
    @Autowired JdbcClient db;

    @Test
    void aReconnectGetsWhatWasMissedExactlyOnceAndResendsDoNotDuplicate() {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.always());
        chat.setAvailable(org.id(), org.agent().id(), true);
        ChatHttp http = new ChatHttp(port);
        JsonNode started = ChatHttp.body(http.json("POST", "/chat/api/sessions",
                Map.of("organization", org.organization().slug(), "lang", "fi", "name", "Ville"), null));
        String token = started.path("token").asString();
        UUID sessionId = UUID.fromString(started.path("session").asString());

        JsonNode firstAck;
        try (ChatClient first = ChatClient.connect(port, "/chat/socket", null)) {
            first.send(Map.of("type", "hello", "token", token, "lastSeq", 0)).awaitType("welcome");
            first.send(Map.of("type", "send", "clientId", "c-1", "body", "Onko kirjasto auki?"));
            firstAck = first.awaitType("ack");
            assertThat(firstAck.path("seq").asLong()).isEqualTo(1);
            chat.take(org.id(), org.agent().id(), sessionId);
            first.awaitMessage(2);
            first.abort();
        }

        chat.agentSend(org.id(), org.agent().id(), sessionId, "a-1", "Hei Ville!");
        chat.agentSend(org.id(), org.agent().id(), sessionId, "a-2", "Kirjasto on auki");
        chat.agentSend(org.id(), org.agent().id(), sessionId, "a-3", "klo 10–20.");

        try (ChatClient again = ChatClient.connect(port, "/chat/socket", null)) {
            again.send(Map.of("type", "hello", "token", token, "lastSeq", 2));
            assertThat(again.awaitType("welcome").path("lastSeq").asLong()).isEqualTo(5);
            again.awaitMessage(5);
            chat.agentSend(org.id(), org.agent().id(), sessionId, "a-4", "Tervetuloa!");
            again.awaitMessage(6);
            List<Long> delivered = again.seen.stream().filter(f -> f.path("type").asString().equals("message"))
                    .map(f -> f.path("seq").asLong()).toList();
            assertThat(delivered).as("each missed line once, in order, nothing seen before").containsExactly(3L, 4L, 5L, 6L);
            assertThat(again.seen.stream().filter(f -> f.path("seq").asLong() == 4).findFirst().orElseThrow().path("body").asString())
                    .isEqualTo("Kirjasto on auki");

            again.send(Map.of("type", "send", "clientId", "c-1", "body", "Onko kirjasto auki?"));
            JsonNode resent = again.awaitType("ack");
            assertThat(resent.path("id").asString()).as("the same line").isEqualTo(firstAck.path("id").asString());
            assertThat(resent.path("seq").asLong()).isEqualTo(1);

            again.send(Map.of("type", "send", "clientId", "c-2", "body", "Kiitos!"));
            assertThat(again.awaitType("ack").path("seq").asLong()).isEqualTo(7);
        }

        // The same semantics over HTTP: a resent line is acknowledged as the line it already is.
        JsonNode httpAck = ChatHttp.body(http.json("POST", "/chat/api/session/messages", Map.of("clientId", "c-2", "body", "Kiitos!"), token));
        assertThat(httpAck.path("seq").asLong()).isEqualTo(7);
        JsonNode polled = ChatHttp.body(http.get2("/chat/api/session/events?after=5&wait=0", token));
        assertThat(polled.path("frames").valueStream().map(f -> f.path("seq").asLong()).toList()).containsExactly(6L, 7L);
        assertThat(polled.path("state").asString()).isEqualTo("active");

        assertThat(db.sql("select count(*) from chat_message where session_id = ?").param(sessionId).query(Long.class).single()).isEqualTo(7);
        UUID caseId = chat.session(org.id(), sessionId).orElseThrow().caseId();
        List<CaseMessage> messages = cases.detail(org.id(), caseId).orElseThrow().messages();
        assertThat(messages.stream().filter(m -> m.kind() == MessageKind.INBOUND).map(CaseMessage::body))
                .containsExactly("Onko kirjasto auki?", "Kiitos!");
        assertThat(messages.stream().filter(m -> m.kind() == MessageKind.OUTBOUND)).hasSize(4);
    }

    @Test
    void aLongPollReturnsTheAgentsLineWhenItComes() throws Exception {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.always());
        chat.setAvailable(org.id(), org.agent().id(), true);
        ChatHttp http = new ChatHttp(port);
        JsonNode started = ChatHttp.body(http.json("POST", "/chat/api/sessions", Map.of("organization", org.organization().slug()), null));
        String token = started.path("token").asString();
        UUID sessionId = UUID.fromString(started.path("session").asString());
        assertThat(ChatHttp.body(http.json("POST", "/chat/api/session/messages", Map.of("clientId", "p-1", "body", "Hei"), token))
                .path("seq").asLong()).isEqualTo(1);
        JsonNode waiting = ChatHttp.body(http.get2("/chat/api/session/events?after=1&wait=0", token));
        assertThat(waiting.path("state").asString()).isEqualTo("waiting");
        assertThat(waiting.path("queue").path("position").asInt()).isEqualTo(1);
        chat.take(org.id(), org.agent().id(), sessionId);

        java.util.concurrent.CompletableFuture<JsonNode> poll = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> ChatHttp.body(http.get2("/chat/api/session/events?after=2&wait=20", token)));
        chat.agentSend(org.id(), org.agent().id(), sessionId, "a-1", "Hei, miten voin auttaa?");
        JsonNode answer = poll.get(30, java.util.concurrent.TimeUnit.SECONDS);
        List<String> lines = new ArrayList<>(messages(answer));
        // A poll may also end on another frame (the queue, presence): the client then polls again from where it is.
        for (int again = 0; lines.isEmpty() && again < 3; again++) {
            answer = ChatHttp.body(http.get2("/chat/api/session/events?after=" + answer.path("lastSeq").asLong(2) + "&wait=20", token));
            lines.addAll(messages(answer));
        }
        assertThat(lines).containsExactly("Hei, miten voin auttaa?");
        assertThat(answer.path("lastSeq").asLong()).isEqualTo(3);
    }

    @Test
    void aResumeTokenOpensOnlyItsOwnChat() {
        ChatHttp http = new ChatHttp(port);
        assertThat(http.json("POST", "/chat/api/session/messages", Map.of("clientId", "x", "body", "hei"), "not-a-token").statusCode()).isEqualTo(404);
        try (ChatClient client = ChatClient.connect(port, "/chat/socket", null)) {
            client.send(Map.of("type", "hello", "token", "A".repeat(43), "lastSeq", 0));
            assertThat(client.awaitType("error").path("code").asString()).isEqualTo("unknown-chat");
        }
    }

    private static List<String> messages(JsonNode answer) {
        return answer.path("frames").valueStream().filter(f -> f.path("type").asString().equals("message"))
                .map(f -> f.path("body").asString()).toList();
    }
}
