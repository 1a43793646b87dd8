package vn.baochay.shelter;

/** A building where people can stay ({@code SHELTER}), or open ground to gather at ({@code ASSEMBLY_POINT}). */
public enum ShelterKind {
    SHELTER, ASSEMBLY_POINT
}
