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
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * The analyzers of the three languages, each in two variants: with compound parts and with base forms only.
 * Finnish uses Voikko when it is installed and allowed, otherwise the pure-Java lexicon
 * ({@link FinnishLexiconMorphology}).
 */
final class TextAnalysis implements AutoCloseable {
    private final Map<Language, LanguageAnalyzer> analyzers = new EnumMap<>(Language.class);
    private final Map<Language, LanguageAnalyzer> wordsOnly = new EnumMap<>(Language.class);
    private final VoikkoMorphology voikko;

    private TextAnalysis(VoikkoMorphology voikko, Morphology finnish, Morphology swedish, Morphology english) {
        this.voikko = voikko;
        Map<Language, Morphology> morphologies = Map.of(Language.FI, finnish, Language.SV, swedish, Language.EN, english);
        morphologies.forEach((language, morphology) -> {
            analyzers.put(language, new LanguageAnalyzer(language, morphology, stopwords(language), true));
            wordsOnly.put(language, new LanguageAnalyzer(language, morphology, stopwords(language), false));
        });
    }

    /**
     * @param useVoikko whether to use Voikko when it is installed (false: always the pure-Java lexicon)
     * @param voikkoInstances how many Voikko instances serve concurrent analysis
     */
    static TextAnalysis create(boolean useVoikko, int voikkoInstances) {
        // the words of the shipped synonyms are known words too: the guesser then reduces amikseen to amis
        Morphology lexicon = new CachingMorphology(FinnishLexiconMorphology.load(synonymWords(Language.FI)), 100_000);
        Optional<VoikkoMorphology> voikko = useVoikko ? VoikkoMorphology.open(voikkoInstances, lexicon) : Optional.empty();
        Morphology finnish = voikko.<Morphology>map(v -> new CachingMorphology(v, 500_000)).orElse(lexicon);
        Morphology swedish = new CachingMorphology(SwedishMorphology.load(stopwords(Language.SV), synonymWords(Language.SV)), 500_000);
        Morphology english = new CachingMorphology(new EnglishMorphology(), 500_000);
        return new TextAnalysis(voikko.orElse(null), finnish, swedish, english);
    }

    LanguageAnalyzer analyzer(Language language) {
        return analyzers.get(language);
    }

    /** The analyzer with compound parts (true) or with base forms only (false). */
    LanguageAnalyzer analyzer(Language language, boolean parts) {
        return (parts ? analyzers : wordsOnly).get(language);
    }

    /** {@code voikko} or {@code lexicon}. */
    String finnishMorphology() {
        return analyzers.get(Language.FI).morphology().name();
    }

    /** The words of a text as the index sees them: per position, its terms with their types. */
    List<List<Token>> analyze(Language language, String text) {
        List<List<Token>> positions = new ArrayList<>();
        try (TokenStream stream = analyzers.get(language).tokenStream("query", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (increment.getPositionIncrement() > 0 || positions.isEmpty()) positions.add(new ArrayList<>());
                String surface = Fold.fold(text.substring(offset.startOffset(), offset.endOffset()).toLowerCase(java.util.Locale.ROOT));
                positions.get(positions.size() - 1).add(new Token(term.toString(), type.type(), surface));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return positions;
    }

    /** A term of the analyzed text, its type (word, unknown, part) and the word it came from as written (folded). */
    record Token(String term, String type, String surface) {}

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

    /** The words of the shipped synonym file of a language, lower case. */
    static Set<String> synonymWords(Language language) {
        Set<String> words = new HashSet<>();
        for (String line : lines("synonyms_" + language.code() + ".txt")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[\\p{L}-]+").matcher(line.toLowerCase(java.util.Locale.ROOT));
            while (m.find()) words.add(m.group());
        }
        return words;
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
