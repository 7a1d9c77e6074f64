package vn.matthan.stream;

/** The fields of a {@code vehicle.passage} event the flow job needs (a Flink POJO). */
public class Passage {
    public String eventId;
    public String cameraId;
    public String vehicleClass;
    public long timeMillis;

    public Passage() {
    }

    public Passage(String eventId, String cameraId, String vehicleClass, long timeMillis) {
        this.eventId = eventId;
        this.cameraId = cameraId;
        this.vehicleClass = vehicleClass;
        this.timeMillis = timeMillis;
    }
}
