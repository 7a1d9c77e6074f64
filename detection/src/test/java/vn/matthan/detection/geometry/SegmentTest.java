package vn.matthan.detection.geometry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SegmentTest {
    private final Segment s = new Segment(new Point(0, 0), new Point(10, 0));

    @Test
    void distanceToIsPerpendicularBetweenTheEndsAndToTheNearerEndBeyondThem() {
        assertThat(s.distanceTo(new Point(5, 3))).isCloseTo(3, within(1e-9));
        assertThat(s.distanceTo(new Point(13, 4))).isCloseTo(5, within(1e-9));
        assertThat(s.distanceTo(new Point(-3, -4))).isCloseTo(5, within(1e-9));
    }

    @Test
    void aSegmentOfNoLengthIsAPoint() {
        assertThat(new Segment(new Point(2, 2), new Point(2, 2)).distanceTo(new Point(5, 6))).isCloseTo(5, within(1e-9));
    }
}
