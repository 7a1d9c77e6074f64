package vn.matthan.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a notice is after NOTICE_ISSUED, and which move may follow which: printed, sent by post, then delivered or
 * returned (a returned notice may be sent again); a delivered one is paid or contested; a contested one ends paid or
 * closed; paid and returned ones are closed. The schema's {@code notice_move} writes each move with its date and its
 * audit entry.
 */
enum NoticeDelivery {
    ISSUED("Đã ra thông báo"), PRINTED("Đã in"), SENT("Đã gửi bưu điện"), DELIVERED("Đã phát"), RETURNED("Bị trả lại"),
    PAID("Đã nộp phạt"), CONTESTED("Khiếu nại"), CLOSED("Đã đóng");

    final String vi;

    NoticeDelivery(String vi) {
        this.vi = vi;
    }

    List<NoticeDelivery> next() {
        return switch (this) {
            case ISSUED -> List.of(PRINTED);
            case PRINTED -> List.of(SENT);
            case SENT -> List.of(DELIVERED, RETURNED);
            case RETURNED -> List.of(SENT, CLOSED);
            case DELIVERED -> List.of(PAID, CONTESTED);
            case CONTESTED -> List.of(PAID, CLOSED);
            case PAID -> List.of(CLOSED);
            case CLOSED -> List.of();
        };
    }

    boolean canMoveTo(NoticeDelivery to) {
        return next().contains(to);
    }

    /** A state named in a request or a CSV row, in any letter case; ISSUED is where notices start, never a target. */
    static Optional<NoticeDelivery> target(String name) {
        if (name == null) return Optional.empty();
        try {
            NoticeDelivery d = valueOf(name.strip().toUpperCase(Locale.ROOT));
            return d == ISSUED ? Optional.empty() : Optional.of(d);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The date column of a state in {@code case_notice}; null for ISSUED (its date is the issue time). */
    String dateColumn() {
        return this == ISSUED ? null : name().toLowerCase(Locale.ROOT) + "_on";
    }
}
