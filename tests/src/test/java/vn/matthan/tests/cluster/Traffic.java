package vn.matthan.tests.cluster;

import vn.matthan.events.EventJson;
import vn.matthan.events.Topics;
import vn.matthan.events.VehiclePassage;
import vn.matthan.events.ViolationDetected;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A deterministic stream of what camera nodes send: four cameras, five minutes of passages (lanes, classes, speeds)
 * and violations (plates repeated, some doubted, some with evidence), with producer retries re-sending a few events
 * a little later. Sent in order of sending time, at most 3 s out of event-time order. Also what a correct job stores.
 */
final class Traffic {
    static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");
    static final int SECONDS = 300;
    static final List<String> CAMERAS = List.of("cl-cam-1", "cl-cam-2", "cl-cam-3", "cl-cam-4");
    private static final String[] CLASSES = {"motorbike", "motorbike", "motorbike", "car", "car", "truck", "bus", "bicycle"};
    private static final String[] TYPES = {"red_light", "lane", "wrong_way"};

    record Event(String topic, String camera, byte[] value, double sentAt) {
    }

    final List<Event> events = new ArrayList<>();
    int passages;
    int violations;
    /** camera|class|minute → passages. */
    final Map<String, Long> flowMinute = new TreeMap<>();
    /** camera|type|5-minute bucket → violations. */
    final Map<String, Long> violation5min = new TreeMap<>();
    /** camera|type|Vietnamese day → violations. */
    final Map<String, Long> violationDay = new TreeMap<>();

    static Traffic generate(long seed) {
        Traffic t = new Traffic();
        Random r = new Random(seed);
        for (String camera : CAMERAS) {
            long track = 0;
            for (double s = r.nextDouble(); s < SECONDS; s += 0.4 + r.nextDouble() * 2.2) {
                Instant time = T0.plusMillis(Math.round(s * 1000));
                String cls = CLASSES[r.nextInt(CLASSES.length)];
                String lane = "lane-" + (1 + r.nextInt(3));
                VehiclePassage p = VehiclePassage.of(camera, "count-1", lane, cls, "forward", time, ++track, "v1", "cluster");
                if (r.nextInt(4) > 0) {
                    p = new VehiclePassage(p.schemaVersion(), p.eventId(), camera, p.countLine(), lane, cls, p.direction(),
                            Math.round((15 + r.nextDouble() * 45) * 10) / 10.0, time, track, p.sceneVersion());
                }
                byte[] value = EventJson.toBytes(p);
                double sentAt = s + r.nextDouble() * 1.5; // the camera node's own jitter
                t.events.add(new Event(Topics.VEHICLE_PASSAGE, camera, value, sentAt));
                if (r.nextInt(25) == 0) t.events.add(new Event(Topics.VEHICLE_PASSAGE, camera, value, sentAt + 1.5)); // retry
                t.passages++;
                t.flowMinute.merge(camera + "|" + cls + "|" + time.truncatedTo(ChronoUnit.MINUTES), 1L, Long::sum);
            }
            List<String> plates = List.of("43A-" + (100 + CAMERAS.indexOf(camera)) + ".21", "43B-555.0" + CAMERAS.indexOf(camera),
                    "92C1-234.56");
            for (double s = 3 + r.nextDouble() * 10; s < SECONDS; s += 8 + r.nextDouble() * 16) {
                Instant time = T0.plusMillis(Math.round(s * 1000));
                String type = TYPES[r.nextInt(TYPES.length)];
                String id = UUID.nameUUIDFromBytes((camera + "|" + s).getBytes(StandardCharsets.UTF_8)).toString();
                String plate = r.nextInt(5) == 0 ? null : plates.get(r.nextInt(plates.size()));
                Double confidence = plate == null ? null : r.nextInt(4) == 0 ? 0.6 : 0.93;
                String sha = r.nextBoolean() ? String.format("%064x", r.nextLong() & Long.MAX_VALUE) : null;
                byte[] value = EventJson.toBytes(new ViolationDetected(1, id, type, type + ":rule", "detail", camera, "48",
                        time, "approach", "motorbike", 7, "red", 1.5, null, false, List.of(10.0, 20.0, 30.0, 40.0),
                        plate, confidence, confidence == null ? null : confidence < 0.85,
                        sha == null ? null : "evidence:sha256:" + sha, sha, "v1#cluster"));
                double sentAt = s + 1 + r.nextDouble();
                t.events.add(new Event(Topics.VIOLATION_DETECTED, camera, value, sentAt));
                if (r.nextInt(8) == 0) t.events.add(new Event(Topics.VIOLATION_DETECTED, camera, value, sentAt + 1));
                t.violations++;
                long fiveMin = Duration.ofMinutes(5).toMillis();
                Instant bucket = Instant.ofEpochMilli(time.toEpochMilli() / fiveMin * fiveMin);
                t.violation5min.merge(camera + "|" + type + "|" + bucket, 1L, Long::sum);
                Instant day = time.plus(Duration.ofHours(7)).truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(7));
                t.violationDay.merge(camera + "|" + type + "|" + day, 1L, Long::sum);
            }
        }
        t.events.sort(Comparator.comparingDouble(Event::sentAt));
        return t;
    }
}
