package vn.matthan.stream;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.sql.Timestamp;

/** Camera uptime per hour: the share of health reports in which the camera was streaming (a Flink POJO). */
public class CameraUptime {
    public String cameraId;
    public long hourStartMillis;
    public long samples;
    public long streamingSamples;

    public CameraUptime() {
    }

    public CameraUptime(String cameraId, long hourStartMillis, long samples, long streamingSamples) {
        this.cameraId = cameraId;
        this.hourStartMillis = hourStartMillis;
        this.samples = samples;
        this.streamingSamples = streamingSamples;
    }

    static final String UPSERT = """
            INSERT INTO camera_uptime_hour (camera_id, hour, samples, streaming_samples, updated_at)
            VALUES (?, ?, ?, ?, now())
            ON CONFLICT (camera_id, hour) DO UPDATE SET samples = EXCLUDED.samples,
              streaming_samples = EXCLUDED.streaming_samples, updated_at = now()
            WHERE camera_uptime_hour.samples <= EXCLUDED.samples""";

    static JdbcBatchSink<CameraUptime> sink(FlowJobConfig cfg) {
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), UPSERT, (st, u) -> {
            st.setString(1, u.cameraId);
            st.setTimestamp(2, new Timestamp(u.hourStartMillis));
            st.setLong(3, u.samples);
            st.setLong(4, u.streamingSamples);
        }, u -> u.cameraId + '|' + u.hourStartMillis, 200);
    }

    /** (samples, streaming samples). */
    static final class Count implements AggregateFunction<HealthSample, long[], long[]> {
        @Override
        public long[] createAccumulator() {
            return new long[2];
        }

        @Override
        public long[] add(HealthSample s, long[] acc) {
            acc[0]++;
            if (s.streaming) acc[1]++;
            return acc;
        }

        @Override
        public long[] getResult(long[] acc) {
            return acc;
        }

        @Override
        public long[] merge(long[] a, long[] b) {
            return new long[]{a[0] + b[0], a[1] + b[1]};
        }
    }

    static final class PerHour extends ProcessWindowFunction<long[], CameraUptime, String, TimeWindow> {
        @Override
        public void process(String camera, Context ctx, Iterable<long[]> counts, Collector<CameraUptime> out) {
            long[] c = counts.iterator().next();
            out.collect(new CameraUptime(camera, ctx.window().getStart(), c[0], c[1]));
        }
    }
}
