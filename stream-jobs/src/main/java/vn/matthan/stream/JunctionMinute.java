package vn.matthan.stream;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * What one camera's junction did in one minute: vehicles that passed its count lines, their mean speed where
 * measured, and the mean number of vehicles in view from its health reports. The input of {@link CongestionDetector}.
 * A Flink POJO; {@link Signal} is the element both input streams are turned into.
 */
public class JunctionMinute {
    public String cameraId;
    public long startMillis;
    public long passages;
    public Double meanSpeedKmh;
    /** null when no health report in the minute said how many vehicles were in view. */
    public Double meanVehiclesInView;

    public JunctionMinute() {
    }

    public JunctionMinute(String cameraId, long startMillis, long passages, Double meanSpeedKmh, Double meanVehiclesInView) {
        this.cameraId = cameraId;
        this.startMillis = startMillis;
        this.passages = passages;
        this.meanSpeedKmh = meanSpeedKmh;
        this.meanVehiclesInView = meanVehiclesInView;
    }

    /** The passages of a camera's minute (count and speeds, from {@link CameraMinute}) or a presence count from a health report. */
    public static class Signal {
        public String cameraId;
        public long timeMillis;
        public boolean passage;
        public long passages;
        public double speedSum;
        public long speedSamples;
        public int vehiclesInView = -1;

        public Signal() {
        }

        static Signal passages(String camera, long timeMillis, long passages, double speedSum, long speedSamples) {
            Signal s = new Signal();
            s.cameraId = camera;
            s.timeMillis = timeMillis;
            s.passage = true;
            s.passages = passages;
            s.speedSum = speedSum;
            s.speedSamples = speedSamples;
            return s;
        }

        static Signal of(HealthSample h) {
            Signal s = new Signal();
            s.cameraId = h.cameraId;
            s.timeMillis = h.timeMillis;
            s.vehiclesInView = h.vehiclesInView;
            return s;
        }
    }

    /** passages, speed sum, speed samples, presence sum, presence samples. */
    static final class Sum implements AggregateFunction<Signal, double[], double[]> {
        @Override
        public double[] createAccumulator() {
            return new double[5];
        }

        @Override
        public double[] add(Signal s, double[] a) {
            if (s.passage) {
                a[0] += s.passages;
                a[1] += s.speedSum;
                a[2] += s.speedSamples;
            } else if (s.vehiclesInView >= 0) {
                a[3] += s.vehiclesInView;
                a[4]++;
            }
            return a;
        }

        @Override
        public double[] getResult(double[] a) {
            return a;
        }

        @Override
        public double[] merge(double[] a, double[] b) {
            double[] m = new double[5];
            for (int i = 0; i < 5; i++) m[i] = a[i] + b[i];
            return m;
        }
    }

    static final class InWindow extends ProcessWindowFunction<double[], JunctionMinute, String, TimeWindow> {
        @Override
        public void process(String camera, Context ctx, Iterable<double[]> sums, Collector<JunctionMinute> out) {
            double[] a = sums.iterator().next();
            out.collect(new JunctionMinute(camera, ctx.window().getStart(), (long) a[0], a[2] > 0 ? a[1] / a[2] : null,
                    a[4] > 0 ? a[3] / a[4] : null));
        }
    }
}
