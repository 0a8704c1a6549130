package fi.aspa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Local login over real HTTP: success, failure, and the lockout after repeated failures. */
@AspaTest
class LoginLockoutTest {
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient db;

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() throws Exception {
        Fixtures.Org org = fixtures.organization();
        String username = org.agent().username();
        for (int i = 0; i < StaffAccounts.MAX_FAILURES; i++) {
            assertThat(login(username, "wrong-" + i)).endsWith("/login?error");
        }
        assertThat(login(username, Fixtures.PASSWORD)).as("locked").endsWith("/login?error");
        assertThat(db.sql("select locked_until is not null from staff_user where username = ?").param(username)
                .query(Boolean.class).single()).isTrue();

        db.sql("update staff_user set locked_until = now() - interval '1 second' where username = ?").param(username).update();
        assertThat(login(username, Fixtures.PASSWORD)).as("lock expired").endsWith("/workspace");
    }

    @Test
    void successResetsTheFailureCount() throws Exception {
        Fixtures.Org org = fixtures.organization();
        String username = org.manager().username();
        login(username, "wrong");
        login(username, "wrong");
        assertThat(login(username, Fixtures.PASSWORD)).endsWith("/workspace");
        assertThat(db.sql("select failed_logins from staff_user where username = ?").param(username)
                .query(Integer.class).single()).isZero();
    }

    /** Logs in with a fresh session; returns where the login redirected to. */
    private String login(String username, String password) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
