package vn.matthan.events;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a violation case: DETECTED → PENDING_REVIEW → CONFIRMED | REJECTED(reason) → NOTICE_ISSUED → CLOSED.
 * A rejected case can only be closed. Every other move is refused.
 */
public enum CaseStatus {
    DETECTED, PENDING_REVIEW, CONFIRMED, REJECTED, NOTICE_ISSUED, CLOSED;

    public Set<CaseStatus> next() {
        return switch (this) {
            case DETECTED -> EnumSet.of(PENDING_REVIEW);
            case PENDING_REVIEW -> EnumSet.of(CONFIRMED, REJECTED);
            case CONFIRMED -> EnumSet.of(NOTICE_ISSUED);
            case REJECTED, NOTICE_ISSUED -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.noneOf(CaseStatus.class);
        };
    }

    public boolean canMoveTo(CaseStatus to) {
        return next().contains(to);
    }

    /** Statuses the public may see for a plate. */
    public boolean isPublic() {
        return this == CONFIRMED || this == NOTICE_ISSUED;
    }
}
