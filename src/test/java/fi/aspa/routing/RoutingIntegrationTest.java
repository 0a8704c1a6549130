package fi.aspa.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseEventEntry;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Routing on real PostgreSQL: the suggest API, learning from corrections, and routing new cases after commit. */
@AspaTest
class RoutingIntegrationTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Catalogue catalogue;
    @Autowired
    Routing routing;
    @Autowired
    RoutingFeedback feedback;
    @Autowired
    Cases cases;
    @Autowired
    Customers customers;
    final HttpClient http = HttpClient.newHttpClient();

    Fixtures.Org org;

    @BeforeEach
    void organization() {
        org = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void suggestRanksServicesWithTheirOpen311CodesAndConfidences() throws Exception {
        HttpResponse<String> response = post("/api/v1/routing/suggest", org.apiToken(),
                "{\"text\": \"Liikennemerkki on kaatunut risteyksessä\", \"language\": \"fi\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("outcome").asString()).isIn("ROUTED", "TRIAGE");
        assertThat(body.get("threshold").asDouble()).isEqualTo(ServiceClassifier.TRIAGE_THRESHOLD);
        JsonNode first = body.get("services").get(0);
        assertThat(first.get("code").asString()).isEqualTo("198");
        assertThat(first.get("open311Code").asString()).isEqualTo("198");
        assertThat(first.get("name").asString()).isEqualTo("Liikennemerkit");
        assertThat(first.get("unitId").asString()).isEqualTo(org.building().id().toString());
        double previous = 1;
        for (JsonNode s : body.get("services")) {
            assertThat(s.get("confidence").asDouble()).isBetween(0.0, previous);
            previous = s.get("confidence").asDouble();
        }

        JsonNode swedish = JSON.readTree(post("/api/v1/routing/suggest", org.apiToken(),
                "{\"text\": \"Någon har klottrat på väggen\", \"language\": \"sv\"}").body());
        assertThat(swedish.get("services").get(0).get("code").asString()).isEqualTo("176");
    }

    @Test
    void suggestRejectsBadInputWithProblemDetails() throws Exception {
        assertThat(post("/api/v1/routing/suggest", null, "{\"text\": \"kuoppa\"}").statusCode()).isEqualTo(401);
        HttpResponse<String> missing = post("/api/v1/routing/suggest", org.apiToken(), "{\"language\": \"fi\"}");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(post("/api/v1/routing/suggest", org.apiToken(), "{\"text\": \"kuoppa\", \"language\": \"de\"}").statusCode()).isEqualTo(422);
        assertThat(post("/api/v1/routing/suggest", org.apiToken(), "{\"text\": ").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/routing/suggest", org.apiToken(), "{\"text\": [1, 2]}").statusCode()).isEqualTo(400);
        String huge = "a".repeat(ServiceRouter.MAX_TEXT + 1);
        assertThat(post("/api/v1/routing/suggest", org.apiToken(), "{\"text\": \"" + huge + "\"}").statusCode()).isIn(413, 422);
    }

    @Test
    void aCorrectionTeachesTheClassifier() {
        String text = "Skeittiparkin rampin reunalista irti";
        List<RoutingDecision.Alternative> before = routing.suggest(org.id(), text, Language.FI).ranked();
        RoutingDecision.Alternative wrong = before.getFirst();
        RoutingDecision.Alternative right = before.getLast();
        assertThat(right.serviceId()).isNotEqualTo(wrong.serviceId());

        feedback.corrected(org.id(), null, text, Language.FI, wrong.serviceId(), right.serviceId(), org.agent().id());

        assertThat(routing.suggest(org.id(), text, Language.FI).ranked().getFirst().serviceId()).isEqualTo(right.serviceId());
        assertThat(feedback.recent(org.id(), 10)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(RoutingFeedback.Kind.CORRECTED);
            assertThat(e.previousServiceId()).isEqualTo(wrong.serviceId());
            assertThat(e.staffId()).isEqualTo(org.agent().id());
        });
        // another organization's model knows nothing of it
        Fixtures.Org other = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(other.id(), other.building().id());
        assertThat(feedback.recent(other.id(), 10)).isEmpty();
    }

    @Test
    void aNewCaseWithoutAUnitIsRoutedAfterCommitAndTheDecisionSaysWhy() throws Exception {
        CatalogueService signs = catalogue.byOpen311Code(org.id(), "198").orElseThrow();
        for (String t : List.of("Liikennemerkki kaatunut kadulle", "Liikennemerkki on vinossa", "Stop-merkki ajettu nurin",
                "Liikennemerkki puuttuu risteyksestä", "Nopeusrajoitusmerkki kaatunut")) {
            feedback.history(org.id(), t, Language.FI, signs.id());
        }
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, Language.FI));
        OpenedCase opened = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Liikennemerkki kaatunut",
                "Liikennemerkki on kaatunut Koulukadun risteyksessä.", Language.FI, null, null, null, Set.of(), List.of(),
                Actor.customer()));

        await().atMost(Duration.ofSeconds(60)).until(() -> !routing.decisions(org.id(), opened.id()).isEmpty());
        RoutingDecision decision = routing.decisions(org.id(), opened.id()).getFirst();
        assertThat(decision.outcome()).isEqualTo(RoutingDecision.Outcome.ROUTED);
        assertThat(decision.serviceId()).isEqualTo(signs.id());
        assertThat(decision.unitId()).isEqualTo(org.building().id());
        assertThat(decision.confidence()).isGreaterThanOrEqualTo(ServiceClassifier.TRIAGE_THRESHOLD);
        assertThat(decision.reason()).contains("Liikennemerkit").contains("198").contains("liikennemerkki");
        assertThat(decision.alternatives()).hasSizeGreaterThan(1);
        assertThat(decision.model()).isEqualTo(ServiceClassifier.MODEL);
        await().atMost(Duration.ofSeconds(60)).until(() -> org.building().id().equals(cases.summary(org.id(), opened.id()).orElseThrow().unitId()));
        assertThat(cases.detail(org.id(), opened.id()).orElseThrow().history()).extracting(CaseEventEntry::type).contains("TRANSFERRED");

        HttpResponse<String> api = get("/api/v1/routing/cases/" + opened.id() + "/decisions", org.apiToken());
        assertThat(api.statusCode()).isEqualTo(200);
        JsonNode first = JSON.readTree(api.body()).get(0);
        assertThat(first.get("outcome").asString()).isEqualTo("ROUTED");
        assertThat(first.get("reason").asString()).contains("Liikennemerkit");
        assertThat(JSON.readTree(get("/api/v1/routing/cases/" + opened.id() + "/decisions", fixtures.organization().apiToken()).body()))
                .as("another organization's token sees nothing").isEmpty();
    }

    @Test
    void aCaseThatAlreadyHasAUnitKeepsIt() {
        OpenedCase opened = fixtures.aCase(org, "Liikennemerkki kaatunut", "Liikennemerkki on kaatunut Koulukadulla.");
        await().atMost(Duration.ofSeconds(60)).until(() -> !routing.decisions(org.id(), opened.id()).isEmpty());
        RoutingDecision decision = routing.decisions(org.id(), opened.id()).getFirst();
        assertThat(decision.outcome()).isEqualTo(RoutingDecision.Outcome.KEPT);
        assertThat(cases.summary(org.id(), opened.id()).orElseThrow().unitId()).isEqualTo(org.service().id());
    }

    @Test
    void aVagueTextGoesToTriage() {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Matti Meikäläinen", "matti@example.fi", null, Language.FI));
        OpenedCase opened = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Kysymys", "Hei, voisitteko auttaa?",
                Language.FI, null, null, null, Set.of(), List.of(), Actor.customer()));
        await().atMost(Duration.ofSeconds(60)).until(() -> !routing.decisions(org.id(), opened.id()).isEmpty());
        RoutingDecision decision = routing.decisions(org.id(), opened.id()).getFirst();
        assertThat(decision.outcome()).isEqualTo(RoutingDecision.Outcome.TRIAGE);
        assertThat(decision.serviceId()).isNull();
        assertThat(decision.reason()).contains("triage");
        assertThat(cases.summary(org.id(), opened.id()).orElseThrow().unitId()).isNull();
    }
}
