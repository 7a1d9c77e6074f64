package vn.matthan.tests.cluster;

import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Flink session cluster as a standalone deployment runs it, from Flink's artifacts on Maven Central (flink-dist is
 * not published there; the same classes are): one JobManager ({@code StandaloneSessionClusterEntrypoint}, with
 * flink-runtime-web for jar uploads over REST) and TaskManagers ({@code TaskManagerRunner}), each a JVM of its own,
 * configured by a generated {@code conf/config.yaml}: checkpoints to a local folder (kept on cancellation), the
 * restart strategy, heartbeats that notice a killed TaskManager within seconds. A TaskManager's JVM sizes come from
 * Flink's own memory model, as {@code taskmanager.sh} computes them.
 */
final class FlinkCluster implements AutoCloseable {
    /** What Flink's distribution passes every JVM on Java 17 ({@code env.java.opts.all} of its config.yaml). */
    private static final List<String> JAVA_17_OPTIONS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    final Path checkpoints;
    private final Path dir;
    private final Path confDir;
    private final String classpath;
    private final Configuration conf = new Configuration();
    private final int restPort;
    private final Path log4j;
    private ChildJvm jobManager;
    private final Map<String, ChildJvm> taskManagers = new TreeMap<>();

    FlinkCluster(Path dir, String classpath, int slotsPerTaskManager) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.classpath = classpath;
        this.confDir = Files.createDirectories(dir.resolve("conf"));
        this.checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        restPort = FreePorts.next();
        conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(JobManagerOptions.PORT, FreePorts.next());
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, restPort);
        conf.set(BlobServerOptions.PORT, Integer.toString(FreePorts.next()));
        conf.set(TaskManagerOptions.HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slotsPerTaskManager);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        conf.set(CoreOptions.TMP_DIRS, Files.createDirectories(dir.resolve("tmp")).toString());
        conf.set(WebOptions.UPLOAD_DIR, Files.createDirectories(dir.resolve("uploads")).toString());
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(15));
        // A TaskManager killed with -9 never says goodbye: missed heartbeats tell the JobManager within 5 s.
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        conf.set(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT, Duration.ofSeconds(5));
        // Each subtask on another TaskManager while there is room, so a killed TaskManager always takes running tasks.
        conf.set(TaskManagerOptions.TASK_MANAGER_LOAD_BALANCE_MODE, TaskManagerOptions.TaskManagerLoadBalanceMode.SLOTS);
        // A TaskManager small enough for a 2-core test machine: ~580 MB process, no managed memory (heap state).
        conf.set(TaskManagerOptions.FRAMEWORK_HEAP_MEMORY, MemorySize.parse("64m"));
        conf.set(TaskManagerOptions.TASK_HEAP_MEMORY, MemorySize.parse("192m"));
        conf.set(TaskManagerOptions.FRAMEWORK_OFF_HEAP_MEMORY, MemorySize.parse("64m"));
        conf.set(TaskManagerOptions.TASK_OFF_HEAP_MEMORY, MemorySize.parse("0m"));
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("0m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("32m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("32m"));
        conf.set(TaskManagerOptions.JVM_METASPACE, MemorySize.parse("192m"));
        conf.set(TaskManagerOptions.JVM_OVERHEAD_MIN, MemorySize.parse("64m"));
        conf.set(TaskManagerOptions.JVM_OVERHEAD_MAX, MemorySize.parse("64m"));
        conf.set(TaskManagerOptions.CPU_CORES, 1.0);
        writeConfig();
        log4j = ChildLogging.write(confDir.resolve("log4j2.properties"), "INFO", new LinkedHashMap<>(Map.of(
                "org.apache.flink.runtime.checkpoint", "INFO",
                "org.apache.kafka", "WARN",
                "org.apache.flink.runtime.metrics", "WARN",
                "org.apache.flink.runtime.blob", "WARN",
                "org.apache.flink.runtime.io.network", "WARN",
                "org.apache.pekko", "WARN",
                "org.apache.flink.runtime.webmonitor", "WARN")));
    }

    private void writeConfig() throws IOException {
        StringBuilder yaml = new StringBuilder("# generated by the cluster test\n");
        for (Map.Entry<String, String> e : new TreeMap<>(conf.toMap()).entrySet()) {
            yaml.append(e.getKey()).append(": '").append(e.getValue().replace("'", "''")).append("'\n");
        }
        Files.writeString(confDir.resolve("config.yaml"), yaml.toString(), StandardCharsets.UTF_8);
    }

    URI rest() {
        return URI.create("http://127.0.0.1:" + restPort + "/");
    }

    void startJobManager() throws IOException {
        Path log = dir.resolve("jobmanager.log");
        List<String> jvm = new ArrayList<>(List.of("-Xms128m", "-Xmx384m", "-XX:MaxMetaspaceSize=256m", "-XX:+UseSerialGC"));
        jvm.addAll(common(log));
        jobManager = ChildJvm.start("jobmanager", log, classpath, jvm,
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                List.of("--configDir", confDir.toString()));
    }

    /** Starts a TaskManager with a fixed resource id, so the REST API names it as the test does. */
    void startTaskManager(String id) throws IOException {
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(conf);
        List<String> jvm = new ArrayList<>(Arrays.asList(ProcessMemoryUtils.generateJvmParametersStr(spec).trim().split("\\s+")));
        jvm.add("-XX:+UseSerialGC");
        Path log = dir.resolve(id + "-" + System.nanoTime() + ".log");
        jvm.addAll(common(log));
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        // what taskmanager.sh passes: the computed memory sizes as dynamic properties
        args.addAll(Arrays.asList(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec).trim().split("\\s+")));
        args.addAll(List.of("-D", TaskManagerOptions.TASK_MANAGER_RESOURCE_ID.key() + "=" + id));
        taskManagers.put(id, ChildJvm.start(id, log, classpath, jvm,
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", args));
    }

    /** Java 17 options, the logging, and the log file's name for the web UI. */
    private List<String> common(Path log) {
        List<String> jvm = new ArrayList<>(JAVA_17_OPTIONS);
        jvm.add("-XX:TieredStopAtLevel=1");
        jvm.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        jvm.add("-Dlog.file=" + log);
        return jvm;
    }

    /** kill -9 of the TaskManager's JVM. */
    void killTaskManager(String id) throws InterruptedException {
        taskManagers.remove(id).kill();
    }

    /** The last lines of every process's log. */
    String logs(int lines) {
        StringBuilder s = new StringBuilder();
        if (jobManager != null) s.append(jobManager.tail(lines)).append('\n');
        taskManagers.values().forEach(t -> s.append(t.tail(lines)).append('\n'));
        return s.toString();
    }

    @Override
    public void close() throws Exception {
        for (ChildJvm t : taskManagers.values()) t.close();
        taskManagers.clear();
        if (jobManager != null) jobManager.close();
        jobManager = null;
    }
}
