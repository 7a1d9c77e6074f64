package vn.matthan.events;

/** Kafka topic names. Every event is keyed by camera id so that one camera stays in order. */
public final class Topics {
    public static final String VEHICLE_PASSAGE = "vehicle.passage";
    public static final String VIOLATION_DETECTED = "violation.detected";
    public static final String CAMERA_HEALTH = "camera.health";

    private Topics() {
    }
}
