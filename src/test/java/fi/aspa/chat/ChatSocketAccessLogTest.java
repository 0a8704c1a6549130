package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.Language;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Following a chat over the agent socket hands over its transcript, so it is a view of the customer's personal data
 * by the same rule as the console's page of the chat: one access-log entry (purpose chat-handling) per chat and
 * connection whenever the chat has a customer, for a colleague reading along as for the handling agent; subscribing
 * again on the same connection (as the console does after every refresh of its lists) is the same view.
 */
@AspaTest
class ChatSocketAccessLogTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired ChatService chat;
    @Autowired PersonalDataLog accessLog;
    @Autowired JdbcClient db;

    /** Frames of one connection are handled in order: once the pong is back, the frames before it were handled. */
    static void handled(ChatClient socket) {
        socket.send(Map.of("type", "ping"));
        socket.awaitType("pong");
    }

    static Map<String, Object> subscribe(UUID chat, long lastSeq) {
        return Map.of("type", "subscribe", "session", chat.toString(), "lastSeq", lastSeq);
    }

    @Test
    void subscribingToAChatIsALoggedViewOncePerConnection() {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.always());
        chat.setAvailable(org.id(), org.agent().id(), true);
        ChatService.Started started = chat.start(org.id(), Language.FI, "Sanna Seurattava", "sanna.seurattava@example.fi");
        chat.residentSend(chat.byToken(started.token()).orElseThrow(), "first", "Haluan tietää verotuksestani.", "127.7.250.1");
        UUID id = started.sessionId();
        UUID customer = chat.session(org.id(), id).orElseThrow().customerId();
        assertThat(customer).isNotNull();
        ChatService.Started empty = chat.start(org.id(), Language.FI, "Ei vielä mitään", null);
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).isEmpty();

        // A colleague of another unit, not handling the chat, follows it without opening its page.
        String colleague = new ChatHttp(port).login(org.colleague().username(), Fixtures.PASSWORD).sessionCookie();
        try (ChatClient socket = ChatClient.connect(port, "/workspace/chat/socket", colleague)) {
            socket.send(subscribe(id, 0));
            assertThat(socket.awaitMessage(1).path("body").asString()).isEqualTo("Haluan tietää verotuksestani.");
            assertThat(accessLog.forCustomer(org.id(), customer, 100)).singleElement().satisfies(e -> {
                assertThat(e.staffUserId()).isEqualTo(org.colleague().id());
                assertThat(e.apiTokenId()).isNull();
                assertThat(e.purpose()).isEqualTo(ChatConsole.PURPOSE);
            });
            // the console's re-subscriptions after a refresh of its lists: the same view, not a new one
            socket.send(subscribe(id, 1)).send(Map.of("type", "unsubscribe", "session", id.toString())).send(subscribe(id, 0));
            // a chat without a customer yet (nothing written) shows no one's data
            socket.send(subscribe(empty.sessionId(), 0));
            handled(socket);
            assertThat(accessLog.forCustomer(org.id(), customer, 100)).hasSize(1);
        }
        // a new connection (a reload, a reconnect) is a new view, as a reload of the page is
        try (ChatClient socket = ChatClient.connect(port, "/workspace/chat/socket", colleague)) {
            socket.send(subscribe(id, 0));
            socket.awaitMessage(1);
            assertThat(accessLog.forCustomer(org.id(), customer, 100)).hasSize(2);
        }

        // The handling agent: the console's page logs the view of one's own chat too, and so does the socket.
        chat.take(org.id(), org.agent().id(), id);
        String agent = new ChatHttp(port).login(org.agent().username(), Fixtures.PASSWORD).sessionCookie();
        try (ChatClient socket = ChatClient.connect(port, "/workspace/chat/socket", agent)) {
            socket.send(subscribe(id, 0));
            socket.awaitMessage(1);
            handled(socket);
        }
        List<PersonalDataLog.Entry> log = accessLog.forCustomer(org.id(), customer, 100);
        assertThat(log).extracting(PersonalDataLog.Entry::staffUserId, PersonalDataLog.Entry::purpose).containsExactlyInAnyOrder(
                tuple(org.colleague().id(), ChatConsole.PURPOSE),
                tuple(org.colleague().id(), ChatConsole.PURPOSE),
                tuple(org.agent().id(), ChatConsole.PURPOSE));
        assertThat(db.sql("select count(*) from personal_data_access where organization_id = ?").param(org.id().value())
                .query(Long.class).single()).as("nothing for the chat without a customer").isEqualTo(3);
    }
}
