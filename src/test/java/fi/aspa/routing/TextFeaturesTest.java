package fi.aspa.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The baseline's features are scikit-learn's char_wb analyzer, so that the benchmark's baseline is the standard one. */
class TextFeaturesTest {

    @Test
    void charWbCountsTheSameNGramsAsScikitLearn() {
        // TfidfVectorizer(analyzer='char_wb', ngram_range=(1, 5)).build_analyzer()("Kyltti  NURIN, ok"):
        // 61 distinct n-grams, 70 in all; a token shorter than n is counted once as a whole and stops there
        Map<String, Double> grams = TextFeatures.charWb("Kyltti  NURIN, ok");
        assertThat(grams).hasSize(61);
        assertThat(grams.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(70.0);
        assertThat(grams).containsEntry(" ", 6.0).containsEntry(" ok ", 1.0).containsEntry("in, ", 1.0)
                .containsEntry("yltti", 1.0).containsEntry("t", 2.0).containsEntry("n,", 1.0);
        assertThat(grams).doesNotContainKeys(" ok  ", "kyltti", "nurin,");
    }

    @Test
    void charWbOfNothingIsEmpty() {
        assertThat(TextFeatures.charWb(null)).isEmpty();
        assertThat(TextFeatures.charWb(" \n\t ")).isEmpty();
    }
}
