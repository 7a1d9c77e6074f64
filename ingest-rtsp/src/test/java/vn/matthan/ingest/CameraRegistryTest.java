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
    void aMisspeltKeyRefusesItsEntryWithTheLineWhileTheOtherCamerasStart() throws IOException {
        Files.writeString(dir.resolve("scene.yaml"), "version: 1\n");
        Path file = dir.resolve("cameras.yaml");
        Files.writeString(file, """
                cameras:
                  - id: cam-1
                    name: "Ngã tư 1"
                    unit_code: "522"
                    lat: 15.1
                    lon: 108.8
                    url: "rtsp://h/s"
                    scene: scene.yaml
                  - id: cam-2
                    name: "Ngã tư 2"
                    unit_code: "522"
                    lat: 15.1
                    lon: 108.8
                    url: "rtsp://h/s"
                    analysis_fsp: 5
                    scene: scene.yaml
                """);

        CameraRegistry r = CameraRegistry.load(file);

        assertThat(r.cameras()).extracting(CameraConfig::id).containsExactly("cam-1");
        assertThat(r.problems()).containsExactly(file + ":15: cameras[1].analysis_fsp: unknown field (known: id, name, unit_code, "
                + "lat, lon, url, loop, analysis_fps, scene, clip_buffer_seconds, passage_plates)");
    }

    @Test
    void outOfRangeValuesAreReportedWithTheirOwnLine() throws IOException {
        Files.writeString(dir.resolve("scene.yaml"), "version: 1\n");
        Path file = dir.resolve("cameras.yaml");
        Files.writeString(file, """
                cameras:
                  - id: Cam 1
                    name: "Ngã tư 1"
                    unit_code: "5220"
                    lat: 15.1
                    lon: 208.8
                    url: "rtsp://h/s"
                    scene: scene.yaml
                    clip_buffer_seconds: 1
                """);

        assertThat(CameraRegistry.load(file).problems()).containsExactly(
                file + ":2: cameras[0].id: 'Cam 1' must be lower-case letters, digits, '-' or '_'",
                file + ":4: cameras[0].unit_code: '5220' is not a 2/3/5-digit official unit code",
                file + ":6: cameras[0].lon: 208.8 is outside [-180.0, 180.0]",
                file + ":9: cameras[0].clip_buffer_seconds: 1 is outside [2.0, 300.0]");
    }

    @Test
    void theBundledRegistryLoadsCleanly() throws IOException {
        Path shipped = Path.of(System.getProperty("matthan.root", "..")).resolve("config/cameras.yaml");
        CameraRegistry r = CameraRegistry.load(shipped);
        assertThat(r.problems()).isEmpty();
        assertThat(r.cameras()).extracting(CameraConfig::id).containsExactly("qng-hung-vuong-01");
    }

    @Test
    void aMissingOrMalformedFileIsOneClearError() throws IOException {
        assertThatThrownBy(() -> CameraRegistry.load(dir.resolve("none.yaml")))
                .hasMessageStartingWith("camera registry not found: ");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "cameras: [ {id: x\n");
        assertThatThrownBy(() -> CameraRegistry.load(bad)).hasMessageContaining("not valid YAML");
        Files.writeString(bad, "kameras: []\n");
        assertThatThrownBy(() -> CameraRegistry.load(bad)).hasMessage(bad + ":1: kameras: unknown field (known: cameras, nodes)");
        Files.writeString(bad, "# no cameras yet\n");
        assertThatThrownBy(() -> CameraRegistry.load(bad)).hasMessage(bad + ":1: cameras: required: the top-level list of cameras");
        Files.writeString(bad, "cameras: {id: x}\n");
        assertThatThrownBy(() -> CameraRegistry.load(bad)).hasMessage(bad + ":1: cameras: must be a list");
        Files.writeString(bad, "- just a list\n");
        assertThatThrownBy(() -> CameraRegistry.load(bad)).hasMessage(bad + ":1: (document): must be a mapping");
    }

    @Test
    void eachCameraNodeAnalysesTheCamerasListedUnderItAndNoOther() throws IOException {
        Path file = registryWithNodes("""
                nodes:
                  camera-1: [cam-a, cam-b]
                  camera-2: [cam-c, cam-d]
                """);

        CameraRegistry r = CameraRegistry.load(file);

        assertThat(r.problems()).isEmpty();
        assertThat(r.assignsNodes()).isTrue();
        assertThat(r.nodeIds()).containsExactly("camera-1", "camera-2");
        assertThat(r.camerasOf("camera-1")).extracting(CameraConfig::id).containsExactly("cam-a", "cam-b");
        assertThat(r.camerasOf("camera-2")).extracting(CameraConfig::id).containsExactly("cam-c", "cam-d");
        assertThatThrownBy(() -> r.camerasOf(null)).hasMessage(
                "IOC_NODE_ID is required: the camera registry assigns cameras to nodes [camera-1, camera-2]");
        assertThatThrownBy(() -> r.camerasOf("camera-9")).hasMessage(
                "camera node 'camera-9' is not one of the registry's nodes [camera-1, camera-2]");
    }

    @Test
    void aCameraAssignedToNoNodeOrToTwoIsReportedWithItsIdAndRunsNowhere() throws IOException {
        Path file = registryWithNodes("""
                nodes:
                  camera-1: [cam-a, cam-b, cam-x]
                  camera-2: [cam-b, cam-c]
                """);

        CameraRegistry r = CameraRegistry.load(file);

        assertThat(r.problems()).containsExactly(
                file + ":7: nodes.camera-1[2]: camera 'cam-x' is not a valid camera of this registry",
                file + ":7: nodes.camera-1[1]: camera cam-b is assigned to 2 camera nodes [camera-1, camera-2]: "
                        + "it is not analysed until it is listed under one",
                file + ":5: cameras[3]: camera cam-d is assigned to no camera node under 'nodes': it is not analysed");
        assertThat(r.camerasOf("camera-1")).extracting(CameraConfig::id).containsExactly("cam-a");
        assertThat(r.camerasOf("camera-2")).extracting(CameraConfig::id).containsExactly("cam-c");
        assertThat(r.cameras()).extracting(CameraConfig::id).containsExactly("cam-a", "cam-b", "cam-c", "cam-d");
    }

    @Test
    void withoutNodesOneNodeAnalysesEveryCamera() throws IOException {
        CameraRegistry r = CameraRegistry.load(registryWithNodes(""));

        assertThat(r.assignsNodes()).isFalse();
        assertThat(r.camerasOf(null)).extracting(CameraConfig::id).containsExactly("cam-a", "cam-b", "cam-c", "cam-d");
    }

    private Path registryWithNodes(String nodes) throws IOException {
        Files.writeString(dir.resolve("scene.yaml"), "version: 1\n");
        Path file = dir.resolve("cameras.yaml");
        Files.writeString(file, """
                cameras:
                  - {id: cam-a, name: "A", unit_code: "522", lat: 15.1, lon: 108.8, url: "rtsp://h/a", scene: scene.yaml}
                  - {id: cam-b, name: "B", unit_code: "522", lat: 15.1, lon: 108.8, url: "rtsp://h/b", scene: scene.yaml}
                  - {id: cam-c, name: "C", unit_code: "522", lat: 15.1, lon: 108.8, url: "rtsp://h/c", scene: scene.yaml}
                  - {id: cam-d, name: "D", unit_code: "522", lat: 15.1, lon: 108.8, url: "rtsp://h/d", scene: scene.yaml}
                """ + nodes);
        return file;
    }
}
