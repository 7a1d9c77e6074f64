package vn.matthan.stream;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job submitted to a cluster reads its settings from the environment, each replaceable by a NAME=value argument. */
class FlowJobSettingsTest {
    @Test
    void argumentsReplaceTheEnvironmentsValues() {
        Map<String, String> env = Map.of("IOC_KAFKA_BOOTSTRAP", "kafka:9092", "IOC_DB_URL", "jdbc:postgresql://db/ioc");
        Map<String, String> s = FlowJob.settings(new String[]{"IOC_DB_URL=jdbc:postgresql://other/ioc?a=b", "IOC_DB_PASSWORD="}, env);
        assertThat(s).containsEntry("IOC_KAFKA_BOOTSTRAP", "kafka:9092").containsEntry("IOC_DB_URL", "jdbc:postgresql://other/ioc?a=b")
                .containsEntry("IOC_DB_PASSWORD", "");
        assertThat(FlowJobConfig.fromEnvironment(s).dbUrl()).isEqualTo("jdbc:postgresql://other/ioc?a=b");
    }

    @Test
    void anArgumentThatIsNoSettingIsRefusedNamingIt() {
        assertThatThrownBy(() -> FlowJob.settings(new String[]{"--db"}, Map.of()))
                .hasMessage("argument '--db' is not NAME=value");
    }
}
