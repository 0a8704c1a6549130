package fi.aspa.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pure-Java Finnish analysis without Voikko. Each inflected form of the lexicon is taken out in turn and
 * guessed from the rest: the guesser must still find Voikko's base form for most (measured: 90 % as the first
 * reading, 94 % among the readings), so it works on words the lexicon never saw.
 */
class FinnishLexiconTest {

    @Test
    void guessesTheBaseFormOfInflectedWordsItWasNotGiven() throws IOException {
        FinnishLexiconMorphology lexicon = FinnishLexiconMorphology.load();
        int forms = 0;
        int first = 0;
        int any = 0;
        for (String line : lines()) {
            String[] cols = line.split("\t", -1);
            List<String> voikko = Arrays.stream(cols[1].split("\\|")).map(Fold::fold).toList();
            if (voikko.contains(Fold.fold(cols[0]))) continue; // a base form itself
            forms++;
            WordAnalysis guessed = lexicon.withoutLexiconEntry(cols[0]);
            if (!guessed.known()) continue;
            if (voikko.contains(guessed.lemmas().get(0))) first++;
            if (guessed.lemmas().stream().anyMatch(voikko::contains)) any++;
        }
        assertThat(forms).isGreaterThan(4000);
        assertThat((double) first / forms).as("first reading right").isGreaterThan(0.87);
        assertThat((double) any / forms).as("a reading right").isGreaterThan(0.91);
    }

    @Test
    void gradationAndStemChangesAreUndone() {
        FinnishLexiconMorphology lexicon = FinnishLexiconMorphology.load();
        assertThat(lexicon.withoutLexiconEntry("hoidon").lemmas()).contains("hoito");
        assertThat(lexicon.withoutLexiconEntry("ilmoituksesta").lemmas()).first().isEqualTo("ilmoitus");
        assertThat(lexicon.withoutLexiconEntry("julkisten").lemmas()).first().isEqualTo("julkinen");
        assertThat(lexicon.withoutLexiconEntry("kunnille").lemmas()).contains("kunta");
        assertThat(lexicon.analyze("kirjastokorteilla").lemmas()).contains("kirjastokortti");
        assertThat(lexicon.analyze("kirjastokorteilla").parts()).containsExactly("kirjasto", "kortti");
        assertThat(lexicon.analyze("xyzzyä").known()).isFalse();
    }

    private static List<String> lines() throws IOException {
        try (InputStream in = FinnishLexiconMorphology.class.getResourceAsStream(FinnishLexiconMorphology.LEXICON)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        }
    }
}
