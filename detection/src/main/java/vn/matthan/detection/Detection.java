package vn.matthan.detection;

/** One object found in one frame. */
public record Detection(Box box, TrafficClass trafficClass, double score) {
}
