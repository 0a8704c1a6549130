package fi.aspa.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Routing quality does not regress: cross-validated accuracy on the 99 labelled Helsinki requests stays above
 * floors a little below the measured values (BENCHMARKS-routing.md). Not timed; no database.
 */
class RoutingAccuracyTest {

    @Test
    void crossValidatedAccuracyStaysAboveTheFloor() {
        List<Example> catalogue = RoutingBenchmark.helsinkiCatalogue();
        List<RoutingBenchmark.Labelled> requests = RoutingBenchmark.requests();
        assertThat(requests).hasSize(99);
        RoutingBenchmark.Accuracy fiveFold = RoutingBenchmark.crossValidate(catalogue, requests, 5, true, RoutingBenchmark::production);
        assertThat(fiveFold.top3()).as("5-fold top-3 " + fiveFold).isGreaterThanOrEqualTo(0.70);
        assertThat(fiveFold.top1()).as("5-fold top-1 " + fiveFold).isGreaterThanOrEqualTo(0.45);
        RoutingBenchmark.Accuracy catalogueOnly = RoutingBenchmark.crossValidate(catalogue, requests, 1, false, RoutingBenchmark::production);
        assertThat(catalogueOnly.top3()).as("catalogue text only top-3 " + catalogueOnly).isGreaterThanOrEqualTo(0.50);
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
    void theBaselineIsBeaten() {
        List<Example> catalogue = RoutingBenchmark.helsinkiCatalogue();
        List<RoutingBenchmark.Labelled> requests = RoutingBenchmark.requests();
        RoutingBenchmark.Accuracy aspa = RoutingBenchmark.crossValidate(catalogue, requests, 5, true, RoutingBenchmark::production);
        RoutingBenchmark.Accuracy baseline = RoutingBenchmark.crossValidate(catalogue, requests, 5, true, RoutingBenchmark::baseline);
        assertThat(aspa.top1()).isGreaterThanOrEqualTo(baseline.top1());
    }
}
