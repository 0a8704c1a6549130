package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.platform.AspaException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Limits and bad input: an agent holds at most the configured number of chats; every bad, oversized or non-JSON
 * frame gets an error frame with a stable code and the connection stays usable; bad HTTP input is a 4xx problem,
 * never a 500.
 */
@AspaTest
class ChatLimitsTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired ChatService chat;
    @Autowired ChatSettings settings;
    @Autowired fi.aspa.cases.Cases cases;

    UUID waitingChat(Fixtures.Org org, String name) {
        ChatService.Started started = chat.start(org.id(), fi.aspa.platform.Language.FI, name, null);
        ChatSession session = chat.byToken(started.token()).orElseThrow();
        chat.residentSend(session, "first", "Kysymys " + name, "127.0.0.1");
        return started.sessionId();
    }

    @Test
    void anAgentHoldsAtMostTheLimitOfChats() {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.always());
        chat.setAvailable(org.id(), org.agent().id(), true);
        assertThat(settings.maxConcurrentPerAgent()).isEqualTo(3);
        List<UUID> chats = new ArrayList<>();
        for (int i = 0; i < 4; i++) chats.add(waitingChat(org, "Asukas " + i));

        ChatHttp agent = new ChatHttp(port).login(org.agent().username(), Fixtures.PASSWORD);
        for (int i = 0; i < 3; i++) {
            assertThat(agent.post("/workspace/chat/" + chats.get(i) + "/take", Map.of()).statusCode()).isEqualTo(302);
        }
        HttpResponse<String> fourth = agent.post("/workspace/chat/" + chats.get(3) + "/take", Map.of());
        assertThat(fourth.statusCode()).isEqualTo(409);
        assertThat(fourth.body()).contains("Virhe:").contains("Sinulla on jo 3 keskustelua")
                .contains("href=\"#take-" + chats.get(3) + "\"");
        assertThat(chat.session(org.id(), chats.get(3)).orElseThrow().state()).isEqualTo(ChatSession.State.WAITING);
        assertThat(agent.get("/workspace/chat").body()).contains("Omat keskustelut (3/3)");

        // A colleague with an own limit of 1 cannot be handed a second chat.
        chat.setAvailable(org.id(), org.colleague().id(), true);
        chat.setMaxChats(org.id(), org.colleague().id(), 1);
        chat.transferToAgent(org.id(), org.agent().id(), chats.get(0), org.colleague().id());
        assertThat(chat.session(org.id(), chats.get(0)).orElseThrow().agentId()).isEqualTo(org.colleague().id());
        AspaException full = catchThrowableOfType(AspaException.class,
                () -> chat.transferToAgent(org.id(), org.agent().id(), chats.get(1), org.colleague().id()));
        assertThat(full.code()).isEqualTo("chat-limit-other");

        // With a chat handed on, the agent has room again; someone else's chat cannot be closed.
        assertThat(agent.post("/workspace/chat/" + chats.get(3) + "/take", Map.of()).statusCode()).isEqualTo(302);
        HttpResponse<String> notMine = agent.post("/workspace/chat/" + chats.get(0) + "/close", Map.of("outcome", "RESOLVED"));
        assertThat(notMine.statusCode()).isEqualTo(409);
        assertThat(notMine.body()).contains("Keskustelu ei ole (enää) sinun.");
        HttpResponse<String> empty = agent.post("/workspace/chat/" + chats.get(1) + "/reply", Map.of("body", " "));
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("aria-invalid=\"true\"").contains("Kirjoita vastaus ennen lähettämistä.");
    }

    @Test
    void theConsoleSaysWhenTheCustomersTimelineGoesOnAndLinksToTheOlderMessages() {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.always());
        chat.setAvailable(org.id(), org.agent().id(), true);
        UUID longOne = waitingChat(org, "Pitkä Historia");
        ChatSession session = chat.session(org.id(), longOne).orElseThrow();
        for (int i = 1; i <= ChatConsole.TIMELINE_LENGTH; i++) {
            cases.addCustomerMessage(org.id(), session.caseId(), "Aiempi rivi " + i, fi.aspa.cases.Channel.CHAT, List.of());
        }
        UUID shortOne = waitingChat(org, "Lyhyt Historia");

        ChatHttp agent = new ChatHttp(port).login(org.agent().username(), Fixtures.PASSWORD);
        assertThat(agent.post("/workspace/chat/" + longOne + "/take", Map.of()).statusCode()).isEqualTo(302);
        assertThat(agent.post("/workspace/chat/" + shortOne + "/take", Map.of()).statusCode()).isEqualTo(302);
        String console = agent.get("/workspace/chat/" + longOne).body();
        assertThat(console).contains("Näytetään " + ChatConsole.TIMELINE_LENGTH + " uusinta viestiä.")
                .contains("id=\"timeline-older\" href=\"/workspace/customers/" + session.customerId() + "?before=")
                .contains("Vanhemmat viestit asiakkaan sivulla");
        assertThat(agent.get("/workspace/chat/" + shortOne).body()).contains("Kysymys Lyhyt Historia")
                .doesNotContain("id=\"timeline-older\"");
    }

    @Test
    void badFramesGetAnErrorFrameAndTheConnectionStaysUsable() {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.always());
        chat.setAvailable(org.id(), org.agent().id(), true);
        ChatService.Started started = chat.start(org.id(), fi.aspa.platform.Language.FI, "Testi", null);
        try (ChatClient c = ChatClient.connect(port, "/chat/socket", null)) {
            assertThat(error(c.sendRaw("hello?"))).isEqualTo("bad-json");
            assertThat(error(c.sendRaw("[1, 2]"))).isEqualTo("bad-frame");
            assertThat(error(c.sendRaw("{\"type\": 5}"))).isEqualTo("bad-frame");
            assertThat(error(c.sendRaw("null"))).isEqualTo("bad-frame");
            assertThat(error(c.send(Map.of("type", "send", "clientId", "a", "body", "hei")))).isEqualTo("hello-first");
            assertThat(error(c.send(Map.of("type", "hello", "token", started.token(), "lastSeq", "abc")))).isEqualTo("bad-field");
            c.send(Map.of("type", "hello", "token", started.token(), "lastSeq", 0)).awaitType("welcome");
            assertThat(error(c.sendRaw("{\"type\":\"send\",\"clientId\":\"big\",\"body\":\"" + "x".repeat(20_000) + "\"}"))).isEqualTo("too-large");
            assertThat(error(c.send(Map.of("type", "send", "clientId", "long", "body", "x".repeat(4001))))).isEqualTo("too-long");
            assertThat(error(c.send(Map.of("type", "send", "clientId", "nul", "body", "a\u0000b")))).isEqualTo("invalid-text");
            assertThat(error(c.send(Map.of("type", "send", "clientId", "", "body", "hei")))).isEqualTo("invalid-client-id");
            assertThat(error(c.send(Map.of("type", "send", "clientId", "empty", "body", "   ")))).isEqualTo("required");
            assertThat(error(c.send(Map.of("type", "dance")))).isEqualTo("unknown-type");
            assertThat(error(c.send(Map.of("type", "hello", "token", started.token())))).isEqualTo("already-hello");
            c.send(Map.of("type", "ping")).awaitType("pong");
            c.send(Map.of("type", "send", "clientId", "ok", "body", "Toimiiko?"));
            assertThat(c.awaitType("ack").path("seq").asLong()).as("still usable after all that").isEqualTo(1);
            for (int i = 0; i < 60; i++) c.send(Map.of("type", "ping"));
            assertThat(c.await("rate-limited", f -> f.path("code").asString().equals("rate-limited"))).isNotNull();
            assertThat(c.closed).isFalse();
        }
        ChatHttp agentHttp = new ChatHttp(port).login(org.agent().username(), Fixtures.PASSWORD);
        try (ChatClient agent = ChatClient.connect(port, "/workspace/chat/socket", agentHttp.sessionCookie())) {
            assertThat(error(agent.sendRaw("{oops"))).isEqualTo("bad-json");
            assertThat(error(agent.send(Map.of("type", "subscribe", "session", "not-an-id")))).isEqualTo("bad-field");
            assertThat(error(agent.send(Map.of("type", "subscribe", "session", UUID.randomUUID().toString())))).isEqualTo("not-found");
            assertThat(error(agent.send(Map.of("type", "send", "session", started.sessionId().toString(), "clientId", "r", "body", "hei"))))
                    .isEqualTo("chat-not-yours");
            assertThat(error(agent.send(Map.of("type", "typing", "session", started.sessionId().toString())))).isEqualTo("chat-not-yours");
            agent.send(Map.of("type", "ping")).awaitType("pong");
        }
    }

    @Test
    void badHttpInputIsAProblemNeverA500() {
        Fixtures.Org org = fixtures.organization();
        ChatHttp http = new ChatHttp(port);
        assertThat(http.json("POST", "/chat/api/sessions", "{nope", null).statusCode()).isEqualTo(400);
        assertThat(http.json("POST", "/chat/api/sessions", "[]", null).statusCode()).isEqualTo(400);
        assertThat(http.json("POST", "/chat/api/sessions", Map.of("organization", 5), null).statusCode()).isEqualTo(400);
        assertThat(http.get("/chat/api/status").statusCode()).isEqualTo(404);
        assertThat(http.get("/chat/api/status?organization=" + "x".repeat(500)).statusCode()).isEqualTo(404);
        assertThat(http.get2("/chat/api/session/events?after=abc", "t").statusCode()).isIn(400, 404);
        assertThat(http.json("POST", "/chat/api/session/read", Map.of("seq", -1), "x".repeat(43)).statusCode()).isEqualTo(404);
        assertThat(http.get("/workspace/chat").statusCode()).as("the console needs a login").isEqualTo(302);
        assertThat(http.get("/chat/api/status?organization=" + org.organization().slug()).statusCode()).isEqualTo(200);
    }

    static String error(ChatClient client) {
        JsonNode frame = client.awaitType("error");
        return frame.path("code").asString();
    }
}
