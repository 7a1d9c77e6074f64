package vn.matthan.node;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A single Kafka broker in KRaft mode (broker + controller in one node), run inside this JVM from the
 * Maven artifacts: the same broker code as a production cluster, with a fresh log directory per start.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaRaftServer server;
    private final String bootstrap;
    private final Path logDir;

    public EmbeddedKafka(Path dataDir) throws IOException {
        logDir = Files.createDirectories(dataDir).resolve("kafka-" + System.currentTimeMillis());
        int port = Ports.free();
        int controllerPort = Ports.free();
        bootstrap = "127.0.0.1:" + port;
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + bootstrap);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        format(p);
        server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
        server.startup();
    }

    private void format(Properties p) throws IOException {
        Path file = logDir.resolveSibling(logDir.getFileName() + ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "embedded KRaft broker");
        }
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        int rc = StorageTool$.MODULE$.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(),
                "-c", file.toString()}, new PrintStream(msg, true, StandardCharsets.UTF_8));
        if (rc != 0) throw new IOException("Kafka storage format failed: " + msg.toString(StandardCharsets.UTF_8));
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        Files2.deleteTree(logDir);
        Files2.deleteTree(logDir.resolveSibling(logDir.getFileName() + ".properties"));
    }
}
