package fi.aspa.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.search.SearchHit;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import fi.aspa.search.SearchRebuild;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The catalogue keeps its services in the search index, and a rebuild from the modules' data gives the same hits. */
@AspaTest
class ServiceSearchDocumentsTest {
    @Autowired Fixtures fixtures;
    @Autowired Catalogue catalogue;
    @Autowired SearchIndex index;
    @Autowired SearchRebuild rebuild;

    @Test
    void aNewServiceIsFoundInEachOfItsLanguagesAndARebuildKeepsIt() {
        Fixtures.Org org = fixtures.organization();
        Fixtures.Org other = fixtures.organization();
        UUID ptvId = UUID.randomUUID();
        CatalogueService local = catalogue.create(org.id(), draft("Asukaspysäköintitunnus", "Parkeringstillstånd för boende", null));
        CatalogueService imported = catalogue.create(org.id(), draft("Rakennuslupa", null, ptvId));

        // each service is indexed after its own commit, each language in an index of its own: wait for all
        await().atMost(Duration.ofSeconds(60)).until(() -> ids(org, "asukaspysäköintitunnuksen", Language.FI).contains(local.id().toString())
                && ids(org, "parkeringstillstånd", Language.SV).contains(local.id().toString())
                && ids(org, "rakennusluvat", Language.FI).contains(ptvId.toString()));
        assertThat(ids(org, "parkeringstillstånd", Language.SV)).containsExactly(local.id().toString());
        assertThat(ids(org, "rakennusluvat", Language.FI)).containsExactly(ptvId.toString()); // an imported service keeps its PTV id
        assertThat(ids(org, "bygglov rakennuslupa", Language.SV)).isEmpty(); // no Swedish name: no Swedish document
        assertThat(ids(other, "asukaspysäköintitunnus", Language.FI)).isEmpty();

        long before = index.count(org.id());
        assertThat(rebuild.rebuild(org.id())).isEqualTo(before).isEqualTo(3);
        assertThat(ids(org, "asukaspysäköintitunnus", Language.FI)).containsExactly(local.id().toString());
        assertThat(ids(org, "rakennuslupa", Language.FI)).containsExactly(ptvId.toString());
    }

    @Test
    void namesAreTheServicesIdsNamesAndCodesWithoutTheRest() {
        Fixtures.Org org = fixtures.organization();
        CatalogueService b = catalogue.create(org.id(), draft("Rakennuslupa", "Bygglov", null));
        CatalogueService a = catalogue.create(org.id(), draft("Asukaspysäköintitunnus", null, null));
        assertThat(catalogue.names(org.id())).containsExactly(
                new ServiceName(a.id(), a.name(), null), new ServiceName(b.id(), b.name(), null));
        assertThat(catalogue.names(fixtures.organization().id())).isEmpty();
    }

    private List<String> ids(Fixtures.Org org, String text, Language language) {
        return index.search(SearchQuery.publicSearch(org.id(), text, language)).hits().stream().map(SearchHit::id).toList();
    }

    private static ServiceDraft draft(String fi, String sv, UUID ptvId) {
        return new ServiceDraft(new LocalizedText(fi, sv, null), new LocalizedText(fi + ": kuvaus.", sv == null ? null : sv + ": beskrivning.", null),
                null, null, List.of(), null, null, null, null, null, List.of(), Set.of(ServiceChannel.ONLINE), null, ptvId, null, null, null);
    }
}
