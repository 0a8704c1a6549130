package fi.aspa.channels.email;

import java.util.List;

/**
 * What Aspa read from one raw message.
 *
 * @param messageKey      the idempotence key: the Message-ID, or {@code sha256:<hex>} of the raw bytes without one
 * @param threadIds       In-Reply-To and References ids, the nearest first
 * @param autoSubmitted   sent by a machine (auto-reply, bounce, bulk): never answered, and noted rather than
 *                        taken as the customer's word in an existing case
 * @param noAutoReply     must not get an automatic answer (auto-submitted, or the sender asked for none)
 * @param bouncedIds      for a bounce: the Message-IDs of the mail that could not be delivered
 * @param bounceSummary   for a bounce: recipient, action and status, one line each
 */
record ParsedEmail(String messageKey, String messageId, List<String> threadIds, String fromAddress, String fromName,
                   String subject, String contentLanguage, String text, String html, List<Attachment> attachments,
                   boolean autoSubmitted, boolean noAutoReply, boolean bounce, List<String> bouncedIds,
                   String bounceSummary, boolean malformed, String malformedReason, String rawSha256) {

    /** A file of the message: an attachment or an inline image. */
    record Attachment(String filename, String contentType, byte[] content, boolean inline) {
        @Override
        public String toString() {
            return "Attachment[" + filename + ", " + contentType + ", " + content.length + " bytes]";
        }
    }
}
