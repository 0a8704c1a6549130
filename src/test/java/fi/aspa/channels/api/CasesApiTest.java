package fi.aspa.channels.api;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.Fixtures.Org;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewAttachment;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** An organization's system works a case end to end through the REST API. */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasesApiTest {
    static final String PERSONAL_ID = "131052-308T";

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Cases cases;
    @Autowired
    Customers customers;

    Org org;
    ApiCalls api;

    @BeforeAll
    void organization() {
        org = fixtures.organization();
        api = new ApiCalls(port, org.apiToken());
    }

    @Test
    void createReadSearchAndWorkACase() {
        // create
        Map<String, Object> request = Map.of(
                "customer", Map.of("name", "Sirkka Suominen", "email", "sirkka@example.fi", "phone", "040 123 4567",
                        "personalId", PERSONAL_ID, "kind", "PERSON", "language", "sv"),
                "subject", "Katuvalo rikki Kuusitiellä",
                "body", "Katuvalo on ollut pimeänä viikon. Tunnussana zebrakorppi.",
                "language", "fi", "priority", "LOW", "tags", List.of("Valaistus", "katu"),
                "unitId", org.service().id().toString());
        ApiCalls.Response created = api.post("/api/v1/cases", request);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Content-Type")).startsWith("application/json");
        assertThat(created.text()).doesNotContain(PERSONAL_ID).doesNotContain("personalId");
        JsonNode body = created.json();
        String id = body.get("id").asString();
        String reference = body.get("reference").asString();
        assertThat(reference).matches("ASPA-\\d{4}-\\d{6}");
        assertThat(created.header("Location")).isEqualTo("http://localhost:" + port + "/api/v1/cases/" + id);
        assertThat(body.get("status").asString()).isEqualTo("NEW");
        assertThat(body.get("channel").asString()).isEqualTo("API");
        assertThat(body.get("priority").asString()).isEqualTo("LOW");
        assertThat(body.get("language").asString()).isEqualTo("fi");
        assertThat(body.get("unitId").asString()).isEqualTo(org.service().id().toString());
        assertThat(texts(body.get("tags"))).containsExactly("katu", "valaistus");

        // read
        ApiCalls.Response read = api.get(created.header("Location"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text()).doesNotContain(PERSONAL_ID).doesNotContain("personalId").doesNotContain("sirkka@example.fi");
        JsonNode detail = read.json();
        assertThat(detail.get("reference").asString()).isEqualTo(reference);
        // the answer to the POST is built from what was written, not read back: it says what a read says (routing,
        // running meanwhile, may have moved or assigned the case and so touched its update time)
        for (String field : List.of("id", "subject", "status", "priority", "channel", "language", "tags", "createdAt")) {
            assertThat(detail.get(field)).as(field).isEqualTo(body.get(field));
        }
        assertThat(detail.get("customer").get("id").asString()).isEqualTo(body.get("customerId").asString());
        assertThat(detail.get("history").get(0).get("detail").get("reference").asString()).as("the history names the number")
                .isEqualTo(reference);
        assertThat(detail.get("customer").get("name").asString()).isEqualTo("Sirkka Suominen");
        assertThat(detail.get("customer").get("kind").asString()).isEqualTo("PERSON");
        assertThat(detail.get("customer").get("language").asString()).isEqualTo("sv");
        assertThat(detail.get("messages")).hasSize(1);
        assertThat(detail.get("messages").get(0).get("kind").asString()).isEqualTo("CUSTOMER");
        assertThat(detail.get("messages").get(0).get("body").asString()).contains("zebrakorppi");
        assertThat(detail.get("history").get(0).get("type").asString()).isEqualTo("OPENED");
        assertThat(detail.get("history").get(0).get("actor").asString()).isEqualTo("API");
        assertThat(texts(detail.get("nextStatuses"))).containsExactlyInAnyOrder("OPEN", "WAITING", "RESOLVED");
        // the identity code was stored, for recognition, though it is never shown
        UUID customerId = UUID.fromString(detail.get("customer").get("id").asString());
        assertThat(customers.find(org.id(), customerId).orElseThrow().personalId()).isEqualTo(PERSONAL_ID);

        // search: by text, by reference, by status, by customer, by tag; and the reference endpoint
        assertThat(api.get("/api/v1/cases?q=zebrakorppi").ids()).containsExactly(id);
        assertThat(api.get("/api/v1/cases?q=" + reference.toLowerCase()).ids()).containsExactly(id);
        assertThat(api.get("/api/v1/cases?status=NEW&status=OPEN&size=200").ids()).contains(id);
        assertThat(api.get("/api/v1/cases?status=CLOSED").ids()).doesNotContain(id);
        assertThat(api.get("/api/v1/cases?customerId=" + customerId).ids()).containsExactly(id);
        assertThat(api.get("/api/v1/cases?tag=valaistus").ids()).containsExactly(id);
        assertThat(api.get("/api/v1/cases?q=nosuchwordanywhere").ids()).isEmpty();
        ApiCalls.Response byReference = api.get("/api/v1/cases/by-reference/" + reference);
        assertThat(byReference.status()).isEqualTo(200);
        assertThat(byReference.json().get("id").asString()).isEqualTo(id);

        // reply: 201 with the message's location; the new case becomes open
        ApiCalls.Response reply = api.post("/api/v1/cases/" + id + "/messages",
                Map.of("kind", "REPLY", "body", "Kiitos, korjaamme valon."));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        String messageId = reply.json().get("id").asString();
        assertThat(reply.header("Location")).endsWith("/api/v1/cases/" + id + "/messages/" + messageId);
        assertThat(reply.json().get("kind").asString()).isEqualTo("REPLY");
        JsonNode fetched = api.get(reply.header("Location")).json();
        assertThat(fetched.get("body").asString()).isEqualTo("Kiitos, korjaamme valon.");
        assertThat(statusOf(id)).isEqualTo("OPEN");

        // a note stays internal but the API (a trusted system) sees it with its kind
        assertThat(api.post("/api/v1/cases/" + id + "/messages", Map.of("kind", "NOTE", "body", "Sähköurakoitsija tilattu")).status())
                .isEqualTo(201);

        // status change
        ApiCalls.Response waiting = api.post("/api/v1/cases/" + id + "/status", Map.of("status", "WAITING"));
        assertThat(waiting.status()).as(waiting.text()).isEqualTo(200);
        assertThat(waiting.json().get("status").asString()).isEqualTo("WAITING");
        assertThat(api.get("/api/v1/cases?status=WAITING").ids()).containsExactly(id);

        // the customer writes again through an integration: reopens
        ApiCalls.Response customerMessage = api.post("/api/v1/cases/" + id + "/messages",
                Map.of("kind", "CUSTOMER", "body", "Valo on yhä pimeänä.", "channel", "EMAIL"));
        assertThat(customerMessage.status()).as(customerMessage.text()).isEqualTo(201);
        assertThat(customerMessage.json().get("channel").asString()).isEqualTo("EMAIL");
        assertThat(statusOf(id)).isEqualTo("OPEN");

        // reply that resolves
        assertThat(api.post("/api/v1/cases/" + id + "/messages",
                Map.of("kind", "REPLY", "body", "Valo korjattu.", "status", "RESOLVED")).status()).isEqualTo(201);
        assertThat(statusOf(id)).isEqualTo("RESOLVED");

        // tags
        ApiCalls.Response tagged = api.put("/api/v1/cases/" + id + "/tags", Map.of("tags", List.of("Sähkö", "katu")));
        assertThat(tagged.status()).as(tagged.text()).isEqualTo(200);
        assertThat(texts(tagged.json().get("tags"))).containsExactly("katu", "sähkö");
        assertThat(api.get("/api/v1/cases?tag=sähkö").ids()).containsExactly(id);
        assertThat(api.get("/api/v1/cases?tag=valaistus").ids()).isEmpty();

        // priority
        ApiCalls.Response urgent = api.put("/api/v1/cases/" + id + "/priority", Map.of("priority", "URGENT"));
        assertThat(urgent.status()).isEqualTo(200);
        assertThat(urgent.json().get("priority").asString()).isEqualTo("URGENT");
        assertThat(api.get("/api/v1/cases?priority=URGENT").ids()).containsExactly(id);

        // assign, then find by assignee; unassigned excludes it
        ApiCalls.Response assigned = api.put("/api/v1/cases/" + id + "/assignee",
                Map.of("assigneeId", org.agent().id().toString()));
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
        assertThat(assigned.json().get("assigneeId").asString()).isEqualTo(org.agent().id().toString());
        assertThat(api.get("/api/v1/cases?assigneeId=" + org.agent().id()).ids()).containsExactly(id);
        assertThat(api.get("/api/v1/cases?unassigned=true").ids()).doesNotContain(id);

        // transfer with a note: new unit, unassigned, note left for the unit
        ApiCalls.Response transferred = api.post("/api/v1/cases/" + id + "/transfer",
                Map.of("unitId", org.building().id().toString(), "note", "Kuuluu teille: katuvalaistus."));
        assertThat(transferred.status()).as(transferred.text()).isEqualTo(200);
        assertThat(transferred.json().get("unitId").asString()).isEqualTo(org.building().id().toString());
        assertThat(transferred.json().path("assigneeId").isNull() || transferred.json().path("assigneeId").isMissingNode()).isTrue();
        assertThat(api.get("/api/v1/cases?unitId=" + org.building().id()).ids()).containsExactly(id);
        assertThat(api.get("/api/v1/cases?unassigned=true&unitId=" + org.building().id()).ids()).containsExactly(id);

        // the whole story is in the detail
        JsonNode end = api.get("/api/v1/cases/" + id).json();
        List<String> kinds = new ArrayList<>();
        end.get("messages").forEach(m -> kinds.add(m.get("kind").asString()));
        assertThat(kinds).containsExactly("CUSTOMER", "REPLY", "NOTE", "CUSTOMER", "REPLY", "NOTE");
        assertThat(end.get("messages").get(5).get("body").asString()).isEqualTo("Kuuluu teille: katuvalaistus.");
        List<String> history = new ArrayList<>();
        end.get("history").forEach(h -> history.add(h.get("type").asString()));
        assertThat(history).contains("OPENED", "REPLIED", "NOTE_ADDED", "STATUS_CHANGED", "CUSTOMER_MESSAGE", "TAGGED",
                "PRIORITY_CHANGED", "ASSIGNED", "TRANSFERRED");
        end.get("history").forEach(h -> assertThat(h.get("actor").asString()).isIn("API", "CUSTOMER"));
        assertThat(api.get("/api/v1/cases/" + id).text()).doesNotContain(PERSONAL_ID);
    }

    @Test
    void anIntegrationImportsPhoneContactsAndTheSameCustomerIsRecognized() {
        Map<String, Object> phone = Map.of(
                "customer", Map.of("name", "Yritys Oy", "businessId", "0112038-9", "kind", "BUSINESS"),
                "subject", "Puhelu: laskutus", "body", "Soitti laskusta.", "channel", "PHONE", "language", "sv");
        JsonNode first = api.post("/api/v1/cases", phone).json();
        JsonNode second = api.post("/api/v1/cases", phone).json();
        assertThat(first.get("channel").asString()).isEqualTo("PHONE");
        assertThat(first.get("language").asString()).isEqualTo("sv");
        assertThat(second.get("customerId").asString()).isEqualTo(first.get("customerId").asString());
        assertThat(api.get("/api/v1/cases?channel=PHONE&customerId=" + first.get("customerId").asString()).ids())
                .containsExactlyInAnyOrder(first.get("id").asString(), second.get("id").asString());
    }

    @Test
    void pagesWithHasNextInTheChosenOrder() {
        Org fresh = fixtures.organization();
        ApiCalls mine = new ApiCalls(port, fresh.apiToken());
        List<String> created = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JsonNode made = mine.createCase("Sivu " + i, "Sivutus " + i, null);
            created.add(made.get("id").asString());
            days.add(java.time.Instant.parse(made.get("createdAt").asString()).atZone(ZoneId.of("Europe/Helsinki")).toLocalDate());
        }

        ApiCalls.Response first = mine.get("/api/v1/cases?sort=created&size=2");
        assertThat(first.json().get("hasNext").asBoolean()).isTrue();
        assertThat(first.json().get("page").asInt()).isZero();
        assertThat(first.json().get("size").asInt()).isEqualTo(2);
        assertThat(first.ids()).containsExactly(created.get(0), created.get(1));
        ApiCalls.Response second = mine.get("/api/v1/cases?sort=created&size=2&page=1");
        assertThat(second.json().get("hasNext").asBoolean()).isTrue();
        assertThat(second.ids()).containsExactly(created.get(2), created.get(3));
        ApiCalls.Response last = mine.get("/api/v1/cases?sort=created&size=2&page=2");
        assertThat(last.json().get("hasNext").asBoolean()).isFalse();
        assertThat(last.ids()).containsExactly(created.get(4));
        assertThat(mine.get("/api/v1/cases?sort=-created&size=200").ids()).containsExactlyElementsOf(created.reversed());
        assertThat(mine.get("/api/v1/cases?sort=-created&size=5").json().get("hasNext").asBoolean()).isFalse();

        // the Helsinki days the cases were created on (one day, unless the test ran over midnight): not the day it is now
        LocalDate firstDay = days.getFirst();
        LocalDate lastDay = days.getLast();
        assertThat(mine.get("/api/v1/cases?createdFrom=" + firstDay + "&createdTo=" + lastDay).ids()).hasSize(5);
        assertThat(mine.get("/api/v1/cases?createdTo=" + firstDay.minusDays(1)).ids()).isEmpty();
        assertThat(mine.get("/api/v1/cases?createdFrom=" + lastDay.plusDays(1)).ids()).isEmpty();
    }

    @Test
    void unitsListTheOrganizationsUnits() {
        ApiCalls.Response units = api.get("/api/v1/units");
        assertThat(units.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        units.json().forEach(u -> ids.add(u.get("id").asString()));
        assertThat(ids).containsExactlyInAnyOrder(org.service().id().toString(), org.building().id().toString());
        assertThat(units.text()).contains("Asiakaspalvelu", "Kundservice", "Building control");
    }

    @Test
    void attachmentsAreListedAndDownloadedAsFiles() {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Liisa", "liisa@example.fi", null, Language.FI));
        byte[] content = "Mittauspöytäkirja\nrivi 2\n".getBytes(StandardCharsets.UTF_8);
        OpenedCase opened = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Liite", "Liitteenä pöytäkirja",
                Language.FI, null, null, null, Set.of(), List.of(new NewAttachment("pöytä<kirja>.txt", content)), Actor.customer()));

        JsonNode attachment = api.get("/api/v1/cases/" + opened.id()).json().get("messages").get(0).get("attachments").get(0);
        assertThat(attachment.get("contentType").asString()).isEqualTo("text/plain");
        assertThat(attachment.get("sizeBytes").asLong()).isEqualTo(content.length);
        ApiCalls.Response file = api.get(attachment.get("href").asString());
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.bytes()).isEqualTo(content);
        assertThat(file.header("Content-Type")).startsWith("text/plain");
        assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(file.header("Content-Disposition")).startsWith("attachment;").contains("filename*=UTF-8''");

        api.get("/api/v1/cases/" + opened.id() + "/attachments/" + UUID.randomUUID()).problem(404);
    }

    private String statusOf(String id) {
        return api.get("/api/v1/cases/" + id).json().get("status").asString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
