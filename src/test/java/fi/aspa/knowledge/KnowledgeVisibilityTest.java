package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.assistant.BotSource;
import fi.aspa.assistant.Chatbot;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchHit;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

/**
 * Who may read a published article changes only when a reviewer publishes: an agent who saves a live INTERNAL article
 * as PUBLIC (or a PUBLIC one as INTERNAL) only proposes it. Until a unit manager publishes, residents' help pages,
 * the public search and the chatbot keep the published version's visibility, and the reviewer sees the proposed change
 * on the article and in the comparison of versions. Over HTTP as the editors and residents use it, on real PostgreSQL
 * and Lucene, in the public test organization (the one {@code /help} serves).
 */
@AspaTest
class KnowledgeVisibilityTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Knowledge knowledge;
    @Autowired Catalogue catalogue;
    @Autowired SearchIndex index;
    @Autowired Chatbot chatbot;
    @Autowired StaffPages pages;

    Fixtures.Org pub;
    Editor manager;

    @BeforeEach
    void setUp() {
        // the public collection the chatbot's confidence is relative to, so that it answers when it should
        pub = HelpBotArticles.in(fixtures, knowledge, catalogue, index).org;
        manager = new Editor(pub.manager().id(), true);
    }

    Article published(ArticleDraft draft) {
        Article a = knowledge.create(pub.id(), manager, draft);
        knowledge.transition(pub.id(), a.id(), manager, Transition.SUBMIT);
        return knowledge.transition(pub.id(), a.id(), manager, Transition.PUBLISH);
    }

    /** The editor's form post, as the agent's browser sends it. */
    MockHttpServletResponse save(StaffUser who, Article a, String visibility, String titleFi, String bodyFi, String titleSv,
                                 String bodySv) throws Exception {
        MockHttpServletRequestBuilder request = post("/workspace/knowledge/" + a.id()).with(csrf())
                .param("title-fi", titleFi).param("body-fi", bodyFi).param("title-sv", titleSv).param("body-sv", bodySv)
                .param("title-en", "").param("body-en", "").param("visibility", visibility).param("reviewDate", "")
                .param("owner", "").param("note", "");
        MockHttpServletResponse response = pages.send(who, request);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/workspace/knowledge/" + a.id() + "?saved");
        return response;
    }

    void transition(StaffUser who, Article a, Transition transition) throws Exception {
        MockHttpServletResponse response = pages.send(who, post("/workspace/knowledge/" + a.id() + "/transition").with(csrf())
                .param("action", transition.name()));
        assertThat(response.getStatus()).as(transition + ": " + response.getContentAsString()).isEqualTo(302);
    }

    int helpPage(Article a, String language) {
        return new HelpClient(port, language).get("/help/" + a.id()).status();
    }

    String helpPageText(Article a, String language) {
        HelpClient.Response r = new HelpClient(port, language).get("/help/" + a.id());
        assertThat(r.status()).isEqualTo(200);
        return HtmlUtils.htmlUnescape(r.body());
    }

    /** The results section of the residents' help search. */
    String helpSearch(String language, String query) {
        HelpClient.Response r = new HelpClient(port, language).get("/help?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        return HelpSearchHttpTest.results(HtmlUtils.htmlUnescape(r.body()));
    }

    List<String> publicHits(String text, Language language) {
        return index.search(SearchQuery.publicSearch(pub.id(), text, language).withTypes(Set.of(DocumentType.ARTICLE)))
                .hits().stream().map(SearchHit::id).toList();
    }

    List<String> staffHits(String text, Language language) {
        return index.search(SearchQuery.staffSearch(pub.id(), text, language).withTypes(Set.of(DocumentType.ARTICLE)))
                .hits().stream().map(SearchHit::id).toList();
    }

    List<String> botSources(Language language, String question) {
        return chatbot.reply(pub.id(), language, question, null).sources().stream().map(BotSource::id).toList();
    }

    String staffPage(StaffUser who, String language, String path) throws Exception {
        return HtmlUtils.htmlUnescape(pages.in(language).page(who, path));
    }

    @Test
    void anAgentsSaveOfALiveInternalArticleAsPublicWaitsForAReviewer() throws Exception {
        Article a = published(ArticleDraft.of(ArticleVisibility.INTERNAL, Language.FI, "Jäädytyskoneen huoltovuorot",
                        "Jäädytyskoneen huoltovuorot sovitaan kiinteistötekniikan päivystäjän kanssa.")
                .with(Language.SV, "Ismaskinens serviceturer", "Ismaskinens serviceturer avtalas med fastighetsteknikens jour."));
        String id = a.id().toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> staffHits("jäädytyskoneen huoltovuorot", Language.FI).contains(id));

        save(pub.agent(), a, "PUBLIC", "Jäädytyskoneen huoltovuorot", "Huoltovuorot sovitaan päivystäjän kanssa. Uusi teksti.",
                "Ismaskinens serviceturer", "Serviceturerna avtalas med jouren. Ny text.");
        fixtures.awaitSettled(pub); // the save's ArticleChanged has been indexed

        Article saved = knowledge.find(pub.id(), a.id()).orElseThrow();
        assertThat(saved.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(saved.publishedVersion()).isEqualTo(1);
        assertThat(saved.publishedVisibility()).as("still what the reviewer published").isEqualTo(ArticleVisibility.INTERNAL);
        assertThat(saved.visibility()).as("what the agent proposes").isEqualTo(ArticleVisibility.PUBLIC);
        assertThat(saved.visibilityChangePending()).isTrue();

        assertThat(helpPage(a, "fi")).isEqualTo(404);
        assertThat(helpPage(a, "sv")).isEqualTo(404);
        assertThat(knowledge.published(pub.id(), a.id(), Set.of(ArticleVisibility.PUBLIC))).isEmpty();
        assertThat(knowledge.published(pub.id(), Set.of(ArticleVisibility.PUBLIC))).extracting(PublishedArticle::id).doesNotContain(a.id());
        assertThat(publicHits("jäädytyskoneen huoltovuorot", Language.FI)).doesNotContain(id);
        assertThat(publicHits("ismaskinens serviceturer", Language.SV)).doesNotContain(id);
        assertThat(helpSearch("fi", "jäädytyskoneen huoltovuorot")).doesNotContain("Jäädytyskoneen huoltovuorot", id);
        assertThat(botSources(Language.FI, "Miten jäädytyskoneen huoltovuorot sovitaan?")).doesNotContain(id);
        // staff still read the published internal version
        assertThat(staffHits("jäädytyskoneen huoltovuorot", Language.FI)).contains(id);
        assertThat(knowledge.published(pub.id(), a.id(), Set.of(ArticleVisibility.INTERNAL)).orElseThrow().version().number()).isEqualTo(1);

        transition(pub.agent(), a, Transition.SUBMIT);
        assertThat(helpPage(a, "fi")).as("submitting is not publishing").isEqualTo(404);
        transition(pub.manager(), a, Transition.PUBLISH);

        await().atMost(Duration.ofSeconds(30)).until(() -> publicHits("huoltovuorot päivystäjän", Language.FI).contains(id)
                && publicHits("serviceturerna jouren", Language.SV).contains(id));
        assertThat(helpPageText(a, "fi")).contains("Uusi teksti.");
        assertThat(helpPageText(a, "sv")).contains("Ny text.");
        assertThat(helpSearch("fi", "huoltovuorot päivystäjän")).contains("Jäädytyskoneen huoltovuorot");
        assertThat(botSources(Language.FI, "Kenen kanssa jäädytyskoneen huoltovuorot sovitaan?")).contains(id);
        Article live = knowledge.find(pub.id(), a.id()).orElseThrow();
        assertThat(live.publishedVisibility()).isEqualTo(ArticleVisibility.PUBLIC);
        assertThat(live.visibilityChangePending()).isFalse();
    }

    @Test
    void anAgentsSaveOfALivePublicArticleAsInternalWaitsForAReviewer() throws Exception {
        Article a = published(ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Luistinradan valaistusaikataulu",
                        "Luistinradan valaistus sytytetään arkisin kello 16 ja sammutetaan kello 22.")
                .with(Language.SV, "Skridskobanans belysningsschema", "Skridskobanans belysning tänds vardagar klockan 16."));
        String id = a.id().toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> publicHits("luistinradan valaistus", Language.FI).contains(id));

        save(pub.agent(), a, "INTERNAL", "Luistinradan valaistusaikataulu", "Luistinradan valaistus sytytetään arkisin kello 17.",
                "Skridskobanans belysningsschema", "Skridskobanans belysning tänds vardagar klockan 17.");
        fixtures.awaitSettled(pub);

        assertThat(knowledge.find(pub.id(), a.id()).orElseThrow().publishedVisibility()).isEqualTo(ArticleVisibility.PUBLIC);
        assertThat(helpPageText(a, "fi")).as("the published public version stays").contains("kello 16");
        assertThat(helpPage(a, "sv")).isEqualTo(200);
        assertThat(publicHits("luistinradan valaistus", Language.FI)).contains(id);
        assertThat(publicHits("skridskobanans belysning", Language.SV)).contains(id);
        assertThat(helpSearch("fi", "luistinradan valaistus")).contains("Luistinradan valaistusaikataulu");

        transition(pub.agent(), a, Transition.SUBMIT);
        transition(pub.manager(), a, Transition.PUBLISH);

        await().atMost(Duration.ofSeconds(30)).until(() -> !publicHits("luistinradan valaistus", Language.FI).contains(id)
                && !publicHits("skridskobanans belysning", Language.SV).contains(id));
        assertThat(helpPage(a, "fi")).isEqualTo(404);
        assertThat(helpPage(a, "sv")).isEqualTo(404);
        assertThat(helpSearch("fi", "luistinradan valaistus")).doesNotContain("Luistinradan valaistusaikataulu");
        assertThat(botSources(Language.FI, "Milloin luistinradan valaistus sytytetään?")).doesNotContain(id);
        assertThat(staffHits("luistinradan valaistus kello 17", Language.FI)).contains(id);
    }

    @Test
    void theReviewerSeesThePendingVisibilityChangeInFinnishAndSwedish() throws Exception {
        Article a = published(ArticleDraft.of(ArticleVisibility.INTERNAL, Language.FI, "Kassan iltatilitys",
                "Kassa tilitetään illalla ennen sulkemista.").with(Language.SV, "Kassans kvällsredovisning", "Kassan redovisas på kvällen."));
        String editor = "/workspace/knowledge/" + a.id();
        assertThat(staffPage(pub.manager(), "fi", editor)).doesNotContain("id=\"visibility-change\"");

        save(pub.agent(), a, "PUBLIC", "Kassan iltatilitys", "Kassa tilitetään illalla.", "Kassans kvällsredovisning", "Kassan redovisas.");
        transition(pub.agent(), a, Transition.SUBMIT);

        String fi = staffPage(pub.manager(), "fi", editor);
        assertThat(fi).contains("Julkaiseminen muuttaa, kuka saa lukea artikkelin: Sisäinen (henkilöstö) → Julkinen (asukkaat).")
                .contains("id=\"action-PUBLISH\"")
                .contains("/workspace/knowledge/" + a.id() + "/history?from=1&to=2");
        String sv = staffPage(pub.manager(), "sv", editor);
        assertThat(sv).contains("Publiceringen ändrar vem som får läsa artikeln: Intern (personal) → Offentlig (invånare).");
        assertThat(staffPage(pub.agent(), "fi", editor)).as("the agent sees it too")
                .contains("Sisäinen (henkilöstö) → Julkinen (asukkaat)");

        String history = editor + "/history?from=1&to=2";
        assertThat(staffPage(pub.manager(), "fi", history)).contains("Kuka saa lukea: Sisäinen (henkilöstö) → Julkinen (asukkaat)");
        assertThat(staffPage(pub.manager(), "sv", history)).contains("Vem får läsa: Intern (personal) → Offentlig (invånare)");
        assertThat(staffPage(pub.manager(), "fi", editor + "/history?from=2&to=2")).doesNotContain("id=\"visibility-change\"");

        String list = staffPage(pub.manager(), "fi", "/workspace/knowledge?status=IN_REVIEW");
        assertThat(list).contains("Sisäinen (henkilöstö), julkaistaessa Julkinen (asukkaat)");
        assertThat(staffPage(pub.manager(), "sv", "/workspace/knowledge?status=IN_REVIEW"))
                .contains("Intern (personal), vid publicering Offentlig (invånare)");

        transition(pub.manager(), a, Transition.PUBLISH);
        assertThat(staffPage(pub.manager(), "fi", editor)).doesNotContain("id=\"visibility-change\"");
    }
}
