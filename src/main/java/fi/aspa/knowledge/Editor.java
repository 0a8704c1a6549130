package fi.aspa.knowledge;

import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import java.util.UUID;

/**
 * Who edits: a staff member, and whether they are a reviewer. The reviewer rule: unit managers and admins
 * review and publish; agents write and submit.
 */
public record Editor(UUID staffId, boolean reviewer) {
    public static Editor of(StaffPrincipal principal) {
        return new Editor(principal.id(), principal.has(Role.UNIT_MANAGER));
    }
}
