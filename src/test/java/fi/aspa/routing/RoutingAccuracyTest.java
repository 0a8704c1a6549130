package fi.aspa.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Routing quality does not regress: cross-validated accuracy on the 99 labelled Helsinki requests stays above
 * floors about three requests below the measured values (BENCHMARKS-routing.md, session 11: with the demo
 * catalogue's keywords 5-fold 60.6 % / 84.8 %, leave-one-out 57.6 % / 84.8 %, catalogue only 55.6 % / 78.8 %; with the
 * city's own keywords only 50.5 % / 74.7 %), and above the naive baseline measured on the same folds. Not timed; no
 * database.
 */
class RoutingAccuracyTest {

    @Test
    void crossValidatedAccuracyStaysAboveTheFloor() {
        List<Example> catalogue = RoutingBenchmark.helsinkiCatalogue();
        List<RoutingBenchmark.Labelled> requests = RoutingBenchmark.requests();
        assertThat(requests).hasSize(99);
        RoutingBenchmark.Accuracy fiveFold = RoutingBenchmark.crossValidate(catalogue, requests, 5, true, RoutingBenchmark::production);
        assertThat(fiveFold.top3()).as("5-fold top-3 " + fiveFold).isGreaterThanOrEqualTo(0.81);
        assertThat(fiveFold.top1()).as("5-fold top-1 " + fiveFold).isGreaterThanOrEqualTo(0.57);
        RoutingBenchmark.Accuracy leaveOneOut = RoutingBenchmark.crossValidate(catalogue, requests, requests.size(), true,
                RoutingBenchmark::production);
        assertThat(leaveOneOut.top3()).as("leave-one-out top-3 " + leaveOneOut).isGreaterThanOrEqualTo(0.81);
        assertThat(leaveOneOut.top1()).as("leave-one-out top-1 " + leaveOneOut).isGreaterThanOrEqualTo(0.54);
        RoutingBenchmark.Accuracy catalogueOnly = RoutingBenchmark.crossValidate(catalogue, requests, 1, false, RoutingBenchmark::production);
        assertThat(catalogueOnly.top3()).as("catalogue text only top-3 " + catalogueOnly).isGreaterThanOrEqualTo(0.75);
        assertThat(catalogueOnly.top1()).as("catalogue text only top-1 " + catalogueOnly).isGreaterThanOrEqualTo(0.52);
    }

    @Test
    void theCataloguesKeywordsAreWhatRaisesIt() {
        // the same model on the city's list as published (two or three keywords per service): the gain above comes
        // from the residents' words in the demo catalogue, each learned as an example of its service
        List<RoutingBenchmark.Labelled> requests = RoutingBenchmark.requests();
        RoutingBenchmark.Accuracy published = RoutingBenchmark.crossValidate(RoutingBenchmark.helsinkiCatalogue(false), requests, 5,
                true, RoutingBenchmark::production);
        assertThat(published.top1()).as("published " + published).isGreaterThanOrEqualTo(0.47);
        assertThat(published.top3()).as("published " + published).isGreaterThanOrEqualTo(0.71);
        RoutingBenchmark.Accuracy demo = RoutingBenchmark.crossValidate(RoutingBenchmark.helsinkiCatalogue(), requests, 5, true,
                RoutingBenchmark::production);
        assertThat(demo.top1() - published.top1()).as("demo " + demo + ", published " + published).isGreaterThanOrEqualTo(0.05);
        assertThat(demo.top3() - published.top3()).as("demo " + demo + ", published " + published).isGreaterThanOrEqualTo(0.05);
    }

    @Test
    void theDemoHistoryIsLearnt() {
        // the demo organization's history (600 example requests written from the service list alone, session 12):
        // measured 5-fold 63.6 % / 82.8 %, and 60.6 % / 82.8 % with none of the 99 in the training (55.6 % without it)
        List<RoutingBenchmark.Labelled> requests = RoutingBenchmark.requests();
        List<Example> withHistory = RoutingBenchmark.with(RoutingBenchmark.helsinkiCatalogue(), RoutingBenchmark.demoHistory());
        RoutingBenchmark.Accuracy fiveFold = RoutingBenchmark.crossValidate(withHistory, requests, 5, true, RoutingBenchmark::production);
        assertThat(fiveFold.top1()).as("5-fold " + fiveFold).isGreaterThanOrEqualTo(0.60);
        assertThat(fiveFold.top3()).as("5-fold " + fiveFold).isGreaterThanOrEqualTo(0.79);
        RoutingBenchmark.Accuracy historyOnly = RoutingBenchmark.crossValidate(withHistory, requests, 1, false, RoutingBenchmark::production);
        assertThat(historyOnly.top1()).as("demo history only " + historyOnly).isGreaterThanOrEqualTo(0.57);
        assertThat(historyOnly.top3()).as("demo history only " + historyOnly).isGreaterThanOrEqualTo(0.79);
        RoutingBenchmark.Accuracy catalogueOnly = RoutingBenchmark.crossValidate(RoutingBenchmark.helsinkiCatalogue(), requests, 1, false,
                RoutingBenchmark::production);
        assertThat(historyOnly.top1() - catalogueOnly.top1()).as("demo history " + historyOnly + ", none " + catalogueOnly)
                .isGreaterThanOrEqualTo(0.03);
    }

    @Test
    void confidencesMeanTheSameInACatalogueOfHundreds() {
        // the demo organization's 468 services: over all of them a softmax left 1 % of the cases above the triage
        // threshold; as shares among the ten most likely, about half are routed (53 %), as with the ten services
        List<RoutingBenchmark.Labelled> requests = RoutingBenchmark.requests();
        List<List<Scored>> rankings = RoutingBenchmark.heldOut(RoutingBenchmark.demoCatalogue(), requests, 5, true,
                RoutingBenchmark::production);
        long sure = rankings.stream().filter(r -> r.getFirst().confidence() >= ServiceClassifier.TRIAGE_THRESHOLD).count();
        assertThat(sure).as("routed without triage, of 99").isBetween(40L, 70L);
        for (List<Scored> ranked : rankings) {
            assertThat(ranked).hasSizeGreaterThan(400);
            assertThat(ranked.subList(0, ServiceClassifier.CONFIDENCE_AMONG).stream().mapToDouble(Scored::confidence).sum())
                    .isCloseTo(1.0, within(1e-9));
            assertThat(ranked.get(ServiceClassifier.CONFIDENCE_AMONG).confidence())
                    .isLessThanOrEqualTo(ranked.get(ServiceClassifier.CONFIDENCE_AMONG - 1).confidence());
        }
    }

    @Test
    void inflectedFinnishAndSwedishFindTheService() {
        TextClassifier classifier = RoutingBenchmark.production(RoutingBenchmark.helsinkiCatalogue());
        assertThat(classifier.rank("Puistossa on paljon roskia ja jätteitä").getFirst().label()).isEqualTo("246");
        assertThat(classifier.rank("Seinät on töhritty taas").getFirst().label()).isEqualTo("176");
        assertThat(classifier.rank("Trafikmärket har körts omkull vid korsningen").getFirst().label()).isEqualTo("198");
        assertThat(classifier.rank("Klotter på väggen vid skolan").getFirst().label()).isEqualTo("176");
    }

    @Test
    void theTopFewAreTheFirstOfTheFullRankingTiesIncluded() {
        List<Example> training = new java.util.ArrayList<>(RoutingBenchmark.helsinkiCatalogue());
        List<RoutingBenchmark.Labelled> requests = RoutingBenchmark.requests();
        requests.subList(0, 50).forEach(r -> training.add(new Example(r.label(), r.text())));
        TextClassifier classifier = RoutingBenchmark.production(training);
        for (RoutingBenchmark.Labelled r : requests) {
            List<Scored> all = classifier.rank(r.text());
            assertThat(classifier.top(r.text(), 5)).as(r.text()).isEqualTo(all.subList(0, 5));
            assertThat(classifier.top(r.text(), 1)).isEqualTo(all.subList(0, 1));
        }
        // nothing known in the text: every label equally likely, in label order, as the full ranking has them
        List<Scored> even = classifier.rank("qqq");
        assertThat(even.get(0).confidence()).isEqualTo(even.get(4).confidence());
        assertThat(classifier.top("qqq", 5)).isEqualTo(even.subList(0, 5));
        assertThat(classifier.top("qqq", 100)).as("more than there are").isEqualTo(even);
    }

    @Test
    void theBaselineIsBeaten() {
        List<Example> catalogue = RoutingBenchmark.helsinkiCatalogue();
        List<RoutingBenchmark.Labelled> requests = RoutingBenchmark.requests();
        RoutingBenchmark.Accuracy aspa = RoutingBenchmark.crossValidate(catalogue, requests, 5, true, RoutingBenchmark::production);
        RoutingBenchmark.Accuracy baseline = RoutingBenchmark.crossValidate(catalogue, requests, 5, true, RoutingBenchmark::baseline);
        assertThat(aspa.top1()).as("Aspa " + aspa + ", baseline " + baseline).isGreaterThan(baseline.top1());
        assertThat(aspa.top3()).as("Aspa " + aspa + ", baseline " + baseline).isGreaterThan(baseline.top3());
    }

    @Test
    void theBaselineIsTheNaiveOneOfTheIssue() {
        // the comparison means something only if the baseline is the plain method: char_wb n-grams, one centroid
        // per service, cosine. Resubstituted (tested on its own training data) it must look good; cross-validated
        // on the same folds as Aspa with the city's service list it lands where BENCHMARKS-routing.md says (48.5 % /
        // 75.8 %; scikit-learn gives the same 51.5 % / 75.8 % and 47.5 % / 71.7 % without the catalogue text,
        // bench/routing/sklearn_baseline.py).
        List<Example> catalogue = RoutingBenchmark.helsinkiCatalogue(false);
        List<RoutingBenchmark.Labelled> requests = RoutingBenchmark.requests();
        RoutingBenchmark.Accuracy baseline = RoutingBenchmark.crossValidate(catalogue, requests, 5, true, RoutingBenchmark::baseline);
        assertThat(baseline.top1()).as("baseline " + baseline).isBetween(0.40, 0.50);
        // history only, Aspa's folds: exactly what scikit-learn's char_wb TF-IDF nearest centroid scores (51 and 75 of 99)
        RoutingBenchmark.Accuracy historyOnly = RoutingBenchmark.crossValidate(List.of(), requests, 5, true, RoutingBenchmark::baseline);
        assertThat(historyOnly.top1() * requests.size()).as("history-only baseline " + historyOnly).isCloseTo(51.0, within(1e-6));
        assertThat(historyOnly.top3() * requests.size()).as("history-only baseline " + historyOnly).isCloseTo(75.0, within(1e-6));
        List<Example> everything = new java.util.ArrayList<>(catalogue);
        for (RoutingBenchmark.Labelled r : requests) everything.add(new Example(r.label(), r.text()));
        TextClassifier resubstituted = RoutingBenchmark.baseline(everything);
        RoutingBenchmark.Accuracy flattering = RoutingBenchmark.accuracy(requests, requests.stream().map(r -> resubstituted.rank(r.text())).toList());
        assertThat(flattering.top1()).as("resubstituted baseline " + flattering).isGreaterThan(0.85);
    }
}
