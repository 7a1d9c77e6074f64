package vn.matthan.testscenes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.evidence.DataBar;
import vn.matthan.detection.evidence.EvidencePackager;
import vn.matthan.detection.evidence.EvidenceVerifier;
import vn.matthan.detection.evidence.NodeKeys;
import vn.matthan.detection.plate.PlateRecognizer;
import vn.matthan.detection.plate.PlateSightings;
import vn.matthan.detection.plate.PlateRectifier;
import vn.matthan.detection.plate.TrackPlate;
import vn.matthan.detection.plate.VietnamesePlate;
import vn.matthan.events.ViolationDetected;
import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.CameraStream;
import vn.matthan.ingest.FrameHandoff;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A violation's evidence package, cut from a live camera ring (the generated junction video replayed at camera
 * speed): stills with the data bar, the clip, the signed manifest, and a verifier that names any changed file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidencePackageTest {
    @TempDir
    static Path dir;
    NodeKeys keys;
    EvidencePackager.Written pkg;
    Instant from, to;

    @BeforeAll
    void writeOnePackage() throws Exception {
        GeneratedScene scene = GeneratedScene.write(dir.resolve("scene"), 31, 25, "vision");
        CameraConfig cam = new CameraConfig("qng-test-01", "Ngã tư Hùng Vương – Quang Trung", "522", 15.1214, 108.8044,
                scene.video().toString(), 10, false, dir);
        CameraStream stream = new CameraStream(cam, new FrameHandoff(4));
        Thread t = new Thread(stream);
        t.start();
        try {
            Thread.sleep(9000);
            Instant at = Instant.now().minusMillis(3500);
            keys = NodeKeys.loadOrCreate(dir.resolve("keys"));
            EvidencePackager packager = new EvidencePackager(dir.resolve("evidence"), keys, new DataBar(DataBar.DEFAULT_FONT),
                    List.of(new EvidencePackager.ModelFile("yolox_nano.onnx", "ab".repeat(32))), Map.of("score_threshold", 0.3),
                    Duration.ofSeconds(2), Duration.ofSeconds(2));
            ViolationDetected v = new ViolationDetected(1, "8d1c6c4e-0000-4000-8000-000000000001", "red_light", "red_light:stop-north",
                    "crossed_on_red", cam.id(), cam.unitCode(), at, "stop-north", "car", 7, "red", 1.4, null, false,
                    List.of(600.0, 250.0, 680.0, 330.0), "51F-123.45", 0.97, false, null, null, "synthetic-junction-1#abc");
            EvidencePackager.Request req = new EvidencePackager.Request(v, cam, at.minusSeconds(1), at.plusSeconds(1));
            from = at.minusSeconds(2);
            to = packager.readyAt(req);
            pkg = packager.write(req, stream.ring(), readPlate());
        } finally {
            stream.stop();
            t.join(5000);
            stream.ring().close();
        }
    }

    /** The plate as the evidence service hands it over: read on two of three views, with its rectified crop. */
    static TrackPlate readPlate() {
        int w = 192, h = 41;
        byte[] crop = new byte[w * h * 3];
        java.util.Arrays.fill(crop, (byte) 230);
        PlateRecognizer.Result r = new PlateRecognizer.Result(PlateRecognizer.Status.READ, "51F12345", "51F-123.45",
                VietnamesePlate.Format.CAR_ONE_LINE, "white", 0.91, new double[]{0.99, 0.98, 0.97, 0.99, 0.95, 0.93, 0.96, 0.91}, false,
                false, new PlateRectifier.Plate(crop, w, h), null, "51F12345");
        return new TrackPlate(r, 3, 2);
    }

    @Test
    void thePackageHoldsStillsClipCropAndASignedManifestUnderItsContentAddress() throws Exception {
        assertThat(pkg.dir().getFileName().toString()).isEqualTo(pkg.sha256()).hasSize(64);
        assertThat(pkg.dir().getParent().getFileName().toString()).isEqualTo(pkg.sha256().substring(0, 2));
        try (var files = Files.list(pkg.dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("clip.mp4", "still-1-before.jpg",
                    "still-2-violation.jpg", "still-3-after.jpg", "vehicle.jpg", "plate.jpg", "manifest.json", "manifest.sig.json");
        }
        JsonNode m = new ObjectMapper().readTree(pkg.dir().resolve("manifest.json").toFile());
        assertThat(m.path("camera").path("id").asText()).isEqualTo("qng-test-01");
        assertThat(m.path("calibration").path("scene_version").asText()).isEqualTo("synthetic-junction-1#abc");
        assertThat(m.path("models").get(0).path("sha256").asText()).hasSize(64);
        assertThat(m.path("software").path("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
        JsonNode plate = m.path("plate");
        assertThat(plate.path("text").asText()).isEqualTo("51F-123.45");
        assertThat(plate.path("normalised").asText()).isEqualTo("51F12345");
        assertThat(plate.path("status").asText()).isEqualTo("read");
        assertThat(plate.path("format").asText()).isEqualTo("car_one_line");
        assertThat(plate.path("character_confidence")).hasSize(8);
        assertThat(plate.path("needs_human_check").asBoolean()).isFalse();
        assertThat(plate.path("views_read").asInt()).isEqualTo(3);
        assertThat(plate.path("views_agreeing").asInt()).isEqualTo(2);
        assertThat(ImageIO.read(pkg.dir().resolve("plate.jpg").toFile()).getWidth()).isEqualTo(192);
        assertThat(m.path("files")).hasSize(6).allSatisfy(f -> assertThat(f.path("sha256").asText()).hasSize(64));
        assertThat(m.path("signing_key_id").asText()).isEqualTo(keys.keyId());
        assertThat(EvidenceVerifier.trusting(keys).verify(pkg.dir()).problems()).isEmpty();
    }

    @Test
    void theClipLastsTheRequestedWindowAndWasNotReencoded() throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                pkg.dir().resolve("clip.mp4").toString()).redirectErrorStream(true).start();
        double seconds = Double.parseDouble(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        double requested = Duration.between(from, to).toMillis() / 1000.0;
        assertThat(seconds).as("clip duration vs requested %.2f s", requested).isBetween(requested - 0.5, requested + 0.5);
    }

    @Test
    void everyStillCarriesTheDataBarBelowThePicture() throws Exception {
        for (String name : List.of("still-1-before.jpg", "still-2-violation.jpg", "still-3-after.jpg")) {
            BufferedImage img = ImageIO.read(pkg.dir().resolve(name).toFile());
            int bar = DataBar.height(1280);
            assertThat(img.getHeight()).isEqualTo(720 + bar);
            int dark = 0, bright = 0, total = 0;
            for (int y = 720 + 2; y < img.getHeight() - 2; y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int rgb = img.getRGB(x, y), lum = ((rgb >> 16 & 255) + (rgb >> 8 & 255) + (rgb & 255)) / 3;
                    total++;
                    if (lum < 40) dark++;
                    if (lum > 200) bright++;
                }
            }
            assertThat(dark / (double) total).as(name + ": bar background").isGreaterThan(0.7);
            assertThat(bright / (double) total).as(name + ": text in the bar").isBetween(0.01, 0.25);
            // Text on the left (time, camera) and further right (violation, plate): both lines are written.
            assertThat(brightIn(img, 720, 720 + bar / 2, 0, 300)).isPositive();
            assertThat(brightIn(img, 720 + bar / 2, 720 + bar, 0, 300)).isPositive();
        }
    }

    private static int brightIn(BufferedImage img, int y1, int y2, int x1, int x2) {
        int n = 0;
        for (int y = y1; y < y2; y++) for (int x = x1; x < x2; x++) if ((img.getRGB(x, y) & 255) > 200) n++;
        return n;
    }

    @Test
    void flippingOneByteOfAnyFileOrEditingTheManifestIsNamedByTheVerifier() throws Exception {
        EvidenceVerifier verifier = EvidenceVerifier.trusting(keys);
        for (String name : List.of("clip.mp4", "still-2-violation.jpg", "vehicle.jpg", "plate.jpg", "manifest.json")) {
            Path copy = copyOf(pkg.dir(), name);
            Path f = copy.resolve(name);
            byte[] b = Files.readAllBytes(f);
            b[b.length / 2] ^= 0x01;
            Files.write(f, b);
            assertThat(verifier.verify(copy).problems()).as(name).anySatisfy(p -> assertThat(p).startsWith(name + ":"));
        }
        Path added = copyOf(pkg.dir(), "extra");
        Files.writeString(added.resolve("note.txt"), "x");
        assertThat(verifier.verify(added).problems()).containsExactly("note.txt: not listed in the manifest (file added)");
        Path edited = copyOf(pkg.dir(), "edited");
        String json = Files.readString(edited.resolve("manifest.json")).replace("51F-123.45", "51F-123.46");
        Files.writeString(edited.resolve("manifest.json"), json, StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(verifier.verify(edited).problems()).anySatisfy(p -> assertThat(p).startsWith("manifest.json: signature does not match"));
    }

    @Test
    void aPackageSignedByAnotherKeyIsRejected() throws Exception {
        NodeKeys other = NodeKeys.loadOrCreate(dir.resolve("other-keys"));
        assertThat(EvidenceVerifier.trusting(other).verify(pkg.dir()).problems())
                .containsExactly("manifest.sig.json: signed by key " + keys.keyId() + ", which is not a trusted key");
    }

    private Path copyOf(Path pkgDir, String tag) throws Exception {
        Path copy = dir.resolve("copies").resolve(tag).resolve(pkgDir.getFileName());
        Files.createDirectories(copy);
        try (var files = Files.list(pkgDir)) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        return copy;
    }
}
