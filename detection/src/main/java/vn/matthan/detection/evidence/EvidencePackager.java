package vn.matthan.detection.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import vn.matthan.detection.plate.PlateRecognizer;
import vn.matthan.detection.plate.PlateRectifier;
import vn.matthan.detection.plate.PlateSightings;
import vn.matthan.detection.plate.TrackPlate;
import vn.matthan.events.ViolationDetected;
import vn.matthan.events.ViolationLabels;
import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.PacketRing;
import vn.matthan.ingest.VideoFile;
import vn.matthan.ingest.VideoFrame;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Writes a violation's evidence package: a clip around the event cut from the camera's packet ring without
 * re-encoding, three stills decoded from that clip (before the stop line / at the violation / after) with the burned-in
 * data bar, a crop of the vehicle, and {@code manifest.json} (camera, calibration version, models and their SHA-256,
 * thresholds, software version, clock, the SHA-256 of every file) signed with the node's Ed25519 key in
 * {@code manifest.sig.json}. Packages are stored content-addressed in a {@link PackageStore}: {@code <sha[0..2]>/<sha>}
 * where sha is the SHA-256 of manifest.json, which pins every file through its hashes.
 */
public final class EvidencePackager {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter BAR_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss.SSS '(UTC+07:00)'");

    /**
     * What the package is about; the moments are wall-clock times of frames of the camera. {@code views} are the
     * vehicle's best views along its track, for the plate reader (empty: no plate reading).
     */
    public record Request(ViolationDetected event, CameraConfig camera, Instant before, Instant after,
                          List<PlateSightings.View> views) {
        public Request(ViolationDetected event, CameraConfig camera, Instant before, Instant after) {
            this(event, camera, before, after, List.of());
        }
    }

    /**
     * A written package: its folder when the store is a folder ({@code null} for an object store), and the SHA-256 of
     * its manifest (its address). The URI the violation event carries names the package by that address
     * alone, not by where a node keeps it: every node resolves it in its own configured store.
     */
    public record Written(Path dir, String sha256) {
        public String uri() {
            return URI_PREFIX + sha256;
        }
    }

    /** {@code evidence:sha256:<hex>}: a package's address, independent of the store it is kept in. */
    public static final String URI_PREFIX = "evidence:sha256:";

    /** A model the detection used, by file name and content hash. */
    public record ModelFile(String file, String sha256) {
        /** From a loaded model's id, {@code name@sha256:hex} (as {@code OnnxModelFile.id} writes it). */
        public static ModelFile of(String modelId) {
            String[] id = modelId.split("@sha256:");
            return new ModelFile(id[0], id.length > 1 ? id[1] : "");
        }
    }

    private final PackageStore store;
    private final Path work;
    private final NodeKeys keys;
    private final DataBar bar;
    private final List<ModelFile> models;
    private final Map<String, Object> thresholds;
    private final Duration clipBefore, clipAfter;

    /** Packages stored in the folder {@code root} ({@link FilePackageStore}), assembled in hidden folders under it. */
    public EvidencePackager(Path root, NodeKeys keys, DataBar bar, List<ModelFile> models, Map<String, Object> thresholds,
                            Duration clipBefore, Duration clipAfter) {
        this(new FilePackageStore(root), root, keys, bar, models, thresholds, clipBefore, clipAfter);
    }

    /**
     * Packages stored in {@code store}, each assembled in a fresh hidden folder under {@code work} (on the store's file
     * system for a folder store, so that storing is one rename) and handed to the store once finished.
     */
    public EvidencePackager(PackageStore store, Path work, NodeKeys keys, DataBar bar, List<ModelFile> models,
                            Map<String, Object> thresholds, Duration clipBefore, Duration clipAfter) {
        this.store = store;
        this.work = work;
        this.keys = keys;
        this.bar = bar;
        this.models = List.copyOf(models);
        this.thresholds = Map.copyOf(thresholds);
        this.clipBefore = clipBefore;
        this.clipAfter = clipAfter;
    }

    /** The clip's end: the package can be written once the ring holds video up to here. */
    public Instant readyAt(Request r) {
        Instant t = r.event().time();
        Instant end = t.plus(clipAfter);
        return r.after().isAfter(end) ? r.after() : end;
    }

    public Written write(Request r, PacketRing ring) throws IOException {
        return write(r, ring, null);
    }

    /**
     * Writes the package; {@code plate} is the vehicle's plate as read along its track (null: not read on this node).
     * The event's plate fields must already carry its text and confidence.
     */
    public Written write(Request r, PacketRing ring, TrackPlate plate) throws IOException {
        Files.createDirectories(this.work);
        Path work = Files.createTempDirectory(this.work, ".incoming-");
        try {
            ViolationDetected e = r.event();
            boolean stay = isStay(e.violationType());
            Instant before = r.before(), to = readyAt(r);
            Instant buffered = ring.oldest();
            if (stay && buffered != null && before.isBefore(buffered.plusMillis(300))) {
                // A stay longer than the camera keeps video: the first still is the oldest moment still buffered
                // (the vehicle already standing there); the manifest keeps the moment it stopped.
                before = buffered.plusMillis(300);
            }
            Instant from = e.time().minus(clipBefore);
            if (before.isBefore(from)) from = before.minusMillis(200);
            Path clip = work.resolve("clip.mp4");
            ring.cutClip(from, to, clip);

            // A stay: where it stood still, the limit, and the last frame of the package (still there or gone).
            Instant[] moments = {before, e.time(), stay ? to.minusMillis(100) : r.after()};
            VideoFrame[] stills = nearestFrames(clip, from, moments);
            String[] names = {"still-1-before.jpg", "still-2-violation.jpg", "still-3-after.jpg"};
            String[] captions = stay
                    ? new String[]{before.equals(r.before()) ? "Ảnh 1/3: xe dừng trong vùng cấm" : "Ảnh 1/3: xe đang dừng trong vùng cấm (ảnh sớm nhất còn lưu)",
                    "Ảnh 2/3: hết thời gian cho phép", "Ảnh 3/3: ảnh cuối của gói chứng cứ"}
                    : new String[]{"Ảnh 1/3: trước vi phạm", "Ảnh 2/3: thời điểm vi phạm", "Ảnh 3/3: sau vi phạm"};
            int[] box = e.box() == null ? null : e.box().stream().mapToInt(d -> (int) Math.round(d)).toArray();
            for (int i = 0; i < 3; i++) {
                VideoFrame f = stills[i];
                String line1 = BAR_TIME.format(moments[i].atZone(VIETNAM)) + "  ·  " + r.camera().name() + "  ·  "
                        + String.format(Locale.ROOT, "%.5f, %.5f", r.camera().latitude(), r.camera().longitude());
                String context = stay
                        ? String.format(Locale.ROOT, "  ·  Vùng: %s  ·  Đã dừng: %d s", e.place(),
                        Math.max(0, Duration.between(r.before(), moments[i]).toSeconds()))
                        : signalText(e);
                String line2 = ViolationLabels.shortVi(e.violationType()) + context + "  ·  Biển số: "
                        + (e.plateText() == null ? "chưa đọc" : e.plateText()) + "  ·  " + captions[i];
                writeJpeg(bar.render(f.bgr(), f.width(), f.height(), line1, line2, i == 1 ? box : null), work.resolve(names[i]));
            }
            if (box != null) writeJpeg(crop(stills[1], box), work.resolve("vehicle.jpg"));
            if (plate != null && plate.result().crop() != null) writeJpeg(image(plate.result().crop()), work.resolve("plate.jpg"));

            byte[] manifest = manifest(r, work, from, to, plate, names, moments, captions);
            Files.write(work.resolve("manifest.json"), manifest);
            String sha = sha256(manifest);
            ObjectNode sig = JSON.createObjectNode();
            sig.put("algorithm", "Ed25519").put("key_id", keys.keyId()).put("public_key", keys.publicKeyBase64())
                    .put("signed_file", "manifest.json").put("signature", Base64.getEncoder().encodeToString(keys.sign(manifest)));
            Files.write(work.resolve("manifest.sig.json"), JSON.writeValueAsBytes(sig));
            store.put(sha, work);
            deleteTree(work); // a remote store copies the folder; a folder store has moved it
            return new Written(store instanceof FilePackageStore f ? f.folder(sha) : null, sha);
        } catch (IOException | RuntimeException ex) {
            deleteTree(work);
            throw ex;
        }
    }

    private static String signalText(ViolationDetected e) {
        if (e.signalPhase() == null) return e.speedKmh() == null ? "" : String.format(Locale.ROOT, "  ·  Tốc độ đo: %.0f km/h (tham khảo)", e.speedKmh());
        String into = e.timeIntoRedS() == null ? "" : String.format(Locale.forLanguageTag("vi"), ", đã đỏ %.1f s", e.timeIntoRedS());
        return "  ·  Đèn: " + ViolationLabels.phaseVi(e.signalPhase()) + into;
    }

    /** For each moment, the decoded clip frame nearest to it (clip time 0 = {@code from}). */
    private static VideoFrame[] nearestFrames(Path clip, Instant from, Instant[] moments) throws IOException {
        VideoFrame[] best = new VideoFrame[moments.length];
        long[] bestDist = new long[moments.length];
        java.util.Arrays.fill(bestDist, Long.MAX_VALUE);
        long[] target = new long[moments.length];
        for (int i = 0; i < moments.length; i++) target[i] = Duration.between(from, moments[i]).toNanos() / 1000;
        VideoFile.forEachFrame("evidence", clip, f -> {
            if (f.ptsMicros() < 0) return; // pre-roll before the clip's first shown frame
            for (int i = 0; i < moments.length; i++) {
                long d = Math.abs(f.ptsMicros() - target[i]);
                if (d < bestDist[i]) {
                    bestDist[i] = d;
                    best[i] = f;
                }
            }
        });
        for (VideoFrame f : best) if (f == null) throw new IOException("the clip " + clip + " has no decodable frame");
        return best;
    }

    private static BufferedImage crop(VideoFrame f, int[] box) {
        int x1 = Math.max(0, box[0]), y1 = Math.max(0, box[1]), x2 = Math.min(f.width(), box[2]), y2 = Math.min(f.height(), box[3]);
        BufferedImage img = new BufferedImage(Math.max(1, x2 - x1), Math.max(1, y2 - y1), BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = y1; y < y2; y++) System.arraycopy(f.bgr(), (y * f.width() + x1) * 3, px, (y - y1) * img.getWidth() * 3, (x2 - x1) * 3);
        return img;
    }

    private static BufferedImage image(PlateRectifier.Plate p) {
        BufferedImage img = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_3BYTE_BGR);
        System.arraycopy(p.bgr(), 0, ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData(), 0, p.bgr().length);
        return img;
    }

    private static void writeJpeg(BufferedImage img, Path file) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(0.92f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
    }

    /** Parking and stopping: a stay whose evidence spans from the stop to the limit and beyond. */
    static boolean isStay(String violationType) {
        return "parking".equals(violationType) || "stopping".equals(violationType);
    }

    private byte[] manifest(Request r, Path work, Instant from, Instant to, TrackPlate read, String[] names,
                            Instant[] moments, String[] captions) throws IOException {
        ViolationDetected e = r.event();
        ObjectNode m = JSON.createObjectNode();
        m.put("schema_version", 1);
        m.put("violation_id", e.violationId());
        m.put("violation_type", e.violationType());
        m.put("violation_label_vi", ViolationLabels.typeVi(e.violationType()));
        m.put("rule", e.rule()).put("detail", e.detail()).put("place", e.place());
        m.put("time", e.time().toString());
        m.put("time_local", e.time().atZone(VIETNAM).toOffsetDateTime().toString());
        ObjectNode cam = m.putObject("camera");
        cam.put("id", r.camera().id()).put("name", r.camera().name()).put("unit_code", r.camera().unitCode())
                .put("latitude", r.camera().latitude()).put("longitude", r.camera().longitude());
        m.put("vehicle_class", e.vehicleClass()).put("track_id", e.trackId());
        ArrayNode box = m.putArray("box");
        if (e.box() != null) e.box().forEach(box::add);
        ObjectNode signal = m.putObject("signal");
        signal.put("phase", e.signalPhase());
        if (e.timeIntoRedS() != null) signal.put("time_into_red_s", e.timeIntoRedS());
        if (e.speedKmh() != null) m.put("speed_kmh", e.speedKmh());
        m.put("indicative", e.indicative());
        ObjectNode plate = m.putObject("plate");
        plate.put("text", e.plateText());
        if (e.plateConfidence() != null) plate.put("confidence", e.plateConfidence());
        if (read == null) {
            plate.put("status", "not read: no plate reader configured on this node");
        } else {
            PlateRecognizer.Result pr = read.result();
            plate.put("status", pr.status().name().toLowerCase(Locale.ROOT));
            if (pr.note() != null) plate.put("note", pr.note());
            if (pr.normalised() != null) {
                plate.put("normalised", pr.normalised()).put("format", pr.format().name().toLowerCase(Locale.ROOT))
                        .put("colour", pr.colour()).put("repaired_look_alike", pr.repaired());
                ArrayNode cc = plate.putArray("character_confidence");
                for (double c : pr.charConfidence()) cc.add(Math.round(c * 1e4) / 1e4);
            }
            plate.put("needs_human_check", pr.needsHumanCheck()).put("views_read", read.viewsRead()).put("views_agreeing", read.agreeing());
        }
        m.putObject("calibration").put("scene_version", e.sceneVersion());
        ArrayNode ms = m.putArray("models");
        for (ModelFile f : models) ms.addObject().put("file", f.file()).put("sha256", f.sha256());
        m.set("thresholds", JSON.valueToTree(thresholds));
        m.putObject("software").put("name", "Mắt Thần IOC").put("version", softwareVersion());
        m.putObject("clock").put("source", "node system clock (UTC); frame times taken on arrival of each packet")
                .putNull("offset_ms");
        m.putObject("clip").put("from", from.toString()).put("to", to.toString()).put("re_encoded", false);
        ArrayNode stills = m.putArray("stills");
        for (int i = 0; i < names.length; i++) {
            stills.addObject().put("file", names[i]).put("moment", moments[i].toString()).put("caption", captions[i]);
        }
        if (isStay(e.violationType())) {
            m.putObject("stay").put("standing_since", r.before().toString())
                    .put("standing_seconds_at_limit", Duration.between(r.before(), e.time()).toMillis() / 1000.0);
        }
        ArrayNode files = m.putArray("files");
        try (Stream<Path> list = Files.list(work)) {
            for (Path f : list.sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = f.getFileName().toString();
                byte[] b = Files.readAllBytes(f);
                files.addObject().put("name", name).put("sha256", sha256(b)).put("bytes", b.length)
                        .put("media_type", name.endsWith(".mp4") ? "video/mp4" : "image/jpeg");
            }
        }
        m.put("signing_key_id", keys.keyId());
        m.put("created_at", Instant.now().toString());
        return JSON.writeValueAsBytes(m);
    }

    static String softwareVersion() {
        try (InputStream in = EvidencePackager.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover .incoming folder is harmless and never addressed
        }
    }
}
