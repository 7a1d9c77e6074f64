package vn.matthan.testscenes;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.rules.ViolationType;
import vn.matthan.detection.signal.SignalPhase;

import java.util.List;

/**
 * What really happened in a generated scene: every frame's visible vehicles, the signal phases, and the violations
 * and passages the rules should report. Cases too close to a rule's threshold to call are listed as
 * {@code ambiguous} and left out of precision and recall either way.
 */
public record GroundTruth(long seed, double fps, long startMicros, List<Frame> frames, List<Phase> phases,
                          List<Vehicle> vehicles, List<ExpectedViolation> violations, List<ExpectedViolation> ambiguous,
                          List<ExpectedPassage> passages) {

    public record Frame(int index, long timeMicros, List<VehicleBox> boxes, boolean lampFlicker) {
    }

    public record VehicleBox(int vehicleId, TrafficClass vehicleClass, Box box) {
    }

    public record Phase(long startMicros, SignalPhase phase) {
    }

    public record Vehicle(int id, TrafficClass vehicleClass, String plate, String behaviour) {
    }

    public record ExpectedViolation(int vehicleId, ViolationType type, String detail, long timeMicros) {
    }

    public record ExpectedPassage(int vehicleId, String line, String lane, TrafficClass vehicleClass, String direction,
                                  long timeMicros) {
    }

    /** Phase at a moment, with its onset. */
    public Phase phaseAt(long timeMicros) {
        Phase found = phases.get(0);
        for (Phase p : phases) {
            if (p.startMicros() <= timeMicros) found = p;
            else break;
        }
        return found;
    }
}
