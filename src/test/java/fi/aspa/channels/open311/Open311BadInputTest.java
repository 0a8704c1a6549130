package fi.aspa.channels.open311;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.catalogue.Catalogue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bad input gets the specification's error list in the requested format, with 400, 403, 404 or 413, never a 500
 * and never a half-made case: bad or revoked keys, another organization's key, unknown services, broken
 * coordinates, missing fields, broken encodings, control characters, huge bodies, unknown formats and paths.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311BadInputTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Catalogue catalogue;
    @Autowired Open311Keys keys;
    @Autowired JdbcClient db;

    Open311Client client;
    Fixtures.Org org;
    Fixtures.Org other;
    String key;
    String otherKey;

    @BeforeAll
    void setUp() {
        client = new Open311Client(port);
        org = fixtures.organization();
        other = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        catalogue.addHelsinkiFeedbackServices(other.id(), other.building().id());
        key = "key-" + org.organization().slug();
        otherKey = "key-" + other.organization().slug();
        keys.register(org.id(), "test", key);
        keys.register(other.id(), "test", otherKey);
    }

    Map<String, String> valid() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", key);
        form.put("service_code", "171");
        form.put("lat", "60.17");
        form.put("long", "24.94");
        form.put("description", "Kuoppa kadulla.");
        return form;
    }

    Map<String, String> with(String field, String value) {
        Map<String, String> form = valid();
        if (value == null) form.remove(field);
        else form.put(field, value);
        return form;
    }

    int cases() {
        return db.sql("select count(*) from support_case where organization_id = ?").param(org.id().value()).query(Integer.class).single();
    }

    @Test
    void theValidFormIsAccepted() {
        assertThat(client.postForm("/open311/v2/requests.json", valid()).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "api_key, NULL, 403",
            "api_key, wrong-key, 403",
            "service_code, NULL, 400",
            "service_code, 99999, 400",
            "lat, 60.17.1, 400",
            "lat, abc, 400",
            "lat, 91, 400",
            "long, -180.5, 400",
            "lat, NaN, 400",
            "long, 1e3, 400",
            "long, NULL, 400",
            "description, NULL, 400",
            "description, '   ', 400",
            "email, not-an-email, 400",
            "media_url, javascript:alert(1), 400",
    })
    void badFieldsGetTheErrorListInJsonAndXml(String field, String value, int status) {
        int before = cases();
        client.postForm("/open311/v2/requests.json", with(field, value)).jsonError(status);
        client.postForm("/open311/v2/requests.xml", with(field, value)).xmlError(status);
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void aLocationIsRequired() {
        Map<String, String> form = with("lat", null);
        form.remove("long");
        client.postForm("/open311/v2/requests.json", form).jsonError(400);
        form.put("address_id", "HKI-123");
        assertThat(client.postForm("/open311/v2/requests.json", form).status()).isEqualTo(201);
    }

    @Test
    void anotherOrganizationsKeyOrARevokedKeyIsRefused() {
        Map<String, String> form = valid();
        form.put("jurisdiction_id", org.organization().slug());
        form.put("api_key", otherKey);
        assertThat(client.postForm("/open311/v2/requests.json", form).jsonError(403).get("description").asString())
                .contains("jurisdiction");
        client.postForm("/open311/" + org.organization().slug() + "/v2/requests.xml", with("api_key", otherKey)).xmlError(403);

        String revoked = "revoked-" + UUID.randomUUID();
        UUID id = keys.register(org.id(), "old", revoked);
        assertThat(keys.revoke(org.id(), id)).isTrue();
        client.postForm("/open311/v2/requests.json", with("api_key", revoked)).jsonError(403);
    }

    @Test
    void aDescriptionOverTheLimitAndControlCharactersAreRefused() {
        client.postForm("/open311/v2/requests.json", with("description", "x".repeat(4001))).jsonError(400);
        client.postForm("/open311/v2/requests.json", with("description", "null\u0000byte")).jsonError(400);
        client.postForm("/open311/v2/requests.json", with("title", "bell\u0007")).jsonError(400);
        assertThat(client.postForm("/open311/v2/requests.json", with("description", "rivi 1\r\nrivi 2\ttab")).status()).isEqualTo(201);
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() {
        String body = "api_key=" + key + "&service_code=171&lat=60.1&long=24.9&description=";
        byte[] head = body.getBytes(StandardCharsets.US_ASCII);
        byte[] latin1 = "Kävelytiellä on kuoppa".getBytes(StandardCharsets.ISO_8859_1); // raw bytes, not UTF-8, not percent-encoded
        byte[] all = new byte[head.length + latin1.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(latin1, 0, all, head.length, latin1.length);
        int before = cases();
        Open311Client.Response response = client.postBytes("/open311/v2/requests.json", "application/x-www-form-urlencoded; charset=UTF-8", all);
        response.jsonError(400);
        // percent-encoded Latin-1 is just as broken
        Open311Client.Response encoded = client.postForm("/open311/v2/requests.xml", with("description", "Kävelytiellä"),
                StandardCharsets.ISO_8859_1);
        encoded.xmlError(400);
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void aHugeBodyIsRefusedWith413() {
        Map<String, String> form = with("description", "a".repeat(2_000_000));
        client.postForm("/open311/v2/requests.json", form).jsonError(413);
        client.postForm("/open311/v2/requests.xml", form).xmlError(413);
    }

    @Test
    void unknownFormatsPathsAndJurisdictionsAre404() {
        client.get("/open311/v2/services.html").jsonError(404);
        client.get("/open311/v2/nothing.json").jsonError(404);
        client.get("/open311/v2/nothing.xml").xmlError(404);
        client.get("/open311/v2/services.json?jurisdiction_id=no-such-org").jsonError(404);
        client.get("/open311/no-such-org/v2/services.xml").xmlError(404);
        client.get("/open311/v2/requests/ASPA-2026-999999.json?jurisdiction_id=" + org.organization().slug()).jsonError(404);
        client.get("/open311/v2/media/" + UUID.randomUUID()).jsonError(404);
        client.get("/open311/v2/media/not-an-id").jsonError(404);
    }

    @Test
    void badQueryParametersAre400() {
        String base = "/open311/v2/requests.json?jurisdiction_id=" + org.organization().slug();
        client.get(base + "&start_date=yesterday").jsonError(400);
        client.get(base + "&updated_after=2026-13-45").jsonError(400);
        client.get(base + "&status=pending").jsonError(400);
        client.get(base + "&start_date=2026-01-01T00:00:00Z&end_date=2025-01-01T00:00:00Z").jsonError(400);
        client.get(base + "&start_date=2025-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z").jsonError(400);
        client.get("/open311/v2/requests.xml?jurisdiction_id=" + org.organization().slug() + "&status=x").xmlError(400);
        client.get(base.replace(org.organization().slug(), org.organization().slug() + "&jurisdiction_id=x")).jsonError(400);
    }

    @Test
    void theApiIsStatelessWithSecureHeaders() throws Exception {
        fixtures.publicOrganization(); // the default jurisdiction
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/open311/v2/services.json")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
    }
}
