package vn.matthan.testscenes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.evidence.DataBar;
import vn.matthan.detection.evidence.EvidencePackager;
import vn.matthan.detection.evidence.EvidenceVerifier;
import vn.matthan.detection.evidence.NodeKeys;
import vn.matthan.events.ViolationDetected;
import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.CameraStream;
import vn.matthan.ingest.FrameHandoff;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence of a parking violation (a kerb stop streamed from a generated scene): three stills — where the car
 * stopped, at the limit, the package's last frame — with the stay in the signed manifest; a stay older than the
 * camera's buffered video starts at the oldest buffered moment and says so.
 */
class StayEvidencePackageTest {
    @TempDir
    Path dir;

    @Test
    void aParkingPackageShowsTheStopTheLimitAndTheLastFrameAndKeepsTheStayInTheSignedManifest() throws Exception {
        GroundTruth truth = new JunctionSimulation(31, 16).withKerbStops(List.of(new JunctionSimulation.KerbStop(0, 20, 30, 0, 0))).run();
        Path video = dir.resolve("kerb.mp4");
        try (JunctionRenderer r = new JunctionRenderer(truth)) {
            r.writeMp4(video);
        }
        CameraConfig cam = new CameraConfig("qng-test-01", "Đường Hùng Vương", "522", 15.1214, 108.8044, video.toString(), 10, false, dir);
        CameraStream stream = new CameraStream(cam, new FrameHandoff(4));
        Thread t = new Thread(stream);
        t.start();
        EvidencePackager.Written pkg, clamped;
        Instant at, stoppedAt;
        NodeKeys keys = NodeKeys.loadOrCreate(dir.resolve("keys"));
        try {
            Thread.sleep(11_000);
            at = Instant.now().minusMillis(2500);
            stoppedAt = at.minusSeconds(6);
            EvidencePackager packager = new EvidencePackager(dir.resolve("evidence"), keys, new DataBar(DataBar.DEFAULT_FONT),
                    List.of(), Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(2));
            pkg = packager.write(new EvidencePackager.Request(event("1", at), cam, stoppedAt, at.plusSeconds(1)), stream.ring());
            // standing since long before the buffered video: the first still is the oldest moment still kept
            clamped = packager.write(new EvidencePackager.Request(event("2", at), cam, at.minusSeconds(600), at.plusSeconds(1)), stream.ring());
        } finally {
            stream.stop();
            t.join(5000);
            stream.ring().close();
        }
        assertThat(new EvidenceVerifier(Map.of(keys.keyId(), keys.publicKey())).verify(pkg.dir()).intact()).isTrue();
        JsonNode m = new ObjectMapper().readTree(pkg.dir().resolve("manifest.json").toFile());
        assertThat(m.path("violation_type").asText()).isEqualTo("parking");
        assertThat(m.path("violation_label_vi").asText()).startsWith("Đỗ xe sai quy định");
        JsonNode stills = m.path("stills");
        assertThat(stills).hasSize(3);
        assertThat(Instant.parse(stills.get(0).path("moment").asText())).isEqualTo(stoppedAt);
        assertThat(Instant.parse(stills.get(1).path("moment").asText())).isEqualTo(at);
        assertThat(Instant.parse(stills.get(2).path("moment").asText())).as("the package's last frame").isAfter(at.plusSeconds(1));
        assertThat(stills.get(0).path("caption").asText()).isEqualTo("Ảnh 1/3: xe dừng trong vùng cấm");
        assertThat(stills.get(1).path("caption").asText()).isEqualTo("Ảnh 2/3: hết thời gian cho phép");
        for (String f : List.of("still-1-before.jpg", "still-2-violation.jpg", "still-3-after.jpg")) assertThat(pkg.dir().resolve(f)).isNotEmptyFile();
        assertThat(m.path("stay").path("standing_since").asText()).isEqualTo(stoppedAt.toString());
        assertThat(m.path("stay").path("standing_seconds_at_limit").asDouble()).isEqualTo(6.0);

        JsonNode c = new ObjectMapper().readTree(clamped.dir().resolve("manifest.json").toFile());
        assertThat(c.path("stills").get(0).path("caption").asText()).contains("ảnh sớm nhất còn lưu");
        assertThat(Instant.parse(c.path("stills").get(0).path("moment").asText())).isAfter(at.minusSeconds(30));
        assertThat(c.path("stay").path("standing_seconds_at_limit").asDouble()).isEqualTo(600.0);
        assertThat(new EvidenceVerifier(Map.of(keys.keyId(), keys.publicKey())).verify(clamped.dir()).intact()).isTrue();
    }

    private static ViolationDetected event(String n, Instant at) {
        return new ViolationDetected(1, "8d1c6c4e-0000-4000-8000-00000000000" + n, "parking", "parking:kerb",
                "stood_beyond_limit", "qng-test-01", "522", at, "kerb", "car", 7, null, null, null, false,
                List.of(1100.0, 300.0, 1240.0, 420.0), null, null, null, null, null, "synthetic-junction-1#abc");
    }
}
