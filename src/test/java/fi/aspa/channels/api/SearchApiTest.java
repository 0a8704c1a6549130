package fi.aspa.channels.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.knowledge.Article;
import fi.aspa.knowledge.ArticleDraft;
import fi.aspa.knowledge.ArticleVisibility;
import fi.aspa.knowledge.Editor;
import fi.aspa.knowledge.Knowledge;
import fi.aspa.knowledge.Transition;
import fi.aspa.platform.Language;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchDocument;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import fi.aspa.search.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/search}: public services and articles of the token's organization, bad input as problem+json (cases: {@link SearchApiCasesTest}). */
@AspaTest
class SearchApiTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Knowledge knowledge;
    @Autowired
    SearchIndex index;

    Fixtures.Org org;
    ApiCalls api;
    Article article;
    UUID ptvId = UUID.randomUUID();

    @BeforeEach
    void data() {
        org = fixtures.organization();
        api = new ApiCalls(port, org.apiToken());
        Editor manager = new Editor(org.manager().id(), true);
        article = knowledge.create(org.id(), manager, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI,
                        "Rakennuslupa omakotitalolle", "Rakennuslupaa haetaan sähköisesti ennen rakentamista.")
                .with(Language.SV, "Bygglov för egnahemshus", "Bygglov söks elektroniskt innan man bygger."));
        knowledge.transition(org.id(), article.id(), manager, Transition.SUBMIT);
        knowledge.transition(org.id(), article.id(), manager, Transition.PUBLISH);
        Article internal = knowledge.create(org.id(), manager, ArticleDraft.of(ArticleVisibility.INTERNAL, Language.FI,
                "Rakennusluvan sisäinen tarkistuslista", "Tarkista rakennusluvan liitteet."));
        knowledge.transition(org.id(), internal.id(), manager, Transition.SUBMIT);
        knowledge.transition(org.id(), internal.id(), manager, Transition.PUBLISH);
        index.index(new SearchDocument(ptvId.toString(), org.id(), DocumentType.SERVICE, Language.FI, "Rakennuslupa",
                "Rakennuslupa tarvitaan uuden rakennuksen rakentamiseen.", List.of("rakentaminen"), Map.of(), Visibility.PUBLIC, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                index.search(SearchQuery.staffSearch(org.id(), "rakennuslupa", Language.FI)).hits().size() >= 3
                && !index.search(SearchQuery.publicSearch(org.id(), "bygglov", Language.SV)).hits().isEmpty());
    }

    @Test
    void findsPublicServicesAndArticlesWithSnippets() {
        ApiCalls.Response response = api.get("/api/v1/search?q=rakennuslupa&lang=fi");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("lang").asString()).isEqualTo("fi");
        List<String> ids = body.get("hits").valueStream().map(h -> h.get("id").asString()).toList();
        assertThat(ids).containsExactlyInAnyOrder(ptvId.toString(), article.id().toString());
        JsonNode first = body.get("hits").get(0);
        assertThat(first.get("type").asString()).isIn("service", "article");
        assertThat(first.get("title").asString()).isNotBlank();
        assertThat(first.get("score").asDouble()).isPositive();
        assertThat(body.get("hits").valueStream().anyMatch(h -> h.get("snippet").asString().contains("<mark>"))).isTrue();
        assertThat(response.text()).doesNotContain("sisäinen tarkistuslista");
    }

    @Test
    void filtersByTypeAndLanguage() {
        JsonNode articles = api.get("/api/v1/search?q=rakennuslupa&type=article").json();
        assertThat(articles.get("hits").valueStream().map(h -> h.get("type").asString()).toList()).containsExactly("article");
        JsonNode services = api.get("/api/v1/search?q=rakennuslupa&lang=fi&type=service").json();
        assertThat(services.get("hits").valueStream().map(h -> h.get("id").asString()).toList()).containsExactly(ptvId.toString());
        JsonNode swedish = api.get("/api/v1/search?q=bygglov&lang=sv").json();
        assertThat(swedish.get("hits").get(0).get("title").asString()).isEqualTo("Bygglov för egnahemshus");
        assertThat(swedish.get("hits").get(0).get("language").asString()).isEqualTo("sv");
    }

    @Test
    void badParametersAreProblems() {
        for (String query : List.of("", "?q=", "?q=%20", "?q=x&lang=de", "?q=x&type=person",
                "?q=x&limit=0", "?q=x&limit=abc", "?q=" + "a".repeat(201))) {
            ApiCalls.Response response = api.get("/api/v1/search" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(query).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asString()).as(query).isNotBlank();
        }
    }

    @Test
    void anotherOrganizationsTokenFindsNothingOfThis() {
        Fixtures.Org other = fixtures.organization();
        JsonNode body = api.withToken(other.apiToken()).get("/api/v1/search?q=rakennuslupa").json();
        assertThat(body.get("hits")).isEmpty();
        assertThat(new ApiCalls(port, null).get("/api/v1/search?q=rakennuslupa").status()).isEqualTo(401);
    }
}
