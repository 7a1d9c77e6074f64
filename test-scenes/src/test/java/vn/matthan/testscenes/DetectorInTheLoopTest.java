package vn.matthan.testscenes;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.model.TiledDetector;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.model.YoloxDetector;
import vn.matthan.detection.rules.ViolationType;
import vn.matthan.detection.scene.SceneCalibration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated scenes drawn with vehicles cut from real photographs, judged with the real YOLOX detector in the loop
 * (its boxes, not the ground truth, feed the tracker and the rules). Develops on the tuning seeds 11–13 only; the
 * benchmark reports on held-out seeds.
 */
class DetectorInTheLoopTest {
    static final Path ASSETS = Path.of(System.getProperty("matthan.assets", "../../shared/assets"));
    static YoloxDetector detector;
    /** The camera's detector on 3 x 2 overlapping tiles: vehicles far up the approach are too small for one 416 input. */
    static TiledDetector tiled;
    static VehicleSprites sprites;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        // The camera pipeline's detector with config/detection.yaml's thresholds.
        detector = new YoloxDetector(ASSETS.resolve("models/yolox_nano.onnx"), 416, 0.3, 0.45, 2);
        sprites = VehicleSprites.harvest(ASSETS, detector);
        tiled = new TiledDetector(detector, 3, 2, 0.25);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void spritesAreCutFromTheSharedPhotographsAndClipsTheSameWayEveryTime() throws Exception {
        assertThat(sprites.of(TrafficClass.CAR)).hasSizeGreaterThanOrEqualTo(20);
        for (VehicleSprites.Sprite s : sprites.all()) {
            assertThat(Files.exists(ASSETS.resolve(s.source().replaceAll("#\\d+$", "")))).as(s.source()).isTrue();
            assertThat(s.score()).isGreaterThanOrEqualTo(VehicleSprites.MIN_SCORE);
        }
        VehicleSprites again = VehicleSprites.harvest(ASSETS, detector);
        assertThat(again.all()).hasSameSizeAs(sprites.all());
        for (int i = 0; i < sprites.all().size(); i++) {
            assertThat(again.all().get(i).source()).isEqualTo(sprites.all().get(i).source());
            assertThat(Arrays.equals(again.all().get(i).bgr(), sprites.all().get(i).bgr())).isTrue();
        }
    }

    @Test
    @Disabled("work in progress (#21): 59/108 found on seed 11 (whole frame 30, 2 x 1 tiles 53, 3 x 2 and 4 x 2 tiles 59). "
            + "Left: cars behind the motorbikes, which are still drawn as black rectangles (no motorbike in the shared "
            + "assets) and read as traffic lights, and cars under 60 px wide")
    void theDetectorFindsTheRenderedCarsAndRenderingIsDeterministic() {
        GroundTruth g = new JunctionSimulation(11, 40).run();
        int truth = 0, found = 0;
        try (JunctionRenderer r = new JunctionRenderer(g, sprites); JunctionRenderer r2 = new JunctionRenderer(g, sprites)) {
            for (GroundTruth.Frame f : g.frames()) {
                if (f.index() % 10 != 0) continue;
                assertThat(r.frame(f).bgr()).isEqualTo(r2.frame(f).bgr());
                List<Detection> dets = tiled.detect(r.frame(f));
                for (GroundTruth.VehicleBox vb : f.boxes()) {
                    // Photographed classes, clear of the frame edge and not mostly hidden behind a nearer vehicle.
                    if (vb.vehicleClass().isTwoWheeler() || vb.box().width() < 40 || vb.box().y2() >= JunctionLayout.HEIGHT - 2) continue;
                    if (hidden(vb, f)) continue;
                    truth++;
                    Box drawn = r.drawnBox(vb);
                    if (dets.stream().anyMatch(d -> d.trafficClass().isVehicle() && !d.trafficClass().isTwoWheeler() && d.box().iou(drawn) >= 0.5)) found++;
                }
            }
        }
        System.out.printf("detector recall on rendered cars, buses, trucks: %d/%d%n", found, truth);
        assertThat(truth).isGreaterThanOrEqualTo(40);
        assertThat(found / (double) truth).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    @Disabled("work in progress (#21): follows from the missed small vehicles, see above")
    void aRedLightRunnerIsReportedFromTheDetectorsBoxes() throws Exception {
        Path f = dir.resolve("junction.yaml");
        Files.writeString(f, JunctionLayout.calibrationYaml("vision"));
        SceneCalibration scene = SceneCalibration.load(f);
        GroundTruth g = new JunctionSimulation(12, 90).run();
        RulesEvaluation.Result r = RulesEvaluation.evaluate(g, scene, tiled, sprites);
        r.mistakes().stream().limit(20).forEach(m -> System.out.println("detector-loop mistake: " + m));
        RulesEvaluation.TypeScore red = r.scores().get(ViolationType.RED_LIGHT);
        System.out.println("red light with the detector: " + red);
        assertThat(red.truePositives()).isGreaterThanOrEqualTo(1);
        assertThat(red.falsePositives()).isZero();
    }

    private static boolean hidden(GroundTruth.VehicleBox vb, GroundTruth.Frame f) {
        for (GroundTruth.VehicleBox o : f.boxes()) {
            if (o == vb || o.box().y2() <= vb.box().y2()) continue; // only nearer vehicles hide it
            double ix = Math.max(0, Math.min(o.box().x2(), vb.box().x2()) - Math.max(o.box().x1(), vb.box().x1()));
            double iy = Math.max(0, Math.min(o.box().y2(), vb.box().y2()) - Math.max(o.box().y1(), vb.box().y1()));
            if (ix * iy > 0.3 * vb.box().width() * vb.box().height()) return true;
        }
        return false;
    }
}
