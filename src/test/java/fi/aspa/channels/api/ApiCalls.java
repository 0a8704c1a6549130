package fi.aspa.channels.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to the running application's API with one organization's token. */
final class ApiCalls {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final String token;

    ApiCalls(int port, String token) {
        this.base = "http://localhost:" + port;
        this.token = token;
    }

    ApiCalls withToken(String other) {
        return new ApiCalls(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), other);
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response post(String path, Object json) {
        return send(request(path).header("Content-Type", "application/json").POST(body(json)));
    }

    Response put(String path, Object json) {
        return send(request(path).header("Content-Type", "application/json").PUT(body(json)));
    }

    Response postRaw(String path, String contentType, byte[] bytes) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) builder.header("Authorization", "Bearer " + token);
        return builder;
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher body(Object json) {
        String text = json instanceof String s ? s : JSON.writeValueAsString(json);
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    /** A case created through the API; returns its JSON. */
    JsonNode createCase(String subject, String body, UUID unitId) {
        var request = new java.util.LinkedHashMap<String, Object>();
        request.put("customer", java.util.Map.of("name", "Matti Meikäläinen", "email", "matti@example.fi"));
        request.put("subject", subject);
        request.put("body", body);
        if (unitId != null) request.put("unitId", unitId.toString());
        Response response = post("/api/v1/cases", request);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json();
    }

    record Response(HttpResponse<byte[]> raw) {
        int status() {
            return raw.statusCode();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        byte[] bytes() {
            return raw.body();
        }

        JsonNode json() {
            return JSON.readTree(raw.body());
        }

        /** The ids of a list response's items. */
        List<String> ids() {
            List<String> ids = new ArrayList<>();
            json().get("items").forEach(item -> ids.add(item.get("id").asString()));
            return ids;
        }

        /** Asserts an RFC 9457 problem with the status; returns it. */
        JsonNode problem(int expectedStatus) {
            assertThat(status()).as(text()).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).as(text()).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.path("type").asString()).as(text()).isNotBlank();
            assertThat(problem.path("title").asString()).as(text()).isNotBlank();
            assertThat(problem.path("status").asInt()).as(text()).isEqualTo(expectedStatus);
            return problem;
        }
    }
}
