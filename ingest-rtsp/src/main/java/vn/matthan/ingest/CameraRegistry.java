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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        /**
         * Which camera node analyses which cameras: node id → camera ids. Absent: one node runs every camera (the
         * all-in-one demo). One list per node rather than a field per camera, so that a camera listed under two
         * nodes — which would count its traffic twice — can be seen and refused, and each node's load read at a glance.
         */
        public Map<@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}", message = "node id must be lower-case letters, digits, '-' or '_'") String,
                @NotNull(message = "required: the list of camera ids this node analyses") List<String>> nodes;
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
        /**
         * Read the plate of every vehicle passing a count line (route tracing), not only of violators. Off for a camera
         * whose node has no reading capacity to spare, or whose view shows no plates (a wide overview).
         */
        public boolean passagePlates = true;
    }

    private final List<CameraConfig> cameras;
    private final List<String> problems;
    /** Node id → the cameras it analyses, in file order; null when the file assigns no nodes. */
    private final Map<String, List<CameraConfig>> nodes;

    private CameraRegistry(List<CameraConfig> cameras, List<String> problems, Map<String, List<CameraConfig>> nodes) {
        this.cameras = List.copyOf(cameras);
        this.problems = List.copyOf(problems);
        this.nodes = nodes;
    }

    /** Whether the file assigns cameras to camera nodes ({@code nodes:}). */
    public boolean assignsNodes() {
        return nodes != null;
    }

    /** The camera nodes the file names, in file order. */
    public Set<String> nodeIds() {
        return nodes == null ? Set.of() : nodes.keySet();
    }

    /**
     * The cameras a camera node analyses: every valid camera when the file assigns no nodes; otherwise the ones listed
     * under {@code nodeId} and under no other node.
     *
     * @throws IllegalArgumentException when the file assigns nodes and {@code nodeId} is missing or not one of them
     */
    public List<CameraConfig> camerasOf(String nodeId) {
        if (nodes == null) return cameras;
        if (nodeId == null || nodeId.isBlank()) {
            throw new IllegalArgumentException("IOC_NODE_ID is required: the camera registry assigns cameras to nodes " + nodes.keySet());
        }
        List<CameraConfig> mine = nodes.get(nodeId);
        if (mine == null) {
            throw new IllegalArgumentException("camera node '" + nodeId + "' is not one of the registry's nodes " + nodes.keySet());
        }
        return mine;
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
        File content = yaml.bind("", File.class);
        List<JsonNode> entries = content.cameras;
        Path base = file.toAbsolutePath().getParent();
        List<CameraConfig> ok = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> entryOf = new LinkedHashMap<>(); // valid camera id → its entry, for the line of a problem
        for (int i = 0; i < entries.size(); i++) {
            String at = "cameras[" + i + "]";
            try {
                CameraConfig c = camera(yaml, at, yaml.bind(at, Entry.class), base);
                if (entryOf.putIfAbsent(c.id(), at) != null) throw yaml.error(at + ".id", "duplicate camera id '" + c.id() + "'");
                ok.add(c);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        Map<String, List<CameraConfig>> nodes = content.nodes == null ? null : assign(yaml, content.nodes, ok, entryOf, problems);
        return new CameraRegistry(ok, problems, nodes);
    }

    /**
     * Each valid camera goes to the one node that lists it. A camera listed by no node or by two is reported with its id
     * and runs nowhere (two nodes would count its traffic twice); an id that names no camera is reported too.
     */
    private static Map<String, List<CameraConfig>> assign(ConfigFile yaml, Map<String, List<String>> listed,
                                                          List<CameraConfig> valid, Map<String, String> entryOf, List<String> problems) {
        Map<String, List<String>> nodesOf = new LinkedHashMap<>();
        Map<String, String> firstMention = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> node : listed.entrySet()) {
            List<String> ids = node.getValue();
            for (int i = 0; i < ids.size(); i++) {
                String at = "nodes." + node.getKey() + "[" + i + "]";
                String id = ids.get(i);
                if (!entryOf.containsKey(id)) {
                    problems.add(yaml.problem(at, "camera '" + id + "' is not a valid camera of this registry"));
                    continue;
                }
                List<String> of = nodesOf.computeIfAbsent(id, k -> new ArrayList<>());
                if (!of.contains(node.getKey())) of.add(node.getKey());
                firstMention.putIfAbsent(id, at);
            }
        }
        Map<String, List<CameraConfig>> byNode = new LinkedHashMap<>();
        listed.keySet().forEach(n -> byNode.put(n, new ArrayList<>()));
        for (CameraConfig c : valid) {
            List<String> of = nodesOf.getOrDefault(c.id(), List.of());
            if (of.isEmpty()) {
                problems.add(yaml.problem(entryOf.get(c.id()), "camera " + c.id() + " is assigned to no camera node under 'nodes': it is not analysed"));
            } else if (of.size() > 1) {
                problems.add(yaml.problem(firstMention.get(c.id()), "camera " + c.id() + " is assigned to " + of.size()
                        + " camera nodes " + of + ": it is not analysed until it is listed under one"));
            } else {
                byNode.get(of.get(0)).add(c);
            }
        }
        byNode.replaceAll((n, cams) -> List.copyOf(cams));
        return Collections.unmodifiableMap(byNode);
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
                e.clipBufferSeconds, e.passagePlates);
    }
}
