package vn.matthan.bench;

import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.CameraStream;
import vn.matthan.ingest.FrameHandoff;
import vn.matthan.ingest.PacketRing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * ingest-memory-per-camera: memory (live heap after GC + native resident memory outside the heap) added by each
 * streaming 1280×720 camera — grabber, decoder, 20 s packet ring, hand-off — with four cameras,
 * against the RSS of one {@code ffmpeg -re … -f null -} process decoding the same clip, in the same run.
 */
final class IngestMemoryBench {
    static BenchResult run(Path assets, int cameras, int seconds) throws Exception {
        Path clip = assets.resolve("videos/udacity_vehicle-detection_test_video.mp4");
        warmUp(clip); // loads the FFmpeg libraries once, so they are not counted as the first camera's memory
        System.gc();
        Thread.sleep(500);
        long nativeBefore = rss("self"); // the heap is pre-touched and fixed (./ioc bench), so RSS moves with native memory only
        long heapBefore = heapUsed();
        List<CameraStream> streams = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            FrameHandoff h = new FrameHandoff(4);
            CameraStream s = new CameraStream(new CameraConfig("mem-" + i, "m", "522", 0, 0, clip.toString(), 5, true, clip),
                    h, new PacketRing(Duration.ofSeconds(20)), 1);
            Thread t = new Thread(s);
            Thread drain = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) h.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ignored) {
                    // stop draining
                }
            });
            drain.setDaemon(true);
            t.start();
            drain.start();
            streams.add(s);
            threads.add(t);
            threads.add(drain);
        }
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", clip.toString(), "-an", "-f", "null", "-").redirectErrorStream(true).start();
        Thread.sleep(seconds * 1000L);
        System.gc();
        Thread.sleep(500);
        long nativeAfter = rss("self");
        long heapAfter = heapUsed();
        long ffmpegRss = rss(String.valueOf(ffmpeg.pid()));
        ffmpeg.destroy();
        long ringBytes = streams.stream().mapToLong(s -> s.ring().bytes()).sum();
        streams.forEach(CameraStream::stop);
        for (Thread t : threads) {
            t.interrupt();
            t.join(5000);
        }
        streams.forEach(s -> s.ring().close());
        // Heap that stays live after a GC plus the growth of native resident memory.
        double perCameraMiB = ((heapAfter - heapBefore) + (nativeAfter - nativeBefore)) / (double) cameras / (1 << 20);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cameras", cameras);
        details.put("seconds", seconds);
        details.put("heap_mib_per_camera", BenchResult.round((heapAfter - heapBefore) / (double) cameras / (1 << 20)));
        details.put("native_mib_per_camera", BenchResult.round((nativeAfter - nativeBefore) / (double) cameras / (1 << 20)));
        details.put("ring_mib_per_camera", BenchResult.round(ringBytes / (double) cameras / (1 << 20)));
        details.put("ffmpeg_process_rss_mib", BenchResult.round(ffmpegRss / (double) (1 << 20)));
        details.put("note", "ours excludes the JVM's fixed baseline; ffmpeg's figure is its whole process. The replayed"
                + " 1.5 s clip restarts the ring on every loop: a live 4 Mbit/s camera adds about 10 MiB for 20 s of ring");
        return new BenchResult("ingest-memory-per-camera", perCameraMiB, "MiB", perCameraMiB / (ffmpegRss / (double) (1 << 20)),
                "RSS of one ffmpeg process decoding the same clip, same run", details);
    }

    private static void warmUp(Path clip) throws Exception {
        FrameHandoff h = new FrameHandoff(2);
        CameraStream s = new CameraStream(new CameraConfig("warm", "w", "522", 0, 0, clip.toString(), 5, false, clip), h);
        Thread t = new Thread(s);
        t.start();
        t.join(10_000);
        s.ring().close();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** VmRSS of a process in bytes, from /proc. */
    static long rss(String pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
        }
        throw new IOException("no VmRSS for process " + pid);
    }
}
