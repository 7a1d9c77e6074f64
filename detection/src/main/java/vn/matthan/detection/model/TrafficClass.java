package vn.matthan.detection.model;

import java.util.Optional;

/** What the rules care about; every other COCO class is dropped. */
public enum TrafficClass {
    CAR("car"), MOTORBIKE("motorbike"), BUS("bus"), TRUCK("truck"), BICYCLE("bicycle"), PEDESTRIAN("pedestrian"),
    /** Not a road user: reported so that calibration can locate signal heads. */
    TRAFFIC_LIGHT("traffic_light");

    private final String code;

    TrafficClass(String code) {
        this.code = code;
    }

    /** The name used in events and in the database. */
    public String code() {
        return code;
    }

    /** Maps a 0-indexed COCO class (as in coco_classes.txt) to a traffic class. */
    public static Optional<TrafficClass> fromCoco(int cocoIndex) {
        return Optional.ofNullable(switch (cocoIndex) {
            case 0 -> PEDESTRIAN;
            case 1 -> BICYCLE;
            case 2 -> CAR;
            case 3 -> MOTORBIKE;
            case 5 -> BUS;
            case 7 -> TRUCK;
            case 9 -> TRAFFIC_LIGHT;
            default -> null;
        });
    }

    /** The class with this event/config code. */
    public static Optional<TrafficClass> fromCode(String code) {
        for (TrafficClass c : values()) if (c.code.equals(code)) return Optional.of(c);
        return Optional.empty();
    }

    /** Motorbikes and bicycles: never confused with cars, buses or trucks by a working detector. */
    public boolean isTwoWheeler() {
        return this == MOTORBIKE || this == BICYCLE;
    }

    public boolean isVehicle() {
        return this != PEDESTRIAN && this != TRAFFIC_LIGHT;
    }
}
