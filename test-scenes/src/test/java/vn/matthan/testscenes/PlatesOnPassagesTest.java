package vn.matthan.testscenes;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.evidence.FilePackageStore;
import vn.matthan.detection.evidence.PhotoPackages;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.model.VehicleDetector;
import vn.matthan.detection.pipeline.CameraPipeline;
import vn.matthan.detection.pipeline.DetectionConfig;
import vn.matthan.detection.pipeline.DetectionEvents;
import vn.matthan.detection.plate.PassagePlateReader;
import vn.matthan.detection.plate.PlateRecognizer;
import vn.matthan.detection.scene.CountLine;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.events.VehiclePassage;
import vn.matthan.events.ViolationDetected;
import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.FrameHandoff;
import vn.matthan.ingest.VideoFrame;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every passing vehicle's plate, read by the camera pipeline's passage reader (real LPD-YuNet + cct-xs) on generated
 * Vietnamese plates driven across a count line; the vehicle's box is given as its detection (the detector is judged
 * elsewhere), the plate and its pixels are the generator's.
 */
class PlatesOnPassagesTest {
    static final Path MODELS = PlateRecognizerTest.MODELS;
    static final int W = 1600, H = 1300, FRAMES_PER_VEHICLE = 24;
    static PlateRecognizer recognizer;
    static PlateImages images;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        recognizer = DetectionConfig.defaults(MODELS).plates().create();
        images = new PlateImages();
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    /** Vehicles one after another, each driven top to bottom across a horizontal count line at mid-height. */
    record Drive(List<PlateImages.Sample> vehicles, List<VideoFrame> frames, Map<Long, Box> boxes) {
    }

    static Drive drive(long seed, int vehicles) {
        Random rng = new Random(seed);
        List<PlateImages.Sample> samples = new ArrayList<>();
        while (samples.size() < vehicles) {
            PlateImages.Sample s = images.sample(rng, rng.nextBoolean(), false);
            if (s.width() <= 640 && s.height() <= 560) samples.add(s); // fits the frame with room to move
        }
        List<VideoFrame> frames = new ArrayList<>();
        Map<Long, Box> boxes = new ConcurrentHashMap<>();
        Instant t0 = Instant.parse("2026-12-06T01:00:00Z");
        long seq = 0;
        for (PlateImages.Sample s : samples) {
            for (int i = 0; i < FRAMES_PER_VEHICLE; i++) {
                byte[] px = new byte[W * H * 3];
                java.util.Arrays.fill(px, (byte) 96);
                int x = W / 2 - s.width() / 2, y = (int) Math.round((H - s.height()) * (i / (FRAMES_PER_VEHICLE - 1.0)));
                for (int r = 0; r < s.height(); r++) System.arraycopy(s.bgr(), r * s.width() * 3, px, ((y + r) * W + x) * 3, s.width() * 3);
                boxes.put(seq, new Box(x, y, x + s.width(), y + s.height()));
                frames.add(new VideoFrame("cam-a", seq, t0.plusMillis(200 * seq), 200_000 * seq, W, H, px));
                seq++;
            }
            for (int i = 0; i < 8; i++, seq++) { // an empty road between vehicles: the track ends
                byte[] px = new byte[W * H * 3];
                java.util.Arrays.fill(px, (byte) 96);
                frames.add(new VideoFrame("cam-a", seq, t0.plusMillis(200 * seq), 200_000 * seq, W, H, px));
            }
        }
        return new Drive(samples, frames, boxes);
    }

    /** The vehicle's drawn box is its detection. */
    static VehicleDetector truthDetector(Map<Long, Box> boxes) {
        return new VehicleDetector() {
            public List<Detection> detect(VideoFrame f) {
                Box b = boxes.get(f.sequence());
                return b == null ? List.of() : List.of(new Detection(b, vn.matthan.detection.model.TrafficClass.CAR, 0.9));
            }

            public String modelId() {
                return "ground-truth boxes";
            }

            public void close() {
            }
        };
    }

    static final class Collected implements DetectionEvents {
        final List<VehiclePassage> passages = new CopyOnWriteArrayList<>();

        public void passage(VehiclePassage p) {
            passages.add(p);
        }

        public void violation(ViolationDetected v) {
        }

        public void close() {
        }
    }

    /** Runs the camera's pipeline over the frames on its own thread, then stops it and the reader (which sends the rest). */
    static List<VehiclePassage> run(Drive d, boolean cameraReadsPlates, PassagePlateReader reader) throws Exception {
        SceneCalibration scene = SceneCalibration.countingOnly("t", W, H,
                List.of(new CountLine("giữa", new Point(W, H / 2.0), new Point(0, H / 2.0), 3)));
        CameraConfig cam = new CameraConfig("cam-a", "A", "522", 15.1, 108.8, "x.mp4", 5, false, Path.of("scene.yaml"), 20,
                cameraReadsPlates);
        FrameHandoff handoff = new FrameHandoff(d.frames().size() + 1);
        Collected out = new Collected();
        CameraPipeline p = new CameraPipeline(cam, scene, handoff, truthDetector(d.boxes()), out);
        p.readPassagePlates(reader, Duration.ofSeconds(1));
        Thread t = new Thread(p);
        t.start();
        for (VideoFrame f : d.frames()) handoff.offer(f);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (p.framesAnalysed() < d.frames().size() && System.nanoTime() < deadline) Thread.sleep(20);
        p.stop();
        t.join(10_000);
        reader.close();
        assertThat(p.framesAnalysed()).isEqualTo(d.frames().size());
        return out.passages;
    }

    @Test
    void eachPassageCarriesItsVehiclesPlateAThumbnailAndNoWrongReadGoesOutUnflagged() throws Exception {
        Drive d = drive(41, 4);
        FilePackageStore store = new FilePackageStore(dir.resolve("evidence"));
        PhotoPackages photos = new PhotoPackages(store, dir.resolve("work"));
        List<VehiclePassage> sent = run(d, true, new PassagePlateReader(recognizer, photos, 2.0, 2, Duration.ofSeconds(2)));

        assertThat(sent).as("one passage per vehicle, none lost to reading").hasSize(d.vehicles().size());
        int exact = 0;
        for (int i = 0; i < sent.size(); i++) {
            VehiclePassage p = sent.get(i);
            PlateImages.Sample truth = d.vehicles().get(i);
            assertThat(p.plateStatus()).as("vehicle %d", i).isNotEqualTo("SKIPPED").isNotNull();
            if ("READ".equals(p.plateStatus())) {
                assertThat(p.plateConfidence()).isBetween(0.0, 1.0);
                if (p.plate().equals(truth.normalised())) {
                    exact++;
                    assertThat(p.plateDisplay()).isEqualTo(truth.display());
                } else {
                    assertThat(p.plateNeedsCheck()).as("a wrong read of %s as %s asks for a human", truth.normalised(), p.plate()).isTrue();
                }
            }
            // The thumbnail is the vehicle, small, stored under the SHA-256 of its bytes.
            assertThat(p.thumbnailSha256()).isNotNull();
            byte[] jpeg = photos.read(p.thumbnailSha256()).orElseThrow();
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg))).isEqualTo(p.thumbnailSha256());
            assertThat(ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth()).isLessThanOrEqualTo(240);
        }
        assertThat(exact).as("clean plates seen up close read exactly").isGreaterThanOrEqualTo(sent.size() - 1);
        assertThat(sent).extracting(VehiclePassage::time).isSorted();
    }

    @Test
    void overTheReadingBudgetOrOnACameraThatReadsOnlyViolatorsPassagesGoOutUnreadButAllGoOut() throws Exception {
        Drive d = drive(43, 2);
        List<VehiclePassage> noBudget = run(d, true, new PassagePlateReader(recognizer, null, 0, 2, Duration.ofSeconds(2)));
        assertThat(noBudget).hasSize(2).allSatisfy(p -> {
            assertThat(p.plateStatus()).isEqualTo("SKIPPED");
            assertThat(p.plate()).isNull();
        });
        List<VehiclePassage> violatorsOnly = run(d, false, new PassagePlateReader(recognizer, null, 2.0, 2, Duration.ofSeconds(2)));
        assertThat(violatorsOnly).hasSize(2).allSatisfy(p -> assertThat(p.plateStatus()).isEqualTo("SKIPPED"));
        assertThat(violatorsOnly).extracting(VehiclePassage::eventId).doesNotContainAnyElementsOf(
                noBudget.stream().map(VehiclePassage::eventId).toList()); // each run is a new camera session
    }
}
