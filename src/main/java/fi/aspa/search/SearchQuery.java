package fi.aspa.search;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A search in one organization's index, in one language.
 *
 * @param text         what the person typed
 * @param language     the language of the text: documents in that language are searched with its analysis
 * @param types        document types to search; empty: all
 * @param visibilities what the searcher may see; a resident's search is {@code PUBLIC} only
 * @param filters      facet filters, dimension → value (all must match)
 * @param limit        how many hits (1–100)
 * @param facets       whether to count facets over all matches (costs time on large indexes)
 */
public record SearchQuery(OrganizationId organizationId, String text, Language language, Set<DocumentType> types,
                          Set<Visibility> visibilities, Map<String, String> filters, int limit, boolean facets) {
    public static final int MAX_LIMIT = 100;

    public SearchQuery {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(language, "language");
        text = text == null ? "" : text;
        types = types == null || types.isEmpty() ? Set.of() : Set.copyOf(types);
        visibilities = visibilities == null || visibilities.isEmpty() ? Set.of(Visibility.PUBLIC) : Set.copyOf(visibilities);
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        limit = Math.clamp(limit, 1, MAX_LIMIT);
    }

    /** A resident's search: public documents only, ten hits, no facets. */
    public static SearchQuery publicSearch(OrganizationId organization, String text, Language language) {
        return new SearchQuery(organization, text, language, Set.of(), Set.of(Visibility.PUBLIC), Map.of(), 10, false);
    }

    /** A staff member's search: everything staff may see (the caller must check the right to cases). */
    public static SearchQuery staffSearch(OrganizationId organization, String text, Language language) {
        return new SearchQuery(organization, text, language, Set.of(), EnumSet.allOf(Visibility.class), Map.of(), 10, false);
    }

    public SearchQuery withTypes(Set<DocumentType> types) {
        return new SearchQuery(organizationId, text, language, types, visibilities, filters, limit, facets);
    }

    public SearchQuery withLimit(int limit) {
        return new SearchQuery(organizationId, text, language, types, visibilities, filters, limit, facets);
    }

    public SearchQuery withFacets(boolean facets) {
        return new SearchQuery(organizationId, text, language, types, visibilities, filters, limit, facets);
    }

    public SearchQuery withFilters(Map<String, String> filters) {
        return new SearchQuery(organizationId, text, language, types, visibilities, filters, limit, facets);
    }
}
