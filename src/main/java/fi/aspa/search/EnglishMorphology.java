package fi.aspa.search;

import java.util.List;
import org.tartarus.snowball.ext.EnglishStemmer;

/** English: the Porter2 (Snowball English) stem; English compounds are written apart. */
final class EnglishMorphology implements Morphology {
    @Override
    public WordAnalysis analyze(String word) {
        EnglishStemmer stemmer = new EnglishStemmer();
        stemmer.setCurrent(word);
        stemmer.stem();
        return new WordAnalysis(List.of(stemmer.getCurrent()), List.of(), true);
    }

    @Override
    public String name() {
        return "snowball-english";
    }
}
