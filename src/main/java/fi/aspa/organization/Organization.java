package fi.aspa.organization;

import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;

/** A tenant: a municipality, an agency, a wellbeing services county. */
public record Organization(OrganizationId id, String slug, LocalizedText name, String casePrefix) {}
