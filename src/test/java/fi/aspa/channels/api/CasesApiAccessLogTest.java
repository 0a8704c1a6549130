package fi.aspa.channels.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewAttachment;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every API answer that shows a customer's personal data (the case with the customer's name and the conversation, by
 * id or by reference, one message, an attachment) is in the personal-data access log with the API token as the
 * reader; lists, changes and what another organization's token cannot see are not.
 */
@AspaTest
class CasesApiAccessLogTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired PersonalDataLog accessLog;
    @Autowired JdbcClient db;

    @Test
    void everyReadOfACaseIsLoggedWithTheTokenAsTheReader() {
        Fixtures.Org org = fixtures.organization();
        Fixtures.Org other = fixtures.organization();
        ApiCalls api = new ApiCalls(port, org.apiToken());
        ApiCalls stranger = new ApiCalls(port, other.apiToken());
        UUID token = db.sql("select id from api_token where organization_id = ?").param(org.id().value()).query(UUID.class).single();
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Leena Lokitettava", "leena@example.fi", null, Language.FI));
        byte[] content = "Pöytäkirja\n".getBytes(StandardCharsets.UTF_8);
        OpenedCase c = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Lokitettava asia", "Viesti, jossa on liite",
                Language.FI, null, org.service().id(), null, Set.of(), List.of(new NewAttachment("liite.txt", content)), Actor.customer()));
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).isEmpty();

        // what a list or a change answers (subject, status, ids, as a queue) is not a read of personal data
        assertThat(api.get("/api/v1/cases?customerId=" + customer).ids()).containsExactly(c.id().toString());
        assertThat(api.put("/api/v1/cases/" + c.id() + "/priority", Map.of("priority", "HIGH")).status()).isEqualTo(200);
        // nor is the answer to a message the token posts itself: it shows what it sent
        assertThat(api.post("/api/v1/cases/" + c.id() + "/messages", Map.of("kind", "NOTE", "body", "Oma huomio")).status())
                .isEqualTo(201);
        // what is not shown (another organization's token, an unknown message or attachment) is not logged
        stranger.get("/api/v1/cases/" + c.id()).problem(404);
        stranger.get("/api/v1/cases/by-reference/" + c.reference()).problem(404);
        api.get("/api/v1/cases/" + c.id() + "/messages/" + UUID.randomUUID()).problem(404);
        api.get("/api/v1/cases/" + c.id() + "/attachments/" + UUID.randomUUID()).problem(404);
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).isEmpty();

        JsonNode detail = api.get("/api/v1/cases/" + c.id()).json();
        assertThat(detail.get("customer").get("name").asString()).isEqualTo("Leena Lokitettava");
        assertThat(api.get("/api/v1/cases/by-reference/" + c.reference()).status()).isEqualTo(200);
        JsonNode message = detail.get("messages").get(0);
        assertThat(api.get("/api/v1/cases/" + c.id() + "/messages/" + message.get("id").asString()).json().get("body").asString())
                .isEqualTo("Viesti, jossa on liite");
        ApiCalls.Response file = api.get(message.get("attachments").get(0).get("href").asString());
        assertThat(file.bytes()).isEqualTo(content);

        List<PersonalDataLog.Entry> log = accessLog.forCustomer(org.id(), customer, 100);
        assertThat(log).extracting(PersonalDataLog.Entry::apiTokenId, PersonalDataLog.Entry::staffUserId,
                PersonalDataLog.Entry::staffName, PersonalDataLog.Entry::purpose).containsExactlyInAnyOrder(
                tuple(token, null, "test", CasesApi.PURPOSE_CASE),
                tuple(token, null, "test", CasesApi.PURPOSE_CASE),
                tuple(token, null, "test", CasesApi.PURPOSE_CASE),
                tuple(token, null, "test", CasesApi.PURPOSE_ATTACHMENT));
        assertThat(log).allSatisfy(e -> assertThat(e.detail()).contains(c.reference()));
        assertThat(accessLog.forCustomer(other.id(), customer, 100)).isEmpty();
        assertThat(log).filteredOn(e -> e.purpose().equals(CasesApi.PURPOSE_ATTACHMENT)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains(message.get("attachments").get(0).get("id").asString()));
    }
}
