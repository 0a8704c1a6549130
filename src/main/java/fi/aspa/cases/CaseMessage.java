package fi.aspa.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record CaseMessage(UUID id, UUID caseId, MessageKind kind, Channel channel, UUID authorStaffId, String body,
                          Instant createdAt, List<AttachmentInfo> attachments) {

    public record AttachmentInfo(UUID id, String filename, String contentType, long sizeBytes) {}
}
