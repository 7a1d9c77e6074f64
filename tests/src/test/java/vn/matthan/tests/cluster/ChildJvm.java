package vn.matthan.tests.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One server of the cluster as a JVM process of its own, its output in a log file. {@link #kill()} is {@code kill -9}:
 * the process gets no chance to close anything. Every child still running when the test JVM ends is killed too.
 */
final class ChildJvm implements AutoCloseable {
    private static final List<ChildJvm> RUNNING = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (RUNNING) {
                RUNNING.forEach(c -> c.process.destroyForcibly());
            }
        }, "kill-cluster-processes"));
    }

    final String name;
    final Path log;
    private final Process process;

    private ChildJvm(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static ChildJvm start(String name, Path log, String classpath, List<String> jvmOptions, String mainClass,
                          List<String> args) throws IOException {
        return start(name, log, classpath, jvmOptions, mainClass, args, java.util.Map.of());
    }

    /** As above, with these variables added to the inherited environment (a node's IOC_* settings). */
    static ChildJvm start(String name, Path log, String classpath, List<String> jvmOptions, String mainClass,
                          List<String> args, java.util.Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        ChildJvm child = new ChildJvm(name, log, p);
        synchronized (RUNNING) {
            RUNNING.add(child);
        }
        return child;
    }

    /**
     * The test JVM's class path without the given entries (the project's own modules, say, which reach a Flink cluster
     * only inside the submitted job jar).
     */
    static String classpath(Predicate<String> leaveOut) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !leaveOut.test(e)).collect(Collectors.joining(File.pathSeparator));
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        synchronized (RUNNING) {
            RUNNING.remove(this);
        }
    }

    /** The last lines of its log, for a failure message. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return name + " (" + log + "):\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return name + ": no log (" + e.getMessage() + ")";
        }
    }

    /** A polite stop (SIGTERM), then kill -9 after the grace period. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        synchronized (RUNNING) {
            RUNNING.remove(this);
        }
    }
}
