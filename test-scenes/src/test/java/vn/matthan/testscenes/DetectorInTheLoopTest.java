package vn.matthan.testscenes;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.model.TiledDetector;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.model.YoloxDetector;
import vn.matthan.detection.pipeline.DetectionConfig;
import vn.matthan.detection.rules.ViolationType;
import vn.matthan.detection.scene.DepthTiles;
import vn.matthan.detection.scene.SceneCalibration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated scenes drawn with vehicles cut from real photographs, judged with the real YOLOX detector in the loop
 * (its boxes, not the ground truth, feed the tracker and the rules), on tiles laid out by depth along the calibrated
 * road. The shared assets photograph only cars, so the scenes use the PHOTOGRAPHED fleet (no two-wheelers).
 * Develops on tuning seeds; the benchmark (rules-accuracy-detector) reports on held-out ones.
 */
class DetectorInTheLoopTest {
    static final Path ASSETS = Path.of(System.getProperty("matthan.assets", "../../shared/assets"));
    static YoloxDetector detector;
    /** A tuning scene (tests develop on seeds 11-13 and 21-23; the benchmark reports on 107-109). */
    static final long SEED = 21;
    static final double SECONDS = 150;
    static VehicleSprites sprites;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        // The camera pipeline's detector with config/detection.yaml's thresholds.
        detector = new YoloxDetector(ASSETS.resolve("models/yolox_nano.onnx"), 416,
                DetectionConfig.defaults(ASSETS.resolve("models")).scoreThreshold(), 0.45, 2);
        sprites = VehicleSprites.harvest(ASSETS, detector);
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
    void theDetectorFindsTheRenderedCarsOnDepthTilesAndRenderingIsDeterministic() throws Exception {
        SceneCalibration scene = calibration();
        TiledDetector tiled = new TiledDetector(detector, DepthTiles.of(scene, 416, 1.8, 32, 6, 6));
        GroundTruth g = new JunctionSimulation(11, 60).withFleet(JunctionSimulation.Fleet.PHOTOGRAPHED).run();
        int truth = 0, found = 0, near = 0, nearFound = 0;
        try (JunctionRenderer r = new JunctionRenderer(g, sprites); JunctionRenderer r2 = new JunctionRenderer(g, sprites)) {
            for (GroundTruth.Frame f : g.frames()) {
                if (f.index() % 10 != 0) continue;
                assertThat(r.frame(f).bgr()).isEqualTo(r2.frame(f).bgr());
                List<Detection> dets = tiled.detect(r.frame(f));
                for (GroundTruth.VehicleBox vb : f.boxes()) {
                    if (vb.box().y2() >= JunctionLayout.HEIGHT - 2) continue; // cut by the bottom edge
                    Box drawn = r.drawnBox(vb);
                    boolean hit = dets.stream().anyMatch(d -> d.trafficClass().isVehicle() && d.box().iou(drawn) >= 0.5);
                    truth++;
                    if (hit) found++;
                    if (drawn.width() >= 80) { // nearer than about 35 m: where the stop line and the count line are
                        near++;
                        if (hit) nearFound++;
                    }
                }
            }
        }
        System.out.printf("detector recall on rendered cars: %d/%d, %d/%d of those at least 80 px wide%n", found, truth, nearFound, near);
        assertThat(truth).isGreaterThanOrEqualTo(150);
        assertThat(found / (double) truth).isGreaterThanOrEqualTo(0.85);
        assertThat(nearFound / (double) near).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void theRulesOnTheDetectorsBoxesReportRedLightWrongWayAndParkingWithoutFalseCases() throws Exception {
        SceneCalibration scene = calibration();
        TiledDetector tiled = new TiledDetector(detector, DepthTiles.of(scene, 416, 1.8, 32, 6, 6));
        GroundTruth g = new JunctionSimulation(SEED, SECONDS).withFleet(JunctionSimulation.Fleet.PHOTOGRAPHED)
                .withKerbStops(JunctionSimulation.randomKerbStops(SEED, SECONDS)).run();
        RulesEvaluation.Result r = RulesEvaluation.evaluate(g, scene, tiled, sprites);
        r.mistakes().stream().limit(20).forEach(m -> System.out.println("detector-loop mistake: " + m));
        for (ViolationType t : List.of(ViolationType.RED_LIGHT, ViolationType.LANE, ViolationType.WRONG_WAY, ViolationType.PARKING)) {
            RulesEvaluation.TypeScore s = r.scores().get(t);
            System.out.println(t + " with the detector: " + s);
            assertThat(s.precision()).as(t + " precision").isGreaterThanOrEqualTo(0.95);
            assertThat(s.recall()).as(t + " recall").isGreaterThanOrEqualTo(0.9);
        }
        assertThat(r.scores().get(ViolationType.RED_LIGHT).truth()).isPositive();
        assertThat(r.scores().get(ViolationType.WRONG_WAY).truth()).isPositive();
        assertThat(r.scores().get(ViolationType.PARKING).truth()).isPositive();
        assertThat(r.scores().get(ViolationType.STOPPING).falsePositives()).as("the red-light queue is no stopping case").isZero();
        double countError = Math.abs(r.passagesCounted() - r.passagesTruth()) / (double) r.passagesTruth();
        System.out.printf("passages with the detector: %d of %d%n", r.passagesCounted(), r.passagesTruth());
        assertThat(countError).isLessThanOrEqualTo(0.03);
    }

    private SceneCalibration calibration() throws Exception {
        Path f = dir.resolve("junction.yaml");
        Files.writeString(f, JunctionLayout.calibrationYaml("vision", List.of()));
        return SceneCalibration.load(f);
    }

}
