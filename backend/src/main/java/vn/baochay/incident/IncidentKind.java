package vn.baochay.incident;

/** What the citizen reports; only reports of the same kind merge into one incident. */
public enum IncidentKind {
    FIRE, EXPLOSION, RESCUE, OTHER
}
