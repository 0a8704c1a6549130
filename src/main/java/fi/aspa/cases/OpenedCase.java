package fi.aspa.cases;

import java.util.UUID;

/**
 * The result of opening a case: the case as it was opened (what a read in the same transaction would return, without
 * the read). {@code trackingToken} is the only time the raw token is available.
 */
public record OpenedCase(UUID id, String reference, String trackingToken, CaseSummary summary) {}
