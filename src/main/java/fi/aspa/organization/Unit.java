package fi.aspa.organization;

import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.util.UUID;

/** A unit in an organization's tree (department, service area, team). */
public record Unit(UUID id, OrganizationId organizationId, UUID parentId, LocalizedText name, String email) {}
