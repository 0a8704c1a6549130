package fi.aspa.channels.email;

import fi.aspa.platform.SecretBox;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The mailbox pages over HTTP: only administrators, only their own organization, passwords write-only. */
@AspaTest
class MailboxAdminTest {
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Staff staff;
    @Autowired
    MailboxStore mailboxes;
    @Autowired
    SecretBox secrets;
    @Autowired
    JdbcClient db;

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

    Session login(String username) throws Exception {
        Session session = new Session();
        HttpResponse<String> response = session.post("/login", Map.of("username", username, "password", Fixtures.PASSWORD));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return session;
    }

    String admin(Fixtures.Org org) {
        return staff.createWithHash(org.id(), null, org.organization().slug() + "-admin", "Anna Admin", null,
                staff.hash(Fixtures.PASSWORD), EnumSet.of(Role.ADMIN), Language.FI).username();
    }

    static Map<String, String> form(String name, String address, String imapPassword) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("unitId", "");
        form.put("fromAddress", address);
        form.put("imapHost", "imap.example.fi");
        form.put("imapPort", "993");
        form.put("imapSecurity", "SSL");
        form.put("imapUsername", address);
        form.put("imapPassword", imapPassword);
        form.put("folder", "INBOX");
        form.put("smtpHost", "smtp.example.fi");
        form.put("smtpPort", "587");
        form.put("smtpSecurity", "STARTTLS");
        form.put("smtpUsername", address);
        form.put("smtpPassword", "smtp-secret");
        form.put("enabled", "true");
        return form;
    }

    @Test
    void onlyAdministratorsSeeMailboxes() throws Exception {
        Fixtures.Org org = fixtures.organization();
        Session agent = login(org.agent().username());
        assertThat(agent.get("/workspace/admin/mailboxes").statusCode()).isEqualTo(403);
        assertThat(agent.post("/workspace/admin/mailboxes", form("X", "x@example.fi", "p")).statusCode()).isEqualTo(403);
        assertThat(mailboxes.list(org.id())).isEmpty();
        assertThat(new Session().get("/workspace/admin/mailboxes").statusCode()).isEqualTo(302); // to the login page
    }

    @Test
    void passwordsAreWriteOnlyAndKeptWhenLeftBlank() throws Exception {
        Fixtures.Org org = fixtures.organization();
        Session admin = login(admin(org));
        HttpResponse<String> created = admin.post("/workspace/admin/mailboxes", form("Kirjaamo", "Kirjaamo@Example.fi", "imap-secret"));
        assertThat(created.statusCode()).isEqualTo(302);
        Mailbox mailbox = mailboxes.list(org.id()).getFirst();
        assertThat(mailbox.fromAddress()).isEqualTo("kirjaamo@example.fi");
        assertThat(mailbox.ackEnabled()).isFalse(); // the box was not ticked
        assertThat(mailboxes.password(mailbox, mailbox.imap(), "imap")).isEqualTo("imap-secret");
        assertThat(mailboxes.password(mailbox, mailbox.smtp(), "smtp")).isEqualTo("smtp-secret");

        String edit = admin.get("/workspace/admin/mailboxes/" + mailbox.id()).body();
        assertThat(edit).contains("imap.example.fi").doesNotContain("imap-secret").doesNotContain("smtp-secret")
                .doesNotContain(mailbox.imap().sealedPassword());

        Map<String, String> blank = form("Kirjaamo 2", "kirjaamo@example.fi", "");
        blank.put("smtpPassword", "");
        assertThat(admin.post("/workspace/admin/mailboxes/" + mailbox.id(), blank).statusCode()).isEqualTo(302);
        Mailbox kept = mailboxes.find(org.id(), mailbox.id()).orElseThrow();
        assertThat(kept.name()).isEqualTo("Kirjaamo 2");
        assertThat(mailboxes.password(kept, kept.imap(), "imap")).isEqualTo("imap-secret");
        assertThat(mailboxes.password(kept, kept.smtp(), "smtp")).isEqualTo("smtp-secret");

        assertThat(admin.post("/workspace/admin/mailboxes/" + mailbox.id(), form("Kirjaamo 2", "kirjaamo@example.fi", "new-secret"))
                .statusCode()).isEqualTo(302);
        Mailbox changed = mailboxes.find(org.id(), mailbox.id()).orElseThrow();
        assertThat(mailboxes.password(changed, changed.imap(), "imap")).isEqualTo("new-secret");

        // a second mailbox with the same address is refused beside the field, and the typed password is not echoed
        HttpResponse<String> duplicate = admin.post("/workspace/admin/mailboxes", form("Toinen", "kirjaamo@example.fi", "typed-secret"));
        assertThat(duplicate.statusCode()).isEqualTo(200);
        assertThat(duplicate.body()).contains("<title>Virhe:", "Organisaatiolla on jo postilaatikko tällä osoitteella.")
                .doesNotContain("typed-secret");
        assertThat(mailboxes.list(org.id())).hasSize(1);
    }

    @Test
    void anotherOrganizationsMailboxIsNotFound() throws Exception {
        Fixtures.Org mine = fixtures.organization();
        Fixtures.Org theirs = fixtures.organization();
        UUID their = mailboxes.create(theirs.id(), MailServer.input(MailServer.account(), null, true));
        Session admin = login(admin(mine));
        assertThat(admin.get("/workspace/admin/mailboxes/" + their).statusCode()).isEqualTo(404);
        assertThat(admin.post("/workspace/admin/mailboxes/" + their + "/enabled", Map.of("enabled", "false")).statusCode()).isEqualTo(404);
        assertThat(admin.post("/workspace/admin/mailboxes/" + their, form("Kaapattu", "x@example.fi", "p")).statusCode()).isEqualTo(404);
        assertThat(mailboxes.find(theirs.id(), their).orElseThrow().enabled()).isTrue();
        assertThat(admin.get("/workspace/admin/mailboxes/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(admin.get("/workspace/admin/mailboxes").body()).doesNotContain(their.toString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
