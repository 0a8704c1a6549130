package fi.aspa.handover;

import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.UUID;

/** The handover module's API for the case view. */
public interface Handovers {

    /** The hand-overs this case sent or came from, as this organization may see them. */
    List<Handover> ofCase(OrganizationId organization, UUID caseId);
}
