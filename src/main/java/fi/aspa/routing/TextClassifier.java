package fi.aspa.routing;

import java.util.List;

/** A trained text classifier: ranks the labels it knows for a text, most likely first. */
interface TextClassifier {

    List<Scored> rank(String text);

    /** The first {@code k} of {@link #rank}, in its order; a classifier may find them without ranking them all. */
    default List<Scored> top(String text, int k) {
        List<Scored> all = rank(text);
        return all.subList(0, Math.min(k, all.size()));
    }
}
