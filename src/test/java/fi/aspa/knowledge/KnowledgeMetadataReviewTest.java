package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.assistant.BotReply;
import fi.aspa.assistant.BotSource;
import fi.aspa.assistant.Chatbot;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.catalogue.Concept;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchHit;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

/**
 * Which services and life events an article belongs to changes only when a reviewer publishes, like who may read it:
 * an agent who relinks a live article only proposes the new links with the new version. Until a unit manager
 * publishes, the residents' help by service and by life event, the article page's related services, the public
 * search (its keywords and its service and life-event filters) and the chatbot keep the published version's links.
 * The owner and the review date are the article's own bookkeeping (who is responsible for it, when it is stale): staff see
 * them, residents do not, and they change when saved. Over HTTP as the editors and residents use it, on real
 * PostgreSQL and Lucene, in the public test organization (the one {@code /help} serves).
 */
@AspaTest
class KnowledgeMetadataReviewTest {
    static final String SKATING = "urn:test:metadata:skating";
    static final String SWIMMING = "urn:test:metadata:swimming";
    static final String WINTER = "urn:test:metadata:winter";

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Knowledge knowledge;
    @Autowired Catalogue catalogue;
    @Autowired SearchIndex index;
    @Autowired Chatbot chatbot;
    @Autowired StaffPages pages;
    @Autowired JdbcClient db;

    Fixtures.Org pub;
    Editor manager;

    @BeforeEach
    void setUp() {
        // the public collection the chatbot's confidence is relative to, so that it answers when it should
        pub = HelpBotArticles.in(fixtures, knowledge, catalogue, index).org;
        manager = new Editor(pub.manager().id(), true);
    }

    /** A public service of its own with a life event of its own, words no other test uses. */
    CatalogueService service(String fi, String sv, String keyword, String lifeEvent, String eventFi, String eventSv) {
        return catalogue.create(pub.id(), new ServiceDraft(new LocalizedText(fi, sv, fi), null, null, null, List.of(keyword),
                null, null, List.of(new Concept(lifeEvent + ":" + UUID.randomUUID(), new LocalizedText(eventFi, eventSv, eventFi))),
                null, pub.service().id(), null, null, null, null, null, null, null));
    }

    Article published(ArticleDraft draft) {
        Article a = knowledge.create(pub.id(), manager, draft);
        knowledge.transition(pub.id(), a.id(), manager, Transition.SUBMIT);
        return knowledge.transition(pub.id(), a.id(), manager, Transition.PUBLISH);
    }

    /** The editor's form post with the article's current texts and visibility, as the agent's browser sends it. */
    void save(StaffUser who, Article a, List<UUID> services, List<String> lifeEvents, StaffUser owner, LocalDate reviewDate)
            throws Exception {
        ArticleVersion current = knowledge.find(pub.id(), a.id()).orElseThrow().current();
        MockHttpServletRequestBuilder request = post("/workspace/knowledge/" + a.id()).with(csrf())
                .param("visibility", current.visibility().name())
                .param("reviewDate", reviewDate == null ? "" : reviewDate.toString())
                .param("owner", owner == null ? "" : owner.id().toString()).param("note", "");
        for (Language l : Language.values()) {
            request.param("title-" + l.code(), current.text(l).title()).param("body-" + l.code(), current.text(l).body());
        }
        for (UUID s : services) request.param("services", s.toString());
        for (String e : lifeEvents) request.param("lifeEvents", e);
        MockHttpServletResponse response = pages.send(who, request);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/workspace/knowledge/" + a.id() + "?saved");
    }

    void transition(StaffUser who, Article a, Transition transition) throws Exception {
        MockHttpServletResponse response = pages.send(who, post("/workspace/knowledge/" + a.id() + "/transition").with(csrf())
                .param("action", transition.name()));
        assertThat(response.getStatus()).as(transition + ": " + response.getContentAsString()).isEqualTo(302);
    }

    String helpPage(String language, String pathAndQuery) {
        HelpClient.Response r = new HelpClient(port, language).get(pathAndQuery);
        assertThat(r.status()).as(pathAndQuery).isEqualTo(200);
        return HtmlUtils.htmlUnescape(r.body());
    }

    /** The part of a help page from the heading with the id to the end of its section. */
    static String section(String page, String headingId) {
        int start = page.indexOf("id=\"" + headingId + "\"");
        assertThat(start).as(headingId + " in\n" + page).isPositive();
        return page.substring(start, page.indexOf("</section>", start));
    }

    /** The articles the help page of a service lists ({@code /help?service=…}). */
    String helpForService(String language, CatalogueService service) {
        return section(helpPage(language, "/help?service=" + service.id()), "service-title");
    }

    /** The articles the help page lists under a life event ({@code /help?lifeEvent=…}). */
    String helpForLifeEvent(String language, String lifeEvent) {
        return section(helpPage(language, "/help?lifeEvent=" + encode(lifeEvent)), "life-events-title");
    }

    /** The article page's "related services". */
    String relatedServices(String language, Article a) {
        String page = helpPage(language, "/help/" + a.id());
        return page.contains("id=\"related-services\"") ? section(page, "related-services") : "";
    }

    /** The results of the residents' help search, optionally filtered by a service. */
    String helpSearch(String language, String query, CatalogueService filter) {
        String page = helpPage(language, "/help?q=" + encode(query) + (filter == null ? "" : "&fService=" + filter.id()));
        return HelpSearchHttpTest.results(page);
    }

    List<String> publicHits(String text, Language language, Map<String, String> filters) {
        return index.search(SearchQuery.publicSearch(pub.id(), text, language).withTypes(Set.of(DocumentType.ARTICLE))
                .withFilters(filters)).hits().stream().map(SearchHit::id).toList();
    }

    /** The chatbot's answer to a question asked on a service's page: articles linked to that service rank higher. */
    BotReply askOnServicePage(CatalogueService service, String question) {
        return chatbot.reply(pub.id(), Language.FI, question, "/services/" + service.id());
    }

    static List<String> sources(BotReply reply) {
        return reply.sources().stream().map(BotSource::id).toList();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void anAgentsNewServiceAndLifeEventLinksOfALiveArticleWaitForAReviewer() throws Exception {
        CatalogueService rinks = service("Luistinkenttien jäädytys", "Isbanornas spolning", "kaukalo", SKATING,
                "Luistelu testikunnassa", "Skridskoåkning i testkommunen");
        CatalogueService pools = service("Maauimaloiden avaus", "Utomhusbassängernas öppning", "allasvahti", SWIMMING,
                "Uinti testikunnassa", "Simning i testkommunen");
        String skating = rinks.lifeEvents().getFirst().uri();
        String swimming = pools.lifeEvents().getFirst().uri();
        String titleFi = "Kenttävuorojen talvijako";
        String titleSv = "Vinterfördelning av planturer";
        Article a = published(ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, titleFi,
                        "Talvikauden kenttävuorot jaetaan seuroille syyskuussa.")
                .with(Language.SV, titleSv, "Vintersäsongens planturer fördelas till föreningarna i september.")
                .withServices(List.of(rinks.id())).withLifeEvents(List.of(skating)));
        // a twin that differs in a word and has no links: on a service's page the chatbot answers with the article
        // linked to that service, elsewhere it asks which of the two was meant
        Article twin = published(ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Kenttävuorojen kesäjako",
                "Kesäkauden kenttävuorot jaetaan seuroille huhtikuussa."));
        String id = a.id().toString();
        String question = "Miten kenttävuorot jaetaan seuroille?";
        await().atMost(Duration.ofSeconds(30)).until(() -> publicHits("kenttävuorot", Language.FI, Map.of()).contains(id)
                && publicHits("kenttävuorot", Language.FI, Map.of()).contains(twin.id().toString())
                && publicHits("planturer", Language.SV, Map.of()).contains(id));
        assertThat(askOnServicePage(pools, question).kind()).isEqualTo(BotReply.Kind.CLARIFY);
        assertThat(sources(askOnServicePage(rinks, question))).containsExactly(id);
        assertThat(helpForService("fi", rinks)).contains(titleFi);
        assertThat(helpSearch("fi", "kaukalo", null)).as("the linked service's keyword finds the article").contains(titleFi);

        save(pub.agent(), a, List.of(pools.id()), List.of(swimming), pub.colleague(), LocalDate.now().plusMonths(3));
        fixtures.awaitSettled(pub); // anything the save set off has been indexed

        Article saved = knowledge.find(pub.id(), a.id()).orElseThrow();
        assertThat(saved.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(saved.publishedVersion()).isEqualTo(1);
        assertThat(saved.serviceIds()).as("what the agent proposes").containsExactly(pools.id());
        assertThat(saved.lifeEvents()).containsExactly(swimming);
        // bookkeeping only staff see: it changes with the save
        assertThat(saved.ownerId()).isEqualTo(pub.colleague().id());
        assertThat(saved.reviewDate()).isEqualTo(LocalDate.now().plusMonths(3));
        PublishedArticle live = knowledge.published(pub.id(), a.id(), Set.of(ArticleVisibility.PUBLIC)).orElseThrow();
        assertThat(live.serviceIds()).as("still what the reviewer published").containsExactly(rinks.id());
        assertThat(live.lifeEvents()).containsExactly(skating);

        for (String lang : List.of("fi", "sv")) {
            String title = lang.equals("fi") ? titleFi : titleSv;
            assertThat(helpForService(lang, rinks)).as("help by the published service " + lang).contains(title);
            assertThat(helpForService(lang, pools)).as("help by the proposed service " + lang).doesNotContain(title);
            assertThat(helpForLifeEvent(lang, skating)).as("the published life event " + lang).contains(title);
            assertThat(helpForLifeEvent(lang, swimming)).as("the proposed life event " + lang).doesNotContain(title);
            assertThat(relatedServices(lang, a)).contains(lang.equals("fi") ? "Luistinkenttien jäädytys" : "Isbanornas spolning")
                    .doesNotContain(lang.equals("fi") ? "Maauimaloiden avaus" : "Utomhusbassängernas öppning");
        }
        assertThat(publicHits("kenttävuorot", Language.FI, Map.of("service", rinks.id().toString()))).contains(id);
        assertThat(publicHits("kenttävuorot", Language.FI, Map.of("service", pools.id().toString()))).doesNotContain(id);
        assertThat(publicHits("planturer", Language.SV, Map.of("lifeEvent", swimming))).doesNotContain(id);
        assertThat(helpSearch("fi", "kenttävuorot", pools)).doesNotContain(titleFi);
        assertThat(helpSearch("fi", "kaukalo", null)).as("the published service's keyword").contains(titleFi);
        assertThat(helpSearch("fi", "allasvahti", null)).as("the proposed service's keyword").doesNotContain(titleFi);
        BotReply onPools = askOnServicePage(pools, question);
        assertThat(onPools.kind()).as("no answer preferred for the proposed service: %s", onPools).isEqualTo(BotReply.Kind.CLARIFY);
        assertThat(sources(askOnServicePage(rinks, question))).as("preferred for the published one").containsExactly(id);

        transition(pub.agent(), a, Transition.SUBMIT);
        assertThat(helpForService("fi", pools)).as("submitting is not publishing").doesNotContain(titleFi);
        transition(pub.manager(), a, Transition.PUBLISH);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                publicHits("kenttävuorot", Language.FI, Map.of("service", pools.id().toString())).contains(id)
                && publicHits("planturer", Language.SV, Map.of("lifeEvent", swimming)).contains(id));
        for (String lang : List.of("fi", "sv")) {
            String title = lang.equals("fi") ? titleFi : titleSv;
            assertThat(helpForService(lang, pools)).as("help by the published service " + lang).contains(title);
            assertThat(helpForService(lang, rinks)).as("help by the unlinked service " + lang).doesNotContain(title);
            assertThat(helpForLifeEvent(lang, swimming)).contains(title);
            assertThat(helpForLifeEvent(lang, skating)).doesNotContain(title);
            assertThat(relatedServices(lang, a)).contains(lang.equals("fi") ? "Maauimaloiden avaus" : "Utomhusbassängernas öppning")
                    .doesNotContain(lang.equals("fi") ? "Luistinkenttien jäädytys" : "Isbanornas spolning");
        }
        assertThat(publicHits("kenttävuorot", Language.FI, Map.of("service", rinks.id().toString()))).doesNotContain(id);
        assertThat(helpSearch("fi", "kenttävuorot", pools)).contains(titleFi);
        assertThat(helpSearch("fi", "allasvahti", null)).contains(titleFi);
        assertThat(helpSearch("fi", "kaukalo", null)).doesNotContain(titleFi);
        assertThat(sources(askOnServicePage(pools, question))).containsExactly(id);
        assertThat(askOnServicePage(rinks, question).kind()).isEqualTo(BotReply.Kind.CLARIFY);
    }

    @Test
    void anUnpublishedEditLeavesTheDateResidentsSeeAsUpdated() throws Exception {
        Article a = published(ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Pulkkamäen aukioloajat",
                        "Pulkkamäki on auki lumitilanteen salliessa.")
                .with(Language.SV, "Pulkabackens öppettider", "Pulkabacken är öppen när snöläget tillåter."));
        // written and published a while ago
        Instant then = Instant.parse("2025-03-14T10:00:00Z");
        db.sql("update knowledge_version set created_at = ? where organization_id = ? and article_id = ?")
                .params(Timestamp.from(then), pub.id().value(), a.id()).update();
        db.sql("update knowledge_article set updated_at = ? where organization_id = ? and id = ?")
                .params(Timestamp.from(then), pub.id().value(), a.id()).update();
        String updatedFi = "Päivitetty " + DateTimes.date(then, Language.FI.locale());
        String updatedSv = "Uppdaterad " + DateTimes.date(then, Language.SV.locale());
        assertThat(helpPage("fi", "/help/" + a.id())).contains(updatedFi);

        save(pub.agent(), a, List.of(), List.of(), null, null);
        assertThat(helpPage("fi", "/help/" + a.id())).as("the published text has not changed").contains(updatedFi);
        assertThat(helpPage("sv", "/help/" + a.id())).contains(updatedSv);

        transition(pub.agent(), a, Transition.SUBMIT);
        transition(pub.manager(), a, Transition.PUBLISH);
        Instant written = knowledge.find(pub.id(), a.id()).orElseThrow().current().createdAt();
        assertThat(written).isAfter(then);
        assertThat(helpPage("fi", "/help/" + a.id())).contains("Päivitetty " + DateTimes.date(written, Language.FI.locale()))
                .doesNotContain(updatedFi);
    }

    String staffPage(StaffUser who, String language, String path) throws Exception {
        return HtmlUtils.htmlUnescape(pages.in(language).page(who, path));
    }

    @Test
    void theReviewerSeesThePendingLinkChangesInFinnishAndSwedish() throws Exception {
        CatalogueService trails = service("Latujen kunnossapito", "Underhåll av skidspår", "latupohja", WINTER,
                "Talviliikunta testikunnassa", "Vintermotion i testkommunen");
        CatalogueService hills = service("Kelkkamäet", "Pulkabackar", "kelkkailu", WINTER,
                "Lasten talvi testikunnassa", "Barnens vinter i testkommunen");
        String winterSports = trails.lifeEvents().getFirst().uri();
        String childrensWinter = hills.lifeEvents().getFirst().uri();
        Article a = published(ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Talvireittien kartta",
                        "Talvireittien kartta päivitetään joulukuussa.")
                .with(Language.SV, "Karta över vinterlederna", "Kartan över vinterlederna uppdateras i december.")
                .withServices(List.of(trails.id())).withLifeEvents(List.of(winterSports)));
        String editor = "/workspace/knowledge/" + a.id();
        assertThat(staffPage(pub.manager(), "fi", editor)).doesNotContain("id=\"services-change\"", "id=\"life-events-change\"");

        // the agent adds a service and a life event and drops the old life event
        save(pub.agent(), a, List.of(trails.id(), hills.id()), List.of(childrensWinter), null, null);
        transition(pub.agent(), a, Transition.SUBMIT);

        String fi = staffPage(pub.manager(), "fi", editor);
        assertThat(fi).contains("Julkaiseminen muuttaa palvelut, joiden yhteydessä artikkeli näytetään: lisätään Kelkkamäet. "
                        + "Muutos tulee voimaan vasta julkaistaessa.")
                .contains("Julkaiseminen muuttaa elämäntilanteet, joiden yhteydessä artikkeli näytetään: "
                        + "lisätään Lasten talvi testikunnassa; poistetaan Talviliikunta testikunnassa.")
                .contains("id=\"action-PUBLISH\"")
                .contains("/workspace/knowledge/" + a.id() + "/history?from=1&to=2")
                .doesNotContain("id=\"visibility-change\"");
        String sv = staffPage(pub.manager(), "sv", editor);
        assertThat(sv).contains("Publiceringen ändrar vilka tjänster artikeln visas under: lägger till Pulkabackar. "
                        + "Ändringen gäller först när artikeln publiceras.")
                .contains("Publiceringen ändrar vilka livssituationer artikeln visas under: "
                        + "lägger till Barnens vinter i testkommunen; tar bort Vintermotion i testkommunen.");
        assertThat(staffPage(pub.agent(), "fi", editor)).as("the agent sees it too").contains("lisätään Kelkkamäet");

        String history = editor + "/history?from=1&to=2";
        assertThat(staffPage(pub.manager(), "fi", history)).contains("Palvelut: lisätään Kelkkamäet")
                .contains("Elämäntilanteet: lisätään Lasten talvi testikunnassa; poistetaan Talviliikunta testikunnassa")
                .doesNotContain("Ei näytettäviä muutoksia");
        assertThat(staffPage(pub.manager(), "sv", history)).contains("Tjänster: lägger till Pulkabackar")
                .contains("Livssituationer: lägger till Barnens vinter i testkommunen; tar bort Vintermotion i testkommunen");
        assertThat(staffPage(pub.manager(), "fi", editor + "/history?from=2&to=1")).as("the other way round")
                .contains("Palvelut: poistetaan Kelkkamäet");
        assertThat(staffPage(pub.manager(), "fi", editor + "/history?from=2&to=2"))
                .doesNotContain("id=\"services-change\"", "id=\"life-events-change\"");

        transition(pub.manager(), a, Transition.PUBLISH);
        assertThat(staffPage(pub.manager(), "fi", editor)).doesNotContain("id=\"services-change\"", "id=\"life-events-change\"");

        // the same links in another order: nothing to say about links
        save(pub.agent(), a, List.of(hills.id(), trails.id()), List.of(childrensWinter), null, null);
        assertThat(staffPage(pub.manager(), "fi", editor)).contains("id=\"compare-live\"")
                .doesNotContain("id=\"services-change\"", "id=\"life-events-change\"");
    }
}
