package fi.aspa.search;

/** Reduces one lower-case word of a language to its base forms and compound parts. Thread-safe. */
interface Morphology {
    WordAnalysis analyze(String word);

    /** A short name for logs and benchmark reports, e.g. {@code voikko}. */
    String name();
}
