package vn.matthan.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRecordTest {
    static List<AuditRecord> chain(int n) {
        List<AuditRecord> out = new ArrayList<>();
        String prev = AuditRecord.GENESIS;
        for (int i = 1; i <= n; i++) {
            Instant at = Instant.parse("2026-11-22T01:00:00Z").plusSeconds(i);
            String h = AuditRecord.hash(prev, at, "canbo", "POLICE_REVIEWER", "case.status", "case:" + i, "lý do " + i);
            out.add(new AuditRecord(i, at, "canbo", "POLICE_REVIEWER", "case.status", "case:" + i, "lý do " + i, prev, h));
            prev = h;
        }
        return out;
    }

    @Test
    void anIntactChainChecksOut() {
        assertThat(AuditRecord.firstBroken(chain(5))).isEqualTo(-1);
    }

    @Test
    void anAlteredRemovedOrReorderedEntryBreaksTheChainWhereItHappened() {
        List<AuditRecord> altered = chain(5);
        AuditRecord r = altered.get(2);
        altered.set(2, new AuditRecord(r.seq(), r.at(), "someone", r.role(), r.action(), r.target(), r.reason(), r.prevHash(), r.hash()));
        assertThat(AuditRecord.firstBroken(altered)).isEqualTo(3);

        List<AuditRecord> removed = chain(5);
        removed.remove(1);
        assertThat(AuditRecord.firstBroken(removed)).isEqualTo(3);

        List<AuditRecord> swapped = chain(5);
        AuditRecord a = swapped.get(3);
        swapped.set(3, swapped.get(4));
        swapped.set(4, a);
        assertThat(AuditRecord.firstBroken(swapped)).isEqualTo(5);
    }

    @Test
    void theLifecycleAllowsOnlyItsMoves() {
        assertThat(CaseStatus.PENDING_REVIEW.next()).containsExactlyInAnyOrder(CaseStatus.CONFIRMED, CaseStatus.REJECTED);
        assertThat(CaseStatus.CLOSED.next()).isEmpty();
        assertThat(CaseStatus.DETECTED.canMoveTo(CaseStatus.CONFIRMED)).isFalse();
        assertThat(CaseStatus.CONFIRMED.isPublic()).isTrue();
        assertThat(CaseStatus.REJECTED.isPublic()).isFalse();
    }
}
