package fi.aspa.cases;

import java.time.Instant;
import java.util.UUID;

/** One item of a customer's timeline across cases and channels: a message, newest first. */
public record TimelineEntry(UUID caseId, String reference, String subject, CaseStatus caseStatus, UUID messageId,
                            MessageKind kind, Channel channel, String excerpt, Instant at) {}
