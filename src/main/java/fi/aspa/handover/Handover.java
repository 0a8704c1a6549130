package fi.aspa.handover;

import fi.aspa.cases.CaseStatus;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.util.Locale;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A hand-over as one side sees it: the other organization's name, what was sent and on what basis, and (for the sender)
 * the receiving case's status and when the receiver last changed it, which is all the receiver exposes.
 * {@code receiverStatus} and {@code receiverUpdatedAt} are null for the receiver's own view.
 */
public record Handover(UUID id, Direction direction, LocalizedText otherOrganization, Basis basis, String basisDetail,
                       Set<Part> included, CaseStatus receiverStatus, Instant receiverUpdatedAt, Instant at) {

    public enum Direction { SENT, RECEIVED }

    public String otherOrganizationIn(Locale locale) {
        return otherOrganization.in(Language.of(locale));
    }

    public String statusKey() {
        return receiverStatus == null ? null : "handover.status." + receiverStatus.name();
    }

    public enum Basis { CONSENT, LEGAL }

    /** What may be sent. SUBJECT, SUMMARY and CONTACT always are. */
    public enum Part { SUBJECT, SUMMARY, CONTACT, MESSAGES, ATTACHMENTS }
}
