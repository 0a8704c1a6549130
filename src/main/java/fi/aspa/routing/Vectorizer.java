package fi.aspa.routing;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * TF-IDF over a fixed vocabulary learned from the training texts: sublinear term frequency, smoothed inverse
 * document frequency, unit length. Features never seen in training are dropped.
 */
final class Vectorizer {
    private final Function<String, Map<String, Double>> features;
    private final Map<String, Integer> vocabulary = new HashMap<>();
    private final double[] idf;
    private final boolean tfidf;

    Vectorizer(List<String> texts, Function<String, Map<String, Double>> features, boolean tfidf) {
        this(texts.stream().map(features).toList(), features, tfidf);
    }

    /** From the training texts' features, computed once by the caller. */
    Vectorizer(Collection<Map<String, Double>> documents, Function<String, Map<String, Double>> features, boolean tfidf) {
        this.features = features;
        this.tfidf = tfidf;
        Map<String, Integer> df = new HashMap<>();
        int n = documents.size();
        for (Map<String, Double> document : documents) {
            for (String f : document.keySet()) {
                df.merge(f, 1, Integer::sum);
                vocabulary.computeIfAbsent(f, k -> vocabulary.size());
            }
        }
        idf = new double[vocabulary.size()];
        df.forEach((f, count) -> idf[vocabulary.get(f)] = tfidf ? Math.log((1.0 + n) / (1.0 + count)) + 1.0 : 1.0);
    }

    /** The feature names by index (for explanations). */
    String[] names() {
        String[] names = this.names;
        if (names == null) {
            // Built once: inverting the vocabulary for every explanation cost more than the classification itself.
            names = new String[idf.length];
            for (Map.Entry<String, Integer> e : vocabulary.entrySet()) names[e.getValue()] = e.getKey();
            this.names = names;
        }
        return names;
    }

    private volatile String[] names;

    int dimensions() {
        return idf.length;
    }

    Sparse vector(String text) {
        return vector(features.apply(text));
    }

    Sparse vector(Map<String, Double> counts) {
        int[] index = new int[counts.size()];
        double[] value = new double[counts.size()];
        int k = 0;
        for (Map.Entry<String, Double> e : counts.entrySet()) {
            Integer i = vocabulary.get(e.getKey());
            if (i == null) continue;
            index[k] = i;
            value[k] = (tfidf ? 1.0 + Math.log(e.getValue()) : e.getValue()) * idf[i];
            k++;
        }
        return new Sparse(Arrays.copyOf(index, k), Arrays.copyOf(value, k)).normalized();
    }

    /** A sparse vector; indices are not sorted. */
    record Sparse(int[] index, double[] value) {
        Sparse normalized() {
            double norm = 0;
            for (double v : value) norm += v * v;
            if (norm == 0) return this;
            double inv = 1.0 / Math.sqrt(norm);
            double[] scaled = new double[value.length];
            for (int i = 0; i < value.length; i++) scaled[i] = value[i] * inv;
            return new Sparse(index, scaled);
        }

        double dot(double[] dense) {
            double sum = 0;
            for (int i = 0; i < index.length; i++) sum += value[i] * dense[index[i]];
            return sum;
        }

        boolean isEmpty() {
            return index.length == 0;
        }
    }
}
