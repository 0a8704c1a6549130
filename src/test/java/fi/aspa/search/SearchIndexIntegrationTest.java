package fi.aspa.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The application's search index: one on-disk index per organization, visibility, facets, rebuild. */
@AspaTest
class SearchIndexIntegrationTest {
    @Autowired
    SearchIndex search;
    @Autowired
    Fixtures fixtures;

    private static SearchDocument doc(OrganizationId org, String id, DocumentType type, Visibility visibility, String title,
                                      String body, Map<String, List<String>> facets) {
        return new SearchDocument(id, org, type, Language.FI, title, body, List.of(), facets, visibility, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private List<String> ids(SearchQuery query) {
        return search.search(query).hits().stream().map(SearchHit::id).toList();
    }

    @Test
    void anOrganizationsSearchNeverReturnsAnotherOrganizationsDocuments() {
        OrganizationId a = fixtures.organization().id();
        OrganizationId b = fixtures.organization().id();
        search.index(doc(a, "a-1", DocumentType.ARTICLE, Visibility.PUBLIC, "Jätteenkuljetus", "Jätteet haetaan kerran viikossa.", Map.of()));
        search.index(doc(b, "b-1", DocumentType.ARTICLE, Visibility.PUBLIC, "Jätteenkuljetus", "Jätteet haetaan kerran viikossa.", Map.of()));

        assertThat(ids(SearchQuery.staffSearch(a, "jätteenkuljetus", Language.FI))).containsExactly("a-1");
        assertThat(ids(SearchQuery.staffSearch(b, "jätteenkuljetus", Language.FI))).containsExactly("b-1");
        assertThat(search.count(a)).isEqualTo(1);

        OrganizationId empty = fixtures.organization().id();
        assertThat(search.search(SearchQuery.staffSearch(empty, "jätteenkuljetus", Language.FI)).hits()).isEmpty();
        assertThatThrownBy(() -> search.rebuild(a, Stream.of(doc(b, "b-2", DocumentType.ARTICLE, Visibility.PUBLIC, "x", "y", Map.of()))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ids(SearchQuery.staffSearch(a, "jätteenkuljetus", Language.FI))).as("a failed rebuild keeps the index").containsExactly("a-1");
    }

    @Test
    void aPublicSearchNeverReturnsInternalOrStaffOnlyDocuments() {
        OrganizationId org = fixtures.organization().id();
        search.indexAll(List.of(
                doc(org, "public", DocumentType.ARTICLE, Visibility.PUBLIC, "Rakennuslupa", "Miten haen rakennuslupaa?", Map.of()),
                doc(org, "internal", DocumentType.ARTICLE, Visibility.INTERNAL, "Rakennuslupa: käsittelyohje", "Sisäinen ohje rakennusluvan käsittelyyn.", Map.of()),
                doc(org, "case", DocumentType.CASE, Visibility.STAFF_ONLY, "Rakennuslupa viivästyy", "Asukas kysyy rakennusluvan käsittelyaikaa.", Map.of())));

        assertThat(ids(SearchQuery.publicSearch(org, "rakennuslupa", Language.FI))).containsExactly("public");
        assertThat(ids(SearchQuery.staffSearch(org, "rakennuslupa", Language.FI))).containsExactlyInAnyOrder("public", "internal", "case");
        assertThat(ids(SearchQuery.staffSearch(org, "rakennuslupa", Language.FI).withTypes(Set.of(DocumentType.CASE)))).containsExactly("case");
        SearchQuery internalOnly = new SearchQuery(org, "rakennuslupa", Language.FI, Set.of(), EnumSet.of(Visibility.PUBLIC, Visibility.INTERNAL), Map.of(), 10, false);
        assertThat(ids(internalOnly)).containsExactlyInAnyOrder("public", "internal");
    }

    @Test
    void hitsCarryAHighlightedSnippetAndFacetsCountAndFilter() {
        OrganizationId org = fixtures.organization().id();
        search.indexAll(List.of(
                doc(org, "vaka", DocumentType.SERVICE, Visibility.PUBLIC, "Varhaiskasvatus", "Päivähoidon maksut määräytyvät perheen tulojen mukaan. <b>Hae</b> paikkaa ajoissa.",
                        Map.of("serviceClass", List.of("Varhaiskasvatus"), "lifeEvent", List.of("Lapsen saaminen"))),
                doc(org, "kerho", DocumentType.SERVICE, Visibility.PUBLIC, "Kerhotoiminta", "Kerhot ovat maksuttomia; päivähoidon maksut eivät koske niitä.",
                        Map.of("serviceClass", List.of("Varhaiskasvatus"))),
                doc(org, "ohje", DocumentType.ARTICLE, Visibility.PUBLIC, "Maksut", "Päivähoitomaksun voi maksaa verkkopankissa.", Map.of("serviceClass", List.of("Talous")))));

        SearchResult result = search.search(SearchQuery.publicSearch(org, "päivähoitomaksu", Language.FI).withFacets(true));
        assertThat(result.hits()).extracting(SearchHit::id).containsExactlyInAnyOrder("vaka", "kerho", "ohje");
        SearchHit vaka = result.hits().stream().filter(h -> h.id().equals("vaka")).findFirst().orElseThrow();
        assertThat(vaka.title()).isEqualTo("Varhaiskasvatus");
        assertThat(vaka.type()).isEqualTo(DocumentType.SERVICE);
        assertThat(vaka.snippetHtml()).contains("<mark>Päivähoidon</mark>", "<mark>maksut</mark>").doesNotContain("<b>");
        assertThat(result.facets().get("type")).containsExactlyInAnyOrder(new FacetCount("SERVICE", 2), new FacetCount("ARTICLE", 1));
        assertThat(result.facets().get("serviceClass")).contains(new FacetCount("Varhaiskasvatus", 2), new FacetCount("Talous", 1));

        assertThat(ids(SearchQuery.publicSearch(org, "päivähoitomaksu", Language.FI).withFilters(Map.of("serviceClass", "Talous")))).containsExactly("ohje");
    }

    @Test
    void updatesDeletesAndRebuildsAreVisibleToTheNextSearch() {
        OrganizationId org = fixtures.organization().id();
        search.index(doc(org, "x", DocumentType.ARTICLE, Visibility.PUBLIC, "Koiran rekisteröinti", "Koirat rekisteröidään.", Map.of()));
        search.index(new SearchDocument("x", org, DocumentType.ARTICLE, Language.SV, "Registrering av hund", "Hundar registreras.", List.of(), Map.of(), Visibility.PUBLIC, null));
        assertThat(ids(SearchQuery.publicSearch(org, "koira", Language.FI))).containsExactly("x");
        assertThat(ids(SearchQuery.publicSearch(org, "hundar", Language.SV))).containsExactly("x");

        search.index(doc(org, "x", DocumentType.ARTICLE, Visibility.PUBLIC, "Kissan rekisteröinti", "Kissat rekisteröidään.", Map.of()));
        assertThat(ids(SearchQuery.publicSearch(org, "koira", Language.FI))).isEmpty();
        assertThat(ids(SearchQuery.publicSearch(org, "kissa", Language.FI))).containsExactly("x");

        search.delete(org, "x");
        assertThat(ids(SearchQuery.publicSearch(org, "kissa", Language.FI))).isEmpty();
        assertThat(ids(SearchQuery.publicSearch(org, "hundar", Language.SV))).as("every language version").isEmpty();

        long rebuilt = search.rebuild(org, Stream.of(
                doc(org, "y", DocumentType.ARTICLE, Visibility.PUBLIC, "Uimahalli", "Uimahallin aukioloajat.", Map.of()),
                doc(org, "z", DocumentType.ARTICLE, Visibility.PUBLIC, "Kirjasto", "Kirjaston aukioloajat.", Map.of())));
        assertThat(rebuilt).isEqualTo(2);
        assertThat(search.count(org)).isEqualTo(2);
        assertThat(ids(SearchQuery.publicSearch(org, "aukioloaika", Language.FI))).containsExactlyInAnyOrder("y", "z");
    }
}
