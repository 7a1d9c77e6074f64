package vn.matthan.testscenes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.rules.ViolationType;
import vn.matthan.detection.scene.SceneCalibration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The acceptance bar of the rules: generated scenes with ground-truth boxes as detections. */
class RulesOnGeneratedScenesTest {
    static final long[] SEEDS = {11, 12, 13, 14};
    static final double SECONDS = 420;
    /** What the junction traffic commits; parking and stopping are scored on their own (ParkingOnGeneratedScenesTest). */
    static final List<ViolationType> JUNCTION_TYPES = List.of(ViolationType.RED_LIGHT, ViolationType.LANE,
            ViolationType.WRONG_WAY, ViolationType.SPEEDING);

    @TempDir
    Path dir;

    SceneCalibration calibration(String source) throws Exception {
        Path f = dir.resolve(source + ".yaml");
        Files.writeString(f, JunctionLayout.calibrationYaml(source));
        return SceneCalibration.load(f);
    }

    RulesEvaluation.Result run(String source, RulesEvaluation.Noise noise) throws Exception {
        SceneCalibration scene = calibration(source);
        List<RulesEvaluation.Result> parts = new ArrayList<>();
        for (long seed : SEEDS) parts.add(RulesEvaluation.evaluate(new JunctionSimulation(seed, SECONDS).run(), scene, noise));
        return RulesEvaluation.Result.combine(parts);
    }

    @Test
    void everyViolationTypeIsFoundWithPrecisionAndRecallOfAtLeast98PercentAndPassagesWithin1Percent() throws Exception {
        RulesEvaluation.Result r = run("vision", new RulesEvaluation.Noise(0.7, 0.01, 5));
        r.mistakes().stream().limit(20).forEach(m -> System.out.println("rules mistake: " + m));
        for (ViolationType type : JUNCTION_TYPES) {
            RulesEvaluation.TypeScore s = r.scores().get(type);
            assertThat(s.truth()).as(type + " ground truth").isGreaterThanOrEqualTo(50);
            assertThat(s.precision()).as(type + " precision").isGreaterThanOrEqualTo(0.98);
            assertThat(s.recall()).as(type + " recall").isGreaterThanOrEqualTo(0.98);
        }
        assertThat(r.passagesTruth()).isGreaterThanOrEqualTo(1000);
        assertThat(r.maxPassageError()).isLessThanOrEqualTo(0.01);
    }

    @Test
    void redLightIsAsExactWithTheSignalFromControllerEvents() throws Exception {
        RulesEvaluation.TypeScore red = run("controller", new RulesEvaluation.Noise(0.7, 0.01, 5)).scores().get(ViolationType.RED_LIGHT);
        assertThat(red.truth()).isGreaterThanOrEqualTo(50);
        assertThat(red.precision()).isGreaterThanOrEqualTo(0.98);
        assertThat(red.recall()).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void theSameSeedGivesTheSameScene() {
        assertThat(new JunctionSimulation(7, 60).run()).isEqualTo(new JunctionSimulation(7, 60).run());
        assertThat(new JunctionSimulation(7, 60).run()).isNotEqualTo(new JunctionSimulation(8, 60).run());
    }
}
