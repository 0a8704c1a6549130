package fi.aspa.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Classification vectorizes a case's text by visiting its features and looking each one up by its characters; that
 * must give exactly the vector of the named features that training uses.
 */
class VectorizerTest {
    private static final List<String> TEXTS = RoutingBenchmark.requests().stream().map(RoutingBenchmark.Labelled::text).toList();

    @Test
    void theVisitedVectorIsTheVectorOfTheNamedFeatures() {
        Vectorizer vectorizer = new Vectorizer(TEXTS.subList(0, 60), TextFeatures.STANDARD, true);
        List<String> probes = new java.util.ArrayList<>(TEXTS);
        probes.addAll(List.of("Kuoppa kuoppa KUOPPA kuopat kuoppia: katuvalo ei pala", "Gatlyktan lyser inte på Ålandsvägen",
                "zzqx wwvq", "", "   ", "Ääkköset Å Öland 123 abc-def liikennemerkki"));
        probes.add(null);
        int nonEmpty = 0;
        for (String text : probes) {
            Map<Integer, Double> visited = asMap(vectorizer.vector(text));
            Map<Integer, Double> named = asMap(vectorizer.vector(TextFeatures.of(text)));
            assertThat(visited.keySet()).as(text).isEqualTo(named.keySet());
            named.forEach((i, v) -> assertThat(visited.get(i)).as(text).isCloseTo(v, within(1e-12)));
            if (!visited.isEmpty()) nonEmpty++;
        }
        // the held-out requests share features with the training texts (else the comparison would be of empty vectors)
        assertThat(nonEmpty).isGreaterThan(TEXTS.size());
        assertThat(vectorizer.vector("zzqx wwvq").isEmpty()).isTrue();
    }

    @Test
    void repeatsAreCountedSublinearly() {
        Vectorizer vectorizer = new Vectorizer(List.of("katuvalo", "kuoppa tie"), TextFeatures.STANDARD, true);
        Vectorizer.Sparse once = vectorizer.vector("katuvalo kuoppa");
        Vectorizer.Sparse twice = vectorizer.vector("katuvalo katuvalo kuoppa");
        // the same features, but katuvalo's weigh 1 + ln 2 times as much before the vectors are scaled to unit length
        assertThat(asMap(twice).keySet()).isEqualTo(asMap(once).keySet());
        int word = asMap(once).keySet().stream().filter(i -> vectorizer.names()[i].equals("w:katuvalo")).findFirst().orElseThrow();
        int other = asMap(once).keySet().stream().filter(i -> vectorizer.names()[i].equals("w:kuoppa")).findFirst().orElseThrow();
        double ratioOnce = asMap(once).get(word) / asMap(once).get(other);
        double ratioTwice = asMap(twice).get(word) / asMap(twice).get(other);
        assertThat(ratioTwice / ratioOnce).isCloseTo(1 + Math.log(2), within(1e-9));
    }

    private static Map<Integer, Double> asMap(Vectorizer.Sparse v) {
        Map<Integer, Double> m = new HashMap<>();
        for (int i = 0; i < v.index().length; i++) assertThat(m.put(v.index()[i], v.value()[i])).isNull();
        return m;
    }
}
