package fi.aspa.channels.api;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document is public, OpenAPI 3, describes the API paths and says they need a bearer token. A copy
 * is left in {@code target/openapi.json} for client generators.
 */
@AspaTest
class OpenApiTest {
    @LocalServerPort
    int port;

    @Test
    void describesTheApiWithoutAuthentication() throws IOException {
        ApiCalls.Response docs = new ApiCalls(port, null).get("/v3/api-docs");
        assertThat(docs.status()).as(docs.text()).isEqualTo(200);
        assertThat(docs.header("Content-Type")).startsWith("application/json");
        JsonNode api = docs.json();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), api.toPrettyString());
        assertThat(api.get("openapi").asString()).startsWith("3.");
        assertThat(api.get("info").get("title").asString()).isEqualTo("Aspa API");

        List<String> paths = new ArrayList<>();
        api.get("paths").propertyNames().forEach(paths::add);
        assertThat(paths).contains("/api/v1/cases", "/api/v1/cases/{id}", "/api/v1/cases/by-reference/{reference}",
                "/api/v1/cases/{id}/messages", "/api/v1/cases/{id}/status", "/api/v1/cases/{id}/tags",
                "/api/v1/cases/{id}/priority", "/api/v1/cases/{id}/assignee", "/api/v1/cases/{id}/transfer",
                "/api/v1/cases/{id}/attachments/{attachmentId}", "/api/v1/units");
        assertThat(paths).allMatch(p -> p.startsWith("/api/"));
        assertThat(api.get("paths").get("/api/v1/cases").get("post").get("responses").has("201")).isTrue();
        assertThat(api.get("paths").get("/api/v1/cases/{id}/status").get("post").get("responses").has("409")).isTrue();

        JsonNode bearer = api.get("components").get("securitySchemes").get("bearer");
        assertThat(bearer.get("type").asString()).isEqualTo("http");
        assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
        assertThat(api.get("paths").get("/api/v1/cases").get("get").get("security").get(0).has("bearer")).isTrue();

        JsonNode customer = api.get("components").get("schemas").get("CustomerInput").get("properties");
        assertThat(customer.get("personalId").get("writeOnly").asBoolean()).isTrue();
        assertThat(api.get("components").get("schemas").get("CaseDetail").get("properties").has("personalId")).isFalse();
    }
}
