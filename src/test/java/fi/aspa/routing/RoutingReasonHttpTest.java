package fi.aspa.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.cases.Priority;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routing decision's reason on the case page is in the page's language (rule, classifier and a person's
 * correction, in Finnish and Swedish), a decision stored before reasons had codes keeps its English text marked as
 * English, and the API keeps the English reason.
 */
@AspaTest
class RoutingReasonHttpTest {
    static final Locale FI = Locale.of("fi"), SV = Locale.of("sv");

    @Autowired Fixtures fixtures;
    @Autowired StaffPages pages;
    @Autowired Catalogue catalogue;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired Routing routing;
    @Autowired RoutingFeedback feedback;
    @Autowired RuleStore rules;
    @Autowired JdbcClient db;
    @LocalServerPort int port;

    Fixtures.Org org;

    @BeforeEach
    void setUp() {
        org = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
    }

    OpenedCase open(Channel channel, String subject, String body) {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, Language.FI));
        return cases.open(org.id(), new NewCase(channel, customer, subject, body, Language.FI, null, null, null, Set.of(), List.of(),
                Actor.customer()));
    }

    RoutingDecision decided(OpenedCase opened) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !routing.decisions(org.id(), opened.id()).isEmpty());
        return routing.decisions(org.id(), opened.id()).getFirst();
    }

    String reasonOnPage(String language, UUID caseId) throws Exception {
        String page = pages.in(language).page(org.agent(), "/workspace/cases/" + caseId);
        int start = page.indexOf("<p id=\"routing-reason\"");
        assertThat(start).as("the page shows a reason").isNotNegative();
        return page.substring(start, page.indexOf("</p>", start) + "</p>".length());
    }

    /** The paragraph as Thymeleaf writes a text without a language of its own. */
    static String paragraph(String text) {
        return "<p id=\"routing-reason\">" + escape(text) + "</p>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    static String decimal(double value, Locale locale) {
        return new DecimalFormat("0.00", DecimalFormatSymbols.getInstance(locale)).format(value);
    }

    String name(UUID serviceId, Language language) {
        return catalogue.find(org.id(), serviceId).orElseThrow().name().in(language);
    }

    @Test
    void aRulesReasonIsInThePagesLanguageAndInEnglishInTheApi() throws Exception {
        CatalogueService graffiti = catalogue.byOpen311Code(org.id(), "176").orElseThrow();
        rules.create(org.id(), "Töhryt sähköpostilla", true, new RoutingRule.Conditions(Channel.EMAIL, null, null, List.of("töhry"), null, null),
                new RoutingRule.Actions(graffiti.id(), null, null, Priority.HIGH, List.of()));
        OpenedCase opened = open(Channel.EMAIL, "Seinä töhritty", "Koulun seinässä on töhryjä.");
        RoutingDecision decision = decided(opened);
        assertThat(decision.structuredReason().code()).isEqualTo(RoutingReason.Code.RULE);

        assertThat(reasonOnPage("fi", opened.id()))
                .isEqualTo(paragraph("Sääntö 1 ”Töhryt sähköpostilla” osui: kanava Sähköposti, sana ”töhry”."));
        assertThat(reasonOnPage("sv", opened.id()))
                .isEqualTo(paragraph("Regel 1 ”Töhryt sähköpostilla” träffade: kanal E-post, ord ”töhry”."));
        assertThat(reasonOnPage("en", opened.id()))
                .isEqualTo(paragraph("Rule 1 “Töhryt sähköpostilla” matched: channel Email, keyword “töhry”."));

        HttpResponse<String> api = get("/api/v1/routing/cases/" + opened.id() + "/decisions");
        assertThat(api.statusCode()).isEqualTo(200);
        JsonNode first = JsonMapper.builder().build().readTree(api.body()).get(0);
        assertThat(first.get("reason").asString()).isEqualTo("Rule 1 'Töhryt sähköpostilla' matched: channel EMAIL, keyword 'töhry'.");
        JsonNode structured = first.get("structuredReason");
        assertThat(structured.get("code").asString()).isEqualTo("RULE");
        assertThat(structured.get("rulePosition").asInt()).isEqualTo(1);
        assertThat(structured.get("ruleName").asString()).isEqualTo("Töhryt sähköpostilla");
        assertThat(structured.get("conditions").toString())
                .isEqualTo("[{\"kind\":\"CHANNEL\",\"value\":\"EMAIL\"},{\"kind\":\"KEYWORD\",\"value\":\"töhry\"}]");
    }

    @Test
    void theClassifiersReasonAndAPersonsCorrectionAreInThePagesLanguage() throws Exception {
        CatalogueService signs = catalogue.byOpen311Code(org.id(), "198").orElseThrow();
        for (String t : List.of("Liikennemerkki kaatunut kadulle", "Liikennemerkki on vinossa", "Stop-merkki ajettu nurin",
                "Liikennemerkki puuttuu risteyksestä", "Nopeusrajoitusmerkki kaatunut")) {
            feedback.history(org.id(), t, Language.FI, signs.id());
        }
        OpenedCase opened = open(Channel.WEB_FORM, "Liikennemerkki kaatunut", "Liikennemerkki on kaatunut Koulukadun risteyksessä.");
        RoutingDecision decision = decided(opened);
        assertThat(decision.outcome()).isEqualTo(RoutingDecision.Outcome.ROUTED);
        assertThat(decision.serviceId()).isEqualTo(signs.id());
        RoutingReason why = decision.structuredReason();
        assertThat(why.code()).isEqualTo(RoutingReason.Code.CLASSIFIER);
        assertThat(why.serviceId()).isEqualTo(signs.id());
        assertThat(why.confidence()).isEqualTo(decision.confidence());
        assertThat(why.threshold()).isEqualTo(ServiceClassifier.TRIAGE_THRESHOLD);
        assertThat(why.words()).contains("liikennemerkki");
        String words = String.join(", ", why.words());

        assertThat(signs.name().sv()).isNotEqualTo(signs.name().fi());
        assertThat(reasonOnPage("fi", opened.id())).isEqualTo(paragraph("Paras osuma ”" + signs.name().fi() + "” (Open311 198) varmuudella "
                + decimal(decision.confidence(), FI) + " (kynnys " + decimal(ServiceClassifier.TRIAGE_THRESHOLD, FI)
                + "). Eniten painaneet sanat: " + words + ". Ohjattiin palvelun yksikölle."));
        assertThat(reasonOnPage("sv", opened.id())).isEqualTo(paragraph("Bästa träff ”" + signs.name().sv() + "” (Open311 198) med säkerheten "
                + decimal(decision.confidence(), SV) + " (tröskel " + decimal(ServiceClassifier.TRIAGE_THRESHOLD, SV)
                + "). Ord som vägde mest: " + words + ". Dirigerades till tjänstens enhet."));
        assertThat(reasonOnPage("fi", opened.id())).as("decimals as Finnish writes them").contains("varmuudella 0,").contains("kynnys 0,");

        // a person corrects it
        UUID right = decision.alternatives().stream().map(RoutingDecision.Alternative::serviceId).filter(s -> !s.equals(signs.id()))
                .findFirst().orElseThrow();
        assertThat(pages.send(post("/workspace/cases/" + opened.id() + "/service").with(pages.as(org.agent())).with(csrf())
                .param("service", right.toString())).getStatus()).isEqualTo(302);
        assertThat(routing.decisions(org.id(), opened.id()).getFirst().structuredReason().code()).isEqualTo(RoutingReason.Code.PERSON_CORRECTED);
        assertThat(reasonOnPage("fi", opened.id())).isEqualTo(paragraph("Henkilö korjasi palveluksi ”" + name(right, Language.FI)
                + "” (aiemmin ”" + signs.name().fi() + "”)."));
        assertThat(reasonOnPage("sv", opened.id())).isEqualTo(paragraph("Rättad av en person till ”" + name(right, Language.SV)
                + "” (tidigare ”" + signs.name().sv() + "”)."));

        // the API keeps the English reason
        HttpResponse<String> api = get("/api/v1/cases/" + opened.id());
        assertThat(api.statusCode()).isEqualTo(200);
        JsonNode routed = JsonMapper.builder().build().readTree(api.body()).get("routing");
        assertThat(routed.get("reason").asString())
                .isEqualTo("Corrected by a person to '" + name(right, Language.FI) + "' (was: " + signs.name().fi() + ").");
    }

    @Test
    void aDecisionStoredBeforeReasonCodesKeepsItsEnglishTextMarkedAsEnglish() throws Exception {
        OpenedCase opened = open(Channel.WEB_FORM, "Puiston penkki rikki", "Puiston penkki on rikottu.");
        RoutingDecision decision = decided(opened);
        assertThat(decision.structuredReason()).isNotNull();
        db.sql("update routing_decision set reason_args = null where id = ?").param(decision.id()).update();
        RoutingDecision old = routing.decisions(org.id(), opened.id()).getFirst();
        assertThat(old.structuredReason()).isNull();
        assertThat(routing.explain(org.id(), old, FI)).isEmpty();

        assertThat(reasonOnPage("fi", opened.id()))
                .isEqualTo("<p id=\"routing-reason\" lang=\"en\">" + escape(decision.reason()) + "</p>");
        JsonNode api = JsonMapper.builder().build().readTree(get("/api/v1/routing/cases/" + opened.id() + "/decisions").body()).get(0);
        assertThat(api.get("reason").asString()).isEqualTo(decision.reason());
        assertThat(api.path("structuredReason").path("code").isMissingNode()).as("no code before V307").isTrue();
    }

    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + org.apiToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
