package vn.matthan.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaseStatusTest {
    @Test
    void theLifecycleAllowsOnlyItsMoves() {
        assertThat(CaseStatus.PENDING_REVIEW.next()).containsExactlyInAnyOrder(CaseStatus.CONFIRMED, CaseStatus.REJECTED);
        assertThat(CaseStatus.CLOSED.next()).isEmpty();
        assertThat(CaseStatus.DETECTED.canMoveTo(CaseStatus.CONFIRMED)).isFalse();
        assertThat(CaseStatus.CONFIRMED.isPublic()).isTrue();
        assertThat(CaseStatus.REJECTED.isPublic()).isFalse();
    }
}
