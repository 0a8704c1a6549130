package fi.aspa.cases;

import fi.aspa.platform.Language;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row in a queue or a search result. */
public record CaseSummary(UUID id, String reference, String subject, Channel channel, Language language,
                          CaseStatus status, Priority priority, UUID customerId, UUID unitId, UUID assigneeId,
                          List<String> tags, Instant createdAt, Instant updatedAt) {}
