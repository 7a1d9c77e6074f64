package vn.matthan.detection.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression, per traffic class (a car never suppresses a motorbike under it). */
final class Nms {
    private Nms() {
    }

    /**
     * Class-aware NMS, then one box per vehicle: the detector often reports the same vehicle as both car
     * and truck; the weaker of two vehicle boxes overlapping by more than {@code sameVehicleIou} goes.
     */
    static List<Detection> forTraffic(List<Detection> in, double iouThreshold, double sameVehicleIou) {
        List<Detection> kept = new ArrayList<>();
        for (Detection d : classAware(in, iouThreshold)) {
            boolean duplicate = d.trafficClass().isVehicle() && kept.stream().anyMatch(k ->
                    k.trafficClass().isVehicle() && k.box().iou(d.box()) > sameVehicleIou);
            if (!duplicate) kept.add(d);
        }
        return kept;
    }

    static List<Detection> classAware(List<Detection> in, double iouThreshold) {
        List<Detection> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            boolean suppressed = false;
            for (Detection k : kept) {
                if (k.trafficClass() == d.trafficClass() && k.box().iou(d.box()) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) kept.add(d);
        }
        return kept;
    }
}
