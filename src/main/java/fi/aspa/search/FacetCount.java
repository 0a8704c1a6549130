package fi.aspa.search;

/** How many matching documents carry a facet value. */
public record FacetCount(String value, int count) {}
