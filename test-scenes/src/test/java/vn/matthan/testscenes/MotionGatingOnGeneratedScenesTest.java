package vn.matthan.testscenes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.model.MotionGate;
import vn.matthan.detection.rules.ViolationType;
import vn.matthan.detection.scene.SceneCalibration;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Skipping detection where nothing moved loses nothing: the rules' scores and passage counts on a generated junction
 * (the gate deciding on the rendered frames) are the same with the shipped gate as without it.
 */
class MotionGatingOnGeneratedScenesTest {
    /** The shipped defaults of config/detection.yaml's motion_gate. */
    static final MotionGate.Settings SHIPPED = new MotionGate.Settings(true, 24, 3, 10);

    @TempDir
    Path dir;

    @Test
    void theGateSkipsStillFramesAndEveryViolationAndPassageIsStillFoundAsWithout() throws Exception {
        Path f = dir.resolve("vision.yaml");
        Files.writeString(f, JunctionLayout.calibrationYaml("vision"));
        SceneCalibration scene = SceneCalibration.load(f);
        // Off-peak traffic (gaps between vehicles x4): an empty road and queues standing at red give the gate still
        // frames, while runners, lane and wrong-way violations still happen. At the peak hour the rules are tested on,
        // something moves in nearly every frame.
        GroundTruth truth = new JunctionSimulation(21, 300, 10, 4).run();
        RulesEvaluation.Noise noise = new RulesEvaluation.Noise(0.7, 0.01, 5);

        RulesEvaluation.Result off = RulesEvaluation.evaluate(truth, scene, noise);
        RulesEvaluation.Gated on = RulesEvaluation.evaluate(truth, scene, noise, SHIPPED);

        System.out.printf("motion gate: %d of %d frames skipped detection%n", on.framesSkipped(), on.framesChecked());
        assertThat(on.framesChecked()).isEqualTo(truth.frames().size());
        assertThat(on.framesSkipped()).as("frames the gate let skip").isPositive();
        for (ViolationType type : ViolationType.values()) {
            RulesEvaluation.TypeScore a = off.scores().get(type), b = on.result().scores().get(type);
            assertThat(b.truePositives()).as(type + " found").isEqualTo(a.truePositives());
            assertThat(b.falsePositives()).as(type + " false").isEqualTo(a.falsePositives());
            assertThat(b.falseNegatives()).as(type + " missed").isEqualTo(a.falseNegatives());
        }
        assertThat(on.result().passagesCounted()).isEqualTo(off.passagesCounted());
        assertThat(on.result().passageCounts()).allSatisfy((key, c) -> assertThat(c).as(key).containsExactly(off.passageCounts().get(key)));
        assertThat(off.passagesTruth()).isPositive();
        assertThat(truth.violations()).isNotEmpty();
    }
}
