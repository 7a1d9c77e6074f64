package vn.matthan.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import vn.matthan.config.ConfigException;
import vn.matthan.config.ConfigFile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a notice says beyond the case: the issuing authority, the legal basis per violation type, where citizens
 * look cases up (the QR code's target) and what the owner must do. From {@code config/notice.yaml}, read by the
 * shared strict loader ({@link File}: keys and constraints).
 *
 * @param lookupUrl public lookup page; the normalised plate is appended
 */
public record NoticeSettings(String authority, String place, Map<String, String> legalBasis, String lookupUrl,
                             String instructions, Path fontFile) {

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
    }

    /** The legal basis quoted per violation type; a type left out is cited as "theo quy định hiện hành". */
    public static final class LegalBasis {
        public String redLight;
        public String lane;
        public String wrongWay;
        public String speeding;

        Map<String, String> byType() {
            Map<String, String> m = new LinkedHashMap<>();
            if (redLight != null) m.put("red_light", redLight);
            if (lane != null) m.put("lane", lane);
            if (wrongWay != null) m.put("wrong_way", wrongWay);
            if (speeding != null) m.put("speeding", speeding);
            return m;
        }
    }

    public static NoticeSettings load(Path file) throws ConfigException {
        File f = ConfigFile.load(file, File.class);
        return new NoticeSettings(f.authority, f.place, f.legalBasis.byType(), f.lookupUrl, f.instructions, Path.of(f.font));
    }

    public String lookupFor(String normalisedPlate) {
        return lookupUrl + normalisedPlate;
    }
}
