package vn.baochay.common;

import java.util.Set;

/**
 * Who is acting: a logged-in dispatcher, with the provinces they cover. Supervisors and admins
 * cover every province. {@code address} is where the request came from, for the audit log.
 */
public record Actor(String username, String role, Set<String> provinces, String address) {

    public boolean isSupervisor() {
        return "SUPERVISOR".equals(role) || "ADMIN".equals(role);
    }

    /** Whether this dispatcher may see and act on something in {@code province}. */
    public boolean covers(String province) {
        return isSupervisor() || province != null && provinces.contains(province);
    }
}
