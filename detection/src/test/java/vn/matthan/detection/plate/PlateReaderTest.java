package vn.matthan.detection.plate;

import org.junit.jupiter.api.Test;
import java.nio.file.Path;
import vn.matthan.ingest.StillImage;
import vn.matthan.ingest.VideoFrame;

import static org.assertj.core.api.Assertions.assertThat;

class PlateReaderTest {
    static final Path ASSETS = Path.of(System.getProperty("matthan.assets", "../../shared/assets"));
    @Test
    void readsTheRealPlateCropsExactly() throws Exception {
        try (PlateReader r = new PlateReader(ASSETS.resolve("models/cct_xs_v1_global.onnx"), 1)) {
            for (String name : new String[]{"AD799KB", "KRW301"}) {
                VideoFrame f = StillImage.read("t", ASSETS.resolve("images/plate_crop_" + name + ".png"));
                PlateReader.Read read = r.read(f.bgr(), f.width(), f.height());
                System.out.println(name + " -> " + read.text() + " " + java.util.Arrays.toString(read.confidence()));
                assertThat(read.text()).isEqualTo(name);
                assertThat(read.minConfidence()).isGreaterThan(0.5);
            }
        }
    }

    @Test
    void findsThePlateOfTheRealCarImage() throws Exception {
        try (PlateLocator loc = new PlateLocator(ASSETS.resolve("models/license_plate_detection_lpd_yunet_2023mar.onnx"), 1)) {
            VideoFrame f = StillImage.read("t", ASSETS.resolve("images/fastalpr_car_plate_5AU5341.png"));
            var quads = loc.locate(f.bgr(), f.width(), f.height(), new vn.matthan.detection.geometry.Box(0, 0, f.width(), f.height()));
            System.out.println(f.width() + "x" + f.height() + " quads " + quads);
            assertThat(quads).isNotEmpty();
            try (PlateReader r = new PlateReader(ASSETS.resolve("models/cct_xs_v1_global.onnx"), 1)) {
                for (double m : new double[]{0, 0.05, 0.1, 0.15}) {
                    PlateRectifier.Plate p = PlateRectifier.rectify(f.bgr(), f.width(), f.height(), quads.get(0).corners(), m);
                    System.out.println("margin " + m + " -> " + r.read(p.bgr(), p.width(), p.height()));
                }
            }
        }
    }
}
