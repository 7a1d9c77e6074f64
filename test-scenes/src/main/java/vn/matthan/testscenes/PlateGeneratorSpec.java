package vn.matthan.testscenes;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the plate generator may draw from, so that tuning and benchmark numbers do not flatter the reader:
 * several narrow bold Debian typefaces (not only the one the reader was tuned on), and two disjoint seed
 * ranges — TUNING for anything that adjusts thresholds, HELD_OUT for the figures the benchmark reports.
 */
public final class PlateGeneratorSpec {
    private PlateGeneratorSpec() {}

    /** A half-open seed range [from, to). */
    public record SeedRange(String name, long from, long to) {
        public boolean contains(long seed) { return seed >= from && seed < to; }
        public long seed(int i) {
            if (i < 0 || from + i >= to) throw new IndexOutOfBoundsException(name + " range has " + (to - from) + " seeds, asked for #" + i);
            return from + i;
        }
    }

    /** Seeds any tuning (thresholds, ballots, repair rules) may look at. */
    public static final SeedRange TUNING = new SeedRange("tuning", 1_000_000L, 2_000_000L);
    /** Seeds only the benchmark reads; tuning never sees them. */
    public static final SeedRange HELD_OUT = new SeedRange("held-out", 9_000_000L, 10_000_000L);

    /** Narrow/condensed bold faces from Debian packages (scripts/setup.sh installs them). */
    public static final List<Path> TYPEFACES = List.of(
            Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"),      // fonts-dejavu-extra
            Path.of("/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Bold.otf"),     // fonts-urw-base35
            Path.of("/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Bold.ttf"), // fonts-liberation
            Path.of("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"));                  // fonts-noto-core

    /** Loads every plate typeface; a missing one is an error naming the file and the package to install. */
    public static List<Font> loadTypefaces() throws IOException {
        List<Font> fonts = new ArrayList<>();
        for (Path p : TYPEFACES) {
            if (!Files.isRegularFile(p))
                throw new IOException("plate typeface " + p + " is missing: run scripts/setup.sh (installs fonts-dejavu-extra, fonts-urw-base35, fonts-liberation, fonts-noto-core)");
            try {
                fonts.add(Font.createFont(Font.TRUETYPE_FONT, p.toFile()));
            } catch (FontFormatException e) {
                throw new IOException(p + ": " + e.getMessage(), e);
            }
        }
        return fonts;
    }
}
