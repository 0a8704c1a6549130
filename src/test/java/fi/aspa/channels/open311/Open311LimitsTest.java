package fi.aspa.channels.open311;

import static fi.aspa.channels.open311.Open311Client.child;
import static fi.aspa.channels.open311.Open311Client.children;
import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.catalogue.Catalogue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;

/**
 * expected_datetime from the service-level target's resolution clock, and the rate limits on POST requests per
 * client address and per API key (429 in the specification's error format). Each client here connects from a
 * loopback address of its own (127.0.0.x), so the limits it uses up are its own.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311LimitsTest {
    static final int PER_ADDRESS = 120; // the defaults: aspa.open311.rate-limit.per-address / per-key per minute
    static final int PER_KEY = 600;

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Catalogue catalogue;
    @Autowired Open311Keys keys;
    @Autowired Cases cases;
    @Autowired JdbcClient db;

    Fixtures.Org org;
    Fixtures.Org noTarget;

    @BeforeAll
    void setUp() {
        org = fixtures.organization();
        noTarget = fixtures.organization();
        for (Fixtures.Org o : new Fixtures.Org[] {org, noTarget}) {
            catalogue.addHelsinkiFeedbackServices(o.id(), o.building().id());
            keys.register(o.id(), "test", key(o));
        }
        // the organization's default target: resolved within 8 business hours
        db.sql("""
                insert into sla_target (id, organization_id, first_response_minutes, resolution_minutes, warn_percent,
                    raise_priority, created_at) values (gen_random_uuid(), ?, 60, 480, 75, false, now())""")
                .param(org.id().value()).update();
    }

    static String key(Fixtures.Org o) {
        return "key-" + o.organization().slug();
    }

    static Map<String, String> form(String key) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", key);
        form.put("service_code", "171");
        form.put("lat", "60.17");
        form.put("long", "24.94");
        form.put("description", "Kuoppa kadulla.");
        return form;
    }

    /** A request the limit counts but that is refused before a case is made (no service_code: 400). */
    static Map<String, String> cheap(String key) {
        Map<String, String> form = form(key);
        form.remove("service_code");
        return form;
    }

    String postCreated(Open311Client client, Fixtures.Org o) {
        Open311Client.Response response = client.postForm("/open311/v2/requests.json", form(key(o)));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get(0).get("service_request_id").asString();
    }

    void settled(Fixtures.Org o) {
        fixtures.awaitSettled(o);
    }

    /**
     * Sends the request up to {@code tries} times in a row and returns the first 429: a used-up allowance refills
     * gradually, so one request may slip in between, never all of them. The others must be refused as bad input.
     */
    static Open311Client.Response refusedWithin(int tries, java.util.function.Supplier<Open311Client.Response> send) {
        for (int i = 0; i < tries; i++) {
            Open311Client.Response r = send.get();
            if (r.status() == 429) return r;
            assertThat(r.status()).as(r.text()).isIn(400, 403);
        }
        throw new AssertionError("not refused with 429 in " + tries + " tries in a row");
    }

    @Test
    void expectedDatetimeIsWhenTheServiceLevelTargetExpectsTheRequestResolved() {
        Open311Client client = new Open311Client(port, "127.0.0.11");
        String id = postCreated(client, org);
        String other = postCreated(client, noTarget);
        settled(org);
        settled(noTarget);
        UUID caseId = cases.idByReference(org.id(), id).orElseThrow();
        Instant due = db.sql("select due_at from sla_clock where case_id = ? and kind = 'RESOLUTION'").param(caseId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).single();

        JsonNode request = client.get("/open311/" + org.organization().slug() + "/v2/requests/" + id + ".json").json().get(0);
        String expected = request.get("expected_datetime").asString();
        assertThat(expected).matches(Open311ApiTest.ISO_WITH_OFFSET).isEqualTo(Open311Api.time(due));
        assertThat(OffsetDateTime.parse(expected).toInstant())
                .isAfter(OffsetDateTime.parse(request.get("requested_datetime").asString()).toInstant());
        Element xml = children(client.get("/open311/" + org.organization().slug() + "/v2/requests/" + id + ".xml").xml(),
                "request").getFirst();
        assertThat(child(xml, "expected_datetime")).isEqualTo(expected);
        // in the list too
        JsonNode list = client.get("/open311/v2/requests.json?jurisdiction_id=" + org.organization().slug()).json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("expected_datetime").asString()).isEqualTo(expected);

        // no target, no expected time
        JsonNode untargeted = client.get("/open311/" + noTarget.organization().slug() + "/v2/requests/" + other + ".json")
                .json().get(0);
        assertThat(untargeted.has("expected_datetime")).isFalse();

        // resolved: nothing is expected any more
        cases.reply(org.id(), caseId, Actor.staff(org.agent().id()), "Korjattu.", CaseStatus.RESOLVED);
        settled(org);
        JsonNode resolved = client.get("/open311/" + org.organization().slug() + "/v2/requests/" + id + ".json").json().get(0);
        assertThat(resolved.get("status").asString()).isEqualTo("closed");
        assertThat(resolved.has("expected_datetime")).isFalse();
    }

    @Test
    void oneClientAddressGetsItsAllowanceThen429InTheSpecificationsErrorFormat() {
        Open311Client client = new Open311Client(port, "127.0.0.21");
        int accepted = 0;
        Open311Client.Response refused = null;
        for (int i = 0; i < PER_ADDRESS * 3 / 2 && refused == null; i++) {
            Open311Client.Response r = client.postForm("/open311/v2/requests.json", cheap(key(noTarget)));
            if (r.status() == 429) refused = r;
            else {
                r.jsonError(400);
                accepted++;
            }
        }
        assertThat(refused).as("no 429 after %d requests", accepted).isNotNull();
        assertThat(accepted).isGreaterThanOrEqualTo(PER_ADDRESS);
        assertThat(refused.jsonError(429).get("description").asString()).contains(String.valueOf(PER_ADDRESS));
        assertThat(refused.retryAfter()).matches("\\d+");
        // the XML form of the same refusal; a bad key from that address is refused by the limit too, before the key
        // is looked at (the allowance refills gradually, one request per 0.5 s: a few tries in a row meet the limit)
        assertThat(refusedWithin(10, () -> client.postForm("/open311/v2/requests.xml", cheap(key(noTarget)))).xmlError(429))
                .isNotBlank();
        refusedWithin(10, () -> client.postForm("/open311/v2/requests.json", cheap("no-such-key"))).jsonError(429);

        // another address is not affected
        Open311Client elsewhere = new Open311Client(port, "127.0.0.22");
        assertThat(elsewhere.postForm("/open311/v2/requests.json", form(key(noTarget))).status()).isEqualTo(201);
        // reading is not limited
        assertThat(client.get("/open311/v2/services.json?jurisdiction_id=" + noTarget.organization().slug()).status())
                .isEqualTo(200);
    }

    @Test
    void oneApiKeyGetsItsAllowanceWhateverTheAddressesThen429() {
        Fixtures.Org keyed = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(keyed.id(), keyed.building().id());
        keys.register(keyed.id(), "test", key(keyed));
        Open311Client[] clients = new Open311Client[8];
        for (int i = 0; i < clients.length; i++) clients[i] = new Open311Client(port, "127.0.0." + (31 + i));
        int accepted = 0;
        Open311Client.Response refused = null;
        for (int i = 0; i < PER_KEY * 3 / 2 && refused == null; i++) {
            // round robin: each address stays well within its own allowance (at most 113 of 120)
            Open311Client.Response r = clients[i % clients.length].postForm("/open311/v2/requests.json", cheap(key(keyed)));
            if (r.status() == 429) refused = r;
            else {
                r.jsonError(400);
                accepted++;
            }
        }
        assertThat(refused).as("no 429 after %d requests", accepted).isNotNull();
        assertThat(accepted).isGreaterThanOrEqualTo(PER_KEY);
        assertThat(refused.jsonError(429).get("description").asString()).contains(String.valueOf(PER_KEY));
        // the key is used up from a fresh address as well (it refills one request per 0.1 s: a few tries in a row
        // meet the limit); another key from there is not
        Open311Client fresh = new Open311Client(port, "127.0.0.41");
        refusedWithin(20, () -> fresh.postForm("/open311/v2/requests.json", cheap(key(keyed)))).jsonError(429);
        assertThat(fresh.postForm("/open311/v2/requests.json", form(key(noTarget))).status()).isEqualTo(201);
        assertThat(db.sql("select count(*) from support_case where organization_id = ?").param(keyed.id().value())
                .query(Integer.class).single()).isZero();
    }
}
