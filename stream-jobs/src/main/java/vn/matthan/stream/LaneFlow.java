package vn.matthan.stream;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flow of one lane of one camera for one vehicle type in one minute, named after the FIWARE
 * {@code TrafficFlowObserved} attributes: intensity, averageVehicleSpeed (of the passages that carry a speed) and
 * averageHeadwayTime (mean gap between successive vehicles of the lane, all types, so the same on each type's row).
 * Occupancy needs the time a vehicle spends over a detector, which count-line crossings do not give: left null.
 * A Flink POJO.
 */
public class LaneFlow {
    public String cameraId;
    public String laneId;
    public String vehicleType;
    public long fromMillis;
    public long intensity;
    public Double averageVehicleSpeed;
    public long speedSamples;
    public Double averageHeadwayTime;

    public LaneFlow() {
    }

    public LaneFlow(String cameraId, String laneId, String vehicleType, long fromMillis, long intensity, Double averageVehicleSpeed,
                    long speedSamples, Double averageHeadwayTime) {
        this.cameraId = cameraId;
        this.laneId = laneId;
        this.vehicleType = vehicleType;
        this.fromMillis = fromMillis;
        this.intensity = intensity;
        this.averageVehicleSpeed = averageVehicleSpeed;
        this.speedSamples = speedSamples;
        this.averageHeadwayTime = averageHeadwayTime;
    }

    @Override
    public String toString() {
        return cameraId + "/" + laneId + "/" + vehicleType + "@" + fromMillis + "=" + intensity + " v=" + averageVehicleSpeed
                + " h=" + averageHeadwayTime;
    }

    /** One minute's passages of one camera and lane → one row per vehicle type (sorted by type). */
    static void ofLane(String camera, String lane, long startMillis, List<Passage> passages, java.util.function.Consumer<LaneFlow> out) {
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        Map<String, double[]> byType = new TreeMap<>(); // count, speed sum, speed samples
        for (Passage p : passages) {
            first = Math.min(first, p.timeMillis);
            last = Math.max(last, p.timeMillis);
            double[] t = byType.computeIfAbsent(p.vehicleClass, k -> new double[3]);
            t[0]++;
            if (p.speedKmh != null) {
                t[1] += p.speedKmh;
                t[2]++;
            }
        }
        // The mean gap between successive vehicles: the first-to-last span over the gaps between them.
        Double headway = passages.size() >= 2 ? (last - first) / 1000.0 / (passages.size() - 1) : null;
        for (Map.Entry<String, double[]> e : byType.entrySet()) {
            double[] t = e.getValue();
            out.accept(new LaneFlow(camera, lane, e.getKey(), startMillis, (long) t[0], t[2] > 0 ? t[1] / t[2] : null, (long) t[2], headway));
        }
    }
}
