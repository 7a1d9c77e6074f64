package vn.matthan.stream;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/** The fields of a {@code vehicle.passage} event the flow job needs; crosses the network by {@link PassageSerializer}. */
@TypeInfo(PassageSerializer.Factory.class)
public class Passage {
    public String eventId;
    public String cameraId;
    public String countLine;
    /** "" when the scene defines no lanes. */
    public String lane;
    public String vehicleClass;
    public String direction;
    /** null unless the camera measures speed. */
    public Double speedKmh;
    public long timeMillis;
    /** The plate read on the vehicle (null: none, or no plate fields in the event); see vehicle.passage. */
    public PassagePlate plate;

    public Passage() {
    }

    public Passage(String eventId, String cameraId, String vehicleClass, long timeMillis) {
        this(eventId, cameraId, "", "", vehicleClass, "forward", null, timeMillis);
    }

    public Passage(String eventId, String cameraId, String countLine, String lane, String vehicleClass, String direction,
                   Double speedKmh, long timeMillis) {
        this.eventId = eventId;
        this.cameraId = cameraId;
        this.countLine = countLine;
        this.lane = lane == null ? "" : lane;
        this.vehicleClass = vehicleClass;
        this.direction = direction;
        this.speedKmh = speedKmh;
        this.timeMillis = timeMillis;
    }

    /** The outcome of reading a passage's plate as the camera node sent it; only stored, never counted. */
    public record PassagePlate(String status, String plate, String display, Double confidence, Boolean needsCheck,
                               String thumbnailSha256) implements java.io.Serializable {
    }
}
