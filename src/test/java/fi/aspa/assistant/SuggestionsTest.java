package fi.aspa.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.Language;
import fi.aspa.routing.CaseRouted;
import fi.aspa.routing.CasesRouted;
import fi.aspa.routing.Routing;
import fi.aspa.routing.RoutingDecision;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agent's suggestions: the panel (htmx fragment and page of its own), "Insert" (htmx swap keeping the agent's draft,
 * announced in the case page's own live region, and the no-JS form),
 * the fallback to another language, what was shown and used recorded, usage and the case's service raising an
 * article, resolved cases indexed and suggested as similar, and another organization seeing none of it.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuggestionsTest {
    @Autowired Fixtures fixtures;
    @Autowired SearchIndex index;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired StaffPages pages;
    @Autowired BotStore store;
    @Autowired Suggestions suggestions;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired Routing routing;
    @Autowired PersonalDataLog accessLog;

    Fixtures.Org org;
    Fixtures.Org other;
    Articles articles;

    @BeforeAll
    void setUp() {
        org = fixtures.organization();
        other = fixtures.organization();
        articles = new Articles().index(index, org.id());
    }

    OpenedCase aCase(Fixtures.Org in, Language language, String subject, String body) {
        UUID customer = customers.resolve(in.id(), ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, language));
        return cases.open(in.id(), new NewCase(Channel.WEB_FORM, customer, subject, body, language, null, in.service().id(), null,
                Set.of(), List.of(), Actor.customer()));
    }

    MockHttpServletResponse send(Fixtures.Org as, MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(as.agent(), request);
    }

    String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void thePanelSuggestsArticlesAndInsertPutsTheTextIntoTheReply() throws Exception {
        OpenedCase c = aCase(org, Language.FI, "Jäteastia jäi tyhjentämättä", "Jäteastiaamme ei tyhjennetty tiistaina, milloin se tyhjennetään?");
        String path = "/workspace/cases/" + c.id() + "/suggestions";

        MockHttpServletResponse fragment = send(org, get(path).header("HX-Request", "true"));
        assertThat(fragment.getStatus()).isEqualTo(200);
        String panel = body(fragment);
        assertThat(panel).doesNotContain("<html").contains("Jäteastian tyhjennys")
                .contains("Sisäinen ohje: jäteastian korvaaminen") // agents see INTERNAL articles
                .contains("/suggestions/" + articles.waste + "/insert").contains("hx-target=\"#reply-body\"")
                .contains("hx-post=\"/workspace/cases/" + c.id() + "/suggestions/" + articles.waste + "/insert\"")
                .contains("hx-include=\"#reply-body\"").contains("name=\"_csrf\"")
                .as("the live region is the case page's own, not the panel's").doesNotContain("suggestion-status");
        assertThat(panel.indexOf("Jäteastian tyhjennys")).isLessThan(panel.indexOf("Kirjaston aukioloajat") < 0 ? Integer.MAX_VALUE : panel.indexOf("Kirjaston aukioloajat"));

        String page = body(send(org, get(path)));
        assertThat(page).contains("<html").contains("<h1").contains(c.reference()).contains("Jäteastian tyhjennys")
                .contains("action=\"/workspace/cases/" + c.id() + "/suggestions/" + articles.waste + "/insert\"")
                .as("its own page has no reply box to swap: plain forms").doesNotContain("hx-post", "hx-target");

        String swap = body(send(org, post(path + "/" + articles.waste + "/insert").with(csrf()).header("HX-Request", "true")));
        assertThat(swap).contains("<textarea id=\"reply-body\" name=\"body\"")
                .contains(">Sekajäteastia tyhjennetään kahden viikon välein. Tyhjennyspäivän näet jätehuollon asiakasportaalista.")
                .contains("hx-swap-oob").contains("lisättiin vastaukseen");

        String form = body(send(org, post(path + "/" + articles.waste + "/insert").with(csrf())));
        assertThat(form).contains("<h1").contains("action=\"/workspace/cases/" + c.id() + "/reply\"")
                .contains("Jos jäteastia jäi tyhjentämättä, ilmoita siitä jätehuoltoon seuraavana arkipäivänä.");

        List<BotStore.Event> recorded = store.events(org.id(), c.id());
        assertThat(recorded).filteredOn(e -> e.action().equals("SHOWN")).extracting(BotStore.Event::documentId).contains(articles.waste);
        assertThat(recorded).filteredOn(e -> e.action().equals("USED")).extracting(BotStore.Event::documentId)
                .containsExactly(articles.waste, articles.waste);
        assertThat(recorded).allSatisfy(e -> assertThat(e.staffId()).isEqualTo(org.agent().id()));
    }

    @Test
    void insertKeepsTheDraftAndAddsTheArticleAfterItAndOnlyTheLiveRegionsContentsChange() throws Exception {
        OpenedCase c = aCase(org, Language.FI, "Jäteastia jäi tyhjentämättä", "Jäteastiaamme ei tyhjennetty tiistaina.");
        String insert = "/workspace/cases/" + c.id() + "/suggestions/" + articles.waste + "/insert";
        String article = "Sekajäteastia tyhjennetään kahden viikon välein.";
        // a long draft, as a browser posts a textarea (CRLF), with blank lines after it that are not kept
        String draft = "Hei Maija,\r\n\r\nkiitos viestistäsi. " + "Tarkistimme asian. ".repeat(400) + "\r\n\r\n  ";

        String swap = body(send(org, post(insert).with(csrf()).header("HX-Request", "true").param("body", draft)));
        String text = swap.substring(swap.indexOf('>', swap.indexOf("<textarea id=\"reply-body\"")) + 1, swap.indexOf("</textarea>"));
        assertThat(text).startsWith(escaped(draft.stripTrailing() + "\n\n" + article));
        assertThat(swap).as("only the contents of the case page's live region are replaced")
                .contains("<p hx-swap-oob=\"innerHTML:#suggestion-status\">")
                .doesNotContain("id=\"suggestion-status\"").doesNotContain("hx-swap-oob=\"true\"");

        assertThat(body(send(org, post(insert).with(csrf()).header("HX-Request", "true").param("body", " \r\n "))))
                .as("a blank draft: the article alone").contains("aria-describedby=\"reply-language\">" + article);
        assertThat(send(org, post(insert).header("HX-Request", "true").param("body", draft)).getStatus())
                .as("a post without the CSRF token").isEqualTo(403);

        String casePage = body(send(org, get("/workspace/cases/" + c.id())));
        assertThat(casePage).as("the case page has the one, empty live region, outside the loaded panel")
                .contains("<p id=\"suggestion-status\" class=\"hint\" role=\"status\"></p>");
    }

    /** As Thymeleaf writes text into HTML. */
    static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    @Test
    void aSwedishCustomerGetsTheFinnishTextWhenThereIsNoSwedishVersionAndItIsSaid() throws Exception {
        OpenedCase c = aCase(org, Language.SV, "Daghemsplats", "Hur ansöker jag om en plats i småbarnspedagogiken?");
        String swap = body(send(org, post("/workspace/cases/" + c.id() + "/suggestions/" + articles.daycare + "/insert")
                .with(csrf()).header("HX-Request", "true")));
        assertThat(swap).contains("Hae varhaiskasvatuspaikkaa viimeistään neljä kuukautta").contains("suomenkielinen");
        String form = body(send(org, post("/workspace/cases/" + c.id() + "/suggestions/" + articles.daycare + "/insert").with(csrf())));
        assertThat(form).as("without JavaScript: the pre-filled reply form says so too").contains("id=\"insert-notice\"")
                .contains("suomenkielinen").contains("Hae varhaiskasvatuspaikkaa viimeistään neljä kuukautta");
        Suggestions.Insert insert = suggestions.use(org.id(), c.id(), org.agent().id(), articles.waste);
        assertThat(insert.language()).isEqualTo(Language.SV);
        assertThat(insert.fallback()).isFalse();
        assertThat(insert.text()).contains("varannan vecka");
    }

    @Test
    void usedArticlesAndTheCaseServiceRankHigher() {
        OpenedCase first = aCase(org, Language.FI, "Pysäköintitunnus", "Tarvitsen pysäköintitunnuksen.");
        List<String> before = suggestions.forCase(org.id(), first.id(), org.agent().id()).articles().stream()
                .map(Suggestions.Article::id).toList();
        assertThat(before).contains(articles.parkingResidents, articles.parkingBusinesses);
        String second = before.indexOf(articles.parkingResidents) < before.indexOf(articles.parkingBusinesses)
                ? articles.parkingBusinesses : articles.parkingResidents;
        for (int i = 0; i < 3; i++) suggestions.use(org.id(), first.id(), org.agent().id(), second);
        OpenedCase later = aCase(org, Language.FI, "Pysäköintitunnus", "Tarvitsen pysäköintitunnuksen.");
        List<Suggestions.Article> after = suggestions.forCase(org.id(), later.id(), org.agent().id()).articles();
        assertThat(after.getFirst().id()).isEqualTo(second);
        assertThat(after.getFirst().uses()).isEqualTo(3);

        // A case routed to the waste service prefers the articles linked to it.
        OpenedCase routed = aCase(org, Language.FI, "Astia", "Rikkoutunut jäteastia, kirjasto ja pysäköinti");
        // the routing worker's own decision first: a stand-in event racing it over the case's rows could deadlock
        await().atMost(Duration.ofSeconds(30)).until(() -> !routing.decisions(org.id(), routed.id()).isEmpty());
        // (as the routing worker publishes it: the batch's event carries the case's decision)
        tx.executeWithoutResult(s -> events.publishEvent(new CasesRouted(org.id(), List.of(new CaseRouted(org.id(), routed.id(),
                UUID.randomUUID(), RoutingDecision.Outcome.ROUTED, Articles.WASTE_SERVICE, org.service().id(), 0.9, false)))));
        assertThat(store.caseService(org.id(), routed.id())).contains(Articles.WASTE_SERVICE);
        // a person's choice is heard on its own
        await().atMost(Duration.ofSeconds(30)).until(() -> !routing.decisions(org.id(), later.id()).isEmpty());
        tx.executeWithoutResult(s -> events.publishEvent(new CaseRouted(org.id(), later.id(), UUID.randomUUID(),
                RoutingDecision.Outcome.ROUTED, Articles.WASTE_SERVICE, org.service().id(), 1.0, true)));
        assertThat(store.caseService(org.id(), later.id())).contains(Articles.WASTE_SERVICE);
        assertThat(suggestions.forCase(org.id(), routed.id(), org.agent().id()).articles().getFirst().id())
                .isIn(articles.waste, articles.internalWaste);
    }

    @Test
    void resolvedCasesAreIndexedAndSuggestedAsSimilar() throws Exception {
        OpenedCase old = aCase(org, Language.FI, "Kompostori naapurin pihalla haisee", "Naapurin kompostori haisee pahasti, mitä voin tehdä?");
        cases.reply(org.id(), old.id(), Actor.staff(org.agent().id()), "Kompostorin hajuhaitasta voi tehdä ilmoituksen ympäristönsuojeluun.",
                CaseStatus.RESOLVED);
        await().atMost(Duration.ofSeconds(30)).until(() -> !index.search(SearchQuery.staffSearch(org.id(), "kompostori", Language.FI)
                .withTypes(Set.of(DocumentType.CASE)).withFilters(Map.of("resolved", "true"))).hits().isEmpty());
        OpenedCase unresolved = aCase(org, Language.FI, "Kompostori rikki", "Kompostorin kansi on rikki ja kompostori haisee.");
        await().atMost(Duration.ofSeconds(30)).until(() -> index.search(SearchQuery.staffSearch(org.id(), "kompostori", Language.FI)
                .withTypes(Set.of(DocumentType.CASE))).hits().stream().anyMatch(h -> h.id().equals(unresolved.id().toString())));
        OpenedCase now = aCase(org, Language.FI, "Kompostori haisee", "Taloyhtiön kompostori haisee.");
        String panel = body(send(org, get("/workspace/cases/" + now.id() + "/suggestions").header("HX-Request", "true")));
        assertThat(panel).contains(old.reference()).contains("/workspace/cases/" + old.id());
        assertThat(panel).doesNotContain("/workspace/cases/" + now.id() + "\"");
        assertThat(panel).as("only resolved cases are suggested").doesNotContain("/workspace/cases/" + unresolved.id() + "\"");
        assertThat(store.events(org.id(), now.id())).extracting(BotStore.Event::documentId).contains(old.id().toString());

        // Residents never find cases.
        assertThat(index.search(SearchQuery.publicSearch(org.id(), "kompostori", Language.FI)).hits()).isEmpty();
    }

    @Test
    void showingAnotherCustomersSimilarCaseIsALoggedView() throws Exception {
        UUID neighbour = customers.resolve(org.id(), ContactDetails.resident("Niilo Naapuri", "niilo.naapuri@example.fi", null, Language.FI));
        UUID asker = customers.resolve(org.id(), ContactDetails.resident("Kerttu Kysyjä", "kerttu.kysyja@example.fi", null, Language.FI));
        OpenedCase neighbours = resolved(neighbour, "Lumivalli tukkii liittymän", "Aurauskone jätti lumivallin liittymämme eteen.");
        OpenedCase neighboursAgain = resolved(neighbour, "Lumivalli taas liittymässä", "Lumivalli on taas liittymän edessä, aurauskone.");
        OpenedCase own = resolved(asker, "Lumivalli postilaatikon edessä", "Aurauskone jätti lumivallin postilaatikon eteen.");
        OpenedCase now = cases.open(org.id(), new NewCase(Channel.WEB_FORM, asker, "Lumivalli liittymässä",
                "Aurauskone jätti lumivallin liittymän eteen.", Language.FI, null, org.service().id(), null, Set.of(), List.of(),
                Actor.customer()));
        assertThat(accessLog.forCustomer(org.id(), neighbour, 100)).isEmpty();
        int askersBefore = accessLog.forCustomer(org.id(), asker, 100).size();

        String panel = body(send(org, get("/workspace/cases/" + now.id() + "/suggestions").header("HX-Request", "true")));
        assertThat(panel).contains(neighbours.reference(), neighboursAgain.reference(), own.reference());

        // one entry for the other customer, naming both of their cases shown
        assertThat(accessLog.forCustomer(org.id(), neighbour, 100)).singleElement().satisfies(e -> {
            assertThat(e.staffUserId()).isEqualTo(org.agent().id());
            assertThat(e.apiTokenId()).isNull();
            assertThat(e.purpose()).isEqualTo(Suggestions.PURPOSE);
            assertThat(e.detail()).contains(neighbours.reference(), neighboursAgain.reference(), now.reference());
        });
        // none for the case's own customer, whose case the agent is reading anyway
        assertThat(accessLog.forCustomer(org.id(), asker, 100)).hasSize(askersBefore);
    }

    /** A resolved case of the customer, once it is in the index as resolved. */
    OpenedCase resolved(UUID customer, String subject, String body) {
        OpenedCase c = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, subject, body, Language.FI, null,
                org.service().id(), null, Set.of(), List.of(), Actor.customer()));
        cases.reply(org.id(), c.id(), Actor.staff(org.agent().id()), "Aurauksesta vastaa katuyksikkö.", CaseStatus.RESOLVED);
        await().atMost(Duration.ofSeconds(30)).until(() -> index.search(SearchQuery.staffSearch(org.id(), "lumivalli", Language.FI)
                .withTypes(Set.of(DocumentType.CASE)).withFilters(Map.of("resolved", "true")).withLimit(20)).hits().stream()
                .anyMatch(h -> h.id().equals(c.id().toString())));
        return c;
    }

    @Test
    void anotherOrganizationSeesNothing() throws Exception {
        OpenedCase c = aCase(org, Language.FI, "Jäteastia", "Milloin jäteastia tyhjennetään?");
        assertThat(send(other, get("/workspace/cases/" + c.id() + "/suggestions")).getStatus()).isEqualTo(404);
        assertThat(send(other, post("/workspace/cases/" + c.id() + "/suggestions/" + articles.waste + "/insert").with(csrf())).getStatus()).isEqualTo(404);
        OpenedCase theirs = aCase(other, Language.FI, "Jäteastia", "Milloin jäteastia tyhjennetään?");
        String panel = body(send(other, get("/workspace/cases/" + theirs.id() + "/suggestions").header("HX-Request", "true")));
        assertThat(panel).doesNotContain("Jäteastian tyhjennys");
        assertThat(send(other, post("/workspace/cases/" + theirs.id() + "/suggestions/" + articles.waste + "/insert").with(csrf())).getStatus()).isEqualTo(404);
        assertThat(store.events(other.id(), c.id())).isEmpty();
    }
}
