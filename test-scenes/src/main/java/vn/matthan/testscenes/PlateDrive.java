package vn.matthan.testscenes;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.model.VehicleDetector;
import vn.matthan.detection.scene.CountLine;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.ingest.VideoFrame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vehicles with generated Vietnamese plates ({@link PlateImages}) driven one after another down a camera's view across a
 * horizontal count line at mid-height (down the view is forward), 5 frames a second, with an empty road between them; each vehicle's drawn box is
 * its ground truth. For the plate-on-passage and route tracing tests, where the plate is under test, not the detector.
 */
public record PlateDrive(String cameraId, List<PlateImages.Sample> vehicles, List<VideoFrame> frames, Map<Long, Box> boxes) {
    public static final int WIDTH = 1600, HEIGHT = 1300, FRAMES_PER_VEHICLE = 24, EMPTY_FRAMES = 8;
    public static final long FRAME_MILLIS = 200;

    /** Vehicles that fit the frame with room to move, drawn by {@code images} from {@code rng}. */
    public static List<PlateImages.Sample> vehicles(PlateImages images, java.util.Random rng, int count) {
        List<PlateImages.Sample> out = new ArrayList<>();
        while (out.size() < count) {
            PlateImages.Sample s = images.sample(rng, rng.nextBoolean(), false);
            if (s.width() <= 640 && s.height() <= 560) out.add(s);
        }
        return out;
    }

    /** The frames of these vehicles' drive past {@code cameraId}, the first frame at {@code start}. */
    public static PlateDrive of(String cameraId, List<PlateImages.Sample> vehicles, Instant start) {
        List<VideoFrame> frames = new ArrayList<>();
        Map<Long, Box> boxes = new ConcurrentHashMap<>();
        long seq = 0;
        for (PlateImages.Sample s : vehicles) {
            for (int i = 0; i < FRAMES_PER_VEHICLE; i++, seq++) {
                byte[] px = road();
                int x = WIDTH / 2 - s.width() / 2, y = (int) Math.round((HEIGHT - s.height()) * (i / (FRAMES_PER_VEHICLE - 1.0)));
                for (int r = 0; r < s.height(); r++) System.arraycopy(s.bgr(), r * s.width() * 3, px, ((y + r) * WIDTH + x) * 3, s.width() * 3);
                boxes.put(seq, new Box(x, y, x + s.width(), y + s.height()));
                frames.add(frame(cameraId, seq, start, px));
            }
            for (int i = 0; i < EMPTY_FRAMES; i++, seq++) frames.add(frame(cameraId, seq, start, road()));
        }
        return new PlateDrive(cameraId, List.copyOf(vehicles), frames, boxes);
    }

    private static byte[] road() {
        byte[] px = new byte[WIDTH * HEIGHT * 3];
        java.util.Arrays.fill(px, (byte) 96);
        return px;
    }

    private static VideoFrame frame(String camera, long seq, Instant start, byte[] px) {
        return new VideoFrame(camera, seq, start.plusMillis(FRAME_MILLIS * seq), FRAME_MILLIS * 1000 * seq, WIDTH, HEIGHT, px);
    }

    /** The camera's scene: one count line across the middle of the view. */
    public static SceneCalibration scene() {
        return SceneCalibration.countingOnly("plate-drive-1", WIDTH, HEIGHT,
                List.of(new CountLine("giữa", new Point(0, HEIGHT / 2.0), new Point(WIDTH, HEIGHT / 2.0), 3)));
    }

    /** The vehicles' drawn boxes as the detector's finds. */
    public VehicleDetector truthDetector() {
        return new VehicleDetector() {
            public List<Detection> detect(VideoFrame f) {
                Box b = boxes.get(f.sequence());
                return b == null ? List.of() : List.of(new Detection(b, TrafficClass.CAR, 0.9));
            }

            public String modelId() {
                return "ground-truth boxes";
            }

            public void close() {
            }
        };
    }

    /**
     * Runs a camera pipeline over the frames on its own thread until every frame is analysed, then stops it (its last
     * waiting passages go to the passage reader).
     */
    public void runThrough(vn.matthan.detection.pipeline.CameraPipeline pipeline, vn.matthan.ingest.FrameHandoff handoff)
            throws InterruptedException {
        Thread t = new Thread(pipeline, "drive-" + cameraId);
        t.start();
        for (VideoFrame f : frames) handoff.offer(f);
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (pipeline.framesAnalysed() < frames.size() && System.nanoTime() < deadline) Thread.sleep(20);
        pipeline.stop();
        t.join(10_000);
        if (pipeline.framesAnalysed() < frames.size()) {
            throw new IllegalStateException(cameraId + ": " + pipeline.framesAnalysed() + " of " + frames.size() + " frames analysed");
        }
    }
}
