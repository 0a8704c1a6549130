package fi.aspa.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The candidate models of issue 5 beside the baseline and the production model: plain 5-fold (for reference only),
 * then nested cross-validation (the model is chosen by an inner 4-fold CV on the outer training folds only, so the
 * outer test folds never influence the choice), and the calibration of the production model's confidences.
 * Run: {@code bench/routing/run.sh experiments}.
 */
public final class RoutingExperiments {

    /** Averages the confidences of several classifiers (weights sum to 1). */
    record Blend(List<TextClassifier> parts, double[] weights) implements TextClassifier {
        @Override
        public List<Scored> rank(String text) {
            Map<String, Double> sum = new HashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                for (Scored s : parts.get(i).rank(text)) sum.merge(s.label(), weights[i] * s.confidence(), Double::sum);
            }
            List<Scored> out = new ArrayList<>();
            sum.forEach((l, c) -> out.add(new Scored(l, c)));
            out.sort((a, b) -> Double.compare(b.confidence(), a.confidence()));
            return out;
        }
    }

    static Map<String, Function<List<Example>, TextClassifier>> candidates() {
        Map<String, Function<List<Example>, TextClassifier>> m = new LinkedHashMap<>();
        m.put("cnb", ServiceClassifier::new);
        for (double l2 : new double[]{1e-4, 1e-3}) {
            m.put("lr" + l2, ex -> new LogisticRegression(ex, TextFeatures::of, l2, 30, 0.5));
            m.put("cnb+lr" + l2, ex -> new Blend(List.of(new ServiceClassifier(ex),
                    new LogisticRegression(ex, TextFeatures::of, l2, 30, 0.5)), new double[]{0.5, 0.5}));
        }
        m.put("nb-multinomial", ex -> new NaiveBayes(ex, TextFeatures::of, 0.1, false, 1.0));
        m.put("cnb+centroid", ex -> new Blend(List.of(new ServiceClassifier(ex), new NearestCentroid(ex, TextFeatures::of, true)),
                new double[]{0.5, 0.5}));
        return m;
    }

    public static void main(String[] args) {
        List<Example> catalogue = RoutingBenchmark.helsinkiCatalogue();
        List<RoutingBenchmark.Labelled> requests = RoutingBenchmark.requests();
        var cands = candidates();
        System.out.println(String.format(Locale.ROOT, "%-16s 5-fold %s", "baseline",
                RoutingBenchmark.crossValidate(catalogue, requests, 5, true, RoutingBenchmark::baseline)));
        // plain 5-fold for each candidate (reference only: choosing by these would tune on the test folds)
        for (var e : cands.entrySet()) {
            System.out.println(String.format(Locale.ROOT, "%-16s 5-fold %s", e.getKey(),
                    RoutingBenchmark.crossValidate(catalogue, requests, 5, true, e.getValue())));
        }
        // nested: in each outer fold, choose the candidate by inner 4-fold CV on the outer training requests only
        int outer = 5;
        List<List<Scored>> rankings = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) rankings.add(null);
        for (int fold = 0; fold < outer; fold++) {
            List<RoutingBenchmark.Labelled> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) if (i % outer == fold) test.add(i); else train.add(requests.get(i));
            String best = null;
            double bestScore = -1;
            for (var e : cands.entrySet()) {
                var acc = RoutingBenchmark.crossValidate(catalogue, train, 4, true, e.getValue());
                double score = acc.top1() + acc.top3();
                if (score > bestScore) {
                    bestScore = score;
                    best = e.getKey();
                }
            }
            List<Example> training = new ArrayList<>(catalogue);
            for (var r : train) training.add(new Example(r.label(), r.text()));
            TextClassifier model = cands.get(best).apply(training);
            for (int i : test) rankings.set(i, model.rank(requests.get(i).text()));
            System.out.println("outer fold " + fold + " chose " + best);
        }
        System.out.println("nested 5x4: " + RoutingBenchmark.accuracy(requests, rankings));

        // calibration of the production model's top confidence (5-fold): expected calibration error over 5 bins
        List<List<Scored>> cnb = RoutingBenchmark.heldOut(catalogue, requests, 5, true, ServiceClassifier::new);
        int[] n = new int[5];
        double[] conf = new double[5];
        double[] right = new double[5];
        double brier = 0;
        for (int i = 0; i < requests.size(); i++) {
            Scored top = cnb.get(i).getFirst();
            int b = Math.min(4, (int) (top.confidence() * 5));
            n[b]++;
            conf[b] += top.confidence();
            boolean ok = top.label().equals(requests.get(i).label());
            right[b] += ok ? 1 : 0;
            brier += Math.pow(top.confidence() - (ok ? 1 : 0), 2);
        }
        double ece = 0;
        for (int b = 0; b < 5; b++) {
            if (n[b] == 0) continue;
            System.out.println(String.format(Locale.ROOT, "confidence %.1f-%.1f: %d requests, mean confidence %.2f, accuracy %.2f",
                    b / 5.0, (b + 1) / 5.0, n[b], conf[b] / n[b], right[b] / n[b]));
            ece += (double) n[b] / requests.size() * Math.abs(conf[b] / n[b] - right[b] / n[b]);
        }
        System.out.println(String.format(Locale.ROOT, "ECE %.3f, Brier (top-1) %.3f", ece, brier / requests.size()));
    }
}
