package fi.aspa.catalogue;

import fi.aspa.platform.OrganizationId;

/** Services of the organization were added or changed (an import, an edit); published in the changing transaction. */
public record CatalogueChanged(OrganizationId organizationId) {}
