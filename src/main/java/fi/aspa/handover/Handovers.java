package fi.aspa.handover;

import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.UUID;

/** The handover module's API for the case view. */
public interface Handovers {

    /**
     * The tag of the case a hand-over opens in the receiving organization. The email channel answers such a case by
     * email when the customer has an address (its {@code ReplyRule} names the same tag: channels do not depend on
     * this module).
     */
    String TAG = "handover";

    /** The hand-overs this case sent or came from, as this organization may see them. */
    List<Handover> ofCase(OrganizationId organization, UUID caseId);
}
