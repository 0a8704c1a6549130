package fi.aspa.cases;

import java.util.List;

/** One page of a queue; {@code hasNext} instead of an exact count keeps big queues fast. */
public record CasePage(List<CaseSummary> items, int page, int size, boolean hasNext) {}
