package fi.aspa.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Multinomial naive Bayes over TF-IDF weights (Rennie et al. 2003, "Tackling the poor assumptions of naive
 * Bayes"), optionally in its complement form. Sparse: memory grows with the features each label has seen, so it
 * scales to catalogues of hundreds of services. The log-likelihoods are turned into confidences by a softmax
 * with a temperature.
 */
final class NaiveBayes implements TextClassifier {
    private final Vectorizer vectorizer;
    /** The text last turned into features: routing ranks a case's text, then explains the best label from the same text. */
    private volatile Vectorized last;

    private record Vectorized(String text, Vectorizer.Sparse vector) {}
    private final List<String> labels;
    /** Per feature: the labels that saw it, and their log weight minus the label's weight of an unseen feature. */
    private final int[][] postingLabels;
    private final float[][] postingWeights;
    private final double[] unseen;
    private final double[] prior;
    private final double temperature;
    private final int among;
    private final boolean complement;

    NaiveBayes(List<Example> examples, Function<String, Map<String, Double>> features, double alpha, boolean complement,
               double temperature) {
        this(examples, features, alpha, complement, temperature, Integer.MAX_VALUE);
    }

    /**
     * With {@code among} set, a confidence is the label's share among the {@code among} most likely labels (they sum
     * to 1): a softmax over all of a catalogue of hundreds spreads the mass so thin that no case would ever look sure.
     */
    NaiveBayes(List<Example> examples, Function<String, Map<String, Double>> features, double alpha, boolean complement,
               double temperature, int among) {
        this.temperature = temperature;
        this.among = among;
        this.complement = complement;
        List<Map<String, Double>> documents = examples.stream().map(e -> features.apply(e.text())).toList();
        vectorizer = new Vectorizer(documents, features, true);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Example e : examples) index.computeIfAbsent(e.label(), l -> index.size());
        labels = new ArrayList<>(index.keySet());
        int k = labels.size();
        int d = vectorizer.dimensions();
        Map<Integer, Map<Integer, Double>> postings = new HashMap<>();
        List<Map<Integer, Double>> mass = new ArrayList<>();
        for (int c = 0; c < k; c++) mass.add(new HashMap<>());
        double[] total = new double[k];
        Map<Integer, Double> all = new HashMap<>();
        double grand = 0;
        int[] count = new int[k];
        for (int n = 0; n < examples.size(); n++) {
            int c = index.get(examples.get(n).label());
            count[c]++;
            Vectorizer.Sparse v = vectorizer.vector(documents.get(n));
            for (int f = 0; f < v.index().length; f++) {
                mass.get(c).merge(v.index()[f], v.value()[f], Double::sum);
                all.merge(v.index()[f], v.value()[f], Double::sum);
                total[c] += v.value()[f];
                grand += v.value()[f];
            }
        }
        unseen = new double[k];
        prior = new double[k];
        for (int c = 0; c < k; c++) {
            prior[c] = Math.log((count[c] + 1.0) / (examples.size() + k));
            if (!complement) {
                double denominator = total[c] + alpha * d;
                unseen[c] = Math.log(alpha / denominator);
                for (Map.Entry<Integer, Double> e : mass.get(c).entrySet()) {
                    postings.computeIfAbsent(e.getKey(), f -> new HashMap<>())
                            .put(c, Math.log((e.getValue() + alpha) / denominator) - unseen[c]);
                }
            } else {
                // The complement: how badly the other labels explain the text. Its weight for a feature the label
                // never saw is the same for every label up to log(denominator); only the label's own features need
                // a posting, so memory stays sparse however many labels there are.
                double denominator = grand - total[c] + alpha * d;
                unseen[c] = Math.log(denominator);
                for (Map.Entry<Integer, Double> e : mass.get(c).entrySet()) {
                    double everywhere = all.get(e.getKey());
                    double rest = Math.max(0, everywhere - e.getValue());
                    postings.computeIfAbsent(e.getKey(), f -> new HashMap<>())
                            .put(c, Math.log(everywhere + alpha) - Math.log(rest + alpha));
                }
            }
        }
        postingLabels = new int[d][];
        postingWeights = new float[d][];
        postings.forEach((feature, weights) -> {
            int[] ls = new int[weights.size()];
            float[] ws = new float[weights.size()];
            int i = 0;
            for (Map.Entry<Integer, Double> w : weights.entrySet()) {
                ls[i] = w.getKey();
                ws[i++] = w.getValue().floatValue();
            }
            postingLabels[feature] = ls;
            postingWeights[feature] = ws;
        });
    }

    /** The words of the text that weighed most for the label (whole-word features only), strongest first. */
    List<String> evidence(String text, String label, int limit) {
        int c = labels.indexOf(label);
        if (c < 0) return List.of();
        Vectorizer.Sparse v = vector(text);
        String[] names = vectorizer.names();
        record Weighed(String word, double weight) {}
        List<Weighed> weighed = new ArrayList<>();
        for (int f = 0; f < v.index().length; f++) {
            int[] ls = postingLabels[v.index()[f]];
            String name = names[v.index()[f]];
            if (ls == null || !name.startsWith("w:")) continue;
            for (int i = 0; i < ls.length; i++) {
                if (ls[i] == c) weighed.add(new Weighed(name.substring(2), v.value()[f] * postingWeights[v.index()[f]][i]));
            }
        }
        return weighed.stream().filter(w -> w.weight() > 0).sorted(Comparator.comparingDouble(Weighed::weight).reversed())
                .limit(limit).map(Weighed::word).toList();
    }

    @Override
    public List<Scored> rank(String text) {
        double[] confidence = confidences(text);
        List<Scored> ranked = new ArrayList<>(confidence.length);
        for (int c = 0; c < confidence.length; c++) ranked.add(new Scored(labels.get(c), confidence[c]));
        ranked.sort(Comparator.comparingDouble(Scored::confidence).reversed());
        return ranked;
    }

    /**
     * The {@code k} most likely labels without sorting them all: routing wants five of the organization's hundreds of
     * services for every new case, and sorting all of them was a tenth of the intake's CPU. Same order as {@link #rank}
     * (equal confidences in label order).
     */
    @Override
    public List<Scored> top(String text, int k) {
        double[] confidence = confidences(text);
        boolean[] taken = new boolean[confidence.length];
        List<Scored> top = new ArrayList<>(Math.min(k, confidence.length));
        while (top.size() < Math.min(k, confidence.length)) {
            int best = -1;
            for (int c = 0; c < confidence.length; c++) {
                if (!taken[c] && (best < 0 || confidence[c] > confidence[best])) best = c;
            }
            taken[best] = true;
            top.add(new Scored(labels.get(best), confidence[best]));
        }
        return top;
    }

    private Vectorizer.Sparse vector(String text) {
        Vectorized seen = last;
        if (seen != null && seen.text().equals(text)) return seen.vector();
        Vectorizer.Sparse v = vectorizer.vector(text);
        last = new Vectorized(text, v);
        return v;
    }

    /** Each label's confidence for the text, in label order (those of the {@code among} most likely sum to 1). */
    private double[] confidences(String text) {
        Vectorizer.Sparse v = vector(text);
        double mass = 0;
        for (double x : v.value()) mass += x;
        double[] score = new double[labels.size()];
        for (int c = 0; c < score.length; c++) score[c] = (complement ? 0 : prior[c]) + mass * unseen[c];
        for (int f = 0; f < v.index().length; f++) {
            int[] ls = postingLabels[v.index()[f]];
            if (ls == null) continue;
            float[] ws = postingWeights[v.index()[f]];
            double x = v.value()[f];
            for (int i = 0; i < ls.length; i++) score[ls[i]] += x * ws[i];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double s : score) max = Math.max(max, s);
        for (int c = 0; c < score.length; c++) score[c] = Math.exp((score[c] - max) / temperature);
        double sum = sumOfLargest(score, Math.min(among, score.length));
        for (int c = 0; c < score.length; c++) score[c] /= sum;
        return score;
    }

    /** The sum of the {@code n} largest values (a small sorted buffer: n is ten, the labels hundreds). */
    private static double sumOfLargest(double[] values, int n) {
        if (n == values.length) {
            double sum = 0;
            for (double v : values) sum += v;
            return sum;
        }
        double[] largest = new double[n];
        Arrays.fill(largest, -1);
        for (double v : values) {
            if (v <= largest[n - 1]) continue;
            int i = n - 1;
            while (i > 0 && largest[i - 1] < v) {
                largest[i] = largest[i - 1];
                i--;
            }
            largest[i] = v;
        }
        double sum = 0;
        for (double v : largest) sum += v;
        return sum;
    }
}
