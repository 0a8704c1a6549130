package fi.aspa.routing;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What people teach the classifier: the service a text really belonged to. The next classification of the
 * organization learns from it (the model is retrained when the catalogue or the feedback changes).
 */
public interface RoutingFeedback {

    /** An agent moved a case from one service to another: the text belongs to {@code serviceId}. */
    void corrected(OrganizationId organization, UUID caseId, String text, Language language, UUID previousServiceId,
                   UUID serviceId, UUID staffId);

    /** An agent confirmed (or chose, from triage) the service of a text. */
    void confirmed(OrganizationId organization, UUID caseId, String text, Language language, UUID serviceId, UUID staffId);

    /** Past cases with a known service, imported as history (e.g. from a previous system). */
    void history(OrganizationId organization, String text, Language language, UUID serviceId);

    List<Entry> recent(OrganizationId organization, int limit);

    enum Kind { CORRECTED, CONFIRMED, HISTORY }

    record Entry(UUID id, UUID caseId, String text, Language language, UUID serviceId, UUID previousServiceId, Kind kind,
                 UUID staffId, Instant createdAt) {}
}
