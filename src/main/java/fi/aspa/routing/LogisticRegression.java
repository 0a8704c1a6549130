package fi.aspa.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Multinomial logistic regression (softmax) over TF-IDF vectors with L2 regularization, trained by AdaGrad in a
 * fixed number of passes with a fixed seed (deterministic). Its probabilities are the confidences.
 */
final class LogisticRegression implements TextClassifier {
    private final Vectorizer vectorizer;
    private final List<String> labels;
    private final double[][] weights;
    private final double[] bias;

    LogisticRegression(List<Example> examples, Function<String, Map<String, Double>> features, double l2, int epochs,
                       double rate) {
        vectorizer = new Vectorizer(examples.stream().map(Example::text).toList(), features, true);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Example e : examples) index.computeIfAbsent(e.label(), l -> index.size());
        labels = new ArrayList<>(index.keySet());
        int k = labels.size();
        int d = vectorizer.dimensions();
        weights = new double[k][d];
        bias = new double[k];
        double[][] g2 = new double[k][d];
        double[] b2 = new double[k];
        List<Vectorizer.Sparse> xs = examples.stream().map(e -> vectorizer.vector(e.text())).toList();
        int[] ys = examples.stream().mapToInt(e -> index.get(e.label())).toArray();
        int[] order = new int[xs.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Random random = new Random(42);
        double[] p = new double[k];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int n : order) {
                Vectorizer.Sparse x = xs.get(n);
                softmax(x, p);
                for (int c = 0; c < k; c++) {
                    double err = p[c] - (c == ys[n] ? 1 : 0);
                    double[] w = weights[c];
                    double[] g = g2[c];
                    for (int f = 0; f < x.index().length; f++) {
                        int i = x.index()[f];
                        double grad = err * x.value()[f] + l2 * w[i];
                        g[i] += grad * grad;
                        w[i] -= rate * grad / Math.sqrt(g[i] + 1e-8);
                    }
                    b2[c] += err * err;
                    bias[c] -= rate * err / Math.sqrt(b2[c] + 1e-8);
                }
            }
        }
    }

    private void softmax(Vectorizer.Sparse x, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < p.length; c++) {
            p[c] = x.dot(weights[c]) + bias[c];
            max = Math.max(max, p[c]);
        }
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) p[c] /= sum;
    }

    @Override
    public List<Scored> rank(String text) {
        double[] p = new double[labels.size()];
        softmax(vectorizer.vector(text), p);
        List<Scored> ranked = new ArrayList<>();
        for (int c = 0; c < p.length; c++) ranked.add(new Scored(labels.get(c), p[c]));
        ranked.sort(Comparator.comparingDouble(Scored::confidence).reversed());
        return ranked;
    }
}
