package vn.matthan.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CameraRegistryTest {
    @TempDir
    Path dir;

    @Test
    void validCamerasStartWhileEachBadEntryIsReportedWithFieldAndReason() throws IOException {
        Files.writeString(dir.resolve("scene.yaml"), "version: 1\n");
        Files.writeString(dir.resolve("clip.mp4"), "x");
        Path file = dir.resolve("cameras.yaml");
        Files.writeString(file, """
                cameras:
                  - {id: cam-1, name: "Ngã tư 1", unit_code: "522", lat: 15.1, lon: 108.8, url: clip.mp4, scene: scene.yaml}
                  - {id: cam-2, name: "Ngã tư 2", unit_code: "52", lat: 15.1, lon: 108.8, url: "rtsp://h/s", scene: scene.yaml}
                  - {id: cam-3, name: "Ngã tư 3", unit_code: "522", lat: 95, lon: 108.8, url: "rtsp://h/s", scene: scene.yaml}
                  - {id: cam-4, name: "Ngã tư 4", unit_code: "522", lat: 15, lon: 108.8, url: missing.mp4, scene: scene.yaml}
                  - {id: cam-1, name: "Trùng", unit_code: "522", lat: 15, lon: 108.8, url: "rtsp://h/s", scene: scene.yaml}
                  - {id: cam-6, name: "Tốc độ", unit_code: "522", lat: 15, lon: 108.8, url: "rtsp://h/s", scene: scene.yaml, analysis_fps: "ten"}
                  - {id: cam-7, name: "Ngã tư 7", unit_code: "522", lat: 15, lon: 108.8, url: "rtsp://h/s", scene: nope.yaml}
                """);

        CameraRegistry r = CameraRegistry.load(file);

        assertThat(r.cameras()).extracting(CameraConfig::id).containsExactly("cam-1", "cam-2");
        assertThat(r.cameras().get(0).url()).isEqualTo(dir.resolve("clip.mp4").toString());
        assertThat(r.cameras().get(0).analysisFps()).isEqualTo(10.0);
        assertThat(r.cameras().get(0).clipBufferSeconds()).isEqualTo(20);
        assertThat(r.problems()).containsExactly(
                file + ":4: cameras[2].lat: 95.0 is outside [-90.0, 90.0]",
                file + ":5: cameras[3].url: video file not found: " + dir.resolve("missing.mp4"),
                file + ":6: cameras[4].id: duplicate camera id 'cam-1'",
                file + ":7: cameras[5].analysis_fps: must be a number, got 'ten'",
                file + ":8: cameras[6].scene: scene calibration file not found: " + dir.resolve("nope.yaml"));
    }

    @Test
    void aMissingOrMalformedFileIsOneClearError() throws IOException {
        assertThatThrownBy(() -> CameraRegistry.load(dir.resolve("none.yaml")))
                .hasMessageStartingWith("camera registry not found: ");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "cameras: [ {id: x\n");
        assertThatThrownBy(() -> CameraRegistry.load(bad)).hasMessageContaining("not valid YAML");
        Files.writeString(bad, "kameras: []\n");
        assertThatThrownBy(() -> CameraRegistry.load(bad)).hasMessageContaining("expected a top-level list 'cameras'");
        Files.writeString(bad, "cameras: {id: x}\n");
        assertThatThrownBy(() -> CameraRegistry.load(bad)).hasMessageContaining("'cameras' must be a list");
        Files.writeString(bad, "- just a list\n");
        assertThatThrownBy(() -> CameraRegistry.load(bad)).hasMessageContaining("expected a top-level list 'cameras'");
    }
}
