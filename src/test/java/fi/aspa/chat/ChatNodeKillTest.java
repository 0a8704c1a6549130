package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.SecondNode;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.Cases;
import fi.aspa.cases.MessageKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * "No message lost or duplicated when a node is killed mid-run", for live chat: residents talk over real WebSockets
 * to a second Aspa node (a child JVM on this test's database); with lines of theirs in flight - the first of them
 * stored - the node is killed (SIGKILL). Each resident reconnects to the surviving node (this test's application), resumes with the
 * last sequence number it saw, resends every line it has no acknowledgement for (same client id) and goes on.
 * Every line must then be stored once and be on the case once, in order.
 */
@AspaTest
class ChatNodeKillTest {
    static final int RESIDENTS = 4;
    static final int BEFORE = 5;   // lines acknowledged by the node that dies
    static final int IN_FLIGHT = 3; // sent to it without waiting, then it is killed
    static final int AFTER = 4;    // sent to the survivor

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired ChatService chat;
    @Autowired Cases cases;
    @Autowired JdbcClient db;
    @Autowired DataSource dataSource;

    SecondNode node;
    final List<ChatClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(ChatClient::abort);
        if (node != null) node.close();
    }

    static final class Resident {
        String token;
        UUID session;
        ChatClient socket;
        long lastSeq;
        final List<String> acked = new ArrayList<>();
    }

    @Test
    void residentsLoseAndDuplicateNothingWhenTheirNodeIsKilled() throws Exception {
        Fixtures.Org org = fixtures.organization();
        // the node first: an agent counts as present for aspa.chat.presence-timeout (90 s) after being seen, and the
        // node may take about that long to start on a busy machine; made available before it, the agent could be gone
        // by the time the residents start their chats, which are then refused
        node = SecondNode.start("chat-node-kill", dataSource).awaitUp(Duration.ofSeconds(90));
        chat.setHours(org.id(), OpeningHours.always());
        chat.setAvailable(org.id(), org.agent().id(), true);
        chat.setMaxChats(org.id(), org.agent().id(), RESIDENTS);

        ChatHttp onNode = new ChatHttp(node.port());
        List<Resident> residents = new ArrayList<>();
        for (int r = 0; r < RESIDENTS; r++) {
            Resident resident = new Resident();
            JsonNode started = ChatHttp.body(onNode.json("POST", "/chat/api/sessions",
                    Map.of("organization", org.organization().slug(), "lang", "fi", "name", "Asukas " + r), null));
            resident.token = started.path("token").asString();
            resident.session = UUID.fromString(started.path("session").asString());
            resident.socket = connect(node.port(), resident);
            residents.add(resident);
        }
        for (int i = 1; i <= BEFORE; i++) {
            int n = i;
            for (Resident resident : residents) {
                resident.socket.send(line(resident, n));
                resident.acked.add(resident.socket.await("ack of " + n, f -> f.path("type").asString().equals("ack")
                        && f.path("clientId").asString().equals(clientId(n))).path("clientId").asString());
            }
            if (i == 1) {
                for (Resident resident : residents) chat.take(org.id(), org.agent().id(), resident.session);
            }
        }
        UUID[] sessions = residents.stream().map(r -> r.session).toArray(UUID[]::new);
        for (Resident resident : residents) {
            for (int i = BEFORE + 1; i <= BEFORE + IN_FLIGHT; i++) resident.socket.send(line(resident, i));
        }
        // kill it while it is storing them: some of the lines in flight are stored (acknowledged or not), some not
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> db.sql(
                "select count(*) from chat_message where session_id = any(?) and kind = 'RESIDENT'").param(sessions)
                .query(Long.class).single() > (long) RESIDENTS * BEFORE);
        node.kill();
        int unacknowledged = 0;
        for (Resident resident : residents) {
            resident.socket.drain().forEach(f -> seen(resident, f));
            resident.socket.abort();
            for (int i = BEFORE + 1; i <= BEFORE + IN_FLIGHT; i++) if (!resident.acked.contains(clientId(i))) unacknowledged++;
        }
        long storedAtKill = db.sql("select count(*) from chat_message where session_id = any(?) and kind = 'RESIDENT'")
                .param(sessions).query(Long.class).single();

        // the survivor: resume, resend what has no acknowledgement, go on
        for (Resident resident : residents) {
            resident.socket = connect(port, resident);
            for (int i = BEFORE + 1; i <= BEFORE + IN_FLIGHT + AFTER; i++) {
                if (resident.acked.contains(clientId(i))) continue;
                int n = i;
                resident.socket.send(line(resident, i));
                resident.acked.add(resident.socket.await("ack of " + i, f -> f.path("type").asString().equals("ack")
                        && f.path("clientId").asString().equals(clientId(n))).path("clientId").asString());
            }
        }

        int lines = BEFORE + IN_FLIGHT + AFTER;
        System.out.printf("ChatNodeKillTest: %d lines in flight at the kill, %d stored by then, %d without an ack resent%n",
                RESIDENTS * IN_FLIGHT, storedAtKill - (long) RESIDENTS * BEFORE, unacknowledged);
        for (Resident resident : residents) {
            List<String> stored = db.sql("select body from chat_message where session_id = ? and kind = 'RESIDENT' order by seq")
                    .param(resident.session).query(String.class).list();
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= lines; i++) expected.add(body(resident, i));
            assertThat(stored).as("each line once, in order").containsExactlyElementsOf(expected);
            UUID caseId = chat.session(org.id(), resident.session).orElseThrow().caseId();
            assertThat(cases.detail(org.id(), caseId).orElseThrow().messages().stream()
                    .filter(m -> m.kind() == MessageKind.INBOUND).map(CaseMessage::body).toList())
                    .as("each line once on the case, in order").containsExactlyElementsOf(expected);
        }
    }

    ChatClient connect(int port, Resident resident) {
        ChatClient client = ChatClient.connect(port, "/chat/socket", null);
        clients.add(client);
        client.send(Map.of("type", "hello", "token", resident.token, "lastSeq", resident.lastSeq)).awaitType("welcome");
        return client;
    }

    static void seen(Resident resident, JsonNode frame) {
        if (frame.path("type").asString().equals("ack")) resident.acked.add(frame.path("clientId").asString());
        if (frame.has("seq")) resident.lastSeq = Math.max(resident.lastSeq, frame.path("seq").asLong());
    }

    static String clientId(int i) {
        return "c-" + i;
    }

    static String body(Resident resident, int i) {
        return "Rivi " + i + " istunnosta " + resident.session;
    }

    static Map<String, Object> line(Resident resident, int i) {
        return Map.of("type", "send", "clientId", clientId(i), "body", body(resident, i));
    }
}
