package vn.matthan.stream;

/** One camera.health report: was the camera streaming at that instant, and how many vehicles it held (a Flink POJO). */
public class HealthSample {
    public String cameraId;
    public long timeMillis;
    public boolean streaming;
    /** -1 when the report does not say (camera not analysed). */
    public int vehiclesInView = -1;

    public HealthSample() {
    }

    public HealthSample(String cameraId, long timeMillis, boolean streaming) {
        this(cameraId, timeMillis, streaming, -1);
    }

    public HealthSample(String cameraId, long timeMillis, boolean streaming, int vehiclesInView) {
        this.cameraId = cameraId;
        this.timeMillis = timeMillis;
        this.streaming = streaming;
        this.vehiclesInView = vehiclesInView;
    }
}
