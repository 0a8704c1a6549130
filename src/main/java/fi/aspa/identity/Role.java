package fi.aspa.identity;

/** What a staff member may do. Higher roles include the lower ones. */
public enum Role {
    AGENT, UNIT_MANAGER, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
