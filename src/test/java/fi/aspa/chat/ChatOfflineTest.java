package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Outside opening hours, or with nobody available, the chat becomes a contact form, and what is written there is a
 * case like any other (channel CHAT, status NEW, tagged left-message): nothing is lost. A chat still waiting when
 * the agents leave can be left as a message the same way.
 */
@AspaTest
class ChatOfflineTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired ChatService chat;
    @Autowired Cases cases;
    @Autowired Customers customers;

    /** Open only on a weekday that is not today: closed now, whatever the time the test runs. */
    static OpeningHours closedToday() {
        DayOfWeek other = ZonedDateTime.now(OpeningHours.HELSINKI).getDayOfWeek().plus(3);
        return new OpeningHours(List.of(new OpeningHours.Slot(other, 9 * 60, 15 * 60)));
    }

    @Test
    void outsideOpeningHoursTheContactFormOpensACase() {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), closedToday());
        chat.setAvailable(org.id(), org.agent().id(), true);
        String slug = org.organization().slug();
        ChatHttp http = new ChatHttp(port);

        JsonNode status = ChatHttp.body(http.get("/chat/api/status?organization=" + slug + "&lang=sv"));
        assertThat(status.path("availability").asString()).isEqualTo("closed");
        assertThat(status.path("hours").asString()).contains("09:00–15:00"); // Swedish writes times 09:00
        assertThat(status.path("texts").path("closed-title").asString()).isEqualTo("Chatten är stängd nu");

        HttpResponse<String> refused = http.json("POST", "/chat/api/sessions", Map.of("organization", slug, "lang", "sv"), null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(ChatHttp.body(refused).path("code").asString()).isEqualTo("chat-unavailable");

        Map<String, String> form = Map.of("organization", slug, "lang", "sv", "clientId", "offline-1", "name", "Sara Svensson",
                "email", "sara.offline@example.fi", "body", "Hej! När töms soptunnan?");
        HttpResponse<String> left = http.json("POST", "/chat/api/messages", form, null);
        assertThat(left.statusCode()).as(left.body()).isEqualTo(201);
        String reference = ChatHttp.body(left).path("reference").asString();
        assertThat(reference).startsWith("ASPA-");

        HttpResponse<String> again = http.json("POST", "/chat/api/messages", form, null);
        assertThat(again.statusCode()).as("a resubmission is the same case").isEqualTo(200);
        assertThat(ChatHttp.body(again).path("reference").asString()).isEqualTo(reference);

        UUID caseId = cases.idByReference(org.id(), reference).orElseThrow();
        CaseDetail detail = cases.detail(org.id(), caseId).orElseThrow();
        assertThat(detail.summary().channel()).isEqualTo(Channel.CHAT);
        assertThat(detail.summary().status()).isEqualTo(CaseStatus.NEW);
        assertThat(detail.summary().tags()).contains("chat", "left-message");
        assertThat(detail.summary().subject()).isEqualTo("Chattmeddelande: Hej! När töms soptunnan?");
        assertThat(detail.messages()).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("Hej! När töms soptunnan?"));
        Customer customer = customers.find(org.id(), detail.summary().customerId()).orElseThrow();
        assertThat(customer.name()).isEqualTo("Sara Svensson");
        assertThat(customer.email()).isEqualTo("sara.offline@example.fi");
        List<CaseSummary> chatCases = cases.list(org.id(), new CaseFilter(Set.of(), Channel.CHAT, null, null, null, false, null, null,
                null, null, null), CaseSort.UPDATED_DESC, 0, 10).items();
        assertThat(chatCases).hasSize(1);
    }

    @Test
    void theContactFormRefusesBadInputClearly() {
        Fixtures.Org org = fixtures.organization();
        String slug = org.organization().slug();
        ChatHttp http = new ChatHttp(port);
        assertThat(code(http.json("POST", "/chat/api/messages", Map.of("organization", slug, "clientId", "x1", "body", " "), null)))
                .isEqualTo("422 required");
        assertThat(code(http.json("POST", "/chat/api/messages", Map.of("organization", slug, "clientId", "x2", "body", "Hei",
                "email", "ei-osoite"), null))).isEqualTo("422 invalid-email");
        assertThat(code(http.json("POST", "/chat/api/messages", Map.of("organization", slug, "clientId", "x3", "body", "Hei",
                "phone", "soita minulle"), null))).isEqualTo("422 invalid-phone");
        assertThat(code(http.json("POST", "/chat/api/messages", Map.of("organization", slug, "clientId", "väärä id", "body", "Hei"), null)))
                .isEqualTo("422 invalid-client-id");
        assertThat(code(http.json("POST", "/chat/api/messages", Map.of("organization", "no-such-org", "clientId", "x4", "body", "Hei"), null)))
                .isEqualTo("404 not-found");
        assertThat(code(http.json("POST", "/chat/api/messages", "{not json", null))).isEqualTo("400 malformed-body");
        assertThat(cases.list(org.id(), new CaseFilter(Set.of(), null, null, null, null, false, null, null, null, null, null),
                CaseSort.UPDATED_DESC, 0, 10).items()).isEmpty();
    }

    @Test
    void withNobodyAvailableTheChatIsOfferedAsAMessageAndAWaitingChatCanBeLeftAsOne() {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.always());
        String slug = org.organization().slug();
        ChatHttp http = new ChatHttp(port);
        assertThat(ChatHttp.body(http.get("/chat/api/status?organization=" + slug)).path("availability").asString()).isEqualTo("nobody");
        assertThat(code(http.json("POST", "/chat/api/sessions", Map.of("organization", slug), null))).isEqualTo("409 chat-unavailable");

        chat.setAvailable(org.id(), org.agent().id(), true);
        JsonNode started = ChatHttp.body(http.json("POST", "/chat/api/sessions", Map.of("organization", slug, "name", "Olli"), null));
        String token = started.path("token").asString();
        try (ChatClient me = ChatClient.connect(port, "/chat/socket", null)) {
            me.send(Map.of("type", "hello", "token", token, "lastSeq", 0)).awaitType("welcome");
            me.send(Map.of("type", "send", "clientId", "w-1", "body", "Tarvitsen apua pysäköintiluvan kanssa."));
            me.awaitType("ack");
            me.await("queue while an agent is there", f -> f.path("type").asString().equals("queue")
                    && f.path("availability").asString().equals("open"));

            chat.setAvailable(org.id(), org.agent().id(), false);
            me.await("queue with nobody available", f -> f.path("type").asString().equals("queue")
                    && f.path("availability").asString().equals("nobody"));
            me.send(Map.of("type", "leave"));
            assertThat(me.awaitMessage(2).path("event").asString()).isEqualTo("left-message");
        }
        UUID sessionId = UUID.fromString(started.path("session").asString());
        ChatSession session = chat.session(org.id(), sessionId).orElseThrow();
        assertThat(session.state()).isEqualTo(ChatSession.State.LEFT_MESSAGE);
        CaseSummary summary = cases.summary(org.id(), session.caseId()).orElseThrow();
        assertThat(summary.status()).isEqualTo(CaseStatus.NEW);
        assertThat(summary.tags()).contains("left-message");
    }

    static String code(HttpResponse<String> response) {
        return response.statusCode() + " " + ChatHttp.body(response).path("code").asString();
    }
}
