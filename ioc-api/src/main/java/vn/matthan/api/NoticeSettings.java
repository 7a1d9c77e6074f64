package vn.matthan.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import vn.matthan.config.ConfigException;
import vn.matthan.config.ConfigFile;
import vn.matthan.config.Range;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a notice says beyond the case: the issuing authority, the legal basis per violation type, where citizens
 * look cases up (the QR code's target) and what the owner must do. From {@code config/notice.yaml}, read by the
 * shared strict loader ({@link File}: keys and constraints).
 *
 * @param lookupUrl public lookup page; the normalised plate is appended
 * @param deadlines when a notice on its way counts as overdue
 */
public record NoticeSettings(String authority, String place, Map<String, String> legalBasis, String lookupUrl,
                             String instructions, Path fontFile, Deadlines deadlines) {

    public NoticeSettings(String authority, String place, Map<String, String> legalBasis, String lookupUrl, String instructions, Path fontFile) {
        this(authority, place, legalBasis, lookupUrl, instructions, fontFile, Deadlines.DEFAULT);
    }

    /**
     * The overdue rules of {@code GET /api/notices/overdue}: {@code not_delivered} — a notice sent by post and neither
     * delivered nor returned more than {@code deliverWithinDays} days later; {@code not_settled} — a delivered notice
     * neither paid nor contested more than {@code settleWithinDays} days after delivery (the notice gives the owner 20 days).
     */
    public record Deadlines(int deliverWithinDays, int settleWithinDays) {
        public static final Deadlines DEFAULT = new Deadlines(Delivery.DELIVER_WITHIN_DAYS, Delivery.SETTLE_WITHIN_DAYS);
    }

    /** {@code delivery} in {@code config/notice.yaml}: the overdue rules' day counts. */
    public static final class Delivery {
        static final int DELIVER_WITHIN_DAYS = 14, SETTLE_WITHIN_DAYS = 20;
        @Range(min = 1, max = 365)
        public int deliverWithinDays = DELIVER_WITHIN_DAYS;
        @Range(min = 1, max = 365)
        public int settleWithinDays = SETTLE_WITHIN_DAYS;
    }

    /** {@code config/notice.yaml} as written. */
    public static final class File {
        @NotBlank(message = "required")
        public String authority;
        @NotBlank(message = "required")
        public String place;
        @NotNull(message = "required")
        @Valid
        public LegalBasis legalBasis;
        @NotBlank(message = "required")
        @Pattern(regexp = "https?://\\S+", message = "'${validatedValue}' is not an http(s) address")
        public String lookupUrl;
        @NotBlank(message = "required")
        public String instructions;
        /** A TrueType font with Vietnamese letters. */
        @NotBlank(message = "must not be empty")
        public String font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        /** Overdue rules of notice delivery; absent: 14 and 20 days. */
        @Valid
        public Delivery delivery = new Delivery();
    }

    /** The legal basis quoted per violation type; a type left out is cited as "theo quy định hiện hành". */
    public static final class LegalBasis {
        public String redLight;
        public String lane;
        public String wrongWay;
        public String speeding;
        public String parking;
        public String stopping;

        Map<String, String> byType() {
            Map<String, String> m = new LinkedHashMap<>();
            if (redLight != null) m.put("red_light", redLight);
            if (lane != null) m.put("lane", lane);
            if (wrongWay != null) m.put("wrong_way", wrongWay);
            if (speeding != null) m.put("speeding", speeding);
            if (parking != null) m.put("parking", parking);
            if (stopping != null) m.put("stopping", stopping);
            return m;
        }
    }

    public static NoticeSettings load(Path file) throws ConfigException {
        File f = ConfigFile.load(file, File.class);
        Delivery d = f.delivery == null ? new Delivery() : f.delivery;
        return new NoticeSettings(f.authority, f.place, f.legalBasis.byType(), f.lookupUrl, f.instructions, Path.of(f.font),
                new Deadlines(d.deliverWithinDays, d.settleWithinDays));
    }

    public String lookupFor(String normalisedPlate) {
        return lookupUrl + normalisedPlate;
    }
}
