package vn.matthan.events;

/** Kafka topic names. Every event is keyed by camera id so that one camera stays in order. */
public final class Topics {
    public static final String VEHICLE_PASSAGE = "vehicle.passage";
    public static final String VIOLATION_DETECTED = "violation.detected";
    public static final String CAMERA_HEALTH = "camera.health";
    /** Signal controller phase changes, keyed by controller id (not camera). */
    public static final String SIGNAL_PHASE = "signal.phase";
    /** Congestion raised and cleared by the stream job, keyed by camera id. */
    public static final String JUNCTION_CONGESTION = "junction.congestion";

    private Topics() {
    }
}
