package fi.aspa.channels.webform;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.customer.Customers;
import fi.aspa.customer.DuplicateCandidate;
import fi.aspa.customer.DuplicateReason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One person across channels over real HTTP: a contact on the web form, then one through the organization's API
 * (a trusted system) with the same email. When an agent has verified the web form's email, the API contact joins that
 * customer; an unverified web form email is never joined (the API contact becomes its own customer, suggested as a
 * duplicate), and an unverified web form contact never joins a customer whose email is verified.
 */
@AspaTest
class CrossChannelRecognitionTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
    Fixtures.Org org;

    @BeforeEach
    void setUp() {
        org = fixtures.publicOrganization();
    }

    static String email() {
        return "kanava" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "@example.fi";
    }

    /** Sends the contact form as a resident would and returns the case's customer. */
    UUID webForm(String email, String marker) {
        Resident resident = new Resident(port, "fi");
        String csrf = resident.get("/contact").csrf();
        Resident.Response posted = resident.post("/contact", new Resident.Multipart()
                .field("_csrf", csrf).field("name", "Kaija Kanava").field("email", email).field("phone", "")
                .field("language", "fi").field("topic", "streets-parks").field("subject", "")
                .field("message", "Katuvalo on rikki, tunniste " + marker).field("website", ""));
        assertThat(posted.status()).as(posted.body()).isEqualTo(302);
        CaseSummary opened = cases.list(org.id(), CaseFilter.all().withText(marker), CaseSort.CREATED_DESC, 0, 5).items()
                .stream().findFirst().orElseThrow();
        return opened.customerId();
    }

    /** Opens a case through the REST API with the organization's token and returns the case's customer. */
    UUID api(String email) throws Exception {
        String body = JSON.writeValueAsString(Map.of("subject", "Rajapinnasta", "body", "Integraation kautta tullut asia",
                "customer", Map.of("name", "Kaija Kanava", "email", email)));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/cases"))
                .header("Authorization", "Bearer " + org.apiToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode json = JSON.readTree(response.body());
        return UUID.fromString(json.get("customerId").asString());
    }

    static String marker() {
        return "kanavamerkki" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void aVerifiedEmailFromTheWebFormThenTheApiIsOneCustomer() throws Exception {
        String email = email();
        UUID web = webForm(email, marker());
        customers.setContactVerified(org.id(), org.agent().id(), web, "EMAIL", email, true);
        assertThat(api(email.toUpperCase())).isEqualTo(web);
        assertThat(cases.timeline(org.id(), web, 10)).extracting(t -> t.channel().name()).contains("WEB_FORM", "API");
    }

    @Test
    void anUnverifiedOneIsTwoCustomersSuggestedAsDuplicates() throws Exception {
        String email = email();
        UUID web = webForm(email, marker());
        UUID api = api(email);
        assertThat(api).isNotEqualTo(web);
        assertThat(customers.duplicates(org.id(), web)).extracting(DuplicateCandidate::id).contains(api);
        assertThat(customers.duplicates(org.id(), web)).filteredOn(d -> d.id().equals(api)).singleElement()
                .satisfies(d -> assertThat(d.reasons()).contains(DuplicateReason.SAME_EMAIL, DuplicateReason.SAME_NAME));

        // the API's email is verified now; someone typing it on the web form still does not reach that timeline
        UUID again = webForm(email, marker());
        assertThat(again).isNotEqualTo(api).isNotEqualTo(web);
        assertThat(cases.timeline(org.id(), api, 10)).extracting(t -> t.channel().name()).containsOnly("API");
    }
}
