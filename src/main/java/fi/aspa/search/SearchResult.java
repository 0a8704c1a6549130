package fi.aspa.search;

import java.util.List;
import java.util.Map;

/**
 * Ranked hits, best first.
 *
 * @param totalHits how many documents matched (exact up to 1000, a lower bound above that)
 * @param facets    when asked for: counts by dimension ({@code type}, and the documents' own dimensions),
 *                  largest first
 */
public record SearchResult(List<SearchHit> hits, long totalHits, Map<String, List<FacetCount>> facets) {
    public SearchResult {
        hits = List.copyOf(hits);
        facets = facets == null ? Map.of() : Map.copyOf(facets);
    }

    public static SearchResult empty() {
        return new SearchResult(List.of(), 0, Map.of());
    }
}
