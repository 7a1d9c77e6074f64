package vn.matthan.detection.signal;

/** What a signal group shows. UNKNOWN: nothing lit, not seen, or no word from the controller. */
public enum SignalPhase {
    GREEN, AMBER, RED, UNKNOWN;

    /** The name used in events and the database. */
    public String code() {
        return name().toLowerCase();
    }
}
