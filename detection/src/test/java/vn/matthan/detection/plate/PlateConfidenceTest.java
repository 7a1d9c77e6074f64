package vn.matthan.detection.plate;

import org.junit.jupiter.api.Test;
import vn.matthan.detection.plate.VietnamesePlate.Format;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How sure the recogniser is of a plate, from the votes of its whole-plate and row-by-row views. */
class PlateConfidenceTest {
    private static PlateRecognizer.Result vote(String plate, double confidence) {
        return new PlateRecognizer.Result(PlateRecognizer.Status.READ, plate, plate, Format.CAR_ONE_LINE, null, confidence, new double[0],
                false, false, null, null, plate);
    }

    @Test
    void aViewIsAsSureAsItsWeakestMarginNotItsMean() {
        // the same misread at three margins is one opinion: the weakest margin's hesitation counts
        List<PlateRecognizer.Result> whole = List.of(vote("88Y24962", 0.97), vote("88Y24962", 0.81), vote("88Y24962", 0.95));
        assertThat(PlateRecognizer.confidence("88Y24962", Format.CAR_ONE_LINE, whole, List.of())).isCloseTo(0.81, within(1e-9));
    }

    @Test
    void theSurerViewCountsAndOnlyAUnanimousViewIsSure() {
        List<PlateRecognizer.Result> whole = List.of(vote("59X112345", 0.9), vote("59X112345", 0.95), vote("59X112345", 0.92));
        // a read that fits no plate lowers its own view only
        List<PlateRecognizer.Result> rows = Arrays.asList(vote("59X112345", 0.99), null, vote("59X112345", 0.99));
        assertThat(PlateRecognizer.confidence("59X112345", Format.MOTORBIKE_TWO_LINE, whole, rows)).isCloseTo(0.9, within(1e-9));
        List<PlateRecognizer.Result> split = Arrays.asList(vote("59X112345", 0.99), null, vote("59X112345", 0.98));
        assertThat(PlateRecognizer.confidence("59X112345", Format.MOTORBIKE_TWO_LINE, split, List.of())).isCloseTo(0.98 * 2 / 3, within(1e-9));
    }

    @Test
    void aReadOfAnotherPlateCapsTheConfidence() {
        // a truncated read (one digit dropped) still fits the grammar: it is a contradiction, not a different plate
        List<PlateRecognizer.Result> whole = List.of(vote("92E19762", 0.84), vote("92E197624", 0.99), vote("92E197624", 0.99));
        List<PlateRecognizer.Result> rows = List.of(vote("92E197624", 0.95), vote("92E197624", 0.96), vote("92E197624", 0.97));
        assertThat(PlateRecognizer.confidence("92E197624", Format.MOTORBIKE_TWO_LINE, whole, rows)).isCloseTo(0.16, within(1e-9));
    }

    @Test
    void aLookAlikeTwinSeenByOneViewOnlyIsLowered() {
        List<PlateRecognizer.Result> whole = List.of(vote("32BB85982", 0.97), vote("32BB85982", 0.98), vote("32BB85982", 0.98));
        List<PlateRecognizer.Result> rows = Arrays.asList(null, null, null);
        assertThat(PlateRecognizer.confidence("32BB85982", Format.MOTORBIKE_TWO_LINE, whole, rows))
                .isCloseTo(0.97 * PlateRecognizer.LOOK_ALIKE_DOUBT, within(1e-9)).isLessThan(0.85);
        // both views saw it: the reader's eyes settled it twice
        List<PlateRecognizer.Result> rowsToo = List.of(vote("32BB85982", 0.9), vote("32BB85982", 0.9), vote("32BB85982", 0.9));
        assertThat(PlateRecognizer.confidence("32BB85982", Format.MOTORBIKE_TWO_LINE, whole, rowsToo)).isCloseTo(0.97, within(1e-9));
    }

    @Test
    void aBallotOfUnsureReadsHasNoShareRatherThanNaN() {
        PlateBallot ballot = new PlateBallot();
        ballot.vote(vote("51F12345", 0));
        assertThat(ballot.share("51F12345")).isZero();
    }
}
