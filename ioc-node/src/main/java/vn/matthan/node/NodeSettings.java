package vn.matthan.node;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the node runs. Every external part is optional: without {@code IOC_KAFKA_BOOTSTRAP} an embedded
 * broker starts, without {@code IOC_DB_URL} an embedded PostgreSQL. Secrets only from the environment.
 * {@code modelFile}, when set ({@code IOC_MODEL}), overrides the model file named by the detection config.
 * {@code homeUnit} ({@code IOC_HOME_UNIT}, default 51 Quảng Ngãi) is the unit the leaders' map opens on.
 */
public record NodeSettings(Path cameraRegistry, Path detectionConfig, Path assets, Path modelFile, Path dataDir, int httpPort,
                           String kafkaBootstrap, String dbUrl, String dbUser, String dbPassword, String homeUnit) {

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
                env.getOrDefault("IOC_HOME_UNIT", "51"));
    }

    /** The shared ONNX models. */
    public Path modelsDir() {
        return assets.resolve("models");
    }

    public NodeSettings withHttpPort(int p) {
        return new NodeSettings(cameraRegistry, detectionConfig, assets, modelFile, dataDir, p, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit);
    }

    public NodeSettings withCameraRegistry(Path p) {
        return new NodeSettings(p, detectionConfig, assets, modelFile, dataDir, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit);
    }

    public NodeSettings withModelFile(Path p) {
        return new NodeSettings(cameraRegistry, detectionConfig, assets, p, dataDir, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, homeUnit);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
