package fi.aspa.search;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers analyses: the words of a language follow Zipf's law, so after a few thousand documents nearly every
 * word has been seen, and Voikko (a native call under a lock) or the decompounder runs only for new ones.
 * Bounded: when full it is cleared and fills again with the words in use.
 */
final class CachingMorphology implements Morphology {
    private final Morphology delegate;
    private final int capacity;
    private final ConcurrentHashMap<String, WordAnalysis> cache = new ConcurrentHashMap<>();

    CachingMorphology(Morphology delegate, int capacity) {
        this.delegate = delegate;
        this.capacity = capacity;
    }

    @Override
    public WordAnalysis analyze(String word) {
        WordAnalysis cached = cache.get(word);
        if (cached != null) return cached;
        WordAnalysis analysis = delegate.analyze(word);
        if (cache.size() >= capacity) cache.clear();
        cache.put(word, analysis);
        return analysis;
    }

    @Override
    public String name() {
        return delegate.name();
    }
}
