/**
 * Search: one embedded Apache Lucene index per organization over services, knowledge-base articles and
 * cases, with Finnish, Swedish and English analysis.
 *
 * <p>The API is {@link fi.aspa.search.SearchIndex}: other modules index, update and delete
 * {@link fi.aspa.search.SearchDocument}s of an organization (usually from their own events, after commit),
 * rebuild an organization's index from scratch, and search it with a {@link fi.aspa.search.SearchQuery}.
 * The implementation behind it is replaceable (an OpenSearch cluster, see {@code docs/search.md}).
 *
 * <p>Finnish words are reduced to base forms and split into compound parts by Voikko when the native
 * library is installed ({@code libvoikko1 voikko-fi}), otherwise by a pure-Java lexicon, inflection guesser
 * and decompounder built from the Service Catalogue texts, so {@code päivähoitomaksu} finds
 * {@code päivähoidon maksut} either way. Swedish compounds are split with a dictionary ({@code dagvårdsavgift}
 * → {@code dagvård}, {@code avgift}). Residents' words meet official terms through per-language synonyms;
 * unknown words are matched fuzzily; hits carry a highlighted snippet; facets count types, service classes
 * and life events.
 */
package fi.aspa.search;
