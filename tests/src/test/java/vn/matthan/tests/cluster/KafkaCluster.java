package vn.matthan.tests.cluster;

import kafka.tools.StorageTool$;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Three Kafka 4 nodes in KRaft mode, each its own {@code kafka.Kafka} JVM on loopback, each both broker and controller
 * (combined mode): three processes instead of six on a 2-core machine, and the controller quorum of three still
 * survives one node killed — the fault the test makes. Log dirs formatted with {@code kafka.tools.StorageTool} under one
 * cluster id; internal topics replicated three times with two in sync required, like the event topics.
 */
final class KafkaCluster implements AutoCloseable {
    static final int NODES = 3;

    private final Path dir;
    private final String classpath;
    private final int[] ports = new int[NODES];
    private final int[] controllerPorts = new int[NODES];
    private final ChildJvm[] nodes = new ChildJvm[NODES];
    private final Path log4j;

    KafkaCluster(Path dir, String classpath) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.classpath = classpath;
        for (int i = 0; i < NODES; i++) {
            ports[i] = FreePorts.next();
            controllerPorts[i] = FreePorts.next();
        }
        log4j = ChildLogging.write(dir.resolve("log4j2.properties"), "WARN", Map.of());
        String clusterId = Uuid.randomUuid().toString();
        for (int i = 0; i < NODES; i++) format(i, clusterId);
    }

    private Path config(int i) {
        return dir.resolve("node-" + nodeId(i) + ".properties");
    }

    private static int nodeId(int i) {
        return i + 1;
    }

    private void format(int i, String clusterId) throws IOException {
        String voters = IntStream.range(0, NODES).mapToObj(n -> nodeId(n) + "@127.0.0.1:" + controllerPorts[n])
                .collect(Collectors.joining(","));
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId(i)));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + ports[i] + ",CONTROLLER://127.0.0.1:" + controllerPorts[i]);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports[i]);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("data-" + nodeId(i)).toString());
        p.put("auto.create.topics.enable", "false");
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("unclean.leader.election.enable", "false");
        p.put("offsets.topic.replication.factor", "3");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "3");
        p.put("share.coordinator.state.topic.min.isr", "2");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A killed node is fenced (and dropped from the in-sync replicas, its partitions led elsewhere) after 4 s
        // without heartbeats instead of the default 9 s.
        p.put("broker.heartbeat.interval.ms", "1000");
        p.put("broker.session.timeout.ms", "4000");
        p.put("replica.lag.time.max.ms", "10000");
        p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.replica.fetchers", "1");
        p.put("background.threads", "2");
        p.put("log.cleaner.enable", "false");
        try (OutputStream out = Files.newOutputStream(config(i))) {
            p.store(out, "Kafka node " + nodeId(i) + " of the cluster test");
        }
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        int rc = StorageTool$.MODULE$.execute(new String[]{"format", "-t", clusterId, "-c", config(i).toString()},
                new PrintStream(msg, true, StandardCharsets.UTF_8));
        if (rc != 0) throw new IOException("kafka-storage format of node " + nodeId(i) + " failed: " + msg.toString(StandardCharsets.UTF_8));
    }

    /** Starts every node that is not running and waits until all three are brokers of the cluster. */
    void start() throws Exception {
        for (int i = 0; i < NODES; i++) if (nodes[i] == null) startNode(i);
        awaitBrokers(NODES, Duration.ofSeconds(90));
    }

    private void startNode(int i) throws IOException {
        nodes[i] = ChildJvm.start("kafka-" + nodeId(i), dir.resolve("kafka-" + nodeId(i) + ".log"), classpath,
                List.of("-Xms128m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Dlog4j2.configurationFile=" + log4j.toUri(), "-Dkafka.logs.dir=" + dir),
                "kafka.Kafka", List.of(config(i).toString()));
    }

    String bootstrap() {
        return IntStream.range(0, NODES).mapToObj(i -> "127.0.0.1:" + ports[i]).collect(Collectors.joining(","));
    }

    /** The node's id for a broker id the cluster reports (1, 2, 3). */
    void kill(int brokerId) throws InterruptedException {
        nodes[brokerId - 1].kill();
        nodes[brokerId - 1] = null;
    }

    Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return Admin.create(p);
    }

    void awaitBrokers(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < NODES; i++) {
            while (nodes[i] != null && !listening(ports[i])) { // before any client, which would log each refusal
                if (!nodes[i].alive()) throw new IllegalStateException("Kafka node died:\n" + nodes[i].tail(40));
                if (System.nanoTime() > deadline) throw new IllegalStateException("Kafka node not listening:\n" + nodes[i].tail(40));
                Thread.sleep(200);
            }
        }
        try (Admin admin = admin()) {
            while (true) {
                for (int i = 0; i < NODES; i++) {
                    if (nodes[i] != null && !nodes[i].alive()) throw new IllegalStateException("Kafka node died:\n" + nodes[i].tail(40));
                }
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == count) return;
                } catch (Exception notYet) {
                    // the cluster is still forming
                }
                if (System.nanoTime() > deadline) {
                    StringBuilder logs = new StringBuilder();
                    for (ChildJvm n : nodes) if (n != null) logs.append(n.tail(30)).append('\n');
                    throw new IllegalStateException("no " + count + " Kafka brokers within " + timeout + "\n" + logs);
                }
                Thread.sleep(500);
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes the topics (when they exist) and creates them anew, empty: one partition each, three replicas, two of
     * them in sync for a write to count.
     */
    void recreateTopics(List<String> topics) throws Exception {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> delete = topics.stream().filter(existing::contains).toList();
            if (!delete.isEmpty()) admin.deleteTopics(delete).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().anyMatch(delete::contains)) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("topics " + delete + " not deleted in 60 s");
                Thread.sleep(200);
            }
            List<NewTopic> create = new ArrayList<>();
            for (String t : topics) create.add(new NewTopic(t, 1, (short) 3).configs(Map.of("min.insync.replicas", "2")));
            admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = 0; i < NODES; i++) {
            if (nodes[i] != null) nodes[i].close();
            nodes[i] = null;
        }
    }
}
