package vn.matthan.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import vn.matthan.config.ConfigException;
import vn.matthan.config.ConfigFile;
import vn.matthan.config.Range;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cameras read from a YAML file ({@code config/cameras.yaml}) by the shared strict loader. A bad entry (a wrong value,
 * an unknown key, a missing file) is reported as {@code file:line: cameras[i].field: reason} and skipped; the valid
 * cameras still start, so one typo never takes the whole centre down.
 */
public final class CameraRegistry {
    /** The file as written: a list of entries, each bound on its own so that one bad entry spares the others. */
    public static final class File {
        @NotNull(message = "required: the top-level list of cameras")
        public List<JsonNode> cameras;
    }

    /** One entry of the file: each key with its default and its constraints. */
    public static final class Entry {
        @NotNull(message = "required")
        @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}", message = "'${validatedValue}' must be lower-case letters, digits, '-' or '_'")
        public String id;
        @NotBlank(message = "required")
        public String name;
        /** Official administrative unit code (mã đơn vị hành chính); quoted, so that YAML keeps leading zeros. */
        @NotNull(message = "required")
        @Pattern(regexp = "\\d{2}|\\d{3}|\\d{5}", message = "'${validatedValue}' is not a 2/3/5-digit official unit code")
        public String unitCode;
        @NotNull(message = "required")
        @Range(min = -90, max = 90)
        public Double lat;
        @NotNull(message = "required")
        @Range(min = -180, max = 180)
        public Double lon;
        /** rtsp:// or rtsps:// stream, or a video file (relative to the registry) replayed. */
        @NotBlank(message = "required")
        public String url;
        /** Replay a file endlessly (demo / replay only). */
        public boolean loop = false;
        @Range(min = 0.1, max = 60)
        public double analysisFps = 10;
        /** Scene calibration file, relative to the registry. */
        @NotBlank(message = "required")
        public String scene;
        /** Compressed video kept for evidence clips. */
        @Range(min = 2, max = 300)
        public int clipBufferSeconds = CameraConfig.DEFAULT_CLIP_BUFFER_SECONDS;
    }

    private final List<CameraConfig> cameras;
    private final List<String> problems;

    private CameraRegistry(List<CameraConfig> cameras, List<String> problems) {
        this.cameras = List.copyOf(cameras);
        this.problems = List.copyOf(problems);
    }

    public List<CameraConfig> cameras() {
        return cameras;
    }

    /** One line per problem of a rejected entry: {@code file:line: cameras[i].field: reason}. */
    public List<String> problems() {
        return problems;
    }

    /** Reads the file; a file that is missing, not YAML or without a list of cameras is an error of its own. */
    public static CameraRegistry load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("camera registry not found: " + file.toAbsolutePath());
        }
        ConfigFile yaml = ConfigFile.read(file);
        List<JsonNode> entries = yaml.bind("", File.class).cameras;
        Path base = file.toAbsolutePath().getParent();
        List<CameraConfig> ok = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = "cameras[" + i + "]";
            try {
                CameraConfig c = camera(yaml, at, yaml.bind(at, Entry.class), base);
                if (!ids.add(c.id())) throw yaml.error(at + ".id", "duplicate camera id '" + c.id() + "'");
                ok.add(c);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        return new CameraRegistry(ok, problems);
    }

    private static CameraConfig camera(ConfigFile yaml, String at, Entry e, Path base) throws ConfigException {
        String url = e.url.trim();
        if (!url.startsWith("rtsp://") && !url.startsWith("rtsps://")) {
            Path video = base.resolve(url).normalize();
            if (!Files.isRegularFile(video)) throw yaml.error(at + ".url", "video file not found: " + video);
            url = video.toString();
        }
        Path scene = base.resolve(e.scene.trim()).normalize();
        if (!Files.isRegularFile(scene)) throw yaml.error(at + ".scene", "scene calibration file not found: " + scene);
        return new CameraConfig(e.id, e.name.trim(), e.unitCode, e.lat, e.lon, url, e.analysisFps, e.loop, scene,
                e.clipBufferSeconds);
    }
}
