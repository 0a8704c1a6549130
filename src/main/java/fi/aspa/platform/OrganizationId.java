package fi.aspa.platform;

import java.util.Objects;
import java.util.UUID;

/** The tenant. Every owned row and every query carries it. */
public record OrganizationId(UUID value) {
    public OrganizationId {
        Objects.requireNonNull(value, "organization id");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
