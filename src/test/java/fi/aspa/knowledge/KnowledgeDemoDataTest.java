package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.identity.Staff;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.Language;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo knowledge base: the same published articles every time, public ones searchable, once per organization. */
@AspaTest
class KnowledgeDemoDataTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    Knowledge knowledge;
    @Autowired
    Catalogue catalogue;
    @Autowired
    Staff staff;
    @Autowired
    PublicOrganization publicOrganization;
    @Autowired
    Clock clock;
    @Autowired
    SearchIndex index;

    @Test
    void seedsPublishedArticlesOnceAndTheSameEveryTime() {
        Fixtures.Org org = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.service().id());
        KnowledgeDemoData demo = new KnowledgeDemoData(knowledge, catalogue, staff, publicOrganization, clock);
        assertThat(demo.seed(org.id())).isEqualTo(33);
        assertThat(demo.seed(org.id())).as("a second start adds nothing").isZero();

        List<Article> all = knowledge.list(org.id(), ArticleFilter.all());
        assertThat(all).hasSize(33).allSatisfy(a -> assertThat(a.status()).isEqualTo(ArticleStatus.PUBLISHED));
        assertThat(knowledge.published(org.id(), Set.of(ArticleVisibility.PUBLIC))).hasSize(24);
        assertThat(all.stream().filter(a -> a.stale(LocalDate.now(clock)))).hasSize(5);
        assertThat(knowledge.parity(org.id())).hasSize(8).anySatisfy(g -> assertThat(g.hasSwedish() && !g.hasFinnish()).isTrue());
        assertThat(all).anySatisfy(a -> assertThat(a.current().text(Language.EN).isComplete()).isTrue());

        Fixtures.Org other = fixtures.organization();
        new KnowledgeDemoData(knowledge, catalogue, staff, publicOrganization, clock).seed(other.id());
        assertThat(knowledge.list(other.id(), ArticleFilter.all()).stream().map(a -> a.current().title(Language.FI)).sorted().toList())
                .isEqualTo(all.stream().map(a -> a.current().title(Language.FI)).sorted().toList());

        await().atMost(Duration.ofSeconds(60)).until(() -> !index.search(SearchQuery.publicSearch(org.id(), "asukaspysäköintitunnus", Language.FI)
                .withTypes(Set.of(DocumentType.ARTICLE))).hits().isEmpty());
        await().atMost(Duration.ofSeconds(60)).until(() -> !index.search(SearchQuery.publicSearch(org.id(), "bibliotekskort", Language.SV)
                .withTypes(Set.of(DocumentType.ARTICLE))).hits().isEmpty());
        List<String> internal = all.stream().filter(a -> a.visibility() == ArticleVisibility.INTERNAL).map(a -> a.id().toString()).toList();
        assertThat(internal).hasSize(9);
        // Indexing runs after commit: wait until staff find the internal article, then the public search must not.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                index.search(SearchQuery.staffSearch(org.id(), "lastensuojeluilmoitus", Language.FI)).hits())
                .extracting(fi.aspa.search.SearchHit::id).containsAnyElementsOf(internal));
        assertThat(index.search(SearchQuery.publicSearch(org.id(), "lastensuojeluilmoitus", Language.FI)).hits())
                .extracting(fi.aspa.search.SearchHit::id).doesNotContainAnyElementsOf(internal);
    }
}
