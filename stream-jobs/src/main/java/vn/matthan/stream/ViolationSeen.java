package vn.matthan.stream;

/** The fields of a {@code violation.detected} event the counts need (a Flink POJO). */
public class ViolationSeen {
    public String violationId;
    public String cameraId;
    public String unitCode;
    public String violationType;
    public long timeMillis;

    public ViolationSeen() {
    }

    public ViolationSeen(String violationId, String cameraId, String unitCode, String violationType, long timeMillis) {
        this.violationId = violationId;
        this.cameraId = cameraId;
        this.unitCode = unitCode;
        this.violationType = violationType;
        this.timeMillis = timeMillis;
    }
}
