package fi.aspa.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.platform.Language;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The synonyms page over HTTP: seeded from the shipped synonyms, effective at the next search, only administrators,
 * only their own organization, bad input as form errors.
 */
@AspaTest
class SynonymAdminTest {
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern EDIT = Pattern.compile("/workspace/admin/synonyms/([0-9a-f-]{36})");

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Staff staff;
    @Autowired
    SearchIndex index;
    @Autowired
    SynonymStore store;

    Fixtures.Org org;
    Fixtures.Org other;
    Session admin;

    final class Session {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
            Matcher csrf = CSRF.matcher(get("/login").body());
            assertThat(csrf.find()).isTrue();
            Map<String, String> form = new LinkedHashMap<>(fields);
            form.put("_csrf", csrf.group(1));
            String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    Session login(String username) throws Exception {
        Session session = new Session();
        HttpResponse<String> response = session.post("/login", Map.of("username", username, "password", Fixtures.PASSWORD));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return session;
    }

    Session admin(Fixtures.Org o) throws Exception {
        String username = staff.createWithHash(o.id(), null, o.organization().slug() + "-admin", "Anna Admin", null,
                staff.hash(Fixtures.PASSWORD), EnumSet.of(Role.ADMIN), Language.FI).username();
        return login(username);
    }

    @BeforeEach
    void data() throws Exception {
        org = fixtures.organization();
        other = fixtures.organization();
        for (Fixtures.Org o : List.of(org, other)) {
            index.index(new SearchDocument("waste-" + o.id(), o.id(), DocumentType.SERVICE, Language.FI, "Jäteastian tyhjennys",
                    "Jäteastia tyhjennetään kahden viikon välein. Tilaa ylimääräinen tyhjennys jätehuollosta.", List.of(),
                    Map.of(), Visibility.PUBLIC, Instant.now()));
        }
        admin = admin(org);
    }

    List<String> found(Fixtures.Org o, String text) {
        return index.search(SearchQuery.publicSearch(o.id(), text, Language.FI)).hits().stream().map(SearchHit::id).toList();
    }

    static Map<String, String> form(String language, String terms, String targets) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("language", language);
        form.put("terms", terms);
        form.put("targets", targets);
        return form;
    }

    @Test
    void theShippedSynonymsAreTheStartingList() throws Exception {
        HttpResponse<String> page = admin.get("/workspace/admin/synonyms");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("päiväkoti, päivähoito, varhaiskasvatus").contains("eskari").contains("esiopetus")
                .contains("dagis");
        HttpResponse<String> tried = admin.get("/workspace/admin/synonyms?q=" + enc("eskarista") + "&qlang=fi");
        assertThat(tried.body()).contains("eskarista → esiopetus");
    }

    @Test
    void anAddedSynonymFindsWhatItDidNotBefore() throws Exception {
        assertThat(found(org, "roskis")).isEmpty();
        HttpResponse<String> saved = admin.post("/workspace/admin/synonyms", form("fi", "roskis, roskapönttö", "jäteastia"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(found(org, "roskis")).containsExactly("waste-" + org.id());
        assertThat(admin.get("/workspace/admin/synonyms?q=roskis&qlang=fi").body()).contains("roskis → jäteastia");

        // the other organization's list and search are its own
        assertThat(found(other, "roskis")).isEmpty();
        Session theirs = admin(other);
        assertThat(theirs.get("/workspace/admin/synonyms").body()).doesNotContain("roskis");
        UUID id = store.list(org.id(), Language.FI).stream().filter(s -> s.terms().contains("roskis")).findFirst().orElseThrow().id();
        assertThat(theirs.get("/workspace/admin/synonyms/" + id).statusCode()).isEqualTo(404);
        assertThat(theirs.post("/workspace/admin/synonyms/" + id + "/delete", Map.of()).statusCode()).isEqualTo(404);
        assertThat(theirs.post("/workspace/admin/synonyms/" + id, form("fi", "roskis", "kissa")).statusCode()).isEqualTo(404);
        assertThat(found(org, "roskis")).containsExactly("waste-" + org.id());

        // an edit and a delete take effect at once too
        String edit = admin.get("/workspace/admin/synonyms/" + id).body();
        assertThat(edit).contains("value=\"roskis, roskapönttö\"");
        assertThat(admin.post("/workspace/admin/synonyms/" + id, form("fi", "rojukori", "jäteastia")).statusCode()).isEqualTo(302);
        assertThat(found(org, "roskis")).isEmpty();
        assertThat(found(org, "rojukori")).containsExactly("waste-" + org.id());
        assertThat(admin.post("/workspace/admin/synonyms/" + id + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(found(org, "rojukori")).isEmpty();
    }

    @Test
    void anEditOnAnotherNodeReachesThisOneWithinTheFreshnessPeriod(@Autowired org.springframework.jdbc.core.simple.JdbcClient db)
            throws Exception {
        assertThat(found(org, "rojupytty")).isEmpty();
        // another node's admin saved it: this node's searches were not told
        db.sql("insert into search_synonym (id, organization_id, language, terms, targets, created_at, updated_at) values (?, ?, 'fi', ?, ?, now(), now())")
                .params(UUID.randomUUID(), org.id().value(), "rojupytty", "jäteastia").update();
        await().atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(found(org, "rojupytty")).containsExactly("waste-" + org.id()));
    }

    @Test
    void anEquivalenceWorksBothWays() throws Exception {
        assertThat(admin.post("/workspace/admin/synonyms", form("fi", "jäteastia, rojukori", "")).statusCode()).isEqualTo(302);
        assertThat(found(org, "rojukori")).containsExactly("waste-" + org.id());
    }

    @Test
    void badInputIsShownOnTheForm() throws Exception {
        Map<Map<String, String>, String> cases = new LinkedHashMap<>();
        cases.put(form("fi", "", ""), "terms");
        cases.put(form("fi", " , ", "jäteastia"), "terms");
        cases.put(form("fi", "roskis", ""), "terms");
        cases.put(form("de", "roskis, jäteastia", ""), "language");
        cases.put(form("fi", "roskis => jäteastia", ""), "terms");
        cases.put(form("fi", "roskis", "# kommentti"), "targets");
        cases.put(form("fi", "roskis", "a".repeat(301)), "targets");
        cases.put(form("fi", "a, " + "b".repeat(300), ""), "terms");
        for (var entry : cases.entrySet()) {
            HttpResponse<String> page = admin.post("/workspace/admin/synonyms", entry.getKey());
            String field = entry.getValue();
            assertThat(page.statusCode()).as(entry.getKey().toString()).isEqualTo(200);
            assertThat(page.body()).as(entry.getKey().toString())
                    .contains("<title>Virhe:")
                    .contains("href=\"#" + field + "\"")
                    .containsPattern("id=\"" + field + "\"[^>]*aria-invalid=\"true\"|aria-invalid=\"true\"[^>]*id=\"" + field + "\"")
                    .contains("id=\"" + field + "-error\"");
        }
        assertThat(found(org, "roskis")).isEmpty();
        assertThat(admin.get("/workspace/admin/synonyms/not-a-uuid").statusCode()).isIn(400, 404);
    }

    @Test
    void onlyAdministrators() throws Exception {
        Session agent = login(org.agent().username());
        assertThat(agent.get("/workspace/admin/synonyms").statusCode()).isEqualTo(403);
        assertThat(agent.post("/workspace/admin/synonyms", form("fi", "roskis", "jäteastia")).statusCode()).isEqualTo(403);
        assertThat(found(org, "roskis")).isEmpty();
    }
}
