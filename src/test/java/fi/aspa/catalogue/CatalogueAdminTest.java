package fi.aspa.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The administrators' catalogue pages over real HTTP (the container's multipart parsing and limits, CSRF, the
 * session): an import with its report, the export and its re-import, an edit of keywords that routing learns from at
 * once, form errors that keep what was typed, and everything else refused with a clear answer and nothing lost.
 */
@AspaTest
class CatalogueAdminTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final String GOOD_ID = "0069c15e-4ec6-4bd2-b1eb-a771b889b10c"; // "Kunnan vuokra-asunnot" in the national file
    static final String NO_FINNISH_ID = "6a0b9c2e-0000-4000-8000-000000000002";

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Catalogue catalogue;

    Fixtures.Org org;
    Session admin;

    /** A browser's session: its cookies, the CSRF token of the page it last read, and its language. */
    final class Session {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        final String language;
        String csrf;

        Session(String language) {
            this.language = language;
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept-Language", language)
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"); // as a browser
        }

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> response = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) csrf = token.group(1);
            return response;
        }

        HttpResponse<byte[]> download(String path) throws Exception {
            return http.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
            if (csrf == null) get("/login");
            Map<String, String> form = new LinkedHashMap<>(fields);
            form.putIfAbsent("_csrf", csrf);
            return postForm(path, form);
        }

        HttpResponse<String> postForm(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
            return http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> upload(String filename, byte[] content) throws Exception {
            if (csrf == null) get("/workspace/admin/catalogue");
            return upload(filename, content, csrf);
        }

        HttpResponse<String> upload(String filename, byte[] content, String token) throws Exception {
            String boundary = "----aspa" + UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (token != null) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return http.send(request("/workspace/admin/catalogue/import")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    Session login(String username) throws Exception {
        return login(username, "fi");
    }

    Session login(String username, String language) throws Exception {
        Session session = new Session(language);
        HttpResponse<String> response = session.post("/login", Map.of("username", username, "password", Fixtures.PASSWORD));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        session.csrf = null; // a new session has a new token
        return session;
    }

    @BeforeEach
    void data() throws Exception {
        org = fixtures.organization();
        admin = login(fixtures.admin(org).username());
    }

    static String nationalLine(String ptvId) throws Exception {
        return PtvImportTest.lines(PtvImportTest.nationalFile()).stream().filter(l -> l.contains("\"" + ptvId + "\"")).findFirst().orElseThrow();
    }

    static byte[] file(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** One good line, one broken JSON line, one line without a Finnish name. */
    static byte[] mixedFile() throws Exception {
        return file(nationalLine(GOOD_ID),
                "{\"id\": \"6a0b9c2e-0000-4000-8000-000000000001\", \"name\": {\"fi\": \"Rikki\"",
                "{\"id\": \"" + NO_FINNISH_ID + "\", \"name\": {\"sv\": \"Bara svenska\"}}");
    }

    CatalogueService imported() {
        return catalogue.byPtvId(org.id(), UUID.fromString(GOOD_ID)).orElseThrow();
    }

    /** The edit form as the page shows it, ready to post back. */
    static Map<String, String> formOf(CatalogueService s) {
        ServiceForm f = ServiceForm.of(s);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("nameFi", f.nameFi());
        form.put("nameSv", f.nameSv() == null ? "" : f.nameSv());
        form.put("nameEn", f.nameEn() == null ? "" : f.nameEn());
        form.put("summaryFi", f.summaryFi() == null ? "" : f.summaryFi());
        form.put("summarySv", f.summarySv() == null ? "" : f.summarySv());
        form.put("summaryEn", f.summaryEn() == null ? "" : f.summaryEn());
        form.put("descriptionFi", f.descriptionFi() == null ? "" : f.descriptionFi().replace("\n", "\r\n")); // as a browser sends it
        form.put("descriptionSv", f.descriptionSv() == null ? "" : f.descriptionSv().replace("\n", "\r\n"));
        form.put("descriptionEn", f.descriptionEn() == null ? "" : f.descriptionEn().replace("\n", "\r\n"));
        form.put("keywords", f.keywords());
        form.put("unitId", f.unitId());
        form.put("open311Code", f.open311Code() == null ? "" : f.open311Code());
        return form;
    }

    List<JsonNode> exported(Session session) throws Exception {
        HttpResponse<byte[]> export = session.download("/workspace/admin/catalogue/export");
        assertThat(export.statusCode()).isEqualTo(200);
        return PtvImportTest.lines(export.body()).stream().map(l -> JSON.readTree(l)).toList();
    }

    // ------------------------------------------------------------------ import and export

    @Test
    void anUploadImportsTheGoodLineAndReportsEverySkippedLineWithItsReason() throws Exception {
        HttpResponse<String> page = admin.upload("ptv.jsonl", mixedFile());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<li id=\"report-imported\">Uusia palveluja: 1</li>")
                .contains("<li id=\"report-updated\">Päivitettyjä palveluja: 0</li>")
                .contains("<li id=\"report-skipped\">Ohitettuja rivejä: 2</li>")
                .containsPattern("<td>2</td>\\s*<td>–</td>\\s*<td>\\s*<span>Rivi ei ole kelvollista JSONia.</span>")
                .containsPattern("<td>3</td>\\s*<td>" + NO_FINNISH_ID + "</td>\\s*<td>\\s*<span>Suomenkielinen nimi puuttuu.</span>")
                .contains("<span lang=\"en\">missing Finnish name</span>")
                .contains("Kunnan vuokra-asunnot");
        assertThat(catalogue.list(org.id())).extracting(s -> s.name().fi()).containsExactly("Kunnan vuokra-asunnot");

        // the report page's language switch leads to the list in that language
        HttpResponse<String> switched = admin.get("/workspace/admin/catalogue/import?lang=sv");
        assertThat(switched.statusCode()).isEqualTo(302);
        assertThat(switched.headers().firstValue("Location").orElseThrow()).endsWith("/workspace/admin/catalogue");
        assertThat(admin.get("/workspace/admin/catalogue").body()).contains("<h1>Tjänstekatalog</h1>");

        // the report in Swedish
        Session swedish = login(fixtures.admin(fixtures.organization()).username(), "sv");
        assertThat(swedish.upload("ptv.jsonl", mixedFile()).body())
                .contains("Nya tjänster: 1").contains("Överhoppade rader: 2").contains("Det finska namnet saknas.");
    }

    @Test
    void theExportHoldsTheImportedServiceAndImportsBackToTheSame() throws Exception {
        admin.upload("ptv.jsonl", mixedFile());
        HttpResponse<byte[]> export = admin.download("/workspace/admin/catalogue/export");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson").containsIgnoringCase("charset=UTF-8");
        assertThat(export.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment").contains(".jsonl");
        List<JsonNode> lines = PtvImportTest.lines(export.body()).stream().map(l -> JSON.readTree(l)).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().get("id").asString()).isEqualTo(GOOD_ID);
        assertThat(lines.getFirst().get("name").get("fi").asString()).isEqualTo("Kunnan vuokra-asunnot");

        HttpResponse<String> again = admin.upload("export.jsonl", export.body());
        assertThat(again.body()).contains("Uusia palveluja: 0").contains("Päivitettyjä palveluja: 1").contains("Ohitettuja rivejä: 0")
                .doesNotContain("id=\"skipped\"");
        assertThat(catalogue.list(org.id())).hasSize(1);
        assertThat(exported(admin)).isEqualTo(lines);

        // and into another organization, to the same service
        Session other = login(fixtures.admin(fixtures.organization()).username());
        assertThat(other.upload("export.jsonl", export.body()).body()).contains("Uusia palveluja: 1");
        assertThat(exported(other)).isEqualTo(lines);
    }

    @Test
    void aFileThatIsEmptyNotUtf8NotJsonLinesOrTooLargeGetsAClearMessageAndNothingIsLost() throws Exception {
        admin.upload("ptv.jsonl", mixedFile());
        assertThat(catalogue.list(org.id())).hasSize(1);

        byte[] latin1 = ("{\"id\": \"6a0b9c2e-0000-4000-8000-000000000009\", \"name\": {\"fi\": \"Päiväkoti\"}}\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Map<byte[], String> refused = new LinkedHashMap<>();
        refused.put(latin1, "Tiedosto ei ole UTF-8-merkistössä (rivi 1). Tallenna se UTF-8-muodossa ja tuo uudelleen. Mitään ei tuotu.");
        refused.put(new byte[0], "Tiedosto on tyhjä.");
        refused.put(" \r\n\n".getBytes(StandardCharsets.UTF_8), "Tiedosto on tyhjä.");
        refused.put("nimi;koodi\nPäiväkoti;1\n".getBytes(StandardCharsets.UTF_8), "Tiedosto ei ole JSON lines -muodossa");
        refused.put("{\n  \"id\": \"6a0b9c2e-0000-4000-8000-000000000009\",\n  \"name\": {\"fi\": \"Kaunis\"}\n}\n".getBytes(StandardCharsets.UTF_8),
                "Tiedosto ei ole JSON lines -muodossa");
        for (var entry : refused.entrySet()) {
            HttpResponse<String> page = admin.upload("ptv.jsonl", entry.getKey());
            assertThat(page.statusCode()).as(entry.getValue()).isEqualTo(200);
            assertThat(page.body()).as(entry.getValue())
                    .contains("<title>Virhe:")
                    .contains("href=\"#file\"")
                    .contains("id=\"file-error\"")
                    .containsPattern("id=\"file\"[^>]*aria-invalid=\"true\"")
                    .contains(entry.getValue())
                    .doesNotContain("id=\"report\"");
        }
        // a form without a file chosen (a browser sends an empty part without a name)
        HttpResponse<String> none = admin.upload("", new byte[0]);
        assertThat(none.body()).contains("Valitse tuotava tiedosto.");

        // a file over the upload limit: the localized 413 page, and the session still works
        byte[] huge = new byte[11 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        HttpResponse<String> tooLarge = admin.upload("ptv.jsonl", huge);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("lang=\"fi\"").contains("Lähettämäsi tiedot tai liitteet ovat liian suuria.");
        assertThat(admin.get("/workspace/admin/catalogue").statusCode()).isEqualTo(200);

        // a UTF-8 byte order mark is no problem
        byte[] bom = file("{\"id\": \"6a0b9c2e-0000-4000-8000-000000000010\", \"name\": {\"fi\": \"BOM-palvelu\"}}");
        byte[] withBom = new byte[bom.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(bom, 0, withBom, 3, bom.length);
        assertThat(admin.upload("bom.jsonl", withBom).body()).contains("Uusia palveluja: 1");

        assertThat(catalogue.list(org.id())).extracting(s -> s.name().fi()).containsExactlyInAnyOrder("Kunnan vuokra-asunnot", "BOM-palvelu");
    }

    // ------------------------------------------------------------------ editing a service

    @Test
    void newKeywordsReachRoutingAndEverythingTheFormDoesNotShowIsKept() throws Exception {
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        admin.upload("ptv.jsonl", mixedFile());
        CatalogueService service = imported();
        JsonNode exportedBefore = exported(admin).stream().filter(l -> l.get("id").asString().equals(GOOD_ID)).findFirst().orElseThrow();
        String text = "Kysymys zorblaxeista ja zorblaxin käytöstä";
        JsonNode before = suggest(text);

        HttpResponse<String> edit = admin.get("/workspace/admin/catalogue/" + service.id());
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(edit.body()).contains("value=\"Kunnan vuokra-asunnot\"").contains("id=\"keywords\"").contains("id=\"unitId\"");
        Map<String, String> form = formOf(service);
        form.put("keywords", "zorblax, Zorblax\r\n  vuokra-asunto  \r\n\r\nzorblaxit,");
        form.put("unitId", org.service().id().toString());
        form.put("open311Code", "ASUNNOT-1");
        HttpResponse<String> saved = admin.post("/workspace/admin/catalogue/" + service.id(), form);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/workspace/admin/catalogue");
        assertThat(admin.get("/workspace/admin/catalogue").body()).contains("Palvelu Kunnan vuokra-asunnot tallennettiin.");

        CatalogueService after = catalogue.find(org.id(), service.id()).orElseThrow();
        assertThat(after.keywords()).containsExactly("zorblax", "vuokra-asunto", "zorblaxit");
        assertThat(after.unitId()).isEqualTo(org.service().id());
        assertThat(after.open311Code()).isEqualTo("ASUNNOT-1");
        assertThat(after.description()).isEqualTo(service.description());
        assertThat(after.instructions()).isEqualTo(service.instructions());
        assertThat(after.lifeEvents()).isEqualTo(service.lifeEvents());
        assertThat(after.targetGroups()).isEqualTo(service.targetGroups());
        assertThat(after.serviceClasses()).isEqualTo(service.serviceClasses());
        assertThat(after.ptvId()).isEqualTo(service.ptvId());
        assertThat(after.internal()).isFalse();

        // the export differs only by what was edited: the keywords and the Open311 code
        JsonNode exportedAfter = exported(admin).stream().filter(l -> l.get("id").asString().equals(GOOD_ID)).findFirst().orElseThrow();
        tools.jackson.databind.node.ObjectNode expected = (tools.jackson.databind.node.ObjectNode) exportedBefore.deepCopy();
        expected.putArray("keywords").add("zorblax").add("vuokra-asunto").add("zorblaxit");
        expected.put("open311Code", "ASUNNOT-1");
        assertThat(exportedAfter).isEqualTo(expected);

        // routing learnt the new keyword at once
        assertThat(before.get("outcome").asString()).as("no service known for the word yet").isEqualTo("TRIAGE");
        JsonNode now = suggest(text);
        assertThat(now.get("outcome").asString()).isEqualTo("ROUTED");
        assertThat(now.get("services").get(0).get("id").asString()).isEqualTo(service.id().toString());
        assertThat(confidence(now, service.id())).isGreaterThan(confidence(before, service.id()));
    }

    JsonNode suggest(String text) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/routing/suggest"))
                .header("Authorization", "Bearer " + org.apiToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + text + "\", \"language\": \"fi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static double confidence(JsonNode suggestion, UUID service) {
        for (JsonNode s : suggestion.get("services")) {
            if (s.get("id").asString().equals(service.toString())) return s.get("confidence").asDouble();
        }
        return 0;
    }

    @Test
    void errorsAreShownBesideTheFieldsInTheUsersLanguageAndKeepWhatWasTyped() throws Exception {
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        admin.upload("ptv.jsonl", mixedFile());
        CatalogueService service = imported();

        Map<String, String> form = formOf(service);
        form.put("nameFi", "  ");
        form.put("nameSv", "Kommunala hyresbostäder <i>nya</i>");
        form.put("keywords", IntStream.rangeClosed(1, 101).mapToObj(i -> "sana" + i).collect(Collectors.joining(", ")));
        form.put("unitId", UUID.randomUUID().toString());
        form.put("open311Code", "171"); // a Helsinki feedback service's
        HttpResponse<String> page = admin.post("/workspace/admin/catalogue/" + service.id(), form);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("<title>Virhe:");
        for (String field : List.of("name-fi", "keywords", "unitId", "open311Code")) {
            assertThat(page.body()).as(field)
                    .contains("href=\"#" + field + "\"")
                    .contains("id=\"" + field + "-error\"")
                    .containsPattern("id=\"" + field + "\"[^>]*aria-invalid=\"true\"");
        }
        assertThat(page.body())
                .contains("Kirjoita palvelun nimi suomeksi.")
                .contains("Hakusanoja on liikaa: enintään 100, nyt 101.")
                .contains("Valitse yksikkö luettelosta.")
                .contains("Open311-koodi 171 on jo toisella palvelulla.")
                .contains("value=\"Kommunala hyresbostäder &lt;i&gt;nya&lt;/i&gt;\"")
                .contains("sana1, sana2, sana3")
                .contains("sana101");
        assertThat(catalogue.find(org.id(), service.id()).orElseThrow()).isEqualTo(service);

        // in Swedish
        Session swedish = login(org.organization().slug() + "-admin", "sv");
        assertThat(swedish.post("/workspace/admin/catalogue/" + service.id(), form).body())
                .contains("<title>Fel:").contains("Skriv tjänstens namn på finska.").contains("För många sökord: högst 100, nu 101.");

        // a keyword too long, and a name too long
        form = formOf(service);
        form.put("keywords", "hyvä, " + "a".repeat(101));
        form.put("nameEn", "b".repeat(501));
        assertThat(admin.post("/workspace/admin/catalogue/" + service.id(), form).body())
                .contains("Hakusana on liian pitkä (enintään 100 merkkiä)")
                .contains("href=\"#name-en\"");
        assertThat(catalogue.find(org.id(), service.id()).orElseThrow()).isEqualTo(service);
    }

    @Test
    void anotherOrganizationsServiceIsNotFound() throws Exception {
        admin.upload("ptv.jsonl", mixedFile());
        CatalogueService service = imported();
        Session theirs = login(fixtures.admin(fixtures.organization()).username());

        assertThat(theirs.get("/workspace/admin/catalogue/" + service.id()).statusCode()).isEqualTo(404);
        assertThat(theirs.post("/workspace/admin/catalogue/" + service.id(), formOf(service)).statusCode()).isEqualTo(404);
        assertThat(theirs.get("/workspace/admin/catalogue").body()).doesNotContain("Kunnan vuokra-asunnot");
        assertThat(admin.get("/workspace/admin/catalogue/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(admin.get("/workspace/admin/catalogue/not-a-uuid").statusCode()).isIn(400, 404);
        assertThat(catalogue.find(org.id(), service.id()).orElseThrow()).isEqualTo(service);
    }

    // ------------------------------------------------------------------ who may

    @Test
    void onlyAdministrators() throws Exception {
        admin.upload("ptv.jsonl", mixedFile());
        CatalogueService service = imported();
        Session agent = login(org.agent().username());

        assertThat(agent.get("/workspace/admin/catalogue").statusCode()).isEqualTo(403);
        assertThat(agent.get("/workspace/admin/catalogue/" + service.id()).statusCode()).isEqualTo(403);
        assertThat(agent.download("/workspace/admin/catalogue/export").statusCode()).isEqualTo(403);
        agent.get("/workspace/directory");
        assertThat(agent.upload("ptv.jsonl", file(nationalLine(GOOD_ID).replace("Kunnan vuokra-asunnot", "Agentin nimi"))).statusCode()).isEqualTo(403);
        Map<String, String> form = formOf(service);
        form.put("keywords", "agentti");
        assertThat(agent.post("/workspace/admin/catalogue/" + service.id(), form).statusCode()).isEqualTo(403);
        assertThat(agent.get("/workspace/directory").body()).doesNotContain("/workspace/admin/catalogue");
        // the API does not take a staff session at all, only an API token
        HttpResponse<String> api = agent.http.send(agent.request("/api/v1/catalogue/services/import")
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(mixedFile())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

        assertThat(catalogue.find(org.id(), service.id()).orElseThrow()).isEqualTo(service);
        assertThat(admin.get("/workspace/directory").body()).contains("href=\"/workspace/admin/catalogue\"");
    }

    @Test
    void withoutTheCsrfTokenNothingIsImportedOrSaved() throws Exception {
        admin.get("/workspace/admin/catalogue");
        assertThat(admin.upload("ptv.jsonl", mixedFile(), null).statusCode()).isEqualTo(403);
        assertThat(catalogue.list(org.id())).isEmpty();

        admin.upload("ptv.jsonl", mixedFile());
        CatalogueService service = imported();
        Map<String, String> form = formOf(service);
        form.put("keywords", "väärennetty");
        assertThat(admin.postForm("/workspace/admin/catalogue/" + service.id(), form).statusCode()).isEqualTo(403);
        assertThat(catalogue.find(org.id(), service.id()).orElseThrow()).isEqualTo(service);
    }

    @Test
    void keywordsAreTrimmedAndKeptOnceWhateverTheirCase() {
        ServiceForm form = new ServiceForm("n", null, null, null, null, null, null, null, null,
                " Pysäköinti ,pysäköinti\n\nPYSÄKÖINTI,  asukas   pysäköinti \r\n, lupa,", "", "");
        assertThat(form.keywordList()).containsExactly("Pysäköinti", "asukas pysäköinti", "lupa");
        assertThat(new ServiceForm("n", null, null, null, null, null, null, null, null, null, null, null).keywordList()).isEmpty();
    }

    @Test
    void aLatin1FileIsFoundOnTheLineWhereItStopsBeingUtf8() {
        byte[] bytes = "{\"a\": 1}\n{\"b\": 2}\n{\"c\": \"ä\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(PtvUpload.firstLineNotUtf8(bytes, 0)).isEqualTo(3);
        assertThat(PtvUpload.firstLineNotUtf8("{\"c\": \"ä\"}\n".getBytes(StandardCharsets.UTF_8), 0)).isZero();
        assertThat(PtvUpload.importFile(catalogue, fixtures.organization().id(), bytes).refusal()).isEqualTo(PtvUpload.Refusal.NOT_UTF_8);
    }
}
