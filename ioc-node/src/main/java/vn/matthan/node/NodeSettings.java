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
 * ({@code IOC_FLINK_REST}) sends the stream role's job to a Flink cluster.
 */
public record NodeSettings(Path cameraRegistry, Path detectionConfig, Path assets, Path modelFile, Path dataDir, int httpPort,
                           String kafkaBootstrap, String dbUrl, String dbUser, String dbPassword, String homeUnit,
                           Set<NodeRole> roles, String nodeId, String flinkRest) {

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
                blankToNull(env.get("IOC_NODE_ID")), blankToNull(env.get("IOC_FLINK_REST")));
    }

    public boolean runs(NodeRole role) {
        return roles.contains(role);
    }

    public NodeSettings withRoles(Set<NodeRole> r) {
        return new NodeSettings(cameraRegistry, detectionConfig, assets, modelFile, dataDir, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit, r, nodeId, flinkRest);
    }

    public NodeSettings withNodeId(String id) {
        return new NodeSettings(cameraRegistry, detectionConfig, assets, modelFile, dataDir, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit, roles, id, flinkRest);
    }

    /** The shared ONNX models. */
    public Path modelsDir() {
        return assets.resolve("models");
    }

    public NodeSettings withHttpPort(int p) {
        return new NodeSettings(cameraRegistry, detectionConfig, assets, modelFile, dataDir, p, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit, roles, nodeId, flinkRest);
    }

    public NodeSettings withCameraRegistry(Path p) {
        return new NodeSettings(p, detectionConfig, assets, modelFile, dataDir, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit, roles, nodeId, flinkRest);
    }

    public NodeSettings withModelFile(Path p) {
        return new NodeSettings(cameraRegistry, detectionConfig, assets, p, dataDir, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit, roles, nodeId, flinkRest);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
