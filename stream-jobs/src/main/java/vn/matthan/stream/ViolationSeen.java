package vn.matthan.stream;

/** The fields of a {@code violation.detected} event the counts need (a Flink POJO). */
public class ViolationSeen {
    public String violationId;
    public String cameraId;
    public String unitCode;
    public String violationType;
    /** The detector's class of the violating vehicle; "unknown" when the event names none. */
    public String vehicleClass;
    public long timeMillis;

    public ViolationSeen() {
    }

    public ViolationSeen(String violationId, String cameraId, String unitCode, String violationType, String vehicleClass, long timeMillis) {
        this.violationId = violationId;
        this.cameraId = cameraId;
        this.unitCode = unitCode;
        this.violationType = violationType;
        this.vehicleClass = vehicleClass == null || vehicleClass.isBlank() ? "unknown" : vehicleClass;
        this.timeMillis = timeMillis;
    }
}
