package fi.aspa.identity;

import fi.aspa.platform.OrganizationId;
import java.util.UUID;

/** A machine client authenticated by an API token; it acts within exactly one organization. */
public record ApiClient(UUID tokenId, OrganizationId organizationId, String name) {}
