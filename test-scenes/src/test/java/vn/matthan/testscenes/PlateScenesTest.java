package vn.matthan.testscenes;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.matthan.detection.plate.VietnamesePlate;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class PlateScenesTest {
    static final Path ASSETS = Path.of(System.getProperty("matthan.assets", "../../shared/assets"));
    static final List<VietnamesePlate.Format> KINDS = List.of(VietnamesePlate.Format.CAR_ONE_LINE, VietnamesePlate.Format.CAR_TWO_LINE,
            VietnamesePlate.Format.MOTORBIKE_TWO_LINE);
    static PlateScenes scenes;

    @BeforeAll
    static void load() throws Exception {
        scenes = new PlateScenes(ASSETS);
    }

    @Test
    void oneSeedAlwaysGivesTheSamePicture() {
        long seed = PlateGeneratorSpec.TUNING.seed(7);
        var a = scenes.scene(seed, VietnamesePlate.Format.CAR_TWO_LINE, true);
        var b = scenes.scene(seed, VietnamesePlate.Format.CAR_TWO_LINE, true);
        assertArrayEquals(a.bgr(), b.bgr());
        assertEquals(a.degradation(), b.degradation());
        assertEquals(a.normalised(), b.normalised());
        assertNotEquals(a.normalised(), scenes.scene(seed + 1, VietnamesePlate.Format.CAR_TWO_LINE, true).normalised());
    }

    @Test
    void everyDegradationStaysInsideItsBounds() {
        for (int i = 0; i < 90; i++) {
            var s = scenes.scene(PlateGeneratorSpec.TUNING.seed(i), KINDS.get(i % 3), true);
            var d = s.degradation();
            String at = "seed " + s.seed() + ": " + d;
            assertTrue(d.widthPx() >= PlateScenes.MIN_WIDTH_PX - 1e-9 && d.widthPx() <= PlateScenes.MAX_WIDTH_PX + 1e-9, at);
            assertTrue(d.tiltDeg() <= PlateScenes.MAX_TILT_DEG && Math.abs(d.rollDeg()) <= PlateScenes.MAX_ROLL_DEG, at);
            assertTrue(d.motionPx() <= PlateScenes.MAX_MOTION_PX && d.defocusSigma() <= PlateScenes.MAX_DEFOCUS_SIGMA, at);
            assertTrue(d.jpegQuality() >= PlateScenes.MIN_JPEG && d.jpegQuality() <= PlateScenes.MAX_JPEG, at);
            assertTrue(d.noiseSigma() >= PlateScenes.MIN_NOISE && d.noiseSigma() <= PlateScenes.MAX_NOISE, at);
            assertTrue(d.occluded() <= PlateScenes.MAX_OCCLUDED, at);
            assertEquals(d.occluder() == PlateScenes.Occluder.NONE, d.occluded() == 0, at);
            for (var p : s.corners()) assertTrue(p.x() >= 0 && p.y() >= 0 && p.x() <= s.width() && p.y() <= s.height(), at);
            assertTrue(VietnamesePlate.parse(s.normalised(), s.format()).isPresent(), at);
        }
    }

    @Test
    void cleanPicturesAreOnlyLessTilted() {
        for (int i = 0; i < 30; i++) {
            var d = scenes.scene(PlateGeneratorSpec.TUNING.seed(i), KINDS.get(i % 3), false).degradation();
            assertTrue(d.widthPx() >= PlateScenes.MIN_CLEAN_WIDTH_PX - 1e-9 && d.tiltDeg() <= PlateScenes.MAX_CLEAN_TILT_DEG, d.toString());
            assertEquals(0, d.jpegQuality());
            assertEquals(0, d.noiseSigma());
            assertEquals(0, d.motionPx() + d.defocusSigma());
            assertEquals(PlateScenes.Occluder.NONE, d.occluder());
        }
    }

    @Test
    void theDistributionsAreReallyDrawnFrom() {
        Set<String> faces = new HashSet<>(), backgrounds = new HashSet<>();
        Set<PlateScenes.Light> lights = EnumSet.noneOf(PlateScenes.Light.class);
        Set<PlateScenes.Occluder> occluders = EnumSet.noneOf(PlateScenes.Occluder.class);
        double minW = 1e9, maxW = 0, maxTilt = 0;
        int blurred = 0;
        for (int i = 0; i < 200; i++) {
            var s = scenes.scene(PlateGeneratorSpec.TUNING.seed(i), KINDS.get(i % 3), true);
            var d = s.degradation();
            faces.add(d.typeface());
            backgrounds.add(s.background());
            lights.add(d.light());
            occluders.add(d.occluder());
            minW = Math.min(minW, d.widthPx());
            maxW = Math.max(maxW, d.widthPx());
            maxTilt = Math.max(maxTilt, d.tiltDeg());
            if (d.motionPx() > 0 || d.defocusSigma() > 0) blurred++;
        }
        assertEquals(Set.copyOf(scenes.typefaces()), faces);
        assertEquals(EnumSet.allOf(PlateScenes.Light.class), lights);
        assertEquals(EnumSet.allOf(PlateScenes.Occluder.class), occluders);
        assertTrue(minW < 60 && maxW > 150, minW + " .. " + maxW);
        assertTrue(maxTilt > 28, "tilt up to " + maxTilt);
        assertTrue(blurred > 100 && blurred < 200, blurred + " of 200 blurred");
        assertTrue(backgrounds.size() >= 10 && backgrounds.stream().allMatch(b -> b.startsWith("images/") || b.startsWith("videos/")), backgrounds.toString());
    }

    @Test
    void theTypefacesDrawVisiblyDifferentPlates() {
        var n = VietnamesePlate.parse("51F12345", VietnamesePlate.Format.CAR_ONE_LINE).orElseThrow();
        int faces = scenes.typefaces().size();
        assertTrue(faces >= 4);
        for (int a = 0; a < faces; a++) {
            for (int b = a + 1; b < faces; b++) {
                double differ = differingShare(scenes.face(n, "white", a), scenes.face(n, "white", b));
                assertTrue(differ > 0.05, scenes.typefaces().get(a) + " vs " + scenes.typefaces().get(b) + ": " + differ);
            }
        }
    }

    @Test
    void theVehicleCropHasTheShapeOfItsVehicle() {
        var car = scenes.scene(PlateGeneratorSpec.TUNING.seed(3), VietnamesePlate.Format.CAR_ONE_LINE, false);
        var bike = scenes.scene(PlateGeneratorSpec.TUNING.seed(3), VietnamesePlate.Format.MOTORBIKE_TWO_LINE, false);
        assertTrue(car.width() > car.height() && bike.height() > bike.width());
        // the plate sits in the lower, central part of the crop, where the reader looks first
        double cy = car.corners().stream().mapToDouble(p -> p.y()).average().orElseThrow();
        assertTrue(cy > car.height() * 0.5, "plate centre at " + cy + " of " + car.height());
    }

    /** Share of pixels whose ink/background differs (grey levels more than 100 apart). */
    private static double differingShare(BufferedImage a, BufferedImage b) {
        byte[] x = ((DataBufferByte) a.getRaster().getDataBuffer()).getData(), y = ((DataBufferByte) b.getRaster().getDataBuffer()).getData();
        int n = 0;
        for (int i = 0; i < x.length; i += 3) if (Math.abs((x[i] & 0xff) - (y[i] & 0xff)) > 100) n++;
        return n / (x.length / 3.0);
    }
}
