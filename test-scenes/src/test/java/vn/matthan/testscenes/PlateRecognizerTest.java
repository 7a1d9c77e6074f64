package vn.matthan.testscenes;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.pipeline.DetectionConfig;
import vn.matthan.detection.plate.PlateRecognizer;
import vn.matthan.detection.plate.PlateRectifier;
import vn.matthan.detection.plate.PlateSightings;
import vn.matthan.detection.plate.TrackPlate;
import vn.matthan.detection.plate.VietnamesePlate;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.model.YoloxDetector;
import vn.matthan.ingest.StillImage;
import vn.matthan.ingest.VideoFrame;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The plate recogniser on the real plates of the shared assets and on generated Vietnamese plates. */
class PlateRecognizerTest {
    static final Path ASSETS = Path.of(System.getProperty("matthan.assets", "../../shared/assets"));
    static final Path MODELS = ASSETS.resolve("models");
    static PlateRecognizer recognizer;
    static PlateImages images;

    @BeforeAll
    static void load() throws Exception {
        recognizer = DetectionConfig.defaults(MODELS).plates().create();
        images = new PlateImages();
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    @Test
    void theRealCarPlateIsReadThroughDetectionLocalisationAndReading() throws Exception {
        VideoFrame f = StillImage.read("t", ASSETS.resolve("images/fastalpr_car_plate_5AU5341.png"));
        Box car;
        try (YoloxDetector d = new YoloxDetector(MODELS.resolve("yolox_nano.onnx"), 416, 0.3, 0.45, 1)) {
            car = d.detect(f).stream().filter(x -> x.trafficClass().isVehicle())
                    .max(Comparator.comparingDouble(x -> x.box().area())).map(Detection::box).orElseThrow();
        }
        PlateRecognizer.Result r = recognizer.recognize(f.bgr(), f.width(), f.height(), car, TrafficClass.CAR);
        // Not a Vietnamese plate: read exactly, then refused by the grammar, and sent to a human.
        assertThat(r.raw()).isEqualTo("5AU5341");
        assertThat(r.status()).isEqualTo(PlateRecognizer.Status.UNREADABLE);
        assertThat(r.needsHumanCheck()).isTrue();
        assertThat(r.note()).contains("5AU5341").contains("not a valid Vietnamese plate");
        assertThat(r.crop()).isNotNull();
    }

    @Test
    void aVehicleTooSmallToShowItsPlateIsSaidSo() {
        PlateRecognizer.Result r = recognizer.recognize(new byte[100 * 100 * 3], 100, 100, new Box(10, 10, 40, 30), TrafficClass.CAR);
        assertThat(r.status()).isEqualTo(PlateRecognizer.Status.TOO_SMALL);
        assertThat(r.note()).contains("too small");
    }

    @Test
    void aVehicleWithoutAPlateIsNotFound() {
        byte[] grey = new byte[300 * 240 * 3];
        java.util.Arrays.fill(grey, (byte) 90);
        PlateRecognizer.Result r = recognizer.recognize(grey, 300, 240, new Box(0, 0, 300, 240), TrafficClass.CAR);
        assertThat(r.status()).isEqualTo(PlateRecognizer.Status.NOT_FOUND);
        assertThat(r.needsHumanCheck()).isTrue();
    }

    @Test
    void generatedPlatesAreReadExactlyAndEveryWrongReadAsksForAHuman() {
        List<PlateEvaluation.Outcome> clean = PlateEvaluation.run(recognizer, images, 500, 11, false, PlateEvaluation.Start.PLATE_REGION);
        List<PlateEvaluation.Outcome> degraded = PlateEvaluation.run(recognizer, images, 500, 12, true, PlateEvaluation.Start.PLATE_REGION);
        assertThat(clean.stream().filter(o -> o.format() != vn.matthan.detection.plate.VietnamesePlate.Format.CAR_ONE_LINE).count()).isEqualTo(250);
        assertThat(PlateEvaluation.exactShare(clean)).isGreaterThanOrEqualTo(0.95);
        assertThat(PlateEvaluation.exactShare(degraded)).isGreaterThanOrEqualTo(0.85);
        assertThat(PlateEvaluation.wrongWithoutCheck(clean)).isEmpty();
        assertThat(PlateEvaluation.wrongWithoutCheck(degraded)).isEmpty();
    }

    @Test
    void theWholePathFromAVehicleCropFindsAndReadsMostPlates() {
        List<PlateEvaluation.Outcome> clean = PlateEvaluation.run(recognizer, images, 60, 13, false, PlateEvaluation.Start.VEHICLE_CROP);
        assertThat(PlateEvaluation.exactShare(clean)).isGreaterThanOrEqualTo(0.7);
        assertThat(PlateEvaluation.wrongWithoutCheck(clean)).isEmpty();
    }

    @Test
    void onPicturesDrawnApartFromTheTuningSetNoWrongReadPassesWithoutAHuman() throws Exception {
        PlateScenes scenes = new PlateScenes(ASSETS);
        List<PlateEvaluation.Outcome> crops = PlateEvaluation.run(recognizer, scenes, PlateGeneratorSpec.TUNING, 0, 45, true,
                PlateEvaluation.Start.VEHICLE_CROP);
        assertThat(PlateEvaluation.wrongWithoutCheck(crops)).isEmpty();
        // the locator is judged on its own: a plate it missed is never read exactly
        assertThat(PlateEvaluation.locatedShare(crops)).isGreaterThan(0.6);
        assertThat(crops).filteredOn(PlateEvaluation.Outcome::exact).allMatch(PlateEvaluation.Outcome::located);
        assertThat(crops.stream().map(PlateEvaluation.Outcome::format).distinct()).containsExactlyInAnyOrderElementsOf(PlateEvaluation.KINDS);
    }

    @Test
    void aTrackVotesOverItsBestViews() {
        Random rng = new Random(5);
        PlateImages.Sample s;
        do {
            s = images.sample(rng, false, false);
        } while (recognizer.recognize(s.bgr(), s.width(), s.height(), new Box(0, 0, s.width(), s.height()), TrafficClass.CAR).status()
                != PlateRecognizer.Status.READ);
        PlateSightings sightings = new PlateSightings(3, 40);
        // The same car seen four times: the three best views are kept and their reads agree.
        for (int i = 0; i < 4; i++) {
            sightings.offer(7, s.bgr(), s.width(), s.height(), new Box(0, 0, s.width(), s.height()), TrafficClass.CAR, 0.9 - i * 0.1);
        }
        List<PlateSightings.View> views = sightings.best(7);
        assertThat(views).hasSize(3);
        assertThat(views.get(0).score()).isEqualTo(0.9);
        TrackPlate plate = TrackPlate.read(recognizer, views);
        assertThat(plate.result().normalised()).isEqualTo(s.normalised());
        assertThat(plate.result().crop()).isNotNull();
        assertThat(plate.viewsRead()).isEqualTo(3);
        assertThat(plate.agreeing()).isEqualTo(3);
    }

    @Test
    void aTrackWithoutUsableViewsSaysSo() {
        TrackPlate plate = TrackPlate.read(recognizer, List.of());
        assertThat(plate.result().status()).isEqualTo(PlateRecognizer.Status.TOO_SMALL);
        assertThat(plate.result().needsHumanCheck()).isTrue();
    }
}
