package vn.matthan.detection.model;

import vn.matthan.detection.geometry.Box;

/** One object found in one frame. */
public record Detection(Box box, TrafficClass trafficClass, double score) {
}
