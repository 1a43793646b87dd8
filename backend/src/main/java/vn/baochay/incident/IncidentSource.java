package vn.baochay.incident;

/** Who reported: a person through the app, or a building's automatic fire-alarm transmitter. */
public enum IncidentSource {
    CITIZEN, ALARM_DEVICE
}
