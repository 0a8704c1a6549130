package fi.aspa.workspace;

import java.util.List;
import java.util.UUID;

/** Everything the case page shows, already named and localized: the template only lays it out. */
record CaseView(UUID id, String reference, String subject, String topic, String status, String statusCode,
                String priority, String priorityCode, String channel, UUID unitId, String unit, UUID assigneeId,
                String assignee, List<String> tags, String created, String createdIso, String updated,
                String updatedIso, List<Message> messages, List<HistoryLine> history, CustomerPanel customer,
                List<TimelineItem> timeline, String timelineOlder) {

    /**
     * One message; {@code kind} (inbound, outbound, note) picks its look, {@code kindLabel} says it in words;
     * {@code lang} is the case's language for what the customer wrote and was written (a screen reader reads a Swedish
     * message in a Finnish page with a Swedish voice), null for internal notes, which are in the staff's language.
     */
    record Message(UUID id, String kind, String kindLabel, String channel, String author, String at, String atIso,
                   String body, List<Attachment> attachments, String lang) {}

    record Attachment(UUID id, String filename, String size) {}

    record HistoryLine(String who, String what, String detail, String at, String atIso) {}

    record CustomerPanel(UUID id, String name, String kind, String maskedPersonalId, String fullPersonalId,
                         String businessId, List<Contact> contacts, String languageCode, String languageName) {
        public boolean hasPersonalId() {
            return maskedPersonalId != null;
        }
    }

    record Contact(String kind, String value, boolean verified) {}

    /** {@code channelCode}: the {@code Channel} name, which picks the channel's icon. */
    record TimelineItem(UUID caseId, String reference, String subject, String caseStatus, String kind, String kindCode,
                        String channel, String excerpt, String at, String atIso, boolean thisCase, String channelCode) {}

    String tagsText() {
        return String.join(", ", tags);
    }
}
