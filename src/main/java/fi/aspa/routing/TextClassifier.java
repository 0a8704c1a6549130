package fi.aspa.routing;

import java.util.List;

/** A trained text classifier: ranks the labels it knows for a text, most likely first. */
interface TextClassifier {

    List<Scored> rank(String text);
}
