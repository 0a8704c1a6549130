package fi.aspa.organization;

import fi.aspa.platform.OrganizationId;

/** A signed-in principal who belongs to one organization (identity's staff principal), as pages see them. */
public interface OrganizationMember {
    OrganizationId organizationId();
}
