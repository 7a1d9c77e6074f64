package vn.matthan.stream;

import java.io.Serializable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Where the flow job reads and writes, and its event-time settings. The settings' defaults are named below and shared
 * by the demo node ({@link #of}) and the job submitted to a Flink cluster ({@link #fromEnvironment}); callers change
 * one by name ({@code withCheckpointInterval(...)}), never by position.
 *
 * @param earlyFiring        how soon (wall clock) after new events a window's running result is written
 * @param outOfOrderness     how far event time may go backwards before a passage counts as late for the watermark
 * @param idleness           a source silent this long holds no one's watermark back
 * @param checkpointInterval how often state and sink batches are committed
 * @param allowedLateness    passages this far behind the watermark still update their closed minute
 */
public record FlowJobConfig(String kafkaBootstrap, String dbUrl, String dbUser, String dbPassword,
                            Duration earlyFiring, Duration outOfOrderness, Duration idleness, Duration checkpointInterval,
                            Duration allowedLateness, CongestionRule congestion)
        implements Serializable {

    /** The wall sees a minute's count grow within a second of each passage. */
    public static final Duration EARLY_FIRING = Duration.ofSeconds(1);
    /**
     * 5 s, for the demo and the cluster alike: cameras sharing a Kafka partition are analysed with lags that differ by
     * a few seconds (batched detection, reconnects, pauses), and a tighter bound would hold their passages back as late.
     * It costs the user nothing visible: early results reach the wall within a second; only a minute's final result
     * (and the congestion check that reads it) waits 5 s longer.
     */
    public static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    /**
     * A Kafka partition silent for a minute (its cameras dark or failed, or no camera keyed to it) does not stop the
     * others' minutes from closing; a partition that is only behind keeps holding them (watermarks per partition).
     */
    public static final Duration IDLENESS = Duration.ofMinutes(1);
    /** Sinks also flush on their own within 200 ms; the checkpoint bounds what a restart replays. */
    public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    /** Stragglers up to 2 minutes still count in their minute; later ones go to late_passage / late_event. */
    public static final Duration ALLOWED_LATENESS = Duration.ofMinutes(2);

    /** Environment variables that override a default on a cluster (ISO-8601 durations, e.g. {@code PT10S}). */
    public static final String ENV_EARLY_FIRING = "IOC_FLOW_EARLY_FIRING", ENV_OUT_OF_ORDERNESS = "IOC_FLOW_OUT_OF_ORDERNESS",
            ENV_IDLENESS = "IOC_FLOW_IDLENESS", ENV_CHECKPOINT_INTERVAL = "IOC_FLOW_CHECKPOINT_INTERVAL",
            ENV_ALLOWED_LATENESS = "IOC_FLOW_ALLOWED_LATENESS";

    public FlowJobConfig {
        for (Duration d : new Duration[]{earlyFiring, outOfOrderness, idleness, checkpointInterval, allowedLateness}) {
            if (d == null || d.isNegative()) throw new IllegalArgumentException("flow job durations must be given and not negative");
        }
        if (checkpointInterval.isZero() || earlyFiring.isZero()) {
            throw new IllegalArgumentException("checkpoint interval and early firing must be longer than zero");
        }
    }

    /** The job with every named default. */
    public static FlowJobConfig of(String kafkaBootstrap, String dbUrl, String dbUser, String dbPassword) {
        return new FlowJobConfig(kafkaBootstrap, dbUrl, dbUser, dbPassword, EARLY_FIRING, OUT_OF_ORDERNESS, IDLENESS,
                CHECKPOINT_INTERVAL, ALLOWED_LATENESS, CongestionRule.DEFAULT);
    }

    /**
     * Submitted to a Flink cluster: {@code IOC_KAFKA_BOOTSTRAP}, {@code IOC_DB_URL}, {@code IOC_DB_USER},
     * {@code IOC_DB_PASSWORD}; the named defaults, each overridable by its {@code IOC_FLOW_*} variable.
     */
    public static FlowJobConfig fromEnvironment(Map<String, String> env) {
        FlowJobConfig c = of(required(env, "IOC_KAFKA_BOOTSTRAP"), required(env, "IOC_DB_URL"),
                env.getOrDefault("IOC_DB_USER", "postgres"), env.getOrDefault("IOC_DB_PASSWORD", ""));
        return c.withEarlyFiring(duration(env, ENV_EARLY_FIRING, c.earlyFiring))
                .withOutOfOrderness(duration(env, ENV_OUT_OF_ORDERNESS, c.outOfOrderness))
                .withIdleness(duration(env, ENV_IDLENESS, c.idleness))
                .withCheckpointInterval(duration(env, ENV_CHECKPOINT_INTERVAL, c.checkpointInterval))
                .withAllowedLateness(duration(env, ENV_ALLOWED_LATENESS, c.allowedLateness));
    }

    public FlowJobConfig withEarlyFiring(Duration d) {
        return new FlowJobConfig(kafkaBootstrap, dbUrl, dbUser, dbPassword, d, outOfOrderness, idleness, checkpointInterval, allowedLateness, congestion);
    }

    public FlowJobConfig withOutOfOrderness(Duration d) {
        return new FlowJobConfig(kafkaBootstrap, dbUrl, dbUser, dbPassword, earlyFiring, d, idleness, checkpointInterval, allowedLateness, congestion);
    }

    public FlowJobConfig withIdleness(Duration d) {
        return new FlowJobConfig(kafkaBootstrap, dbUrl, dbUser, dbPassword, earlyFiring, outOfOrderness, d, checkpointInterval, allowedLateness, congestion);
    }

    public FlowJobConfig withCheckpointInterval(Duration d) {
        return new FlowJobConfig(kafkaBootstrap, dbUrl, dbUser, dbPassword, earlyFiring, outOfOrderness, idleness, d, allowedLateness, congestion);
    }

    public FlowJobConfig withAllowedLateness(Duration d) {
        return new FlowJobConfig(kafkaBootstrap, dbUrl, dbUser, dbPassword, earlyFiring, outOfOrderness, idleness, checkpointInterval, d, congestion);
    }

    public FlowJobConfig withCongestion(CongestionRule rule) {
        return new FlowJobConfig(kafkaBootstrap, dbUrl, dbUser, dbPassword, earlyFiring, outOfOrderness, idleness, checkpointInterval, allowedLateness, rule);
    }

    private static Duration duration(Map<String, String> env, String name, Duration dflt) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            return Duration.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("environment variable " + name + " must be an ISO-8601 duration such as PT5S, got '" + v + "'");
        }
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("environment variable " + name + " is required");
        return v;
    }
}
