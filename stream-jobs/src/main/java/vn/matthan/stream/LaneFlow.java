package vn.matthan.stream;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
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

    /** The minute's passages of one camera and lane (keyed {@code camera|lane}) → one row per vehicle type. */
    static final class PerMinute extends ProcessWindowFunction<Passage, LaneFlow, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<Passage> passages, Collector<LaneFlow> out) {
            List<Long> times = new ArrayList<>();
            Map<String, double[]> byType = new TreeMap<>(); // count, speed sum, speed samples
            String camera = null, lane = null;
            for (Passage p : passages) {
                camera = p.cameraId;
                lane = p.lane;
                times.add(p.timeMillis);
                double[] t = byType.computeIfAbsent(p.vehicleClass, k -> new double[3]);
                t[0]++;
                if (p.speedKmh != null) {
                    t[1] += p.speedKmh;
                    t[2]++;
                }
            }
            Double headway = null;
            if (times.size() >= 2) {
                times.sort(null);
                headway = (times.get(times.size() - 1) - times.get(0)) / 1000.0 / (times.size() - 1);
            }
            for (Map.Entry<String, double[]> e : byType.entrySet()) {
                double[] t = e.getValue();
                out.collect(new LaneFlow(camera, lane, e.getKey(), ctx.window().getStart(), (long) t[0],
                        t[2] > 0 ? t[1] / t[2] : null, (long) t[2], headway));
            }
        }
    }
}
