package vn.matthan.testscenes;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.evidence.FilePackageStore;
import vn.matthan.detection.evidence.PhotoPackages;
import vn.matthan.detection.pipeline.CameraPipeline;
import vn.matthan.detection.pipeline.DetectionConfig;
import vn.matthan.detection.pipeline.DetectionEvents;
import vn.matthan.detection.plate.PassagePlateReader;
import vn.matthan.detection.plate.PlateRecognizer;
import vn.matthan.events.VehiclePassage;
import vn.matthan.events.ViolationDetected;
import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.FrameHandoff;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every passing vehicle's plate, read by the camera pipeline's passage reader (real LPD-YuNet + cct-xs) on generated
 * Vietnamese plates driven across a count line; the vehicle's box is given as its detection (the detector is judged
 * elsewhere), the plate and its pixels are the generator's.
 */
class PlatesOnPassagesTest {
    static final Path MODELS = PlateRecognizerTest.MODELS;
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

    static PlateDrive drive(long seed, int vehicles) {
        return PlateDrive.of("cam-a", PlateDrive.vehicles(images, new Random(seed), vehicles), Instant.parse("2026-12-06T01:00:00Z"));
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

    /** Runs the camera's pipeline over the frames, then stops it and the reader (which sends the rest). */
    static List<VehiclePassage> run(PlateDrive d, boolean cameraReadsPlates, PassagePlateReader reader) throws Exception {
        CameraConfig cam = new CameraConfig("cam-a", "A", "522", 15.1, 108.8, "x.mp4", 5, false, Path.of("scene.yaml"), 20,
                cameraReadsPlates);
        FrameHandoff handoff = new FrameHandoff(d.frames().size() + 1);
        Collected out = new Collected();
        CameraPipeline p = new CameraPipeline(cam, PlateDrive.scene(), handoff, d.truthDetector(), out);
        p.readPassagePlates(reader, Duration.ofSeconds(1));
        d.runThrough(p, handoff);
        reader.close();
        return out.passages;
    }

    @Test
    void eachPassageCarriesItsVehiclesPlateAThumbnailAndNoWrongReadGoesOutUnflagged() throws Exception {
        PlateDrive d = drive(41, 4);
        FilePackageStore store = new FilePackageStore(dir.resolve("evidence"));
        PhotoPackages photos = new PhotoPackages(store, dir.resolve("work"));
        // Frames come faster than real time here: a budget and a wait that never run out, so every vehicle is read.
        List<VehiclePassage> sent = run(d, true, new PassagePlateReader(recognizer, photos, 64, 2, Duration.ofMinutes(5)));

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
        PlateDrive d = drive(43, 2);
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
