package fi.aspa.identity;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The identity module's API for staff accounts and API tokens. */
public interface Staff {

    Optional<StaffUser> find(OrganizationId organization, UUID id);

    List<StaffUser> inOrganization(OrganizationId organization);

    StaffUser create(OrganizationId organization, UUID unitId, String username, String displayName, String email,
                     String password, Set<Role> roles, Language language);

    /** Hashes a password once, so that many demo accounts can share one hash cheaply. */
    String hash(String password);

    StaffUser createWithHash(OrganizationId organization, UUID unitId, String username, String displayName,
                             String email, String passwordHash, Set<Role> roles, Language language);

    /** Registers a token for an organization; only its SHA-256 is stored. */
    void registerApiToken(OrganizationId organization, String name, String token);

    /** Issues a new random API token and returns it; it cannot be read back later. */
    String issueApiToken(OrganizationId organization, String name);
}
