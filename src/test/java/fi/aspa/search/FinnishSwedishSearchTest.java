package fi.aspa.search;

import static fi.aspa.search.SearchTestSupport.doc;
import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The examples that Snowball stemming alone fails: inflection, consonant gradation, compounds, synonyms and
 * typos, each with Voikko and with the pure-Java fallback ({@code aspa.search.voikko=false}), so the fallback is
 * proven on the same cases.
 */
class FinnishSwedishSearchTest {

    private static List<String> ids(LuceneSearchIndex index, OrganizationId org, String text, Language language) {
        return index.search(SearchQuery.publicSearch(org, text, language)).hits().stream().map(SearchHit::id).toList();
    }

    private static LuceneSearchIndex corpus(SearchTestSupport.Finnish finnish, OrganizationId org) {
        LuceneSearchIndex index = SearchTestSupport.inMemory(finnish);
        index.indexAll(List.of(
                doc(org, "maksut", Language.FI, "Päivähoidon maksut", "Kunnallisen päivähoidon maksut määräytyvät perheen koon ja tulojen mukaan."),
                doc(org, "kirjasto", Language.FI, "Pääkirjasto", "Kirjaston aukioloajat muuttuvat kesällä. Lainaa kirjoja kirjastokortilla."),
                doc(org, "vaka", Language.FI, "Varhaiskasvatus", "Kunta järjestää alle kouluikäisille lapsille varhaiskasvatusta."),
                doc(org, "lupa", Language.FI, "Rakennuslupa", "Uuden rakennuksen rakentamiseen tarvitaan rakennuslupa kunnan rakennusvalvonnalta."),
                doc(org, "koira", Language.FI, "Koiran rekisteröinti", "Koirat rekisteröidään eläinlääkärin vastaanotolla."),
                doc(org, "avgift", Language.SV, "Avgift för dagvård", "Avgiften för dagvård beror på familjens storlek och inkomster."),
                doc(org, "bibliotek", Language.SV, "Huvudbiblioteket", "Bibliotekets öppettider ändras på sommaren.")));
        return index;
    }

    @ParameterizedTest
    @EnumSource(SearchTestSupport.Finnish.class)
    void compoundFindsItsPartsInflected(SearchTestSupport.Finnish finnish) {
        OrganizationId org = SearchTestSupport.newOrganization();
        try (LuceneSearchIndex index = corpus(finnish, org)) {
            assertThat(ids(index, org, "päivähoitomaksu", Language.FI)).first().isEqualTo("maksut");
        }
    }

    @ParameterizedTest
    @EnumSource(SearchTestSupport.Finnish.class)
    void consonantGradationInACompound(SearchTestSupport.Finnish finnish) {
        OrganizationId org = SearchTestSupport.newOrganization();
        try (LuceneSearchIndex index = corpus(finnish, org)) {
            assertThat(ids(index, org, "aukioloaika", Language.FI)).first().isEqualTo("kirjasto");
            assertThat(ids(index, org, "kirjaston aukioloaikoja", Language.FI)).first().isEqualTo("kirjasto");
        }
    }

    @ParameterizedTest
    @EnumSource(SearchTestSupport.Finnish.class)
    void swedishCompoundWithLinkingS(SearchTestSupport.Finnish finnish) {
        OrganizationId org = SearchTestSupport.newOrganization();
        try (LuceneSearchIndex index = corpus(finnish, org)) {
            assertThat(ids(index, org, "dagvårdsavgift", Language.SV)).first().isEqualTo("avgift");
            assertThat(ids(index, org, "biblioteksöppettider", Language.SV)).first().isEqualTo("bibliotek");
        }
    }

    @ParameterizedTest
    @EnumSource(SearchTestSupport.Finnish.class)
    void residentsWordFindsTheOfficialTermThroughSynonyms(SearchTestSupport.Finnish finnish) {
        OrganizationId org = SearchTestSupport.newOrganization();
        try (LuceneSearchIndex index = corpus(finnish, org)) {
            assertThat(ids(index, org, "päiväkoti", Language.FI)).contains("vaka");
            assertThat(ids(index, org, "päiväkotiin", Language.FI)).contains("vaka");
            assertThat(ids(index, org, "dagis", Language.SV)).containsExactly("avgift");
        }
    }

    @ParameterizedTest
    @EnumSource(SearchTestSupport.Finnish.class)
    void misspellingFindsTheWord(SearchTestSupport.Finnish finnish) {
        OrganizationId org = SearchTestSupport.newOrganization();
        try (LuceneSearchIndex index = corpus(finnish, org)) {
            assertThat(ids(index, org, "rakenuslupa", Language.FI)).first().isEqualTo("lupa");
            assertThat(ids(index, org, "kirjastokotrti", Language.FI)).first().isEqualTo("kirjasto");
        }
    }

    @ParameterizedTest
    @EnumSource(SearchTestSupport.Finnish.class)
    void textTypedWithoutDotsFindsTheWord(SearchTestSupport.Finnish finnish) {
        OrganizationId org = SearchTestSupport.newOrganization();
        try (LuceneSearchIndex index = corpus(finnish, org)) {
            assertThat(ids(index, org, "paivahoidon maksut", Language.FI)).first().isEqualTo("maksut");
            assertThat(ids(index, org, "oppettider", Language.SV)).first().isEqualTo("bibliotek");
        }
    }

    @ParameterizedTest
    @EnumSource(SearchTestSupport.Finnish.class)
    void unrelatedDocumentsAreNotFound(SearchTestSupport.Finnish finnish) {
        OrganizationId org = SearchTestSupport.newOrganization();
        try (LuceneSearchIndex index = corpus(finnish, org)) {
            assertThat(ids(index, org, "päivähoitomaksu", Language.FI)).doesNotContain("koira", "lupa", "kirjasto");
            assertThat(ids(index, org, "kuu", Language.FI)).isEmpty();
            assertThat(ids(index, org, "voinko saada", Language.FI)).as("only stopwords").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SearchTestSupport.Finnish.class)
    void finnishAnalysisReducesWordsToBaseFormsAndParts(SearchTestSupport.Finnish finnish) {
        try (TextAnalysis analysis = SearchTestSupport.analysis(finnish)) {
            assertThat(terms(analysis, Language.FI, "päivähoitomaksu")).contains("paivahoitomaksu", "paiva", "hoito", "maksu");
            assertThat(terms(analysis, Language.FI, "päivähoidon")).contains("paivahoito", "hoito");
            assertThat(terms(analysis, Language.FI, "aukioloajat")).contains("aukioloaika", "aika");
            assertThat(terms(analysis, Language.SV, "dagvårdsavgift")).contains("dagvard", "avgift");
        }
    }

    private static List<String> terms(TextAnalysis analysis, Language language, String text) {
        return analysis.analyze(language, text).stream().flatMap(List::stream).map(TextAnalysis.Token::term).toList();
    }
}
