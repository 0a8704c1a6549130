package fi.aspa.routing;

import fi.aspa.catalogue.CatalogueService;
import fi.aspa.platform.Language;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing model, in one place: complement naive Bayes over TF-IDF of words, word prefixes and in-word
 * character n-grams ({@link TextFeatures}), confidences by a softmax with a temperature, and the triage threshold.
 * The values were chosen on the Helsinki development set (bench/routing); see BENCHMARKS-routing.md.
 */
final class ServiceClassifier implements TextClassifier {
    static final String MODEL = "cnb-tfidf-words-prefixes-chargrams-v1";
    static final double ALPHA = 0.1;
    static final double TEMPERATURE = 1.0;
    /** Below this confidence a case goes to triage instead of being routed on a guess. */
    static final double TRIAGE_THRESHOLD = 0.4;

    private final NaiveBayes model;

    ServiceClassifier(List<Example> examples) {
        model = new NaiveBayes(examples, TextFeatures.STANDARD, ALPHA, true, TEMPERATURE);
    }

    /** What the model learns from a service of the catalogue: its text in every language it has a name in. */
    static List<Example> examples(CatalogueService service, String label) {
        List<Example> examples = new ArrayList<>();
        examples.add(new Example(label, service.text(Language.FI)));
        if (service.name().sv() != null && !service.name().sv().isBlank()) examples.add(new Example(label, service.text(Language.SV)));
        if (service.name().en() != null && !service.name().en().isBlank()) examples.add(new Example(label, service.text(Language.EN)));
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
