package fi.aspa.routing;

import fi.aspa.catalogue.CatalogueService;
import fi.aspa.platform.Language;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing model, in one place: complement naive Bayes over TF-IDF of words, word prefixes and in-word
 * character n-grams ({@link TextFeatures}), each catalogue keyword an example of its own, confidences by a softmax
 * with a temperature among the ten most likely services, and the triage threshold.
 * The values were chosen on the Helsinki development set (bench/routing); see BENCHMARKS-routing.md.
 */
final class ServiceClassifier implements TextClassifier {
    static final String MODEL = "cnb-tfidf-words-prefixes-chargrams-v2";
    static final double ALPHA = 0.1;
    static final double TEMPERATURE = 1.0;
    /**
     * Confidences are shares among this many of the most likely services, so that they mean the same with the ten
     * Helsinki services and with a catalogue of hundreds: over all 468 demo services, a softmax left 1 % of cases
     * above the triage threshold (BENCHMARKS-routing.md, session 11).
     */
    static final int CONFIDENCE_AMONG = 10;
    /** Below this confidence a case goes to triage instead of being routed on a guess. */
    static final double TRIAGE_THRESHOLD = 0.4;

    private final NaiveBayes model;

    ServiceClassifier(List<Example> examples) {
        model = new NaiveBayes(examples, TextFeatures.STANDARD, ALPHA, true, TEMPERATURE, CONFIDENCE_AMONG);
    }

    /**
     * What the model learns from a service of the catalogue: its text in every language it has a name in, and each
     * keyword as an example of its own. A keyword says "a message about this belongs here" as plainly as a routed
     * case does; inside the long text it would weigh a fraction of a word. With the demo's keyword lists this is
     * worth 7–10 points of top-1 (BENCHMARKS-routing.md, session 11); with the city's two or three keywords per
     * service it changes nothing.
     */
    static List<Example> examples(CatalogueService service, String label) {
        List<Example> examples = new ArrayList<>();
        examples.add(new Example(label, service.text(Language.FI)));
        if (service.name().sv() != null && !service.name().sv().isBlank()) examples.add(new Example(label, service.text(Language.SV)));
        if (service.name().en() != null && !service.name().en().isBlank()) examples.add(new Example(label, service.text(Language.EN)));
        for (String keyword : service.keywords()) if (!keyword.isBlank()) examples.add(new Example(label, keyword));
        return examples;
    }

    @Override
    public List<Scored> rank(String text) {
        return model.rank(text);
    }

    @Override
    public List<Scored> top(String text, int k) {
        return model.top(text, k);
    }

    List<String> evidence(String text, String label) {
        return model.evidence(text, label, 5);
    }
}
