package fi.aspa.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue over the REST API: the whole national file in (over the API's usual 1 MB body cap), out, and into
 * another organization unchanged; bad lines in the report; a body that is not JSON lines, not UTF-8, empty, too
 * large or of another type as problem+json; no token, no catalogue.
 */
@AspaTest
class CatalogueApiTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Catalogue catalogue;

    HttpResponse<byte[]> send(String method, String path, String token, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (contentType != null) request.header("Content-Type", contentType);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> importLines(Fixtures.Org org, byte[] body) throws Exception {
        return send("POST", "/api/v1/catalogue/services/import", org.apiToken(), "application/x-ndjson", body);
    }

    byte[] export(Fixtures.Org org) throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/v1/catalogue/services/export", org.apiToken(), null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        return response.body();
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
    }

    static JsonNode problem(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    static List<JsonNode> lines(byte[] file) {
        return PtvImportTest.lines(file).stream().map(l -> JSON.readTree(l)).toList();
    }

    @Test
    void theNationalFileGoesInComesOutAndGoesIntoAnotherOrganizationTheSame() throws Exception {
        Fixtures.Org org = fixtures.organization();
        byte[] national = PtvImportTest.nationalFile();
        assertThat(national.length).as("over the API's usual body cap").isGreaterThan(1024 * 1024);

        HttpResponse<byte[]> first = importLines(org, national);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode report = json(first);
        assertThat(report.get("imported").asInt()).isEqualTo(458);
        assertThat(report.get("updated").asInt()).isZero();
        assertThat(report.get("skipped")).isEmpty();

        byte[] exported = export(org);
        assertThat(lines(exported)).hasSize(458);

        JsonNode again = json(importLines(org, exported));
        assertThat(again.get("imported").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isEqualTo(458);
        assertThat(catalogue.list(org.id())).hasSize(458);

        Fixtures.Org other = fixtures.organization();
        assertThat(json(importLines(other, exported)).get("imported").asInt()).isEqualTo(458);
        assertThat(lines(export(other))).containsExactlyInAnyOrderElementsOf(lines(exported));
    }

    @Test
    void badLinesAreInTheReportWithCodeAndReason() throws Exception {
        Fixtures.Org org = fixtures.organization();
        String good = PtvImportTest.lines(PtvImportTest.nationalFile()).getFirst();
        byte[] body = (good + "\n{\"id\": \"6a0b9c2e-0000-4000-8000-000000000001\", \"name\": {\"fi\": \"Rikki\"\n"
                + "{\"id\": \"6a0b9c2e-0000-4000-8000-000000000002\", \"name\": {\"sv\": \"Bara svenska\"}}\n").getBytes(StandardCharsets.UTF_8);
        JsonNode report = json(importLines(org, body));
        assertThat(report.get("imported").asInt()).isEqualTo(1);
        JsonNode skipped = report.get("skipped");
        assertThat(skipped).hasSize(2);
        assertThat(skipped.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(skipped.get(0).get("code").asString()).isEqualTo("malformed-json");
        assertThat(skipped.get(0).get("reason").asString()).startsWith("malformed JSON");
        assertThat(skipped.get(0).has("ptvId")).isFalse();
        assertThat(skipped.get(1).get("line").asInt()).isEqualTo(3);
        assertThat(skipped.get(1).get("code").asString()).isEqualTo("missing-finnish-name");
        assertThat(skipped.get(1).get("ptvId").asString()).isEqualTo("6a0b9c2e-0000-4000-8000-000000000002");
        // the same body as application/jsonl or text/plain
        assertThat(send("POST", "/api/v1/catalogue/services/import", org.apiToken(), "application/jsonl; charset=UTF-8", body).statusCode()).isEqualTo(200);
        assertThat(json(send("POST", "/api/v1/catalogue/services/import", org.apiToken(), "text/plain", body)).get("updated").asInt()).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotJsonLinesIsAProblemAndNothingIsImported() throws Exception {
        Fixtures.Org org = fixtures.organization();
        catalogue.importPtv(org.id(), new ByteArrayInputStream(PtvImportTest.lines(PtvImportTest.nationalFile()).getFirst().getBytes(StandardCharsets.UTF_8)));

        byte[] latin1 = "{\"id\": \"6a0b9c2e-0000-4000-8000-000000000009\", \"name\": {\"fi\": \"Päiväkoti\"}}\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(problem(importLines(org, latin1), 400).get("code").asString()).isEqualTo("not-utf-8");
        assertThat(problem(importLines(org, new byte[0]), 400).get("code").asString()).isEqualTo("empty-body");
        assertThat(problem(importLines(org, "\n\n".getBytes(StandardCharsets.UTF_8)), 400).get("code").asString()).isEqualTo("empty-body");
        assertThat(problem(importLines(org, "nimi;koodi\nPäiväkoti;1\n".getBytes(StandardCharsets.UTF_8)), 400).get("code").asString())
                .isEqualTo("not-json-lines");
        JsonNode wrongType = problem(send("POST", "/api/v1/catalogue/services/import", org.apiToken(),
                "application/x-www-form-urlencoded", "a=b".getBytes(StandardCharsets.UTF_8)), 415);
        assertThat(wrongType.get("code").asString()).isNotBlank();

        byte[] huge = new byte[11 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        assertThat(problem(importLines(org, huge), 413).get("code").asString()).isEqualTo("content-too-large");
        // also without a declared length (chunked): cut off while reading
        HttpResponse<byte[]> chunked = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/catalogue/services/import"))
                .header("Authorization", "Bearer " + org.apiToken()).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        problem(chunked, 413);

        assertThat(catalogue.list(org.id())).hasSize(1);
    }

    @Test
    void withoutATokenThereIsNoCatalogue() throws Exception {
        Fixtures.Org org = fixtures.organization();
        byte[] line = PtvImportTest.lines(PtvImportTest.nationalFile()).getFirst().getBytes(StandardCharsets.UTF_8);
        assertThat(problem(send("POST", "/api/v1/catalogue/services/import", null, "application/x-ndjson", line), 401)
                .get("code").asString()).isEqualTo("unauthorized");
        problem(send("GET", "/api/v1/catalogue/services/export", null, null, null), 401);
        problem(send("GET", "/api/v1/catalogue/services/export", "not-a-token", null, null), 401);
        assertThat(catalogue.list(org.id())).isEmpty();

        // another organization's token reads and writes its own catalogue only
        Fixtures.Org other = fixtures.organization();
        assertThat(json(importLines(other, line)).get("imported").asInt()).isEqualTo(1);
        assertThat(catalogue.list(org.id())).isEmpty();
        assertThat(lines(export(org))).isEmpty();
    }

    @Test
    void theOpenApiDocumentDescribesBoth() throws Exception {
        HttpResponse<byte[]> docs = send("GET", "/v3/api-docs", null, null, null);
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = json(docs).get("paths");
        JsonNode importOperation = paths.get("/api/v1/catalogue/services/import").get("post");
        assertThat(importOperation.get("requestBody").get("content").has("application/x-ndjson")).isTrue();
        List<String> responses = new ArrayList<>();
        importOperation.get("responses").propertyNames().forEach(responses::add);
        assertThat(responses).contains("200", "400", "401", "413", "415");
        assertThat(importOperation.get("security").get(0).has("bearer")).isTrue();
        JsonNode exportOperation = paths.get("/api/v1/catalogue/services/export").get("get");
        assertThat(exportOperation.get("responses").get("200").get("content").has("application/x-ndjson")).isTrue();
    }
}
