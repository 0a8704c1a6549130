package fi.aspa.organization;

import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.util.UUID;

/** A place where residents are served in person. */
public record ServicePoint(UUID id, OrganizationId organizationId, UUID unitId, LocalizedText name,
                           String streetAddress, String postalCode, String city) {}
