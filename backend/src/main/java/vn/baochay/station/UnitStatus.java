package vn.baochay.station;

/** Where a unit is in its work; only AVAILABLE units can be dispatched. */
public enum UnitStatus {
    AVAILABLE, DISPATCHED, EN_ROUTE, ON_SCENE, RETURNING, OUT_OF_SERVICE;

    /** Statuses in which a unit serves an incident. */
    public boolean isCommitted() {
        return this == DISPATCHED || this == EN_ROUTE || this == ON_SCENE;
    }
}
