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
    /** The features when they can be visited, and the vocabulary by kind and characters for them; else null. */
    private final TextFeatures.Visitable visitable;
    private final Table table;

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
        visitable = features instanceof TextFeatures.Visitable v ? v : null;
        table = visitable == null ? null : new Table(vocabulary);
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

    /**
     * The text's vector. With visitable features, without naming them: each feature is looked up by its characters
     * and only the vocabulary's indices are counted (the same vector as {@link #vector(Map)} of the named features, in
     * index order), instead of a map of every feature's name, most of which the vocabulary has never seen.
     */
    Sparse vector(String text) {
        if (visitable == null) return vector(features.apply(text));
        Hits hits = new Hits();
        visitable.visit(text, (kind, chars, from, to) -> hits.add(table.find(kind, chars, from, to)));
        int[] found = hits.sorted();
        int[] index = new int[found.length];
        double[] value = new double[found.length];
        int k = 0;
        for (int i = 0; i < found.length; ) {
            int repeats = 1;
            while (i + repeats < found.length && found[i + repeats] == found[i]) repeats++;
            index[k] = found[i];
            value[k++] = weight(found[i], repeats);
            i += repeats;
        }
        return new Sparse(Arrays.copyOf(index, k), Arrays.copyOf(value, k)).normalized();
    }

    private double weight(int feature, double count) {
        return (tfidf ? 1.0 + Math.log(count) : count) * idf[feature];
    }

    Sparse vector(Map<String, Double> counts) {
        int[] index = new int[counts.size()];
        double[] value = new double[counts.size()];
        int k = 0;
        for (Map.Entry<String, Double> e : counts.entrySet()) {
            Integer i = vocabulary.get(e.getKey());
            if (i == null) continue;
            index[k] = i;
            value[k] = weight(i, e.getValue());
            k++;
        }
        return new Sparse(Arrays.copyOf(index, k), Arrays.copyOf(value, k)).normalized();
    }

    /** The vocabulary indices of a text's features, with repeats (unknown features are left out). */
    private static final class Hits {
        private int[] found = new int[128];
        private int size;

        void add(int feature) {
            if (feature < 0) return;
            if (size == found.length) found = Arrays.copyOf(found, size * 2);
            found[size++] = feature;
        }

        int[] sorted() {
            int[] sorted = Arrays.copyOf(found, size);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /**
     * The vocabulary as an open-addressing hash table that finds a feature from its kind and characters without
     * building its name: the hash is {@link String#hashCode()} of {@code kind + ":" + characters}, and a candidate is
     * compared character by character.
     */
    private static final class Table {
        private final String[] keys;
        private final int[] values;
        private final int mask;

        Table(Map<String, Integer> vocabulary) {
            int capacity = Integer.highestOneBit(Math.max(2, vocabulary.size()) * 2 - 1) << 1; // at most half full
            keys = new String[capacity];
            values = new int[capacity];
            mask = capacity - 1;
            vocabulary.forEach((key, value) -> {
                int slot = spread(key.hashCode()) & mask;
                while (keys[slot] != null) slot = (slot + 1) & mask;
                keys[slot] = key;
                values[slot] = value;
            });
        }

        /** The feature's index, or -1 when the vocabulary does not have it. */
        int find(char kind, char[] chars, int from, int to) {
            int hash = 31 * kind + ':';
            for (int i = from; i < to; i++) hash = 31 * hash + chars[i];
            for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
                String key = keys[slot];
                if (key == null) return -1;
                if (matches(key, kind, chars, from, to)) return values[slot];
            }
        }

        private static boolean matches(String key, char kind, char[] chars, int from, int to) {
            if (key.length() != to - from + 2 || key.charAt(0) != kind || key.charAt(1) != ':') return false;
            for (int i = from; i < to; i++) if (key.charAt(i - from + 2) != chars[i]) return false;
            return true;
        }

        private static int spread(int hash) {
            return hash ^ (hash >>> 16);
        }
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
