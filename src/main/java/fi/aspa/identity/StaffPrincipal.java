package fi.aspa.identity;

import fi.aspa.organization.OrganizationMember;
import fi.aspa.platform.OrganizationId;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in staff member: controllers take it with {@code @AuthenticationPrincipal}. */
public final class StaffPrincipal implements UserDetails, CredentialsContainer, OrganizationMember {
    private final StaffUser user;
    private String passwordHash;
    private final boolean locked;
    private final boolean enabled;

    StaffPrincipal(StaffUser user, String passwordHash, boolean locked, boolean enabled) {
        this.user = user;
        this.passwordHash = passwordHash;
        this.locked = locked;
        this.enabled = enabled;
    }

    public StaffUser user() {
        return user;
    }

    public UUID id() {
        return user.id();
    }

    @Override
    public OrganizationId organizationId() {
        return user.organizationId();
    }

    public UUID unitId() {
        return user.unitId();
    }

    public boolean has(Role role) {
        return user.roles().contains(role) || user.roles().contains(Role.ADMIN)
                || (role == Role.AGENT && user.roles().contains(Role.UNIT_MANAGER));
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(Role.values()).stream().filter(this::has).map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.username();
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "StaffPrincipal[" + user.username() + "]";
    }
}
