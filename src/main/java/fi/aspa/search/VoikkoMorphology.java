package fi.aspa.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.puimula.libvoikko.Analysis;
import org.puimula.libvoikko.Voikko;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finnish through Voikko (Debian {@code libvoikko1} + {@code voikko-fi}): base forms and compound parts of
 * every word Voikko knows. Voikko's methods are synchronized, so a small pool of instances serves concurrent
 * indexing and searching. Words Voikko does not know (slang, typos, text typed without dots) go to the
 * pure-Java lexicon, which was built from the same kind of text and may still recognize them.
 */
final class VoikkoMorphology implements Morphology, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoikkoMorphology.class);

    private final BlockingQueue<Voikko> pool;
    private final List<Voikko> all;
    private final Morphology unknownWords;

    private VoikkoMorphology(List<Voikko> instances, Morphology unknownWords) {
        this.pool = new ArrayBlockingQueue<>(instances.size(), false, instances);
        this.all = instances;
        this.unknownWords = unknownWords;
    }

    /** Voikko with {@code size} instances, or empty when the native library or the Finnish dictionary is missing. */
    static Optional<VoikkoMorphology> open(int size, Morphology unknownWords) {
        List<Voikko> instances = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) instances.add(new Voikko("fi"));
            return Optional.of(new VoikkoMorphology(instances, unknownWords));
        } catch (Throwable e) { // UnsatisfiedLinkError without libvoikko, VoikkoException without voikko-fi
            instances.forEach(VoikkoMorphology::terminate);
            log.info("Voikko is not available ({}); Finnish search uses the pure-Java lexicon", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public WordAnalysis analyze(String word) {
        if (word.length() > 60 || word.chars().anyMatch(Character::isDigit)) return unknownWords.analyze(word);
        List<Analysis> analyses;
        Voikko voikko = borrow();
        try {
            analyses = voikko.analyze(word);
        } finally {
            pool.add(voikko);
        }
        if (analyses.isEmpty()) return unknownWords.analyze(word);
        VoikkoReading reading = VoikkoReading.of(word, analyses);
        if (reading.lemmas().isEmpty()) return unknownWords.analyze(word);
        return new WordAnalysis(reading.lemmas(), reading.parts(), true);
    }

    private Voikko borrow() {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Voikko", e);
        }
    }

    @Override
    public String name() {
        return "voikko";
    }

    @Override
    public void close() {
        all.forEach(VoikkoMorphology::terminate);
    }

    private static void terminate(Voikko voikko) {
        try {
            voikko.terminate();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
