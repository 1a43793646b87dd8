package vn.baochay.shelter;

/** What a place is a refuge from; the citizen app asks for the nearest refuges from one of them. */
public enum Hazard {
    FIRE, EXPLOSION, FLOOD, LANDSLIDE, EARTHQUAKE, TYPHOON
}
