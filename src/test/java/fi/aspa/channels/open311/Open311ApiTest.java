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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;

/**
 * GeoReport v2 over real HTTP, JSON and XML: the services and their definitions, a request posted with the
 * organization's key becomes a case in the service's unit (seen through the REST API), and its status, the agency's
 * reply and its history come back; tokens; the list filters (ids, codes, status, dates, updated_after/before);
 * locale; jurisdiction by path or parameter.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311ApiTest {
    static final String ISO_WITH_OFFSET = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})";

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Catalogue catalogue;
    @Autowired Open311Keys keys;
    @Autowired Cases cases;

    Open311Client client;
    Fixtures.Org org;
    String slug;
    String key;

    @BeforeAll
    void setUp() {
        client = new Open311Client(port);
        org = fixtures.organization();
        slug = org.organization().slug();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        key = "key-" + slug;
        keys.register(org.id(), "test", key);
    }

    Map<String, String> form(String code, String description) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", key);
        form.put("service_code", code);
        form.put("lat", "60.1666472");
        form.put("long", "24.9689837");
        form.put("address_string", "Merikasarminkatu 1, 00160 Helsinki");
        form.put("description", description);
        form.put("title", "Kyltti huonossa kunnossa");
        form.put("email", "asukas-" + UUID.randomUUID() + "@example.fi");
        form.put("first_name", "Maija");
        form.put("last_name", "Meikäläinen");
        return form;
    }

    JsonNode post(Map<String, String> form) {
        Open311Client.Response response = client.postForm("/open311/v2/requests.json", form);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        JsonNode answer = response.json();
        assertThat(answer.isArray()).isTrue();
        assertThat(answer).hasSize(1);
        return answer.get(0);
    }

    JsonNode one(String id, String query) {
        Open311Client.Response response = client.get("/open311/" + slug + "/v2/requests/" + id + ".json" + query);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode list = response.json();
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    List<String> ids(String query) {
        Open311Client.Response response = client.get("/open311/v2/requests.json?jurisdiction_id=" + slug + query);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().forEach(r -> ids.add(r.get("service_request_id").asString()));
        return ids;
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void listsTheOrganizationsOpen311ServicesInJsonAndXml() {
        JsonNode services = client.get("/open311/v2/services.json?jurisdiction_id=" + slug).json();
        assertThat(services).hasSize(10);
        JsonNode streets = null;
        for (JsonNode s : services) if (s.get("service_code").asString().equals("171")) streets = s;
        assertThat(streets).isNotNull();
        assertThat(streets.get("service_name").asString())
                .isEqualTo(catalogue.byOpen311Code(org.id(), "171").orElseThrow().name().fi());
        assertThat(streets.get("metadata").asBoolean()).isFalse();
        assertThat(streets.get("type").asString()).isEqualTo("realtime");
        assertThat(streets.get("description").asString()).isNotBlank();
        assertThat(streets.has("keywords")).isTrue();
        assertThat(streets.get("group").asString()).isNotBlank();

        Element xml = client.get("/open311/" + slug + "/v2/services.xml").xml();
        assertThat(xml.getTagName()).isEqualTo("services");
        List<Element> items = children(xml, "service");
        assertThat(items).hasSize(10);
        Element first = items.getFirst();
        assertThat(child(first, "service_code")).isNotBlank();
        assertThat(child(first, "service_name")).isNotBlank();
        assertThat(child(first, "metadata")).isEqualTo("false");
        assertThat(child(first, "type")).isEqualTo("realtime");
    }

    @Test
    void servicesInSwedishAndEnglishByLocale() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String locale : List.of("sv", "en_GB", "fi")) {
            for (JsonNode s : client.get("/open311/v2/services.json?jurisdiction_id=" + slug + "&locale=" + locale).json()) {
                if (s.get("service_code").asString().equals("171")) names.put(locale, s.get("service_name").asString());
            }
        }
        assertThat(names).containsEntry("sv", "Gatornas skick").containsEntry("en_GB", "Street condition");
        assertThat(names.get("fi")).isNotEqualTo("Street condition").isNotEqualTo("Gatornas skick");
    }

    @Test
    void serviceDefinitionInJsonAndXml() {
        JsonNode definition = client.get("/open311/v2/services/171.json?jurisdiction_id=" + slug).json();
        assertThat(definition.get("service_code").asString()).isEqualTo("171");
        assertThat(definition.get("attributes").isArray()).isTrue();

        Element xml = client.get("/open311/" + slug + "/v2/services/171.xml").xml();
        assertThat(xml.getTagName()).isEqualTo("service_definition");
        assertThat(child(xml, "service_code")).isEqualTo("171");
        assertThat(children(xml, "attributes")).hasSize(1);

        client.get("/open311/" + slug + "/v2/services/999.json").jsonError(404);
        client.get("/open311/" + slug + "/v2/services/999.xml").xmlError(404);
    }

    @Test
    void aPostedRequestIsACaseInTheServicesUnitAndReadsBackInJsonAndXml() throws Exception {
        Map<String, String> form = form("199", "Raitiovaunupysäkin opaskyltti on vinossa ja ruosteessa.");
        form.put("locale", "fi");
        form.put("account_id", "account-7");
        JsonNode created = post(form);
        String id = created.get("service_request_id").asString();
        assertThat(id).startsWith("ASPA-");
        assertThat(created.get("token").asString()).isNotBlank();
        assertThat(created.get("service_notice").asString()).isNotBlank();
        assertThat(created.get("account_id").asString()).isEqualTo("account-7");

        // the case, through the organization's REST API: channel OPEN311, in the service's unit
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/cases/by-reference/" + id))
                .header("Authorization", "Bearer " + org.apiToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        JsonNode theCase = Open311Client.JSON.readTree(api.body());
        assertThat(theCase.get("channel").asString()).isEqualTo("OPEN311");
        assertThat(theCase.get("unitId").asString()).isEqualTo(org.building().id().toString());
        assertThat(theCase.get("subject").asString()).isEqualTo("Kyltti huonossa kunnossa");
        assertThat(theCase.get("tags").toString()).contains("open311:199"); // what routing rules on the code match
        String body = theCase.get("messages").get(0).get("body").asString();
        assertThat(body).contains("Raitiovaunupysäkin opaskyltti").contains("Merikasarminkatu 1").contains("60.166647");

        JsonNode request = one(id, "");
        assertThat(request.get("service_request_id").asString()).isEqualTo(id);
        assertThat(request.get("status").asString()).isEqualTo("open");
        assertThat(request.get("service_code").asString()).isEqualTo("199");
        assertThat(request.get("service_name").asString()).isEqualTo(catalogue.byOpen311Code(org.id(), "199").orElseThrow().name().fi());
        assertThat(request.get("description").asString()).isEqualTo("Raitiovaunupysäkin opaskyltti on vinossa ja ruosteessa.");
        assertThat(request.get("title").asString()).isEqualTo("Kyltti huonossa kunnossa");
        assertThat(request.get("agency_responsible").asString()).isEqualTo("Rakennusvalvonta");
        assertThat(request.get("address").asString()).isEqualTo("Merikasarminkatu 1, 00160 Helsinki");
        assertThat(request.get("lat").asDouble()).isEqualTo(60.1666472);
        assertThat(request.get("long").asDouble()).isEqualTo(24.9689837);
        assertThat(request.get("requested_datetime").asString()).matches(ISO_WITH_OFFSET);
        assertThat(request.get("updated_datetime").asString()).matches(ISO_WITH_OFFSET);
        assertThat(request.get("media_urls").isArray()).isTrue();
        // what the resident said of themselves stays private
        assertThat(request.toString()).doesNotContain("Meikäläinen").doesNotContain(form.get("email")).doesNotContain("account-7");

        // a transfer moves the agency responsible with the case
        UUID caseId = UUID.fromString(theCase.get("id").asString());
        cases.transfer(org.id(), caseId, fi.aspa.cases.Actor.staff(org.agent().id()), org.service().id(), null);
        assertThat(one(id, "").get("agency_responsible").asString()).isEqualTo(org.service().name().fi());

        Element xml = client.get("/open311/v2/requests/" + id + ".xml?jurisdiction_id=" + slug).xml();
        assertThat(xml.getTagName()).isEqualTo("service_requests");
        List<Element> requests = children(xml, "request");
        assertThat(requests).hasSize(1);
        assertThat(child(requests.getFirst(), "service_request_id")).isEqualTo(id);
        assertThat(child(requests.getFirst(), "status")).isEqualTo("open");
        assertThat(child(requests.getFirst(), "lat")).isEqualTo("60.1666472");
        assertThat(child(requests.getFirst(), "requested_datetime")).matches(ISO_WITH_OFFSET);

        // not in another jurisdiction (the default is the public organization)
        client.get("/open311/v2/requests/" + id + ".json").jsonError(404);
    }

    @Test
    void postAnswersInXmlToo() {
        Map<String, String> form = form("246", "Puistossa on paljon roskia.");
        form.remove("lat");
        form.remove("long");
        Open311Client.Response response = client.postForm("/open311/v2/requests.xml", form);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        Element xml = response.xml();
        assertThat(xml.getTagName()).isEqualTo("service_requests");
        Element request = children(xml, "request").getFirst();
        assertThat(child(request, "service_request_id")).startsWith("ASPA-");
        assertThat(child(request, "token")).isNotBlank();
        assertThat(child(request, "service_notice")).isNotBlank();
    }

    @Test
    void tokensGiveTheRequestId() {
        JsonNode created = post(form("176", "Seinässä on töhryjä."));
        String token = created.get("token").asString();
        JsonNode answer = client.get("/open311/v2/tokens/" + token + ".json?jurisdiction_id=" + slug).json();
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0).get("service_request_id").asString()).isEqualTo(created.get("service_request_id").asString());
        assertThat(answer.get(0).get("token").asString()).isEqualTo(token);

        Element xml = client.get("/open311/" + slug + "/v2/tokens/" + token + ".xml").xml();
        assertThat(xml.getTagName()).isEqualTo("service_requests");
        assertThat(child(children(xml, "request").getFirst(), "service_request_id"))
                .isEqualTo(created.get("service_request_id").asString());

        client.get("/open311/" + slug + "/v2/tokens/" + UUID.randomUUID() + ".json").jsonError(404);
        client.get("/open311/" + slug + "/v2/tokens/not-a-token.xml").xmlError(404);
    }

    @Test
    void statusNotesAndHistoryFlowBackFromTheCase() {
        JsonNode replied = post(form("171", "Kadulla on syvä kuoppa."));
        JsonNode untouched = post(form("171", "Toinen kuoppa samalla kadulla."));
        String repliedId = replied.get("service_request_id").asString();
        String untouchedId = untouched.get("service_request_id").asString();
        Instant between = Instant.now();

        UUID caseId = cases.idByReference(org.id(), repliedId).orElseThrow();
        cases.addNote(org.id(), caseId, Actor.staff(org.agent().id()), "Sisäinen muistiinpano: ei julkinen");
        cases.reply(org.id(), caseId, Actor.staff(org.agent().id()), "Kuoppa on paikattu. Kiitos ilmoituksesta!", CaseStatus.RESOLVED);

        JsonNode request = one(repliedId, "?extensions=true&locale=sv");
        assertThat(request.get("status").asString()).isEqualTo("closed");
        assertThat(request.get("status_notes").asString()).isEqualTo("Kuoppa on paikattu. Kiitos ilmoituksesta!");
        assertThat(request.get("agency_responsible").asString()).isEqualTo("Byggnadstillsyn");
        assertThat(request.get("service_name").asString()).isEqualTo("Gatornas skick");
        assertThat(request.toString()).doesNotContain("Sisäinen muistiinpano");
        assertThat(OffsetDateTime.parse(request.get("updated_datetime").asString()).toInstant())
                .isAfterOrEqualTo(OffsetDateTime.parse(request.get("requested_datetime").asString()).toInstant());
        JsonNode ext = request.get("extended_attributes");
        assertThat(ext.get("detailed_status").asString()).isEqualTo("PROCESSED");
        assertThat(ext.get("detailed_status_datetime").asString()).matches(ISO_WITH_OFFSET);
        assertThat(ext.get("service_notice").asString()).isNotBlank();
        List<String> statuses = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (JsonNode h : ext.get("request_history")) {
            assertThat(h.get("time").asString()).matches(ISO_WITH_OFFSET);
            statuses.add(h.get("detailed_status").asString());
            if (h.has("note")) notes.add(h.get("note").asString());
        }
        assertThat(statuses).startsWith("RECEIVED").contains("PROCESSED");
        assertThat(notes).containsExactly("Kuoppa on paikattu. Kiitos ilmoituksesta!");
        assertThat(one(untouchedId, "").has("extended_attributes")).isFalse();

        // the same in XML: extended_attributes/request_history/entry
        Element xml = client.get("/open311/" + slug + "/v2/requests/" + repliedId + ".xml?extensions=true").xml();
        Element item = children(xml, "request").getFirst();
        assertThat(child(item, "status")).isEqualTo("closed");
        Element extXml = children(item, "extended_attributes").getFirst();
        assertThat(child(extXml, "detailed_status")).isEqualTo("PROCESSED");
        assertThat(children(children(extXml, "request_history").getFirst(), "entry")).hasSizeGreaterThanOrEqualTo(2);

        // filters: what changed after the moment between, what did not; open and closed
        assertThat(ids("&updated_after=" + q(between.toString()))).contains(repliedId).doesNotContain(untouchedId);
        assertThat(ids("&updated_before=" + q(between.toString()))).contains(untouchedId).doesNotContain(repliedId);
        assertThat(ids("&status=closed")).contains(repliedId).doesNotContain(untouchedId);
        assertThat(ids("&status=open")).contains(untouchedId).doesNotContain(repliedId);
        assertThat(ids("&status=open,closed")).contains(untouchedId, repliedId);
    }

    @Test
    void listFiltersByIdsCodesAndDates() {
        String litter = post(form("246", "Roskia rannalla.")).get("service_request_id").asString();
        String forest = post(form("234", "Metsässä kaatunut puu polulla.")).get("service_request_id").asString();

        assertThat(ids("")).contains(litter, forest);
        assertThat(ids("&service_code=246")).contains(litter).doesNotContain(forest);
        assertThat(ids("&service_code=246,234")).contains(litter, forest);
        assertThat(ids("&service_request_id=" + litter + "," + forest)).containsExactlyInAnyOrder(litter, forest);
        assertThat(ids("&start_date=" + q(Instant.now().plusSeconds(3600).toString()))).isEmpty();
        assertThat(ids("&start_date=" + q(OffsetDateTime.now().minusDays(1).toString()) + "&end_date="
                + q(OffsetDateTime.now().plusDays(1).toString()))).contains(litter, forest);
        // a date alone, and an unencoded + offset (arrives as a space) are read too
        assertThat(ids("&start_date=" + java.time.LocalDate.now().minusDays(2))).contains(litter);
        assertThat(ids("&start_date=2020-01-01T00:00:00+02:00&end_date=2020-03-01T00:00:00+02:00")).isEmpty();

        // XML list: every request an element
        Element xml = client.get("/open311/" + slug + "/v2/requests.xml?service_request_id=" + litter + "," + forest).xml();
        assertThat(xml.getTagName()).isEqualTo("service_requests");
        assertThat(children(xml, "request")).extracting(r -> child(r, "service_request_id"))
                .containsExactlyInAnyOrder(litter, forest);
        // an empty list is an empty root
        Element none = client.get("/open311/" + slug + "/v2/requests.xml?service_request_id=ASPA-1900-000000").xml();
        assertThat(none.getTagName()).isEqualTo("service_requests");
        assertThat(children(none, "request")).isEmpty();
    }
}
