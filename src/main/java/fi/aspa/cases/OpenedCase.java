package fi.aspa.cases;

import java.util.UUID;

/** The result of opening a case. {@code trackingToken} is the only time the raw token is available. */
public record OpenedCase(UUID id, String reference, String trackingToken) {}
