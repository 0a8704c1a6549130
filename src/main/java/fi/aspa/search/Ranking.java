package fi.aspa.search;

/**
 * The weights of the ranking query, in one place so the relevance benchmark can vary them.
 *
 * @param title      weight of a match in the title
 * @param keywords   weight of a match in the keywords
 * @param body       weight of a match in the body
 * @param fieldTie   0: a word counts in its best field only; 1: its fields add up
 * @param inCompound weight of a query word found only as a part of a compound in the text ({@code lupa} in
 *                   {@code rakennuslupa}), relative to finding the word itself
 * @param compound   weight of a query compound matched by all its parts ({@code päivähoitomaksu} in
 *                   {@code päivähoidon maksut})
 * @param partial    weight of a query compound matched by some of its parts
 * @param synonym    weight of a synonym's match relative to the word's own
 * @param fuzzy      weight of a fuzzy match of a word the index does not know
 */
record Ranking(float title, float keywords, float body, float fieldTie, float inCompound, float compound, float partial,
               float synonym, float fuzzy) {
    /** Chosen by coordinate search on the development queries (bench/search/run sweep). */
    static final Ranking DEFAULT = new Ranking(1.5f, 1f, 1f, 0.3f, 0.6f, 0.8f, 0.3f, 0.8f, 1f);
}
