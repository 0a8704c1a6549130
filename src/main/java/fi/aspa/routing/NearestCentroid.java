package fi.aspa.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The naive baseline: each label is the mean of its examples' unit vectors; a text goes to the centroid with
 * the highest cosine. Confidences are the cosines scaled to sum to one.
 */
final class NearestCentroid implements TextClassifier {
    private final Vectorizer vectorizer;
    private final List<String> labels;
    private final double[][] centroids;

    NearestCentroid(List<Example> examples, Function<String, Map<String, Double>> features, boolean tfidf) {
        vectorizer = new Vectorizer(examples.stream().map(Example::text).toList(), features, tfidf);
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Example e : examples) {
            double[] sum = sums.computeIfAbsent(e.label(), l -> new double[vectorizer.dimensions()]);
            Vectorizer.Sparse v = vectorizer.vector(e.text());
            for (int i = 0; i < v.index().length; i++) sum[v.index()[i]] += v.value()[i];
        }
        labels = new ArrayList<>(sums.keySet());
        centroids = new double[labels.size()][];
        for (int c = 0; c < labels.size(); c++) {
            double[] sum = sums.get(labels.get(c));
            double norm = 0;
            for (double x : sum) norm += x * x;
            norm = Math.sqrt(norm);
            if (norm > 0) for (int i = 0; i < sum.length; i++) sum[i] /= norm;
            centroids[c] = sum;
        }
    }

    @Override
    public List<Scored> rank(String text) {
        Vectorizer.Sparse v = vectorizer.vector(text);
        double[] cos = new double[labels.size()];
        double total = 0;
        for (int c = 0; c < labels.size(); c++) {
            cos[c] = Math.max(0, v.dot(centroids[c]));
            total += cos[c];
        }
        List<Scored> ranked = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) ranked.add(new Scored(labels.get(c), total == 0 ? 0 : cos[c] / total));
        ranked.sort(Comparator.comparingDouble(Scored::confidence).reversed());
        return ranked;
    }
}
