package vn.matthan.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A camera's scene calibration (versioned YAML). Its {@link #version()} (declared version + content hash)
 * travels with every event, so an officer can tell exactly which geometry produced a count or a violation.
 */
public record SceneCalibration(String version, List<CountLine> countLines) {

    public static SceneCalibration load(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("scene calibration not readable: " + file + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
        } catch (IOException e) {
            throw new IOException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IOException(file + ": expected a YAML mapping");
        String declared = root.path("version").asText("");
        if (declared.isBlank()) throw new IOException(file + ": version: required");
        JsonNode lines = root.path("count_lines");
        if (!lines.isArray() || lines.isEmpty()) throw new IOException(file + ": count_lines: at least one line is required");
        List<CountLine> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            String where = file + ": count_lines[" + i + "]";
            String name = l.path("name").asText("");
            if (name.isBlank()) throw new IOException(where + ".name: required");
            if (!names.add(name)) throw new IOException(where + ".name: duplicate line '" + name + "'");
            try {
                out.add(new CountLine(name, point(l, "from", where), point(l, "to", where),
                        l.path("hysteresis_px").asDouble(3)));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
        }
        return new SceneCalibration(declared + "#" + sha256(bytes).substring(0, 12), out);
    }

    private static Point point(JsonNode l, String field, String where) throws IOException {
        JsonNode p = l.get(field);
        if (p == null || !p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new IOException(where + "." + field + ": expected [x, y] in pixels");
        }
        return new Point(p.get(0).asDouble(), p.get(1).asDouble());
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
