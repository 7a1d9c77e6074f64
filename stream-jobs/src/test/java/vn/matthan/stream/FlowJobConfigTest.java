package vn.matthan.stream;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowJobConfigTest {
    static final Map<String, String> CLUSTER = Map.of("IOC_KAFKA_BOOTSTRAP", "kafka:9092", "IOC_DB_URL", "jdbc:postgresql://db/ioc");

    @Test
    void theClusterJobAndTheDemoNodeShareTheNamedDefaults() {
        FlowJobConfig cluster = FlowJobConfig.fromEnvironment(CLUSTER);
        FlowJobConfig demo = FlowJobConfig.of("kafka:9092", "jdbc:postgresql://db/ioc", "postgres", "");
        assertThat(cluster).isEqualTo(demo);
        assertThat(cluster.outOfOrderness()).isEqualTo(FlowJobConfig.OUT_OF_ORDERNESS).isEqualTo(Duration.ofSeconds(5));
        assertThat(cluster.earlyFiring()).isEqualTo(FlowJobConfig.EARLY_FIRING);
        assertThat(cluster.idleness()).isEqualTo(FlowJobConfig.IDLENESS);
        assertThat(cluster.checkpointInterval()).isEqualTo(FlowJobConfig.CHECKPOINT_INTERVAL);
        assertThat(cluster.allowedLateness()).isEqualTo(FlowJobConfig.ALLOWED_LATENESS);
        assertThat(cluster.congestion()).isEqualTo(CongestionRule.DEFAULT);
    }

    @Test
    void aClusterOverridesASettingByNameFromTheEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(CLUSTER);
        env.put(FlowJobConfig.ENV_OUT_OF_ORDERNESS, "PT10S");
        env.put(FlowJobConfig.ENV_CHECKPOINT_INTERVAL, "PT30S");
        FlowJobConfig c = FlowJobConfig.fromEnvironment(env);
        assertThat(c.outOfOrderness()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.allowedLateness()).isEqualTo(FlowJobConfig.ALLOWED_LATENESS);

        env.put(FlowJobConfig.ENV_ALLOWED_LATENESS, "2 minutes");
        assertThatThrownBy(() -> FlowJobConfig.fromEnvironment(env))
                .hasMessage("environment variable IOC_FLOW_ALLOWED_LATENESS must be an ISO-8601 duration such as PT5S, got '2 minutes'");
        env.put(FlowJobConfig.ENV_ALLOWED_LATENESS, "-PT1M");
        assertThatThrownBy(() -> FlowJobConfig.fromEnvironment(env)).hasMessageContaining("not negative");
    }

    @Test
    void theClusterNeedsItsBrokerAndDatabase() {
        assertThatThrownBy(() -> FlowJobConfig.fromEnvironment(Map.of("IOC_DB_URL", "jdbc:postgresql://db/ioc")))
                .hasMessage("environment variable IOC_KAFKA_BOOTSTRAP is required");
    }
}
