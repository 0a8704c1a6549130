package fi.aspa.catalogue;

import java.util.UUID;

/** A named staff member (id from the identity module) who answers for a service or knows it well. */
public record ServicePerson(UUID staffId, Role role) {

    public enum Role { RESPONSIBLE, EXPERT }
}
