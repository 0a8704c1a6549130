package fi.aspa.search;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** In-memory search indexes for tests, with Voikko or with the pure-Java Finnish analysis. */
final class SearchTestSupport {
    /** {@code -Daspa.search.require-voikko=true} (set by {@code ./aspa test}) turns a missing Voikko into a failure. */
    static final boolean REQUIRE_VOIKKO = Boolean.getBoolean("aspa.search.require-voikko");

    private SearchTestSupport() {}

    enum Finnish { VOIKKO, LEXICON }

    static LuceneSearchIndex inMemory(Finnish finnish) {
        TextAnalysis analysis = analysis(finnish);
        return new LuceneSearchIndex(null, analysis, new ClasspathSynonyms(), Ranking.DEFAULT, 2);
    }

    static TextAnalysis analysis(Finnish finnish) {
        TextAnalysis analysis = TextAnalysis.create(finnish == Finnish.VOIKKO, 2);
        if (finnish == Finnish.VOIKKO && !"voikko".equals(analysis.finnishMorphology())) {
            analysis.close();
            if (REQUIRE_VOIKKO) throw new IllegalStateException("Voikko is required but not installed: apt-get install libvoikko1 voikko-fi");
            assumeTrue(false, "Voikko is not installed (apt-get install libvoikko1 voikko-fi); its variant is skipped");
        }
        return analysis;
    }

    static OrganizationId newOrganization() {
        return new OrganizationId(UUID.randomUUID());
    }

    static SearchDocument doc(OrganizationId org, String id, Language language, String title, String body) {
        return new SearchDocument(id, org, DocumentType.ARTICLE, language, title, body, List.of(), Map.of(),
                Visibility.PUBLIC, Instant.EPOCH);
    }
}
