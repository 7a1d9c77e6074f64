package vn.matthan.node;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * How the node runs. Every external part is optional: without {@code IOC_KAFKA_BOOTSTRAP} an embedded
 * broker starts, without {@code IOC_DB_URL} an embedded PostgreSQL. Secrets only from the environment.
 * {@code modelFile}, when set ({@code IOC_MODEL}), overrides the model file named by the detection config.
 * {@code homeUnit} ({@code IOC_HOME_UNIT}, default 51 Quảng Ngãi) is the unit the leaders' map opens on.
 * {@code roles} ({@code IOC_ROLES} or {@code --role}, default all) say what this process does; a node running only some
 * roles joins the others through {@code IOC_KAFKA_BOOTSTRAP} and {@code IOC_DB_URL}, which it then requires.
 * {@code nodeId} ({@code IOC_NODE_ID}) picks a camera node's share of the registry; {@code flinkRest}
 * ({@code IOC_FLINK_REST}) sends the stream role's job to a Flink cluster: the jar {@code flinkJobJar}
 * ({@code IOC_FLINK_JOB_JAR}, default the build's {@code stream-jobs/target/stream-jobs-*-job.jar}) at
 * {@code flinkParallelism} ({@code IOC_FLINK_PARALLELISM}, default 2: one task may fail over to the other).
 */
public record NodeSettings(Path cameraRegistry, Path detectionConfig, Path assets, Path modelFile, Path dataDir, int httpPort,
                           String kafkaBootstrap, String dbUrl, String dbUser, String dbPassword, String homeUnit,
                           Set<NodeRole> roles, String nodeId, String flinkRest, Path flinkJobJar, int flinkParallelism) {

    public NodeSettings {
        roles = Set.copyOf(roles);
        if (!roles.equals(NodeRole.ALL)) {
            // Embedded parts are for one process holding every role: split roles must meet on shared ones.
            if (kafkaBootstrap == null) {
                throw new IllegalArgumentException("IOC_KAFKA_BOOTSTRAP is required for a node running only " + NodeRole.names(roles)
                        + ": the roles meet on a shared Kafka cluster");
            }
            if (dbUrl == null && (roles.contains(NodeRole.STREAM) || roles.contains(NodeRole.API))) {
                throw new IllegalArgumentException("IOC_DB_URL is required for a node running " + NodeRole.names(roles)
                        + ": every stream and API node shares one PostgreSQL/TimescaleDB");
            }
        }
    }

    public static NodeSettings fromEnvironment(Map<String, String> env, Path projectRoot) {
        Path assets = Path.of(env.getOrDefault("IOC_ASSETS", projectRoot.resolve("../shared/assets").toString()));
        String port = env.getOrDefault("IOC_HTTP_PORT", "8080");
        int httpPort;
        try {
            httpPort = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("IOC_HTTP_PORT must be a port number, got '" + port + "'");
        }
        return new NodeSettings(
                Path.of(env.getOrDefault("IOC_CAMERAS", projectRoot.resolve("config/cameras.yaml").toString())),
                Path.of(env.getOrDefault("IOC_DETECTION", projectRoot.resolve("config/detection.yaml").toString())),
                assets,
                env.containsKey("IOC_MODEL") ? Path.of(env.get("IOC_MODEL")) : null,
                Path.of(env.getOrDefault("IOC_DATA_DIR", projectRoot.resolve("run").toString())),
                httpPort, blankToNull(env.get("IOC_KAFKA_BOOTSTRAP")), blankToNull(env.get("IOC_DB_URL")),
                env.getOrDefault("IOC_DB_USER", "postgres"), env.getOrDefault("IOC_DB_PASSWORD", ""),
                env.getOrDefault("IOC_HOME_UNIT", "51"),
                blankToNull(env.get("IOC_ROLES")) == null ? NodeRole.ALL : NodeRole.parse(env.get("IOC_ROLES")),
                blankToNull(env.get("IOC_NODE_ID")), blankToNull(env.get("IOC_FLINK_REST")),
                env.containsKey("IOC_FLINK_JOB_JAR") ? Path.of(env.get("IOC_FLINK_JOB_JAR")) : builtJobJar(projectRoot),
                positive("IOC_FLINK_PARALLELISM", env.getOrDefault("IOC_FLINK_PARALLELISM", "2")));
    }

    public boolean runs(NodeRole role) {
        return roles.contains(role);
    }

    public NodeSettings withRoles(Set<NodeRole> r) {
        return new NodeSettings(cameraRegistry, detectionConfig, assets, modelFile, dataDir, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit, r, nodeId, flinkRest, flinkJobJar, flinkParallelism);
    }

    public NodeSettings withNodeId(String id) {
        return new NodeSettings(cameraRegistry, detectionConfig, assets, modelFile, dataDir, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit, roles, id, flinkRest, flinkJobJar, flinkParallelism);
    }

    /** The shared ONNX models. */
    public Path modelsDir() {
        return assets.resolve("models");
    }

    public NodeSettings withHttpPort(int p) {
        return new NodeSettings(cameraRegistry, detectionConfig, assets, modelFile, dataDir, p, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit, roles, nodeId, flinkRest, flinkJobJar, flinkParallelism);
    }

    public NodeSettings withCameraRegistry(Path p) {
        return new NodeSettings(p, detectionConfig, assets, modelFile, dataDir, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit, roles, nodeId, flinkRest, flinkJobJar, flinkParallelism);
    }

    public NodeSettings withModelFile(Path p) {
        return new NodeSettings(cameraRegistry, detectionConfig, assets, p, dataDir, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit, roles, nodeId, flinkRest, flinkJobJar, flinkParallelism);
    }

    public NodeSettings withFlinkRest(String rest) {
        return new NodeSettings(cameraRegistry, detectionConfig, assets, modelFile, dataDir, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit, roles, nodeId, rest, flinkJobJar, flinkParallelism);
    }

    public NodeSettings withFlinkJobJar(Path jar) {
        return new NodeSettings(cameraRegistry, detectionConfig, assets, modelFile, dataDir, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit, roles, nodeId, flinkRest, jar, flinkParallelism);
    }

    /** The job jar the build leaves in stream-jobs/target (null when not built: the stream role then says so). */
    private static Path builtJobJar(Path projectRoot) {
        try (var files = java.nio.file.Files.list(projectRoot.resolve("stream-jobs/target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-job.jar")).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " must be a whole number >= 1, got '" + value + "'");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
