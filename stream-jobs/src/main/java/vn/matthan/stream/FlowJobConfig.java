package vn.matthan.stream;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * Where the flow job reads and writes. From the environment when submitted to a Flink cluster:
 * {@code IOC_KAFKA_BOOTSTRAP}, {@code IOC_DB_URL}, {@code IOC_DB_USER}, {@code IOC_DB_PASSWORD}.
 *
 * @param earlyFiring how soon (wall clock) after new events a window's running result is written
 */
public record FlowJobConfig(String kafkaBootstrap, String dbUrl, String dbUser, String dbPassword,
                            Duration earlyFiring, Duration outOfOrderness, Duration checkpointInterval,
                            Duration allowedLateness, CongestionRule congestion)
        implements Serializable {

    public FlowJobConfig(String kafkaBootstrap, String dbUrl, String dbUser, String dbPassword, Duration earlyFiring,
                         Duration outOfOrderness, Duration checkpointInterval, Duration allowedLateness) {
        this(kafkaBootstrap, dbUrl, dbUser, dbPassword, earlyFiring, outOfOrderness, checkpointInterval, allowedLateness,
                CongestionRule.DEFAULT);
    }

    public FlowJobConfig withCongestion(CongestionRule rule) {
        return new FlowJobConfig(kafkaBootstrap, dbUrl, dbUser, dbPassword, earlyFiring, outOfOrderness, checkpointInterval,
                allowedLateness, rule);
    }

    public static FlowJobConfig fromEnvironment(Map<String, String> env) {
        return new FlowJobConfig(required(env, "IOC_KAFKA_BOOTSTRAP"), required(env, "IOC_DB_URL"),
                env.getOrDefault("IOC_DB_USER", "postgres"), env.getOrDefault("IOC_DB_PASSWORD", ""),
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(2));
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("environment variable " + name + " is required");
        return v;
    }
}
