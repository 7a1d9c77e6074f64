package vn.matthan.node;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import vn.matthan.events.Topics;
import vn.matthan.stream.FlowJob;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates the topics the node uses, when they do not exist yet. */
public final class KafkaTopics {
    private KafkaTopics() {
    }

    public static void ensure(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            for (String t : List.of(Topics.VEHICLE_PASSAGE, Topics.VIOLATION_DETECTED, Topics.CAMERA_HEALTH,
                    Topics.SIGNAL_PHASE, Topics.JUNCTION_CONGESTION, FlowJob.DEAD_LETTER_TOPIC)) {
                try {
                    admin.createTopics(List.of(new NewTopic(t, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
        }
    }
}
