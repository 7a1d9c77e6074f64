package vn.matthan.api;

import java.util.List;

/**
 * The signed-in user of a request: role and jurisdiction (administrative unit codes); an {@code AGENCY} user works the
 * field reports of one agency ({@code agency}, null for every other role).
 */
public record Principal(String username, String role, List<String> unitCodes, String agency) {
    public static final String ADMIN = "ADMIN", POLICE_REVIEWER = "POLICE_REVIEWER", IOC_OPERATOR = "IOC_OPERATOR", LEADER = "LEADER",
            AGENCY = "AGENCY", POLICE_INVESTIGATOR = "POLICE_INVESTIGATOR";
    /** Every role there is; openapi.json's x-roles name some of them for each secured operation. */
    public static final java.util.Set<String> ALL_ROLES = java.util.Set.of(ADMIN, POLICE_REVIEWER, IOC_OPERATOR, LEADER, AGENCY,
            POLICE_INVESTIGATOR);

    public Principal(String username, String role, List<String> unitCodes) {
        this(username, role, unitCodes, null);
    }

    /** Admins see every unit; everyone else only their own. */
    public boolean covers(String unitCode) {
        return seesEveryUnit() || unitCodes.contains(unitCode);
    }

    /** Jurisdiction, not access (who may call what is in openapi.json's x-roles): admins' data is not scoped to units. */
    public boolean seesEveryUnit() {
        return ADMIN.equals(role);
    }
}
