package fi.aspa.search;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * Replaces each lower-case word by its folded base forms (type {@value #WORD}, or {@value #UNKNOWN} when the
 * morphology did not recognize it) followed by its compound parts (type {@value #PART}), all at the word's
 * position and with its offsets, so highlighting marks the word as written. Words with a stopword among their
 * base forms are dropped, leaving a position gap.
 */
final class MorphologyFilter extends TokenFilter {
    static final String WORD = "word";
    static final String UNKNOWN = "unknown";
    static final String PART = "part";

    private final Morphology morphology;
    private final Set<String> stopwords;
    private final boolean parts;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final Deque<String[]> pending = new ArrayDeque<>();
    private AttributeSource.State state;

    /** @param parts whether to emit compound parts (false: base forms only) */
    MorphologyFilter(TokenStream input, Morphology morphology, Set<String> stopwords, boolean parts) {
        super(input);
        this.morphology = morphology;
        this.stopwords = stopwords;
        this.parts = parts;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            restoreState(state);
            String[] next = pending.poll();
            term.setEmpty().append(next[0]);
            type.setType(next[1]);
            position.setPositionIncrement(0);
            return true;
        }
        int skipped = 0;
        while (input.incrementToken()) {
            String word = term.toString();
            List<String[]> out = terms(word);
            if (out.isEmpty()) {
                skipped += position.getPositionIncrement();
                continue;
            }
            term.setEmpty().append(out.get(0)[0]);
            type.setType(out.get(0)[1]);
            position.setPositionIncrement(position.getPositionIncrement() + skipped);
            for (int i = 1; i < out.size(); i++) pending.add(out.get(i));
            if (!pending.isEmpty()) state = captureState();
            return true;
        }
        return false;
    }

    private List<String[]> terms(String word) {
        if (word.isEmpty() || stopwords.contains(Fold.fold(word))) return List.of();
        WordAnalysis analysis = morphology.analyze(word);
        List<String[]> out = new ArrayList<>(analysis.lemmas().size() + analysis.parts().size());
        List<String> seen = new ArrayList<>();
        String wordType = analysis.known() ? WORD : UNKNOWN;
        for (String lemma : analysis.lemmas()) {
            String folded = Fold.fold(lemma);
            // a reading as a stopword ("voinko": voida) outweighs rarer ones (vuo, voi)
            if (stopwords.contains(folded)) return List.of();
            if (seen.contains(folded)) continue;
            seen.add(folded);
            out.add(new String[] {folded, wordType});
        }
        if (!parts) return out;
        for (String part : analysis.parts()) {
            String folded = Fold.fold(part);
            if (folded.length() < 2 || stopwords.contains(folded) || seen.contains(folded)) continue;
            seen.add(folded);
            out.add(new String[] {folded, PART});
        }
        return out;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
        state = null;
    }
}
