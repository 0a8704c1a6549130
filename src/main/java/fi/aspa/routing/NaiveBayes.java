package fi.aspa.routing;

import java.util.ArrayList;
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
    private final List<String> labels;
    /** feature -> (label index -> log weight minus the label's log weight of an unseen feature). */
    private final Map<Integer, Map<Integer, Double>> postings = new HashMap<>();
    private final double[] unseen;
    private final double[] prior;
    private final double temperature;
    private final boolean complement;

    NaiveBayes(List<Example> examples, Function<String, Map<String, Double>> features, double alpha, boolean complement,
               double temperature) {
        this.temperature = temperature;
        this.complement = complement;
        vectorizer = new Vectorizer(examples.stream().map(Example::text).toList(), features, true);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Example e : examples) index.computeIfAbsent(e.label(), l -> index.size());
        labels = new ArrayList<>(index.keySet());
        int k = labels.size();
        int d = vectorizer.dimensions();
        List<Map<Integer, Double>> mass = new ArrayList<>();
        for (int c = 0; c < k; c++) mass.add(new HashMap<>());
        double[] total = new double[k];
        Map<Integer, Double> all = new HashMap<>();
        double grand = 0;
        int[] count = new int[k];
        for (Example e : examples) {
            int c = index.get(e.label());
            count[c]++;
            Vectorizer.Sparse v = vectorizer.vector(e.text());
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
                // the complement: what the other labels say; a label scores by how little its complement fits
                double denominator = grand - total[c] + alpha * d;
                unseen[c] = -Math.log(alpha / denominator);
                for (Map.Entry<Integer, Double> e : all.entrySet()) {
                    double own = mass.get(c).getOrDefault(e.getKey(), 0.0);
                    double rest = e.getValue() - own;
                    if (rest > 0) {
                        postings.computeIfAbsent(e.getKey(), f -> new HashMap<>())
                                .put(c, -Math.log((rest + alpha) / denominator) - unseen[c]);
                    }
                }
            }
        }
    }

    @Override
    public List<Scored> rank(String text) {
        Vectorizer.Sparse v = vectorizer.vector(text);
        double mass = 0;
        for (double x : v.value()) mass += x;
        double[] score = new double[labels.size()];
        for (int c = 0; c < score.length; c++) score[c] = (complement ? 0 : prior[c]) + mass * unseen[c];
        for (int f = 0; f < v.index().length; f++) {
            Map<Integer, Double> p = postings.get(v.index()[f]);
            if (p == null) continue;
            double x = v.value()[f];
            for (Map.Entry<Integer, Double> e : p.entrySet()) score[e.getKey()] += x * e.getValue();
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double s : score) max = Math.max(max, s);
        double sum = 0;
        for (int c = 0; c < score.length; c++) {
            score[c] = Math.exp((score[c] - max) / temperature);
            sum += score[c];
        }
        List<Scored> ranked = new ArrayList<>();
        for (int c = 0; c < score.length; c++) ranked.add(new Scored(labels.get(c), score[c] / sum));
        ranked.sort(Comparator.comparingDouble(Scored::confidence).reversed());
        return ranked;
    }
}
