package fi.aspa.search;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The synonyms shipped with Aspa, {@code fi/aspa/search/synonyms_<lang>.txt}, the same for every organization: for tests
 * and benchmarks outside Spring. The application uses {@link SynonymStore}, which is seeded from the same files.
 */
final class ClasspathSynonyms implements SynonymSource {
    private final Map<Language, List<Rule>> rules = new EnumMap<>(Language.class);

    ClasspathSynonyms() {
        for (Language language : Language.values()) {
            rules.put(language, SynonymSource.parse(TextAnalysis.lines("synonyms_" + language.code() + ".txt")));
        }
    }

    @Override
    public List<Rule> rules(OrganizationId organization, Language language) {
        return rules.get(language);
    }
}
