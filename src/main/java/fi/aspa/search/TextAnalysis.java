package fi.aspa.search;

import fi.aspa.platform.Language;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * The analyzers of the three languages. Finnish uses Voikko when it is installed and allowed, otherwise the
 * pure-Java lexicon ({@link FinnishLexiconMorphology}). Text fields are named {@code <field>.<language>}
 * ({@code body.fi}) and analyzed with their language's analyzer.
 */
final class TextAnalysis implements AutoCloseable {
    private final Map<Language, LanguageAnalyzer> analyzers = new EnumMap<>(Language.class);
    private final VoikkoMorphology voikko;
    private final Analyzer perField;

    private TextAnalysis(VoikkoMorphology voikko, Morphology finnish, Morphology swedish, Morphology english) {
        this.voikko = voikko;
        analyzers.put(Language.FI, new LanguageAnalyzer(Language.FI, finnish, stopwords(Language.FI)));
        analyzers.put(Language.SV, new LanguageAnalyzer(Language.SV, swedish, stopwords(Language.SV)));
        analyzers.put(Language.EN, new LanguageAnalyzer(Language.EN, english, stopwords(Language.EN)));
        Analyzer keyword = new KeywordAnalyzer();
        this.perField = new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                int dot = fieldName.lastIndexOf('.');
                if (dot < 0) return keyword;
                return Language.parse(fieldName.substring(dot + 1)).<Analyzer>map(analyzers::get).orElse(keyword);
            }
        };
    }

    /**
     * @param useVoikko whether to use Voikko when it is installed (false: always the pure-Java lexicon)
     * @param voikkoInstances how many Voikko instances serve concurrent analysis
     */
    static TextAnalysis create(boolean useVoikko, int voikkoInstances) {
        Morphology lexicon = new CachingMorphology(FinnishLexiconMorphology.load(), 100_000);
        Optional<VoikkoMorphology> voikko = useVoikko ? VoikkoMorphology.open(voikkoInstances, lexicon) : Optional.empty();
        Morphology finnish = voikko.<Morphology>map(v -> new CachingMorphology(v, 500_000)).orElse(lexicon);
        Morphology swedish = new CachingMorphology(SwedishMorphology.load(stopwords(Language.SV)), 500_000);
        Morphology english = new CachingMorphology(new EnglishMorphology(), 500_000);
        return new TextAnalysis(voikko.orElse(null), finnish, swedish, english);
    }

    LanguageAnalyzer analyzer(Language language) {
        return analyzers.get(language);
    }

    /** The analyzer for index and query fields named {@code <field>.<language>}; other fields are not tokenized. */
    Analyzer perField() {
        return perField;
    }

    /** {@code voikko} or {@code lexicon}. */
    String finnishMorphology() {
        return analyzers.get(Language.FI).morphology().name();
    }

    /** The words of a text as the index sees them: per position, its terms with their types. */
    List<List<Token>> analyze(Language language, String text) {
        List<List<Token>> positions = new ArrayList<>();
        try (TokenStream stream = analyzers.get(language).tokenStream("text." + language.code(), text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (increment.getPositionIncrement() > 0 || positions.isEmpty()) positions.add(new ArrayList<>());
                positions.get(positions.size() - 1).add(new Token(term.toString(), type.type()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return positions;
    }

    record Token(String term, String type) {}

    @Override
    public void close() {
        if (voikko != null) voikko.close();
    }

    /** Lucene's stopwords of the language and Aspa's additions ({@code stopwords_<lang>.txt}), folded. */
    static Set<String> stopwords(Language language) {
        Set<String> out = new HashSet<>();
        CharArraySet lucene = switch (language) {
            case FI -> FinnishAnalyzer.getDefaultStopSet();
            case SV -> SwedishAnalyzer.getDefaultStopSet();
            case EN -> EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
        };
        for (Object word : lucene) out.add(Fold.fold(word instanceof char[] chars ? new String(chars) : word.toString()));
        out.addAll(lines("stopwords_" + language.code() + ".txt").stream().map(Fold::fold).toList());
        return Set.copyOf(out);
    }

    /** The lines of a resource next to this class, without blank lines and {@code #} comments. */
    static List<String> lines(String resource) {
        try (InputStream in = TextAnalysis.class.getResourceAsStream(resource)) {
            if (in == null) return List.of();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return linesOf(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> linesOf(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) out.add(s);
        }
        return out;
    }
}
