package vn.matthan.api;

import java.util.List;

/** The signed-in user of a request: role and jurisdiction (administrative unit codes). */
public record Principal(String username, String role, List<String> unitCodes) {
    public static final String ADMIN = "ADMIN", POLICE_REVIEWER = "POLICE_REVIEWER", IOC_OPERATOR = "IOC_OPERATOR", LEADER = "LEADER";
    public static final java.util.Set<String> ALL_ROLES = java.util.Set.of(ADMIN, POLICE_REVIEWER, IOC_OPERATOR, LEADER);

    /** Admins see every unit; everyone else only their own. */
    public boolean covers(String unitCode) {
        return ADMIN.equals(role) || unitCodes.contains(unitCode);
    }
}
