package fi.aspa.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routing pages over HTTP: the rule admin (admins only, validation, preview, order, organization walls), the
 * triage queue and its one-step choice, the one-step correction on the case page, and the case API's routing object.
 */
@AspaTest
@RecordApplicationEvents
class RoutingPagesHttpTest {
    @Autowired Fixtures fixtures;
    @Autowired Staff staff;
    @Autowired StaffPages pages;
    @Autowired Catalogue catalogue;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired Routing routing;
    @Autowired RoutingFeedback feedback;
    @Autowired RuleStore rules;
    @Autowired ApplicationEvents events;
    @LocalServerPort int port;

    Fixtures.Org org;
    StaffUser admin;
    CatalogueService graffiti;

    @BeforeEach
    void setUp() {
        org = fixtures.organization();
        admin = staff.createWithHash(org.id(), org.service().id(), org.organization().slug() + "-admin", "Anna Admin",
                "admin@" + org.organization().slug() + ".fi", staff.hash(Fixtures.PASSWORD), EnumSet.of(Role.ADMIN), Language.FI);
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        graffiti = catalogue.byOpen311Code(org.id(), "176").orElseThrow();
    }

    RequestPostProcessor as(StaffUser who) {
        return pages.as(who);
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(request);
    }

    String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    OpenedCase open(String subject, String body, UUID unit) {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, Language.FI));
        return cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, subject, body, Language.FI, null, unit, null,
                Set.of(), List.of(), Actor.customer()));
    }

    RoutingDecision decided(OpenedCase opened) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !routing.decisions(org.id(), opened.id()).isEmpty());
        return routing.decisions(org.id(), opened.id()).getFirst();
    }

    // ------------------------------------------------------------------ rule admin

    @Test
    void onlyAdministratorsManageRules() throws Exception {
        assertThat(send(get("/workspace/admin/routing").with(as(org.agent()))).getStatus()).isEqualTo(403);
        assertThat(send(get("/workspace/admin/routing").with(as(org.manager()))).getStatus()).isEqualTo(403);
        assertThat(send(post("/workspace/admin/routing").with(as(org.agent())).with(csrf()).param("name", "x")
                .param("unitId", org.service().id().toString())).getStatus()).isEqualTo(403);
        assertThat(rules.list(org.id())).isEmpty();
        assertThat(send(get("/workspace/admin/routing").with(as(admin))).getStatus()).isEqualTo(200);
        assertThat(send(post("/workspace/admin/routing").with(as(admin)).param("name", "x")
                .param("unitId", org.service().id().toString())).getStatus()).as("no CSRF token").isEqualTo(403);
    }

    @Test
    void badInputShowsTheErrorsBesideTheFieldsAndSavesNothing() throws Exception {
        Fixtures.Org other = fixtures.organization();
        MockHttpServletResponse response = send(post("/workspace/admin/routing").with(as(admin)).with(csrf())
                .param("name", " ").param("channel", "FAX").param("mailbox", "not an address").param("open311Code", "1 2")
                .param("language", "de").param("customerKind", "ALIEN").param("unitId", other.service().id().toString())
                .param("assigneeId", "nobody").param("priority", "NOW").param("tags", "x".repeat(51))
                .param("keywords", "a".repeat(61)));
        assertThat(response.getStatus()).isEqualTo(422);
        String html = body(response);
        assertThat(html).contains("<title>Virhe:");
        for (String field : List.of("name", "channel", "mailbox", "open311Code", "language", "customerKind", "unitId",
                "assigneeId", "priority", "tags", "keywords")) {
            assertThat(html).as(field).contains("href=\"#" + field + "\"").contains("id=\"" + field + "-error\"");
        }
        assertThat(html).contains("aria-invalid=\"true\"").contains("Anna säännölle nimi.").contains("Valitse jokin vaihtoehdoista.");
        assertThat(html).as("what was typed is kept").contains("value=\"not an address\"");

        MockHttpServletResponse noTarget = send(post("/workspace/admin/routing").with(as(admin)).with(csrf())
                .param("name", "No target").param("channel", "EMAIL"));
        assertThat(noTarget.getStatus()).isEqualTo(422);
        assertThat(body(noTarget)).contains("Valitse palvelu tai yksikkö.").contains("href=\"#serviceId\"");
        assertThat(rules.list(org.id())).isEmpty();
    }

    @Test
    void previewCountsTheLatestCasesBeforeSavingThenSaveMoveAndDisable() throws Exception {
        OpenedCase hole = open("Kuoppa kadulla", "Syvä kuoppa pyörätiellä.", org.service().id());
        open("Roskia puistossa", "Roskis täynnä.", org.service().id());
        open("Kuopat", "Kadulla on kuoppia.", org.service().id());

        MockHttpServletResponse preview = send(post("/workspace/admin/routing").with(as(admin)).with(csrf())
                .param("action", "preview").param("name", "Kuopat").param("keywords", "kuoppa")
                .param("unitId", org.building().id().toString()).param("enabled", "true"));
        assertThat(preview.getStatus()).isEqualTo(200);
        String html = body(preview);
        assertThat(html).contains("Tämä sääntö olisi osunut 2 asiaan viimeisistä 3 asiasta.")
                .contains(hole.reference()).contains("/workspace/cases/" + hole.id());
        assertThat(rules.list(org.id())).as("a preview saves nothing").isEmpty();

        MockHttpServletResponse saved = send(post("/workspace/admin/routing").with(as(admin)).with(csrf())
                .param("action", "save").param("name", "Kuopat").param("keywords", "kuoppa, katuvaurio")
                .param("unitId", org.building().id().toString()).param("enabled", "true").param("priority", "HIGH"));
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(saved.getRedirectedUrl()).isEqualTo("/workspace/admin/routing");
        RoutingRule first = rules.list(org.id()).getFirst();
        assertThat(first.when().keywords()).containsExactly("kuoppa", "katuvaurio");
        assertThat(first.then().priority()).isEqualTo(fi.aspa.cases.Priority.HIGH);
        assertThat(first.enabled()).isTrue();

        send(post("/workspace/admin/routing").with(as(admin)).with(csrf()).param("name", "Graffiti")
                .param("serviceId", graffiti.id().toString()).param("enabled", "true"));
        RoutingRule second = rules.list(org.id()).get(1);
        assertThat(second.name()).isEqualTo("Graffiti");
        String list = body(send(get("/workspace/admin/routing").with(as(admin))));
        assertThat(list).contains("Jokin sanoista: kuoppa, katuvaurio").contains("Palvelu: " + graffiti.name().fi() + " (176)").contains("Kiireellisyys: ");

        assertThat(send(post("/workspace/admin/routing/" + second.id() + "/move").with(as(admin)).with(csrf())
                .param("direction", "up")).getStatus()).isEqualTo(302);
        assertThat(rules.list(org.id())).extracting(RoutingRule::name).containsExactly("Graffiti", "Kuopat");
        assertThat(send(post("/workspace/admin/routing/" + second.id() + "/move").with(as(admin)).with(csrf())
                .param("direction", "sideways")).getStatus()).isEqualTo(422);

        send(post("/workspace/admin/routing/" + first.id() + "/enabled").with(as(admin)).with(csrf()).param("enabled", "false"));
        assertThat(rules.find(org.id(), first.id()).orElseThrow().enabled()).isFalse();

        MockHttpServletResponse edit = send(get("/workspace/admin/routing/" + first.id()).with(as(admin)));
        assertThat(edit.getStatus()).isEqualTo(200);
        assertThat(body(edit)).contains("value=\"kuoppa, katuvaurio\"").contains("olisi osunut 2 asiaan");

        // another organization's administrator finds no such rule
        Fixtures.Org other = fixtures.organization();
        StaffUser otherAdmin = staff.createWithHash(other.id(), other.service().id(), other.organization().slug() + "-admin",
                "Otto Admin", "admin@" + other.organization().slug() + ".fi", staff.hash(Fixtures.PASSWORD),
                EnumSet.of(Role.ADMIN), Language.FI);
        assertThat(send(get("/workspace/admin/routing/" + first.id()).with(as(otherAdmin))).getStatus()).isEqualTo(404);
        assertThat(send(post("/workspace/admin/routing/" + first.id() + "/delete").with(as(otherAdmin)).with(csrf())).getStatus()).isEqualTo(404);
        assertThat(body(send(get("/workspace/admin/routing").with(as(otherAdmin))))).doesNotContain("Kuopat");

        send(post("/workspace/admin/routing/" + first.id() + "/delete").with(as(admin)).with(csrf()));
        assertThat(rules.list(org.id())).extracting(RoutingRule::name).containsExactly("Graffiti");
        assertThat(rules.list(org.id()).getFirst().position()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ triage and correction

    @Test
    void aTriagedCaseIsRoutedInOneStepAndTheChoiceIsLearnt() throws Exception {
        OpenedCase vague = open("Kysymys", "Hei, voisitteko auttaa?", null);
        RoutingDecision triage = decided(vague);
        assertThat(triage.outcome()).isEqualTo(RoutingDecision.Outcome.TRIAGE);

        String page = body(send(get("/workspace/triage").with(as(org.agent()))));
        assertThat(page).contains(vague.reference()).contains("name=\"serviceId\"")
                .contains("value=\"" + triage.alternatives().getFirst().serviceId() + "\"");
        assertThat(body(send(get("/workspace/triage").with(as(org.manager()))))).contains(vague.reference());

        MockHttpServletResponse bad = send(post("/workspace/triage/" + vague.id()).with(as(org.agent())).with(csrf()).param("other", "x"));
        assertThat(bad.getStatus()).isEqualTo(422);
        assertThat(body(bad)).contains("<title>Virhe:").contains("href=\"#other-" + vague.id() + "\"");

        MockHttpServletResponse chosen = send(post("/workspace/triage/" + vague.id()).with(as(org.agent())).with(csrf())
                .param("serviceId", graffiti.id().toString()));
        assertThat(chosen.getStatus()).isEqualTo(302);
        assertThat(cases.summary(org.id(), vague.id()).orElseThrow().unitId()).isEqualTo(org.building().id());
        RoutingDecision decision = routing.decisions(org.id(), vague.id()).getFirst();
        assertThat(decision.serviceId()).isEqualTo(graffiti.id());
        assertThat(decision.decidedBy()).isEqualTo(org.agent().id());
        assertThat(decision.model()).isEqualTo(RoutingDecision.BY_PERSON);
        assertThat(feedback.recent(org.id(), 5)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(RoutingFeedback.Kind.CONFIRMED);
            assertThat(e.caseId()).isEqualTo(vague.id());
            assertThat(e.serviceId()).isEqualTo(graffiti.id());
        });
        assertThat(events.stream(CaseRouted.class).filter(e -> e.caseId().equals(vague.id()) && e.corrected())).singleElement().satisfies(e -> {
            assertThat(e.corrected()).isTrue();
            assertThat(e.serviceId()).isEqualTo(graffiti.id());
            assertThat(e.unitId()).isEqualTo(org.building().id());
        });
        assertThat(body(send(get("/workspace/triage").with(as(org.agent()))))).doesNotContain(vague.reference());

        // another organization's agent can neither see nor route it
        Fixtures.Org other = fixtures.organization();
        assertThat(body(send(get("/workspace/triage").with(as(other.agent()))))).doesNotContain(vague.reference());
        assertThat(send(post("/workspace/triage/" + vague.id()).with(as(other.agent())).with(csrf())
                .param("serviceId", graffiti.id().toString())).getStatus()).isEqualTo(404);
    }

    @Test
    void aCorrectionOnTheCasePageMovesTheCaseAndChangesTheNextSuggestion() throws Exception {
        OpenedCase opened = open("Skeittiparkin ramppi", "Skeittiparkin rampin reunalista irti", org.service().id());
        RoutingDecision kept = decided(opened);
        String text = "Skeittiparkin ramppi\nSkeittiparkin rampin reunalista irti";
        List<RoutingDecision.Alternative> before = routing.suggest(org.id(), text, Language.FI).ranked();
        assertThat(kept.serviceId()).isEqualTo(before.getFirst().serviceId());
        CatalogueService right = catalogue.find(org.id(), before.getLast().serviceId()).orElseThrow();
        assertThat(right.id()).isNotEqualTo(before.getFirst().serviceId());

        String page = body(send(get("/workspace/cases/" + opened.id()).with(as(org.agent()))));
        assertThat(page).contains("id=\"routing-service\"").contains("Luokittelijan ehdotus");

        MockHttpServletResponse bad = send(post("/workspace/cases/" + opened.id() + "/service").with(as(org.agent())).with(csrf())
                .param("service", UUID.randomUUID().toString()));
        assertThat(bad.getStatus()).isEqualTo(422);
        assertThat(body(bad)).contains("<title>Virhe:").contains("href=\"#routing-service\"").contains("Valitse palvelu.");

        MockHttpServletResponse corrected = send(post("/workspace/cases/" + opened.id() + "/service").with(as(org.agent()))
                .with(csrf()).param("service", right.id().toString()));
        assertThat(corrected.getStatus()).isEqualTo(302);
        assertThat(cases.summary(org.id(), opened.id()).orElseThrow().unitId()).isEqualTo(right.unitId());
        RoutingDecision decision = routing.decisions(org.id(), opened.id()).getFirst();
        assertThat(decision.decidedBy()).isEqualTo(org.agent().id());
        assertThat(decision.serviceId()).isEqualTo(right.id());
        assertThat(decision.reason()).startsWith("Corrected by a person");
        assertThat(feedback.recent(org.id(), 5)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(RoutingFeedback.Kind.CORRECTED);
            assertThat(e.previousServiceId()).isEqualTo(kept.serviceId());
            assertThat(e.text()).isEqualTo(text);
        });
        assertThat(events.stream(CaseRouted.class).filter(e -> e.caseId().equals(opened.id()) && e.corrected())).hasSize(1);
        assertThat(routing.suggest(org.id(), text, Language.FI).ranked().getFirst().serviceId())
                .as("the classifier learnt the correction").isEqualTo(right.id());
        assertThat(body(send(get("/workspace/cases/" + opened.id()).with(as(org.agent())))))
                .contains("Valitsija: " + org.agent().displayName());

        // the case API tells who decided
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/cases/" + opened.id()))
                .header("Authorization", "Bearer " + org.apiToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        JsonNode routed = JsonMapper.builder().build().readTree(api.body()).get("routing");
        assertThat(routed.get("serviceId").asString()).isEqualTo(right.id().toString());
        assertThat(routed.get("serviceName").asString()).isEqualTo(right.name().fi());
        assertThat(routed.get("unitId").asString()).isEqualTo(right.unitId().toString());
        assertThat(routed.get("decidedBy").asString()).isEqualTo(org.agent().id().toString());
        assertThat(routed.get("confidence").asDouble()).isEqualTo(1.0);
        assertThat(routed.get("reason").asString()).startsWith("Corrected by a person");
        assertThat(routed.get("outcome").asString()).isEqualTo("ROUTED");
    }
}
