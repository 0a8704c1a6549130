package fi.aspa.cases;

import java.util.UUID;

/** The result of importing one {@link HistoricalCase}. */
public record ImportedCase(UUID id, String reference, CaseStatus status) {}
