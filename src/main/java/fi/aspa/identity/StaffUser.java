package fi.aspa.identity;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.Set;
import java.util.UUID;

/** A staff member as other modules see it: no credentials. */
public record StaffUser(UUID id, OrganizationId organizationId, UUID unitId, String username, String displayName,
                        String email, Set<Role> roles, Language language) {}
