package fi.aspa.channels.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.Fixtures.Org;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Whatever a client sends, the answer is a problem+json with the right status and never a 500; and nothing
 * accepted earlier is lost or changed by a refused request.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiBadInputTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    Org org;
    ApiCalls api;
    JsonNode keeper;
    String keeperDetail;

    @BeforeAll
    void organizationWithACase() {
        org = fixtures.organization();
        api = new ApiCalls(port, org.apiToken());
        keeper = api.createCase("Säilyvä asia", "Tämä ei saa kadota.", org.service().id());
        // routed in the background (a batch of the routing worker): the detail is complete with its decision
        await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/cases/" + keeper.get("id").asString()).json().has("routing"));
        keeperDetail = api.get("/api/v1/cases/" + keeper.get("id").asString()).text();
    }

    @AfterAll
    void nothingAcceptedIsLost() {
        ApiCalls.Response after = api.get("/api/v1/cases/" + keeper.get("id").asString());
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.text()).isEqualTo(keeperDetail);
    }

    static Map<String, Object> validCase() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("customer", new LinkedHashMap<>(Map.of("name", "Ville Virheellinen")));
        request.put("subject", "Aihe");
        request.put("body", "Viesti");
        return request;
    }

    static Map<String, Object> with(String field, Object value) {
        Map<String, Object> request = validCase();
        request.put(field, value);
        return request;
    }

    static Map<String, Object> withCustomer(String field, Object value) {
        Map<String, Object> request = validCase();
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = (Map<String, Object>) request.get("customer");
        customer.put(field, value);
        return request;
    }

    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    @Test
    void noTokenOrAWrongTokenIs401() {
        ApiCalls anonymous = api.withToken(null);
        assertThat(anonymous.get("/api/v1/cases").problem(401).get("code").asString()).isEqualTo("unauthorized");
        anonymous.post("/api/v1/cases", validCase()).problem(401);
        anonymous.get("/api/v1/cases/" + keeper.get("id").asString()).problem(401);
        api.withToken("not-a-token").get("/api/v1/cases").problem(401);
        api.withToken("").get("/api/v1/units").problem(401);
        api.send(api.withToken(null).request("/api/v1/cases").header("Authorization", "Basic dXNlcjpwYXNz").GET()).problem(401);
    }

    @Test
    void malformedJsonIs400() {
        assertThat(api.post("/api/v1/cases", "{\"subject\": ").problem(400).get("code").asString()).isEqualTo("malformed-body");
        api.post("/api/v1/cases", "not json at all").problem(400);
        api.post("/api/v1/cases", "").problem(400);
        api.post("/api/v1/cases", "[1, 2, 3]").problem(400);
        api.post("/api/v1/cases", "{\"subject\": \"a\"} trailing").problem(400);
        api.post("/api/v1/cases", "[".repeat(100_000)).problem(400);
    }

    @Test
    void wrongJsonTypesAre400NamingTheField() {
        assertThat(fields(api.post("/api/v1/cases", with("priority", 5)).problem(400))).containsExactly("priority");
        assertThat(fields(api.post("/api/v1/cases", with("priority", 1)).problem(400))).containsExactly("priority");
        assertThat(fields(api.post("/api/v1/cases", with("tags", "x")).problem(400))).containsExactly("tags");
        api.post("/api/v1/cases", with("tags", List.of(List.of("x")))).problem(400);
        assertThat(fields(api.post("/api/v1/cases", with("tags", List.of("a", Map.of("b", 1)))).problem(400))).containsExactly("tags[1]");
        assertThat(fields(api.post("/api/v1/cases", with("subject", 123)).problem(400))).containsExactly("subject");
        assertThat(fields(api.post("/api/v1/cases", with("body", true)).problem(400))).containsExactly("body");
        assertThat(fields(api.post("/api/v1/cases", with("customer", "Ville")).problem(400))).containsExactly("customer");
        assertThat(fields(api.post("/api/v1/cases", with("unitId", "not-a-uuid")).problem(400))).containsExactly("unitId");
        assertThat(fields(api.post("/api/v1/cases", withCustomer("name", Map.of("first", "Ville"))).problem(400)))
                .containsExactly("customer.name");
        String id = keeper.get("id").asString();
        assertThat(fields(api.put("/api/v1/cases/" + id + "/tags", Map.of("tags", 7)).problem(400))).containsExactly("tags");
        assertThat(fields(api.put("/api/v1/cases/" + id + "/assignee", Map.of("assigneeId", 42)).problem(400))).containsExactly("assigneeId");
    }

    @Test
    void unknownEnumValuesAre400NamingTheFieldAndTheChoices() {
        JsonNode channel = api.post("/api/v1/cases", with("channel", "FAX")).problem(400);
        assertThat(fields(channel)).containsExactly("channel");
        assertThat(channel.get("errors").get(0).get("message").asString()).contains("WEB_FORM", "PHONE", "API");
        assertThat(fields(api.post("/api/v1/cases", withCustomer("kind", "ALIEN")).problem(400))).containsExactly("customer.kind");
        String id = keeper.get("id").asString();
        assertThat(fields(api.post("/api/v1/cases/" + id + "/status", Map.of("status", "DONE")).problem(400))).containsExactly("status");
        assertThat(fields(api.post("/api/v1/cases/" + id + "/status", Map.of("status", "new")).problem(400))).containsExactly("status");
        assertThat(fields(api.post("/api/v1/cases/" + id + "/messages", Map.of("kind", "SMS", "body", "x")).problem(400))).containsExactly("kind");
    }

    @Test
    void missingOrInvalidFieldsAre422WithFieldErrors() {
        JsonNode empty = api.post("/api/v1/cases", Map.of()).problem(422);
        assertThat(empty.get("code").asString()).isEqualTo("validation");
        assertThat(fields(empty)).containsExactlyInAnyOrder("customer", "subject", "body");

        Map<String, Object> blank = validCase();
        blank.put("subject", "   ");
        blank.put("customer", Map.of("email", "not an email"));
        assertThat(fields(api.post("/api/v1/cases", blank).problem(422)))
                .containsExactlyInAnyOrder("subject", "customer.name", "customer.email");

        assertThat(fields(api.post("/api/v1/cases", with("subject", "x".repeat(201))).problem(422))).containsExactly("subject");
        assertThat(fields(api.post("/api/v1/cases", with("language", "de")).problem(422))).containsExactly("language");
        assertThat(fields(api.post("/api/v1/cases", withCustomer("phone", "call me")).problem(422))).containsExactly("customer.phone");
        assertThat(fields(api.post("/api/v1/cases", withCustomer("businessId", "1234567-8")).problem(422))).containsExactly("customer.businessId");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) many.add("tag" + i);
        assertThat(fields(api.post("/api/v1/cases", with("tags", many)).problem(422))).containsExactly("tags");

        String id = keeper.get("id").asString();
        assertThat(fields(api.post("/api/v1/cases/" + id + "/messages", Map.of("kind", "REPLY")).problem(422))).containsExactly("body");
        assertThat(fields(api.post("/api/v1/cases/" + id + "/status", Map.of()).problem(422))).containsExactly("status");
        assertThat(fields(api.post("/api/v1/cases/" + id + "/transfer", Map.of("note", "x")).problem(422))).containsExactly("unitId");
        assertThat(fields(api.put("/api/v1/cases/" + id + "/tags", Map.of()).problem(422))).containsExactly("tags");
    }

    @Test
    void anInvalidPersonalIdentityCodeIs422AndIsNotEchoed() {
        for (String bad : List.of("131052-308U", "311380-999J", "131052-000T", "13105-2308T")) {
            ApiCalls.Response response = api.post("/api/v1/cases", withCustomer("personalId", bad));
            JsonNode problem = response.problem(422);
            assertThat(fields(problem)).containsExactly("customer.personalId");
            assertThat(response.text()).doesNotContain(bad);
        }
        api.post("/api/v1/cases", withCustomer("personalId", "010190Y999K")).problem(422);
        api.post("/api/v1/cases", withCustomer("personalId", "131052-308t")).problem(422);
        assertThat(api.post("/api/v1/cases", withCustomer("personalId", "010190Y999W")).status()).isEqualTo(201);
    }

    @Test
    void controlCharactersAreRefusedNotStored() {
        assertThat(fields(api.post("/api/v1/cases", with("tags", List.of("a\u0000b"))).problem(422))).containsExactly("tags[]");
        assertThat(fields(api.post("/api/v1/cases", withCustomer("name", "Nul\u0000Name")).problem(422))).containsExactly("customer.name");
        assertThat(fields(api.post("/api/v1/cases", with("body", "nul \u0000 here")).problem(422))).containsExactly("body");
        // line breaks and tabs are ordinary text
        assertThat(api.post("/api/v1/cases", with("body", "rivi 1\r\nrivi 2\tsarake")).status()).isEqualTo(201);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        byte[] big = ("{\"subject\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        api.postRaw("/api/v1/cases", "application/json", big).problem(413);
        // also without a declared length (chunked): cut off while reading
        ApiCalls.Response chunked = api.send(api.request("/api/v1/cases").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        chunked.problem(413);
        // and without a token too: nothing is read for nothing
        api.withToken(null).postRaw("/api/v1/cases", "application/json", big).problem(413);
    }

    @Test
    void anotherMediaTypeIs415() {
        api.postRaw("/api/v1/cases", "text/plain", "subject=x".getBytes(StandardCharsets.UTF_8)).problem(415);
        api.postRaw("/api/v1/cases", "application/x-www-form-urlencoded", "subject=x".getBytes(StandardCharsets.UTF_8)).problem(415);
        api.send(api.request("/api/v1/cases").POST(HttpRequest.BodyPublishers.ofString("{}"))).problem(415);
    }

    @Test
    void bytesThatAreNotUtf8Are400() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"customer\":{\"name\":\"V".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3});
        body.writeBytes("\"},\"subject\":\"s\",\"body\":\"b\"}".getBytes(StandardCharsets.UTF_8));
        api.postRaw("/api/v1/cases", "application/json", body.toByteArray()).problem(400);
        byte[] latin1 = "{\"customer\":{\"name\":\"Äijä\"},\"subject\":\"s\",\"body\":\"b\"}".getBytes(StandardCharsets.ISO_8859_1);
        api.postRaw("/api/v1/cases", "application/json", latin1).problem(400);
    }

    @Test
    void aScriptIsDataStoredVerbatimAndReturnedAsAJsonString() {
        String script = "<script>alert(\"x\")</script><img src=x onerror=alert(1)>";
        JsonNode created = api.post("/api/v1/cases", with("subject", script)).json();
        ApiCalls.Response read = api.get("/api/v1/cases/" + created.get("id").asString());
        assertThat(read.header("Content-Type")).startsWith("application/json");
        assertThat(read.json().get("subject").asString()).isEqualTo(script);
        JsonNode reply = api.post("/api/v1/cases/" + created.get("id").asString() + "/messages",
                Map.of("kind", "NOTE", "body", script + " & ' \\ \u2028 \"")).json();
        assertThat(reply.get("body").asString()).isEqualTo(script + " & ' \\ \u2028 \"");
    }

    @Test
    void anIllegalTransitionIs409() {
        String id = api.createCase("Siirtymä", "Uusi asia", null).get("id").asString();
        JsonNode problem = api.post("/api/v1/cases/" + id + "/status", Map.of("status", "CLOSED")).problem(409);
        assertThat(problem.get("code").asString()).isEqualTo("illegal-transition");
        api.post("/api/v1/cases/" + id + "/messages", Map.of("kind", "REPLY", "body", "x", "status", "CLOSED")).problem(409);
        assertThat(api.get("/api/v1/cases/" + id).json().get("status").asString()).isEqualTo("NEW");
        assertThat(api.get("/api/v1/cases/" + id).json().get("messages")).hasSize(1);
    }

    @Test
    void refusedCommandsAre422() {
        String id = keeper.get("id").asString();
        assertThat(api.put("/api/v1/cases/" + id + "/assignee", Map.of("assigneeId", UUID.randomUUID().toString()))
                .problem(422).get("code").asString()).isEqualTo("unknown-assignee");
        assertThat(api.post("/api/v1/cases/" + id + "/transfer", Map.of("unitId", org.service().id().toString()))
                .problem(422).get("code").asString()).isEqualTo("same-unit");
        assertThat(api.post("/api/v1/cases/" + id + "/transfer", Map.of("unitId", UUID.randomUUID().toString()))
                .problem(422).get("code").asString()).isEqualTo("unknown-unit");
        assertThat(api.post("/api/v1/cases", with("unitId", UUID.randomUUID().toString())).problem(422).get("code").asString())
                .isEqualTo("unknown-unit");
        api.post("/api/v1/cases/" + id + "/messages", Map.of("kind", "NOTE", "body", "x", "status", "OPEN")).problem(422);
        api.post("/api/v1/cases/" + id + "/messages", Map.of("kind", "REPLY", "body", "x", "channel", "EMAIL")).problem(422);
    }

    @Test
    void badQueryParametersAndPathsAreProblems() {
        assertThat(api.get("/api/v1/cases?status=FOO").problem(400).get("detail").asString()).contains("status");
        api.get("/api/v1/cases?channel=FAX").problem(400);
        api.get("/api/v1/cases?unitId=x").problem(400);
        api.get("/api/v1/cases?createdFrom=22.11.2026").problem(400);
        api.get("/api/v1/cases?page=x").problem(400);
        assertThat(api.get("/api/v1/cases?sort=name").problem(400).get("detail").asString()).contains("sort");
        assertThat(fields(api.get("/api/v1/cases?size=500").problem(422))).containsExactly("size");
        assertThat(fields(api.get("/api/v1/cases?page=-1").problem(422))).containsExactly("page");
        api.get("/api/v1/cases?q=" + "x".repeat(300)).problem(422);
        assertThat(fields(api.get("/api/v1/cases?q=a%00b").problem(422))).containsExactly("q");
        assertThat(fields(api.get("/api/v1/cases?tag=%01").problem(422))).containsExactly("tag");
        // a client that accepts no JSON is told so, in a problem it may still read
        api.send(api.request("/api/v1/cases").header("Accept", "text/html").GET()).problem(406);
        api.send(api.request("/api/v1/cases/" + UUID.randomUUID()).header("Accept", "application/xml").GET()).problem(406);
        api.withToken(null).send(api.withToken(null).request("/api/v1/cases").header("Accept", "text/html").GET()).problem(401);
        api.get("/api/v1/cases/not-a-uuid").problem(400);
        api.get("/api/v1/cases/" + UUID.randomUUID()).problem(404);
        api.get("/api/v1/cases/by-reference/ASPA-1999-000001").problem(404);
        api.get("/api/v1/cases/by-reference/" + "A".repeat(100)).problem(404);
        api.post("/api/v1/cases/" + UUID.randomUUID() + "/messages", Map.of("kind", "NOTE", "body", "x")).problem(404);
        api.get("/api/v1/no-such-thing").problem(404);
        api.send(api.request("/api/v1/cases").DELETE()).problem(405);
    }

    @Test
    void everyProblemHasTheSameShape() {
        for (ApiCalls.Response response : Arrays.asList(
                api.withToken(null).get("/api/v1/cases"),
                api.post("/api/v1/cases", "{"),
                api.post("/api/v1/cases", Map.of()),
                api.get("/api/v1/cases/" + UUID.randomUUID()))) {
            JsonNode problem = response.problem(response.status());
            assertThat(problem.get("type").asString()).startsWith("https://aspa.fi/problems/");
            assertThat(problem.get("code").asString()).isNotBlank();
            assertThat(response.text()).doesNotContain("Exception").doesNotContain("at fi.aspa");
        }
    }
}
