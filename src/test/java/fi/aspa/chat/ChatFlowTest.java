package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.identity.PersonalDataLog;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The whole conversation over real WebSockets and the real database: a resident starts a chat and writes (the ack
 * comes after the line is a case message), an agent sees it in the queue, takes it, replies, the resident gets the
 * reply, the agent ends it. The conversation is a CHAT case with both messages, assigned to the agent, resolved,
 * and the agent's view of the customer is in the access log.
 */
@AspaTest
class ChatFlowTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired ChatService chat;
    @Autowired Cases cases;
    @Autowired PersonalDataLog accessLog;
    @Autowired JdbcClient db;

    @Test
    void residentChatsWithAnAgentAndTheConversationIsACase() {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.always());
        ChatHttp agentHttp = new ChatHttp(port).login(org.agent().username(), Fixtures.PASSWORD);
        try (ChatClient agent = ChatClient.connect(port, "/workspace/chat/socket", agentHttp.sessionCookie())) {
            assertThat(agentHttp.post("/workspace/chat/availability", Map.of("available", "true")).statusCode()).isEqualTo(302);

            ChatHttp resident = new ChatHttp(port);
            JsonNode status = ChatHttp.body(resident.get("/chat/api/status?organization=" + org.organization().slug() + "&lang=sv"));
            assertThat(status.path("availability").asString()).isEqualTo("open");
            assertThat(status.path("texts").path("send").asString()).isEqualTo("Skicka");

            HttpResponse<String> started = resident.json("POST", "/chat/api/sessions",
                    Map.of("organization", org.organization().slug(), "lang", "fi", "name", "Maija Meikäläinen", "email", "maija.chat@example.fi"), null);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            String token = ChatHttp.body(started).path("token").asString();
            UUID sessionId = UUID.fromString(ChatHttp.body(started).path("session").asString());

            try (ChatClient me = ChatClient.connect(port, "/chat/socket", null)) {
                me.send(Map.of("type", "hello", "token", token, "lastSeq", 0));
                assertThat(me.awaitType("welcome").path("state").asString()).isEqualTo("new");

                me.send(Map.of("type", "send", "clientId", "line-1", "body", "Hei, milloin jäteastia tyhjennetään?"));
                JsonNode ack = me.awaitType("ack");
                // The ack is sent only after commit: the case and its message exist when it arrives.
                List<UUID> chatCases = db.sql("select case_id from chat_session where id = ?").param(sessionId).query(UUID.class).list();
                UUID caseId = chatCases.getFirst();
                assertThat(caseId).isNotNull();
                assertThat(ack.path("clientId").asString()).isEqualTo("line-1");
                assertThat(ack.path("seq").asLong()).isEqualTo(1);
                assertThat(ack.path("id").asString()).isNotBlank();
                CaseDetail opened = cases.detail(org.id(), caseId).orElseThrow();
                assertThat(opened.summary().channel()).isEqualTo(Channel.CHAT);
                assertThat(opened.summary().status()).isEqualTo(CaseStatus.NEW);
                assertThat(opened.messages()).extracting(CaseMessage::body).containsExactly("Hei, milloin jäteastia tyhjennetään?");
                assertThat(me.await("a place in the queue", f -> f.path("type").asString().equals("queue") && f.has("position"))
                        .path("position").asInt()).isEqualTo(1);

                agent.awaitType("queue");
                String console = agentHttp.get("/workspace/chat").body();
                assertThat(console).contains("Maija Meikäläinen").contains("Hei, milloin jäteastia tyhjennetään?");
                HttpResponse<String> take = agentHttp.post("/workspace/chat/" + sessionId + "/take", Map.of());
                assertThat(take.statusCode()).isEqualTo(302);

                JsonNode joined = me.awaitMessage(2);
                assertThat(joined.path("from").asString()).isEqualTo("system");
                assertThat(joined.path("event").asString()).isEqualTo("joined");
                assertThat(joined.path("body").asString()).isEqualTo("Aino");

                agent.send(Map.of("type", "subscribe", "session", sessionId.toString(), "lastSeq", 0));
                JsonNode first = agent.awaitMessage(1);
                assertThat(first.path("body").asString()).isEqualTo("Hei, milloin jäteastia tyhjennetään?");
                assertThat(first.has("clientId")).as("the resident's client id stays with the resident").isFalse();
                agent.awaitMessage(2);

                me.send(Map.of("type", "typing"));
                assertThat(agent.awaitType("typing").path("by").asString()).isEqualTo("resident");

                agent.send(Map.of("type", "send", "session", sessionId.toString(), "clientId", "reply-1", "body", "Hei Maija! Tiistaisin."));
                JsonNode agentAck = agent.awaitType("ack");
                assertThat(agentAck.path("seq").asLong()).isEqualTo(3);
                JsonNode reply = me.awaitMessage(3);
                assertThat(reply.path("from").asString()).isEqualTo("agent");
                assertThat(reply.path("body").asString()).isEqualTo("Hei Maija! Tiistaisin.");

                me.send(Map.of("type", "read", "seq", 3));
                assertThat(agent.awaitType("read").path("seq").asLong()).isEqualTo(3);

                // A reply written on the case page reaches the chat too, once.
                cases.reply(org.id(), caseId, fi.aspa.cases.Actor.staff(org.agent().id()), "Katso myös jätehuollon sivut.", null);
                JsonNode fromCasePage = me.awaitMessage(4);
                assertThat(fromCasePage.path("from").asString()).isEqualTo("agent");
                assertThat(fromCasePage.path("body").asString()).isEqualTo("Katso myös jätehuollon sivut.");

                String page = agentHttp.get("/workspace/chat/" + sessionId).body();
                assertThat(page).contains("Hei Maija! Tiistaisin.").contains("maija.chat@example.fi").contains("role=\"log\"");
                UUID customerId = cases.summary(org.id(), caseId).orElseThrow().customerId();
                assertThat(accessLog.forCustomer(org.id(), customerId, 10))
                        .anySatisfy(e -> assertThat(e.purpose()).isEqualTo(ChatConsole.PURPOSE));

                assertThat(agentHttp.post("/workspace/chat/" + sessionId + "/close", Map.of("outcome", "RESOLVED")).statusCode()).isEqualTo(302);
                assertThat(me.awaitMessage(5).path("event").asString()).isEqualTo("closed");

                CaseDetail done = cases.detail(org.id(), caseId).orElseThrow();
                assertThat(done.summary().status()).isEqualTo(CaseStatus.RESOLVED);
                assertThat(done.summary().assigneeId()).isEqualTo(org.agent().id());
                assertThat(done.summary().tags()).contains("chat");
                assertThat(done.messages()).extracting(CaseMessage::kind, CaseMessage::channel, CaseMessage::body).containsExactly(
                        tuple(MessageKind.INBOUND, Channel.CHAT, "Hei, milloin jäteastia tyhjennetään?"),
                        tuple(MessageKind.OUTBOUND, Channel.CHAT, "Hei Maija! Tiistaisin."),
                        tuple(MessageKind.OUTBOUND, Channel.CHAT, "Katso myös jätehuollon sivut."));
                assertThat(cases.timeline(org.id(), customerId, 10)).extracting(t -> t.channel()).containsOnly(Channel.CHAT);

                me.send(Map.of("type", "send", "clientId", "late", "body", "Vielä yksi"));
                assertThat(me.awaitType("error").path("code").asString()).isEqualTo("chat-closed");
            }
        }
    }
}
