package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchHit;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The article workflow, versions, diffs, rollback, the parity report and indexing on real PostgreSQL and Lucene. */
@AspaTest
class KnowledgeWorkflowTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    Knowledge knowledge;
    @Autowired
    SearchIndex index;
    @Autowired
    DataSource dataSource;
    @Autowired
    Catalogue catalogue;

    Fixtures.Org org;
    Editor agent;
    Editor manager;

    @BeforeEach
    void organization() {
        org = fixtures.organization();
        agent = new Editor(org.agent().id(), false);
        manager = new Editor(org.manager().id(), true);
    }

    Article draft(String title, String body) {
        return knowledge.create(org.id(), agent, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, title, body));
    }

    @Test
    void draftGoesThroughReviewToPublishedAndArchived() {
        Article a = draft("Päivähoitomaksun muutos", "Maksu lasketaan tulojen mukaan.");
        assertThat(a.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(a.ownerId()).isEqualTo(org.agent().id());
        a = knowledge.transition(org.id(), a.id(), agent, Transition.SUBMIT);
        assertThat(a.status()).isEqualTo(ArticleStatus.IN_REVIEW);
        a = knowledge.transition(org.id(), a.id(), manager, Transition.PUBLISH);
        assertThat(a.status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(a.publishedVersion()).isEqualTo(1);
        a = knowledge.transition(org.id(), a.id(), manager, Transition.ARCHIVE);
        assertThat(a.status()).isEqualTo(ArticleStatus.ARCHIVED);
        assertThat(a.publishedVersion()).isNull();
        a = knowledge.transition(org.id(), a.id(), manager, Transition.RESTORE);
        assertThat(a.status()).isEqualTo(ArticleStatus.DRAFT);
    }

    @Test
    void illegalTransitionsAreRefused() {
        Article a = draft("Otsikko", "Teksti.");
        assertThatThrownBy(() -> knowledge.transition(org.id(), a.id(), manager, Transition.PUBLISH))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("article-illegal-transition"));
        assertThatThrownBy(() -> knowledge.transition(org.id(), a.id(), manager, Transition.UNPUBLISH))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("article-illegal-transition"));
        assertThatThrownBy(() -> knowledge.transition(org.id(), a.id(), agent, Transition.RETURN))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("article-illegal-transition"));
        knowledge.transition(org.id(), a.id(), agent, Transition.SUBMIT);
        assertThatThrownBy(() -> knowledge.transition(org.id(), a.id(), agent, Transition.SUBMIT))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("article-illegal-transition"));
        knowledge.transition(org.id(), a.id(), manager, Transition.ARCHIVE);
        assertThatThrownBy(() -> knowledge.save(org.id(), a.id(), agent, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "x", "y")))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("article-archived"));
    }

    @Test
    void anAgentCannotPublishUnpublishOrArchive() {
        Article a = draft("Otsikko", "Teksti.");
        knowledge.transition(org.id(), a.id(), agent, Transition.SUBMIT);
        for (Transition t : List.of(Transition.PUBLISH, Transition.ARCHIVE)) {
            assertThatThrownBy(() -> knowledge.transition(org.id(), a.id(), agent, t))
                    .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("not-reviewer"));
        }
        assertThat(knowledge.find(org.id(), a.id()).orElseThrow().status()).isEqualTo(ArticleStatus.IN_REVIEW);
    }

    @Test
    void everySaveIsAVersionWithDiffAndRollback() {
        Article a = draft("Pysäköintilupa", "Asukaspysäköintitunnus maksaa 120 euroa vuodessa.\nHae verkossa.");
        ArticleDraft second = ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Pysäköintilupa",
                "Asukaspysäköintitunnus maksaa 180 euroa vuodessa.\nHae verkossa.");
        a = knowledge.save(org.id(), a.id(), agent, second);
        assertThat(a.current().number()).isEqualTo(2);
        assertThat(knowledge.versions(org.id(), a.id())).extracting(ArticleVersion::number).containsExactly(2, 1);

        List<DiffLine> diff = knowledge.diff(org.id(), a.id(), 1, 2, Language.FI);
        DiffLine changed = diff.stream().filter(d -> d.kind() == DiffLine.Kind.CHANGED).findFirst().orElseThrow();
        assertThat(changed.oldHtml()).contains("<del>120</del>");
        assertThat(changed.newHtml()).contains("<ins>180</ins>");
        assertThat(diff).filteredOn(d -> d.kind() == DiffLine.Kind.EQUAL).extracting(DiffLine::newHtml).contains("Hae verkossa.");

        a = knowledge.rollback(org.id(), a.id(), agent, 1);
        assertThat(a.current().number()).isEqualTo(3);
        assertThat(a.current().rolledBackFrom()).isEqualTo(1);
        assertThat(a.current().text(Language.FI).body()).contains("120 euroa");
        assertThat(knowledge.versions(org.id(), a.id())).hasSize(3);
    }

    @Test
    void everyVersionKeepsItsOwnLinksAndARollbackKeepsTheCurrentOnes() {
        CatalogueService parking = service("Pysäköinti");
        CatalogueService streets = service("Katujen kunnossapito");
        Article a = knowledge.create(org.id(), agent, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Pysäköintilupa",
                "Lupa maksaa 120 euroa.").withServices(List.of(parking.id())).withLifeEvents(List.of("urn:test:car")));
        a = knowledge.save(org.id(), a.id(), agent, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Pysäköintilupa",
                "Lupa maksaa 180 euroa.").withServices(List.of(streets.id(), parking.id())));
        assertThat(knowledge.versions(org.id(), a.id())).extracting(ArticleVersion::number, ArticleVersion::serviceIds, ArticleVersion::lifeEvents)
                .containsExactly(tuple(2, List.of(streets.id(), parking.id()), List.of()),
                        tuple(1, List.of(parking.id()), List.of("urn:test:car")));

        a = knowledge.rollback(org.id(), a.id(), agent, 1);
        assertThat(a.current().text(Language.FI).body()).isEqualTo("Lupa maksaa 120 euroa.");
        assertThat(a.serviceIds()).as("the links the current version proposes").containsExactly(streets.id(), parking.id());
        assertThat(a.lifeEvents()).isEmpty();
    }

    CatalogueService service(String name) {
        return catalogue.create(org.id(), new ServiceDraft(new LocalizedText(name, name, name), null, null, null, List.of(),
                null, null, List.of(), null, org.service().id(), null, null, null, null, null, null, null));
    }

    @Test
    void diffEscapesHtml() {
        Article a = draft("Otsikko", "<script>alert(1)</script>");
        knowledge.save(org.id(), a.id(), agent, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Otsikko", "<b>lihava</b>"));
        assertThat(knowledge.diff(org.id(), a.id(), 1, 2, Language.FI)).allSatisfy(line -> {
            assertThat(String.valueOf(line.oldHtml())).doesNotContain("<script>", "<b>");
            assertThat(String.valueOf(line.newHtml())).doesNotContain("<script>", "<b>");
        });
        assertThat(knowledge.html("<script>alert(1)</script>\n\n[link](javascript:alert(1))")).doesNotContain("<script", "javascript:");
    }

    @Test
    void editingAPublishedArticleKeepsThePublishedVersionLive() {
        Article a = draft("Kirjastokortti", "Kirjastokortin saa kirjastosta.");
        knowledge.transition(org.id(), a.id(), agent, Transition.SUBMIT);
        knowledge.transition(org.id(), a.id(), manager, Transition.PUBLISH);
        a = knowledge.save(org.id(), a.id(), agent, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Kirjastokortti", "Uusi teksti."));
        assertThat(a.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(a.publishedVersion()).isEqualTo(1);
        assertThat(knowledge.published(org.id(), a.id(), Set.of(ArticleVisibility.PUBLIC)).orElseThrow().version().text(Language.FI).body())
                .isEqualTo("Kirjastokortin saa kirjastosta.");
    }

    @Test
    void draftsNeedACompleteLanguage() {
        assertThatThrownBy(() -> knowledge.create(org.id(), agent, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Vain otsikko", "")))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("invalid-article"));
        assertThat(KnowledgeStore.problems(ArticleDraft.of(ArticleVisibility.PUBLIC, Language.SV, "", "")))
                .containsEntry("title-fi", "knowledge.error.no-language");
    }

    @Test
    void parityReportListsArticlesWithOnlyOneNationalLanguage() {
        Article fiOnly = draft("Vain suomeksi", "Teksti.");
        Article svOnly = knowledge.create(org.id(), agent, ArticleDraft.of(ArticleVisibility.INTERNAL, Language.SV, "Bara på svenska", "Text."));
        Article both = knowledge.create(org.id(), agent, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Molemmat", "Teksti.")
                .with(Language.SV, "Båda", "Text."));
        List<ParityGap> gaps = knowledge.parity(org.id());
        assertThat(gaps).extracting(ParityGap::articleId).containsExactlyInAnyOrder(fiOnly.id(), svOnly.id());
        assertThat(gaps).filteredOn(g -> g.articleId().equals(fiOnly.id())).singleElement()
                .satisfies(g -> assertThat(g.hasFinnish() && !g.hasSwedish()).isTrue());
        assertThat(knowledge.list(org.id(), new ArticleFilter(null, false, Language.SV))).extracting(Article::id)
                .contains(fiOnly.id()).doesNotContain(both.id(), svOnly.id());
    }

    @Test
    void staleArticlesAreFlagged() {
        // "stale" is past the review date in Helsinki (the application's clock), not in the zone this JVM happens to run in
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Helsinki"));
        Article old = knowledge.create(org.id(), agent, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Vanha", "Teksti.")
                .withReviewDate(today.minusDays(1)));
        Article fresh = knowledge.create(org.id(), agent, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Uusi", "Teksti.")
                .withReviewDate(today.plusMonths(6)));
        assertThat(knowledge.list(org.id(), new ArticleFilter(null, true, null))).extracting(Article::id)
                .contains(old.id()).doesNotContain(fresh.id());
    }

    @Test
    void publishingIndexesEachLanguageAndUnpublishingRemovesIt() {
        Article a = knowledge.create(org.id(), agent, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI,
                "Koiran rekisteröinti", "Koira rekisteröidään kunnan koirarekisteriin.")
                .with(Language.SV, "Registrering av hund", "Hunden registreras i kommunens hundregister."));
        knowledge.transition(org.id(), a.id(), agent, Transition.SUBMIT);
        assertThat(hits("koirarekisteri", Language.FI)).isEmpty();
        knowledge.transition(org.id(), a.id(), manager, Transition.PUBLISH);
        await().atMost(Duration.ofSeconds(30)).until(() -> !hits("koirarekisteri", Language.FI).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> !hits("hundregister", Language.SV).isEmpty());
        SearchHit hit = hits("koirarekisteri", Language.FI).getFirst();
        assertThat(hit.id()).isEqualTo(a.id().toString());
        assertThat(hit.type()).isEqualTo(DocumentType.ARTICLE);

        knowledge.transition(org.id(), a.id(), manager, Transition.UNPUBLISH);
        // each language has an index of its own, committed one after the other: wait for both
        await().atMost(Duration.ofSeconds(30)).until(() -> hits("koirarekisteri", Language.FI).isEmpty()
                && hits("hundregister", Language.SV).isEmpty());
    }

    @Test
    void internalArticlesAreNeverFoundByAPublicSearch() {
        Article a = knowledge.create(org.id(), agent, ArticleDraft.of(ArticleVisibility.INTERNAL, Language.FI,
                "Sisäinen ohje kassakoneesta", "Kassakone suljetaan iltaisin."));
        knowledge.transition(org.id(), a.id(), agent, Transition.SUBMIT);
        knowledge.transition(org.id(), a.id(), manager, Transition.PUBLISH);
        await().atMost(Duration.ofSeconds(30)).until(() -> !index.search(SearchQuery.staffSearch(org.id(), "kassakone", Language.FI)).hits().isEmpty());
        assertThat(index.search(SearchQuery.publicSearch(org.id(), "kassakone", Language.FI)).hits()).isEmpty();
        assertThat(knowledge.published(org.id(), a.id(), Set.of(ArticleVisibility.PUBLIC))).isEmpty();
    }

    @Test
    void anotherOrganizationSeesNothing() {
        Article a = draft("Oma artikkeli", "Teksti.");
        Fixtures.Org other = fixtures.organization();
        assertThat(knowledge.find(other.id(), a.id())).isEmpty();
        assertThat(knowledge.list(other.id(), ArticleFilter.all())).isEmpty();
        assertThatThrownBy(() -> knowledge.transition(other.id(), a.id(), new Editor(other.manager().id(), true), Transition.SUBMIT))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("not-found"));
        assertThat(knowledge.versions(other.id(), a.id())).isEmpty();
    }

    @Test
    void listingArticlesGivesItsConnectionBack() throws Exception {
        draft("Yhteys palautuu", "Teksti.");
        // outside a transaction, as the list page and the parity report call it: more lists than the pool has connections
        int pool = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
        for (int i = 0; i < pool + 5; i++) {
            assertThat(knowledge.list(org.id(), ArticleFilter.all())).hasSize(1);
        }
        assertThat(knowledge.parity(org.id())).hasSize(1);
    }

    List<SearchHit> hits(String text, Language language) {
        return index.search(SearchQuery.publicSearch(org.id(), text, language).withTypes(Set.of(DocumentType.ARTICLE))).hits();
    }
}
