package vn.matthan.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cameras read from a YAML file. A bad entry is reported (file, field, reason) and skipped; the valid
 * cameras still start, so one typo never takes the whole centre down.
 */
public final class CameraRegistry {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern UNIT_CODE = Pattern.compile("\\d{2}|\\d{3}|\\d{5}");

    private final List<CameraConfig> cameras;
    private final List<String> problems;

    private CameraRegistry(List<CameraConfig> cameras, List<String> problems) {
        this.cameras = List.copyOf(cameras);
        this.problems = List.copyOf(problems);
    }

    public List<CameraConfig> cameras() {
        return cameras;
    }

    /** One line per rejected entry: {@code file:line: cameras[i].field: reason}. */
    public List<String> problems() {
        return problems;
    }

    /** Reads the file; a file that is missing or not YAML at all is an error of its own. */
    public static CameraRegistry load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("camera registry not found: " + file.toAbsolutePath());
        }
        List<JsonNode> items = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        readEntries(file, items, lines);
        Path base = file.toAbsolutePath().getParent();
        List<CameraConfig> ok = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String where = file + ":" + lines.get(i) + ": cameras[" + i + "]";
            try {
                CameraConfig c = parse(items.get(i), base);
                if (!ids.add(c.id())) throw new InvalidField("id", "duplicate camera id '" + c.id() + "'");
                ok.add(c);
            } catch (InvalidField e) {
                problems.add(where + "." + e.field + ": " + e.getMessage());
            }
        }
        return new CameraRegistry(ok, problems);
    }

    /** Reads the entries of the top-level 'cameras' list with the line each starts on. */
    private static void readEntries(Path file, List<JsonNode> items, List<Integer> lines) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (JsonParser p = yaml.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException(file + ": expected a top-level list 'cameras'");
            boolean found = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals("cameras")) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) throw new IOException(file + ": 'cameras' must be a list");
                found = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    lines.add(p.currentTokenLocation().getLineNr());
                    items.add(yaml.readTree(p));
                }
            }
            if (!found) throw new IOException(file + ": expected a top-level list 'cameras'");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static CameraConfig parse(JsonNode n, Path base) throws InvalidField {
        String id = text(n, "id", true);
        if (!ID.matcher(id).matches()) throw new InvalidField("id", "'" + id + "' must be lower-case letters, digits, '-' or '_'");
        String name = text(n, "name", true);
        String unit = text(n, "unit_code", true);
        if (!UNIT_CODE.matcher(unit).matches()) throw new InvalidField("unit_code", "'" + unit + "' is not a 2/3/5-digit official unit code");
        double lat = number(n, "lat", -90, 90, null);
        double lon = number(n, "lon", -180, 180, null);
        String url = text(n, "url", true);
        if (!url.startsWith("rtsp://") && !url.startsWith("rtsps://")) {
            Path video = base.resolve(url).normalize();
            if (!Files.isRegularFile(video)) throw new InvalidField("url", "video file not found: " + video);
            url = video.toString();
        }
        double fps = number(n, "analysis_fps", 0.1, 60, 10.0);
        boolean loop = n.path("loop").asBoolean(false);
        String sceneText = text(n, "scene", true);
        Path scene = base.resolve(sceneText).normalize();
        if (!Files.isRegularFile(scene)) throw new InvalidField("scene", "scene calibration file not found: " + scene);
        int buffer = (int) number(n, "clip_buffer_seconds", 2, 300, (double) CameraConfig.DEFAULT_CLIP_BUFFER_SECONDS);
        return new CameraConfig(id, name, unit, lat, lon, url, fps, loop, scene, buffer);
    }

    private static String text(JsonNode n, String field, boolean required) throws InvalidField {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            if (required) throw new InvalidField(field, "required");
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) throw new InvalidField(field, "must be text");
        return v.asText().trim();
    }

    private static double number(JsonNode n, String field, double min, double max, Double dflt) throws InvalidField {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (dflt == null) throw new InvalidField(field, "required");
            return dflt;
        }
        if (!v.isNumber()) throw new InvalidField(field, "must be a number, got '" + v.asText() + "'");
        double d = v.asDouble();
        if (d < min || d > max) throw new InvalidField(field, d + " is outside [" + min + ", " + max + "]");
        return d;
    }

    private static final class InvalidField extends Exception {
        final String field;

        InvalidField(String field, String reason) {
            super(reason);
            this.field = field;
        }
    }
}
