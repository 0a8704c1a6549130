package fi.aspa.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each language has a public index and a staff index: a public search (a resident's, the bot's) reads the public one
 * alone, so its scores and the collection it ranks against do not change when staff-only cases with the same words are
 * indexed; a staff search reads both, filtered to what it may see, with facets counted over both.
 */
class PublicAndStaffIndexTest {
    private final LuceneSearchIndex index = SearchTestSupport.inMemory(SearchTestSupport.Finnish.LEXICON);
    private final OrganizationId org = SearchTestSupport.newOrganization();

    @AfterEach
    void close() {
        index.close();
    }

    private SearchDocument doc(String id, DocumentType type, Visibility visibility, String title, String body) {
        return new SearchDocument(id, org, type, Language.SV, title, body, List.of(), Map.of("service", List.of("boat")),
                visibility, Instant.EPOCH);
    }

    private SearchDocument article(Visibility visibility) {
        return doc("article", DocumentType.ARTICLE, visibility, "Båtplatsens hyresperiod",
                "Hyresperioden för båtplatsen är 1.5–30.9. Båtplatsen ska tömmas när hyresperioden slutar.");
    }

    private void indexCases(int n) {
        List<SearchDocument> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cases.add(doc("case-" + i, DocumentType.CASE, Visibility.STAFF_ONLY, "Fråga om båtplatsen " + i,
                    "Kunden frågar när hyresperioden för båtplatsen slutar."));
        }
        index.indexAll(cases);
    }

    private static SearchQuery publicQuery(OrganizationId org) {
        return SearchQuery.publicSearch(org, "När slutar hyresperioden för båtplatsen?", Language.SV);
    }

    private SearchQuery staffQuery(Set<Visibility> visibilities) {
        return new SearchQuery(org, "hyresperioden båtplatsen", Language.SV, EnumSet.allOf(DocumentType.class), visibilities,
                Map.of(), 50, true);
    }

    private static List<String> ids(SearchResult result) {
        return result.hits().stream().map(SearchHit::id).toList();
    }

    @Test
    void aPublicAnswersScoreAndItsCollectionDoNotChangeWithStaffOnlyCases() {
        index.indexAll(List.of(article(Visibility.PUBLIC),
                doc("other", DocumentType.ARTICLE, Visibility.PUBLIC, "Simhallen", "Simhallens öppettider.")));
        SearchHit before = index.search(publicQuery(org)).hits().getFirst();
        assertThat(before.id()).isEqualTo("article");
        assertThat(index.publicCount(org, Language.SV)).isEqualTo(2);

        indexCases(20);

        assertThat(index.count(org, Language.SV)).isEqualTo(22);
        assertThat(index.publicCount(org, Language.SV)).as("the bot's collection").isEqualTo(2);
        SearchResult after = index.search(publicQuery(org));
        assertThat(ids(after)).containsExactly("article");
        assertThat(after.hits().getFirst().score()).isEqualTo(before.score());
        assertThat(ids(index.search(staffQuery(EnumSet.allOf(Visibility.class))))).hasSize(21).contains("article", "case-0");
    }

    @Test
    void aStaffSearchReadsBothIndexesFilteredToWhatItMaySeeWithFacetsOfBoth() {
        index.indexAll(List.of(article(Visibility.PUBLIC),
                doc("internal", DocumentType.ARTICLE, Visibility.INTERNAL, "Båtplatser: intern anvisning", "Hyresperioden kan förlängas.")));
        indexCases(3);

        SearchResult all = index.search(staffQuery(EnumSet.allOf(Visibility.class)));
        assertThat(ids(all)).containsExactlyInAnyOrder("article", "internal", "case-0", "case-1", "case-2");
        assertThat(all.facets().get("type")).extracting(FacetCount::value, FacetCount::count)
                .containsExactlyInAnyOrder(tuple("CASE", 3), tuple("ARTICLE", 2));
        assertThat(all.facets().get("service")).extracting(FacetCount::count).containsExactly(5);
        assertThat(ids(index.search(staffQuery(EnumSet.of(Visibility.PUBLIC, Visibility.INTERNAL)))))
                .containsExactlyInAnyOrder("article", "internal");
        assertThat(ids(index.search(staffQuery(EnumSet.of(Visibility.STAFF_ONLY))))).containsExactlyInAnyOrder("case-0", "case-1", "case-2");
        assertThat(ids(index.search(staffQuery(EnumSet.of(Visibility.INTERNAL))))).containsExactly("internal");

        indexCases(4); // a new pair of readers: the facets are of it, not of the cached pair's
        assertThat(index.search(staffQuery(EnumSet.allOf(Visibility.class))).facets().get("type")).extracting(FacetCount::value, FacetCount::count)
                .containsExactlyInAnyOrder(tuple("CASE", 4), tuple("ARTICLE", 2));
    }

    @Test
    void aDocumentWhoseVisibilityChangesMovesToTheOtherIndex() {
        index.index(article(Visibility.PUBLIC));
        assertThat(ids(index.search(publicQuery(org)))).containsExactly("article");

        index.index(article(Visibility.INTERNAL));
        assertThat(ids(index.search(publicQuery(org)))).as("no longer public").isEmpty();
        assertThat(ids(index.search(staffQuery(EnumSet.allOf(Visibility.class))))).as("one copy").containsExactly("article");
        assertThat(index.count(org, Language.SV)).isEqualTo(1);
        assertThat(index.stored(org, "article", Language.SV)).isPresent();

        index.index(article(Visibility.PUBLIC));
        assertThat(ids(index.search(staffQuery(EnumSet.allOf(Visibility.class))))).containsExactly("article");
        assertThat(index.publicCount(org, Language.SV)).isEqualTo(1);

        index.delete(org, "article");
        assertThat(index.count(org)).isZero();
    }
}
