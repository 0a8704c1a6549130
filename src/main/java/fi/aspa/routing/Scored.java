package fi.aspa.routing;

/** A label with the classifier's confidence in it (0..1, the confidences of one ranking sum to at most 1). */
record Scored(String label, double confidence) {}
