package vn.baochay.alarm;

/**
 * What the system must do with a signal from a fire-alarm transmitter, whichever event format the panel
 * used (Contact ID or SIA DCS). Codes from the same family land on the same value in both formats, so a
 * Contact ID 110 and a SIA {@code FA} are handled alike.
 */
public enum SignalMeaning {

    /** A fire detected at the premises: opens an incident there, or joins the one already open. */
    FIRE_ALARM,

    /** A condition has ended. Recorded on the timeline; it never closes an incident, a person does that. */
    RESTORE,

    /**
     * The premises equipment can no longer be trusted to detect or report a fire (trouble, power loss, low
     * battery, supervisory, bypass). Goes to the device board and never becomes a fire incident.
     */
    FAULT,

    /** A test report: proves the panel and the link are alive, feeds supervision and nothing else. */
    TEST,

    /** Anything else a panel reports (burglary, opening and closing, programming): recorded only. */
    OTHER
}
