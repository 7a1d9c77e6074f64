package vn.matthan.testscenes;

import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class PlateGeneratorSpecTest {
    @Test
    void tuningAndHeldOutSeedsNeverOverlap() {
        var t = PlateGeneratorSpec.TUNING;
        var h = PlateGeneratorSpec.HELD_OUT;
        assertTrue(t.to() <= h.from() || h.to() <= t.from());
        assertTrue(h.contains(h.seed(0)) && !t.contains(h.seed(0)));
        assertThrows(IndexOutOfBoundsException.class, () -> t.seed((int) (t.to() - t.from())));
    }

    @Test
    void severalDistinctTypefacesLoad() throws Exception {
        List<Font> fonts = PlateGeneratorSpec.loadTypefaces();
        Set<String> families = new HashSet<>();
        for (Font f : fonts) families.add(f.getFontName());
        assertEquals(PlateGeneratorSpec.TYPEFACES.size(), families.size(), "typefaces differ: " + families);
    }
}
