package fi.aspa.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchHit;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Internal services (IT, HR, facilities) are for staff: residents' pages, the public search, Open311 and the public
 * topic suggestions never show one; the staff directory, staff search and the suggestions for staff do, and an
 * administrator switches a service between public and internal.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InternalServicesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String LIFE_EVENT = "http://example.fi/test/life-event/staff-only-" + UUID.randomUUID();

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Catalogue catalogue;
    @Autowired SearchIndex index;
    @Autowired Staff staff;
    @Autowired StaffPages pages;

    final HttpClient http = HttpClient.newHttpClient();
    Fixtures.Org pub;
    StaffUser admin;
    CatalogueService internal;
    String code;

    @BeforeAll
    void setUp() {
        pub = fixtures.publicOrganization();
        admin = staff.create(pub.id(), pub.service().id(), "admin-" + UUID.randomUUID().toString().substring(0, 8), "Anna Admin",
                null, Fixtures.PASSWORD, EnumSet.of(Role.ADMIN), Language.FI);
        code = "it-" + UUID.randomUUID().toString().substring(0, 6);
        internal = catalogue.create(pub.id(), new ServiceDraft(
                new LocalizedText("Työasemahuolto", "Arbetsstationsservice", "Workstation maintenance"),
                new LocalizedText("Kannettavat ja työasemat henkilöstölle.", "Bärbara datorer för personalen.", null),
                new LocalizedText("Työasemahuolto korjaa henkilöstön kannettavat.", null, null), null,
                List.of("työasema", "kannettava", "läppäri"), null, null,
                List.of(new Concept(LIFE_EVENT, new LocalizedText("Vain henkilöstön elämäntilanne", "Endast personalens", null))),
                null, pub.building().id(), null, null, code, null, null, null, null, true));
    }

    @Test
    void residentsPagesAndOpen311NeverShowAnInternalService() throws Exception {
        String services = body("/services?lang=fi");
        assertThat(services).doesNotContain("Työasemahuolto").doesNotContain("Vain henkilöstön elämäntilanne");
        assertThat(body("/services?lang=sv")).doesNotContain("Arbetsstationsservice");
        assertThat(body("/services?lang=fi&lifeEvent=" + URLEncoder.encode(LIFE_EVENT, StandardCharsets.UTF_8)))
                .doesNotContain("Työasemahuolto");
        assertThat(status("/services/" + internal.id())).isEqualTo(404);
        assertThat(body("/open311/v2/services.json")).doesNotContain("\"" + code + "\"");
        assertThat(status("/open311/v2/services/" + code + ".json")).isEqualTo(404);
    }

    @Test
    void publicSearchNeverFindsItAndStaffSearchDoes() throws Exception {
        // other services may match some of the words at once; wait for this one to be indexed
        await().atMost(Duration.ofSeconds(30)).until(() -> titles(SearchQuery.staffSearch(pub.id(), "työasemahuolto", Language.FI))
                .contains("Työasemahuolto"));
        assertThat(titles(SearchQuery.staffSearch(pub.id(), "työasemahuolto", Language.FI))).contains("Työasemahuolto");
        assertThat(titles(SearchQuery.publicSearch(pub.id(), "työasemahuolto", Language.FI))).doesNotContain("Työasemahuolto");
        assertThat(body("/help?lang=fi&q=ty%C3%B6asemahuolto")).doesNotContain("/services/" + internal.id());
    }

    @Test
    void staffSeeItInTheDirectoryAndOnlyAnAdministratorChangesItsVisibility() throws Exception {
        String directory = staffPage(pub.agent(), get("/workspace/directory?q=työasemahuolto")).getContentAsString(StandardCharsets.UTF_8);
        assertThat(directory).contains("Työasemahuolto", "Vain henkilöstö (sisäinen palvelu)").doesNotContain("name=\"visibility\"");
        assertThat(staffPage(admin, get("/workspace/directory?q=työasemahuolto")).getContentAsString(StandardCharsets.UTF_8))
                .contains("name=\"visibility\"");
        String path = "/workspace/admin/services/" + internal.id() + "/visibility";
        assertThat(staffPage(pub.agent(), post(path).with(csrf()).param("visibility", "PUBLIC")).getStatus()).isEqualTo(403);
        assertThat(catalogue.find(pub.id(), internal.id()).orElseThrow().internal()).isTrue();
        assertThat(staffPage(admin, post(path).with(csrf()).param("visibility", "junk")).getStatus()).isEqualTo(422);

        Fixtures.Org other = fixtures.organization();
        StaffUser otherAdmin = staff.create(other.id(), other.service().id(), "admin-" + UUID.randomUUID().toString().substring(0, 8),
                "Olli Admin", null, Fixtures.PASSWORD, EnumSet.of(Role.ADMIN), Language.FI);
        assertThat(staffPage(otherAdmin, post(path).with(csrf()).param("visibility", "PUBLIC")).getStatus()).as("another organization's")
                .isEqualTo(404);

        try {
            MockHttpServletResponse saved = staffPage(admin, post(path).with(csrf()).param("visibility", "PUBLIC").param("q", "työasemahuolto"));
            assertThat(saved.getStatus()).isEqualTo(302);
            assertThat(saved.getRedirectedUrl()).startsWith("/workspace/directory?q=");
            assertThat(body("/services?lang=fi")).contains("Työasemahuolto");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    titles(SearchQuery.publicSearch(pub.id(), "työasemahuolto", Language.FI)).contains("Työasemahuolto"));
        } finally {
            assertThat(staffPage(admin, post(path).with(csrf()).param("visibility", "INTERNAL")).getStatus()).isEqualTo(302);
        }
        assertThat(body("/services?lang=fi")).doesNotContain("Työasemahuolto");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !titles(SearchQuery.publicSearch(pub.id(), "työasemahuolto", Language.FI)).contains("Työasemahuolto"));
    }

    @Test
    void publicSuggestionsLeaveInternalServicesOutAndStaffSuggestionsKeepThem() throws Exception {
        Fixtures.Org org = fixtures.organization();
        CatalogueService it = catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("Työasemahuolto", null, null),
                new LocalizedText("Kannettavan tietokoneen korjaus ja työasemat", null, null), List.of("kannettava", "työasema", "läppäri"),
                org.building().id()).withInternal(true));
        CatalogueService parking = catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("Pysäköintitunnus", null, null),
                new LocalizedText("Asukaspysäköinnin tunnus kadulle", null, null), List.of("pysäköinti", "auto"), org.service().id()));
        String text = "{\"text\": \"Kannettava työasema ei käynnisty, läppäri rikki\", \"language\": \"fi\"";

        JsonNode residents = JSON.readTree(suggest(org, text + "}").body());
        assertThat(ids(residents)).doesNotContain(it.id().toString()).contains(parking.id().toString());
        assertThat(ids(JSON.readTree(suggest(org, text + ", \"audience\": \"public\"}").body()))).doesNotContain(it.id().toString());
        JsonNode staffSide = JSON.readTree(suggest(org, text + ", \"audience\": \"staff\"}").body());
        assertThat(ids(staffSide).getFirst()).isEqualTo(it.id().toString());
        assertThat(suggest(org, text + ", \"audience\": \"everyone\"}").statusCode()).isEqualTo(422);
    }

    private List<String> ids(JsonNode suggestion) {
        List<String> ids = new ArrayList<>();
        for (JsonNode s : suggestion.get("services")) ids.add(s.get("id").asString());
        return ids;
    }

    private HttpResponse<String> suggest(Fixtures.Org org, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/routing/suggest"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + org.apiToken())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> titles(SearchQuery query) {
        return index.search(query.withTypes(Set.of(DocumentType.SERVICE))).hits().stream().map(SearchHit::title).toList();
    }

    private String body(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private int status(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private MockHttpServletResponse staffPage(StaffUser u, MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(u, request);
    }
}
