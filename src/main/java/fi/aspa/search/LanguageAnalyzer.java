package fi.aspa.search;

import fi.aspa.platform.Language;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Unicode word segmentation, lower case, then the language's {@link MorphologyFilter}; the same at index and
 * query time. With {@code parts} the compound parts are emitted too (the fields searched for parts and
 * highlighted); without, only base forms (the fields that score whole words).
 */
final class LanguageAnalyzer extends Analyzer {
    private final Language language;
    private final Morphology morphology;
    private final Set<String> stopwords;
    private final boolean parts;

    LanguageAnalyzer(Language language, Morphology morphology, Set<String> stopwords, boolean parts) {
        super(PER_FIELD_REUSE_STRATEGY); // title, keywords and body of one document are analyzed side by side
        this.language = language;
        this.morphology = morphology;
        this.stopwords = stopwords;
        this.parts = parts;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = tokenizer;
        if (language == Language.EN) stream = new EnglishPossessiveFilter(stream);
        stream = new LowerCaseFilter(stream);
        stream = new MorphologyFilter(stream, morphology, stopwords, parts);
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
