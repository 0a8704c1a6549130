package fi.aspa.cases;

import fi.aspa.platform.OrganizationId;
import java.util.List;

/** A case with its conversation and history. */
public record CaseDetail(OrganizationId organizationId, CaseSummary summary, String topic, List<CaseMessage> messages,
                         List<CaseEventEntry> history) {}
