package fi.aspa.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.HistoricalCase;
import fi.aspa.cases.HistoricalCase.CustomerMessage;
import fi.aspa.cases.HistoricalCase.Reply;
import fi.aspa.cases.HistoricalCase.Step;
import fi.aspa.cases.ImportedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.identity.StaffUser;
import fi.aspa.insights.NetworkStore.Setting;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;


import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The customer-experience network: three sharing organizations (two named, one anonymous) with known cases in March
 * 2025 and two that do not share (one never did, one stopped), compared with exact figures and the network's median;
 * give to get; anonymity in the page and the CSV; who may see and change what; bad input.
 */
@AspaTest
class NetworkTest {
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    static final String MARCH = "/workspace/insights/network?from=3.3.2025&to=16.3.2025";
    static final String TOO_FEW = "liian vähän vertailuun";

    @Autowired Fixtures fixtures;
    @Autowired StaffPages pages;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired Organizations organizations;
    @Autowired NetworkStore store;
    @Autowired JdbcClient db;

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(HELSINKI).toInstant();
    }

    /** A fresh organization with this Finnish name (Swedish and English the same), units and staff. */
    Fixtures.Org organization(String name) {
        String slug = "net-" + UUID.randomUUID().toString().substring(0, 8);
        organizations.create(slug, new LocalizedText(name, name, name), "ASPA");
        return fixtures.organization(slug);
    }

    /** {@code n} cases opened ten minutes apart from 4 March 2025 08:00, each as {@code spec} says. */
    List<UUID> history(Fixtures.Org org, int n, IntFunction<Channel> channel, IntFunction<List<Step>> steps) {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, Language.FI));
        List<HistoricalCase> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new HistoricalCase(channel.apply(i), customer, "Asia " + i, "Teksti", Language.FI, null,
                    org.service().id(), null, Set.of(), Actor.customer(), opened(i), steps.apply(i)));
        }
        return cases.importHistorical(org.id(), list).stream().map(ImportedCase::id).toList();
    }

    static Instant opened(int i) {
        return at("2025-03-04T08:00").plus(Duration.ofMinutes(10L * i));
    }

    static Reply reply(Fixtures.Org org, int i, long hours, CaseStatus next) {
        return new Reply(opened(i).plus(Duration.ofHours(hours)), org.agent().id(), "Vastaus", next);
    }

    void share(Fixtures.Org org, StaffUser admin, boolean named) throws Exception {
        MockHttpServletResponse r = pages.send(admin, post("/workspace/admin/network").with(csrf())
                .param("shares", "true").param("visibility", named ? "named" : "anonymous"));
        assertThat(r.getStatus()).isEqualTo(302);
    }

    /** The comparison table's rows: cells joined with " | ", tags and extra spaces removed. */
    static List<String> rows(String html) {
        return InsightsTest.rows(html, "network");
    }

    @Test
    void exactFiguresOfThreeSharingOrganizationsAndTheMedianNoneOfTheOthers() throws Exception {
        // the network spans every organization on the platform: other tests' sharing organizations leave it first
        db.sql("update network_share set shares = false").update();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Fixtures.Org a = organization("Alfalan kaupunki " + suffix);
        Fixtures.Org b = organization("Betalan kunta " + suffix);
        Fixtures.Org c = organization("Salainen Gammala " + suffix);
        Fixtures.Org d = organization("Deltalan kunta " + suffix);
        Fixtures.Org e = organization("Epsilolan kunta " + suffix);
        StaffUser adminA = fixtures.admin(a);
        StaffUser adminB = fixtures.admin(b);
        StaffUser adminC = fixtures.admin(c);
        StaffUser adminD = fixtures.admin(d);
        StaffUser adminE = fixtures.admin(e);

        // A: 20 cases, 12 web form, 4 email, 2 phone, 2 walk-in; replied after 1..20 hours; the first 16 resolved
        // by the reply (16 resolved: under 20, so no resolution median nor reopen rate); the survey 15 of 20 satisfied
        List<UUID> ofA = history(a, 20, i -> i < 12 ? Channel.WEB_FORM : i < 16 ? Channel.EMAIL : i < 18 ? Channel.PHONE : Channel.WALK_IN,
                i -> List.of(reply(a, i, i + 1, i < 16 ? CaseStatus.RESOLVED : null)));
        for (int i = 0; i < ofA.size(); i++) {
            Timestamp invited = Timestamp.from(at("2025-03-06T12:00"));
            db.sql("""
                    insert into feedback_invitation (id, organization_id, case_id, unit_id, channel, language, token_sha256,
                                                     created_at, delivered, answered_at, score)
                    values (?, ?, ?, ?, 'WEB_FORM', 'fi', ?, ?, true, ?, ?)""")
                    .params(UUID.randomUUID(), a.id().value(), ofA.get(i), a.service().id(), UUID.randomUUID().toString(),
                            invited, invited, i < 15 ? 5 : 2).update();
        }
        // B: 40 cases, 20 web form, 10 phone, 10 appointments; each replied and resolved after 2 hours; 10 of them
        // reopened by the resident's new message 5 hours after opening
        history(b, 40, i -> i < 20 ? Channel.WEB_FORM : i < 30 ? Channel.PHONE : Channel.APPOINTMENT,
                i -> i % 4 == 0 ? List.of(reply(b, i, 2, CaseStatus.RESOLVED),
                        new CustomerMessage(opened(i).plus(Duration.ofHours(5)), Channel.WEB_FORM, "Vielä"))
                        : List.of(reply(b, i, 2, CaseStatus.RESOLVED)));
        // C (anonymous): 25 email cases replied after 4 hours, none resolved
        history(c, 25, i -> Channel.EMAIL, i -> List.of(reply(c, i, 4, null)));
        // D never shares; E shared and stopped: neither is compared, both have cases
        history(d, 30, i -> Channel.PHONE, i -> List.of(reply(d, i, 1, CaseStatus.RESOLVED)));
        history(e, 30, i -> Channel.PHONE, i -> List.of(reply(e, i, 1, CaseStatus.RESOLVED)));

        share(a, adminA, true);
        share(b, adminB, true);
        share(c, adminC, false);
        share(e, adminE, true);
        assertThat(pages.send(adminE, post("/workspace/admin/network").with(csrf())
                .param("shares", "false").param("visibility", "named")).getStatus()).isEqualTo(302);

        String header = "Organisaatio | Yhteydenotot | Digitaaliset kanavat | Puhelin | Käynnit ja ajanvaraukset"
                + " | Ensimmäinen vastaus (mediaani, tuntia) | Ratkaisu (mediaani, tuntia) | Ratkaistu | Avattu uudelleen"
                + " | CSAT | Kyselyn vastausprosentti | Palvelutaso: ensimmäinen vastaus | Palvelutaso: ratkaisu";
        String rowA = "20 | 80 % | 10 % | 10 % | 10,5 | " + TOO_FEW + " | 80 % | " + TOO_FEW + " | 75 % | 100 % | "
                + TOO_FEW + " | " + TOO_FEW;
        String rowB = "40 | 50 % | 25 % | 25 % | 2,0 | 2,0 | 100 % | 25 % | " + TOO_FEW + " | " + TOO_FEW + " | "
                + TOO_FEW + " | " + TOO_FEW;
        String rowC = "25 | 100 % | 0 % | 0 % | 4,0 | " + TOO_FEW + " | 0 % | " + TOO_FEW + " | " + TOO_FEW + " | "
                + TOO_FEW + " | " + TOO_FEW + " | " + TOO_FEW;
        // medians: contacts of 20, 25, 40; digital of 50, 80, 100 %; first reply of 2, 4, 10.5 hours; resolved of
        // 0, 80, 100 %; the rest of the one organization compared; no one's service levels
        String median = "Verkoston mediaani | 25 | 80 % | 10 % | 10 % | 4,0 | 2,0 | 80 % | 25 % | 75 % | 100 % | ei laskettavaa | ei laskettavaa";

        String pageA = pages.page(adminA, MARCH);
        assertThat(rows(pageA)).containsExactly(header,
                "Alfalan kaupunki " + suffix + " (oma organisaatio) | " + rowA,
                "Betalan kunta " + suffix + " | " + rowB,
                "Organisaatio A | " + rowC,
                median);
        assertThat(pageA).contains("id=\"own-row\"", "Lukunsa jakavat organisaatiot (3)",
                "Muut verkoston organisaatiot näkevät organisaationne nimellä: Alfalan kaupunki " + suffix)
                .doesNotContain("Salainen Gammala", "Deltalan", "Epsilolan", c.organization().slug(), "NaN");
        // every metric is defined on the page
        for (NetworkComparison.Metric m : NetworkComparison.Metric.values()) assertThat(pageA).contains("id=\"definition-" + m.code + "\"");

        // English, where a definition's apostrophe (a typographic one: MessageFormat would drop a plain one) stays
        assertThat(pages.in("en").page(adminA, MARCH)).contains(
                "The share of the period’s contacts by phone. Compared from 20 contacts.",
                "Organizations sharing their figures (3) and the network’s median", "too few to compare");

        // C sees itself by name and marked, and is told how the others see it
        String pageC = pages.page(adminC, MARCH);
        assertThat(rows(pageC)).contains("Salainen Gammala " + suffix + " (oma organisaatio) | " + rowC, median);
        assertThat(rows(pageC).get(1)).startsWith("Salainen Gammala");
        assertThat(pageC).contains("nimellä: Organisaatio A.");

        // the CSV: the same table, the anonymous one unnamed
        MockHttpServletResponse csv = pages.send(adminB, get("/workspace/insights/network.csv?from=3.3.2025&to=16.3.2025"));
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getHeader("Content-Disposition")).contains("network-2025-03-03-2025-03-16.csv");
        String text = csv.getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFAsiakaskokemusverkosto;2025-03-03;2025-03-16\r\n")
                .contains("Betalan kunta " + suffix + " (oma organisaatio);40;50 %;25 %;25 %;2,0;2,0;100 %;25 %;",
                        "Organisaatio A;25;100 %;0 %;0 %;4,0;", "Verkoston mediaani;25;80 %;")
                .doesNotContain("Salainen Gammala", "Deltalan", "Epsilolan");
        assertThat(pages.in("sv").send(adminB, get("/workspace/insights/network.csv?from=3.3.2025&to=16.3.2025"))
                .getContentAsString(StandardCharsets.UTF_8)).contains("Organisation A;25;100 %;0 %;0 %;4,0;", "för få för jämförelse");

        // give to get: D and E see an explanation and no one's figures, and get no CSV
        for (StaffUser outsider : List.of(adminD, adminE)) {
            String page = pages.page(outsider, MARCH);
            assertThat(page).contains("id=\"not-shared\"", "Organisaatio ei jaa lukujaan verkostolle")
                    .doesNotContain("id=\"network\"", "Alfalan", "Betalan", "Organisaatio A");
            MockHttpServletResponse refused = pages.send(outsider, get("/workspace/insights/network.csv?from=3.3.2025&to=16.3.2025"));
            assertThat(refused.getStatus()).isEqualTo(403);
            assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("Alfalan");
        }
        // the dashboard links administrators to the comparison, with the period
        assertThat(pages.page(adminA, "/workspace/insights?days=7")).contains("href=\"/workspace/insights/network?days=7\"");
        assertThat(pages.page(a.manager(), "/workspace/insights")).doesNotContain("id=\"network-link\"");
    }

    @Test
    void theSettingIsTheAdministratorsOwnOrganizationsAndEveryChangeIsRecorded() throws Exception {
        Fixtures.Org org = organization("Kotila");
        Fixtures.Org other = organization("Muula");
        StaffUser admin = fixtures.admin(org);
        StaffUser otherAdmin = fixtures.admin(other);

        String first = pages.page(admin, "/workspace/admin/network");
        assertThat(first).contains("Lukuja ei jaeta.", "id=\"history-empty\"")
                .contains("id=\"shares-false\" value=\"false\" checked=\"checked\"")
                .contains("id=\"visibility-anonymous\" value=\"anonymous\" checked=\"checked\"");
        assertThat(store.setting(org.id())).isEqualTo(Setting.NOT_SHARED);
        assertThat(pages.page(admin, "/workspace/admin")).contains("href=\"/workspace/admin/network\"");

        share(org, admin, false);
        assertThat(store.setting(org.id())).isEqualTo(new Setting(true, false));
        // another organization's administrator changes their own only, whatever the form says
        assertThat(pages.send(otherAdmin, post("/workspace/admin/network").with(csrf()).param("shares", "true")
                .param("visibility", "named").param("organization", org.id().value().toString())
                .param("organizationId", org.id().value().toString())).getStatus()).isEqualTo(302);
        assertThat(store.setting(org.id())).isEqualTo(new Setting(true, false));
        assertThat(store.setting(other.id())).isEqualTo(new Setting(true, true));

        share(org, admin, true);
        // the same again: nothing recorded
        MockHttpServletResponse same = pages.send(admin, post("/workspace/admin/network").with(csrf())
                .param("shares", "true").param("visibility", "named"));
        assertThat(same.getStatus()).isEqualTo(302);
        assertThat(same.getRedirectedUrl()).isEqualTo("/workspace/admin/network");
        assertThat(store.changes(org.id())).extracting(NetworkStore.Change::setting)
                .containsExactly(new Setting(true, true), new Setting(true, false));
        String page = pages.page(admin, "/workspace/admin/network");
        assertThat(page).contains("Luvut jaetaan, nimi näkyy muille.", "Luvut jaetaan nimettömänä.", "Anna Admin")
                .doesNotContain("id=\"history-empty\"");
        assertThat(page.indexOf("Luvut jaetaan, nimi näkyy muille.", page.indexOf("id=\"history\"")))
                .as("newest first").isLessThan(page.indexOf("Luvut jaetaan nimettömänä.", page.indexOf("id=\"history\"")));
        assertThat(pages.in("sv").page(admin, "/workspace/admin/network")).contains("Siffrorna delas anonymt.");

        // agents and unit managers: 403 everywhere; signed out: to the login; no CSRF token: refused
        for (StaffUser someone : List.of(org.agent(), org.manager())) {
            assertThat(pages.send(someone, get("/workspace/admin/network")).getStatus()).isEqualTo(403);
            assertThat(pages.send(someone, post("/workspace/admin/network").with(csrf()).param("shares", "false")
                    .param("visibility", "named")).getStatus()).isEqualTo(403);
            assertThat(pages.send(someone, get("/workspace/insights/network")).getStatus()).isEqualTo(403);
            assertThat(pages.send(someone, get("/workspace/insights/network.csv")).getStatus()).isEqualTo(403);
        }
        assertThat(pages.send(get("/workspace/insights/network")).getStatus()).isEqualTo(302);
        assertThat(pages.send(admin, post("/workspace/admin/network").param("shares", "false").param("visibility", "named"))
                .getStatus()).isEqualTo(403);
        assertThat(store.setting(org.id())).isEqualTo(new Setting(true, true));
    }

    @Test
    void badInputIsALocalizedErrorNeverAGuess() throws Exception {
        Fixtures.Org org = organization("Virhelä");
        StaffUser admin = fixtures.admin(org);
        for (String[] form : List.of(new String[] {null, null}, new String[] {"yes", "named"},
                new String[] {"true", "<script>alert(1)</script>"}, new String[] {"true".repeat(3000), "named"})) {
            var request = post("/workspace/admin/network").with(csrf());
            if (form[0] != null) request.param("shares", form[0]);
            if (form[1] != null) request.param("visibility", form[1]);
            MockHttpServletResponse r = pages.send(admin, request);
            assertThat(r.getStatus()).as(String.join(",", String.valueOf(form[0]), String.valueOf(form[1]))).isEqualTo(400);
            String html = r.getContentAsString(StandardCharsets.UTF_8);
            assertThat(html).contains("class=\"error-summary\"", "aria-invalid=\"true\"").doesNotContain("<script>alert");
            assertThat(html.substring(html.indexOf("<title>"), html.indexOf("</title>"))).startsWith("<title>Virhe:");
            if (form[0] == null) assertThat(html).contains("Valitse, jaetaanko luvut.", "Valitse, näkyykö organisaation nimi.");
        }
        assertThat(store.setting(org.id())).as("nothing saved").isEqualTo(Setting.NOT_SHARED);
        assertThat(store.changes(org.id())).isEmpty();
        assertThat(pages.in("sv").send(admin, post("/workspace/admin/network").with(csrf()).param("shares", "true"))
                .getContentAsString(StandardCharsets.UTF_8)).contains("Välj om organisationens namn syns.");

        // a period: while not sharing, the explanation (no period is read); when sharing, field errors and 400
        assertThat(pages.send(admin, get("/workspace/insights/network?from=eilen&to=1.3.2025")).getStatus()).isEqualTo(200);
        share(org, admin, true);
        for (String query : List.of("from=31.2.2025&to=1.3.2025", "from=eilen&to=1.3.2025", "from=1.3.2025",
                "from=" + "9".repeat(5000) + "&to=1.3.2025", "from=2.3.2025&to=1.3.2025", "from=1.1.2024&to=1.3.2025",
                "from=%3Cscript%3E&to=1.3.2025")) {
            MockHttpServletResponse r = pages.send(admin, get("/workspace/insights/network?" + query));
            assertThat(r.getStatus()).as(query).isEqualTo(400);
            String html = r.getContentAsString(StandardCharsets.UTF_8);
            assertThat(html).as(query).contains("class=\"error-summary\"", "aria-invalid=\"true\"")
                    .doesNotContain("id=\"network\"", "<script>");
            MockHttpServletResponse csv = pages.send(admin, get("/workspace/insights/network.csv?" + query));
            assertThat(csv.getStatus()).as(query).isEqualTo(400);
        }
        assertThat(pages.send(admin, get("/workspace/insights/network?from=2.3.2025&to=1.3.2025"))
                .getContentAsString(StandardCharsets.UTF_8)).contains("Päättymispäivä ei voi olla ennen alkamispäivää.");
        assertThat(pages.in("sv").send(admin, get("/workspace/insights/network.csv?from=eilen&to=1.3.2025"))
                .getContentAsString(StandardCharsets.UTF_8)).contains("Skriv ett datum, till exempel");
        // an unknown preset is the default, as on the dashboard
        assertThat(pages.page(admin, "/workspace/insights/network?days=13")).contains("<option value=\"30\" selected=\"selected\">");
    }

    @Test
    void theDemoMakesAnOrganizationShareOnceAndKeepsAnAdministratorsChoice(
            @Autowired fi.aspa.identity.Staff staff, @Autowired fi.aspa.organization.PublicOrganization publicOrganization)
            throws Exception {
        NetworkDemoData demo = new NetworkDemoData(store, organizations, staff, publicOrganization);
        Fixtures.Org org = organization("Demola");
        assertThat(demo.seed(org.organization(), false)).as("no administrator: nothing").isZero();
        StaffUser admin = fixtures.admin(org);
        assertThat(demo.seed(org.organization(), false)).isEqualTo(1);
        assertThat(store.setting(org.id())).isEqualTo(new Setting(true, false));
        assertThat(store.changes(org.id())).singleElement().satisfies(c -> assertThat(c.changedBy()).isEqualTo(admin.id()));

        Fixtures.Org decided = organization("Päättälä");
        StaffUser decider = fixtures.admin(decided);
        assertThat(pages.send(decider, post("/workspace/admin/network").with(csrf()).param("shares", "false")
                .param("visibility", "anonymous")).getStatus()).isEqualTo(302);
        assertThat(store.changes(decided.id())).as("the default again: nothing to record").isEmpty();
        share(decided, decider, true);
        assertThat(pages.send(decider, post("/workspace/admin/network").with(csrf()).param("shares", "false")
                .param("visibility", "named")).getStatus()).isEqualTo(302);
        assertThat(demo.seed(decided.organization(), true)).as("an administrator chose not to share").isZero();
        assertThat(store.setting(decided.id())).isEqualTo(new Setting(false, true));
    }

    @Test
    void anonymousLettersRunPastZ() {
        assertThat(NetworkPages.letter(0)).isEqualTo("A");
        assertThat(NetworkPages.letter(25)).isEqualTo("Z");
        assertThat(NetworkPages.letter(26)).isEqualTo("AA");
        assertThat(NetworkPages.letter(27)).isEqualTo("AB");
        assertThat(NetworkPages.letter(26 + 26 * 26)).isEqualTo("AAA");
    }
}
