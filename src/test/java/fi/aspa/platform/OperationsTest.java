package fi.aspa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What operators and browsers rely on: health with the database, protected metrics, secure headers. */
@AspaTest
class OperationsTest {
    @LocalServerPort
    int port;
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) request.headers(headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthReportsTheDatabase() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"db\":{\"status\":\"UP\"}").contains("\"status\":\"UP\"");
    }

    @Test
    void metricsAreNotPublic() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isIn(302, 401, 403);
        assertThat(metrics.body()).doesNotContain("jvm_memory");
    }

    @Test
    void pagesCarrySecureHeaders() throws Exception {
        HttpResponse<String> page = get("/login");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).doesNotContain("style=\"").doesNotContain("<script>");
    }

    @Test
    void languageFollowsAcceptLanguageThenTheSwitch() throws Exception {
        assertThat(get("/login", "Accept-Language", "sv-FI,sv;q=0.9,en;q=0.5").body()).contains("<html lang=\"sv\"");
        assertThat(get("/login", "Accept-Language", "de-DE,en;q=0.5").body()).contains("<html lang=\"en\"");
        assertThat(get("/login", "Accept-Language", "de-DE").body()).contains("<html lang=\"fi\"");
        assertThat(get("/login", "Accept-Language", ";;;garbage").body()).contains("<html lang=\"fi\"");
        HttpResponse<String> switched = get("/login?lang=sv", "Accept-Language", "fi");
        assertThat(switched.body()).contains("<html lang=\"sv\"");
        assertThat(switched.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("aspa-lang=sv"));
        assertThat(get("/login?lang=xx", "Accept-Language", "fi").body()).contains("<html lang=\"fi\"");
    }

    @Test
    void unknownPagesAndApiPathsAnswerInTheirOwnFormat() throws Exception {
        HttpResponse<String> api = get("/api/v1/nothing-here");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void staticFilesAreServedFromTheirFoldersAndPagesLinkThem() throws Exception {
        String page = get("/contact").body();
        java.util.regex.Matcher htmx = java.util.regex.Pattern.compile("src=\"(/webjars/htmx\\.org/[^\"]+/htmx\\.min\\.js)\"").matcher(page);
        assertThat(htmx.find()).as("the page links htmx with its version").isTrue();
        for (String path : new String[] {htmx.group(1), "/webjars/htmx.org/dist/htmx.min.js", "/css/aspa.css", "/js/chat-console.js",
                "/chat/widget.js", "/chat/widget.css"}) {
            HttpResponse<String> file = get(path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type").orElseThrow()).as(path).containsAnyOf("text/css", "javascript");
        }
        assertThat(get("/css/no-such-file.css").statusCode()).isEqualTo(404);
    }
}
