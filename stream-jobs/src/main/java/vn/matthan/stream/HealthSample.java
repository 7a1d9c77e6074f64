package vn.matthan.stream;

/** One camera.health report: was the camera streaming at that instant (a Flink POJO). */
public class HealthSample {
    public String cameraId;
    public long timeMillis;
    public boolean streaming;

    public HealthSample() {
    }

    public HealthSample(String cameraId, long timeMillis, boolean streaming) {
        this.cameraId = cameraId;
        this.timeMillis = timeMillis;
        this.streaming = streaming;
    }
}
