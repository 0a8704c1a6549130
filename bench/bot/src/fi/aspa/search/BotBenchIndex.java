package fi.aspa.search;

/** The embedded search index in memory, for the bot benchmark (the index class is the search module's own). */
public final class BotBenchIndex {
    private BotBenchIndex() {}

    public static SearchIndex inMemory() {
        return new LuceneSearchIndex(null, TextAnalysis.create(true, 2), new ClasspathSynonyms(), Ranking.DEFAULT, 2);
    }

    public static String finnishMorphology(SearchIndex index) {
        return ((LuceneSearchIndex) index).analysis().finnishMorphology();
    }
}
