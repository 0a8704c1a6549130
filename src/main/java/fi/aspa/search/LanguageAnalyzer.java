package fi.aspa.search;

import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import fi.aspa.platform.Language;

/** Unicode word segmentation, lower case, then the language's {@link MorphologyFilter}; the same at index and query time. */
final class LanguageAnalyzer extends Analyzer {
    private final Language language;
    private final Morphology morphology;
    private final Set<String> stopwords;

    LanguageAnalyzer(Language language, Morphology morphology, Set<String> stopwords) {
        this.language = language;
        this.morphology = morphology;
        this.stopwords = stopwords;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = tokenizer;
        if (language == Language.EN) stream = new EnglishPossessiveFilter(stream);
        stream = new LowerCaseFilter(stream);
        stream = new MorphologyFilter(stream, morphology, stopwords);
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    Language language() {
        return language;
    }

    Morphology morphology() {
        return morphology;
    }

    Set<String> stopwords() {
        return stopwords;
    }
}
