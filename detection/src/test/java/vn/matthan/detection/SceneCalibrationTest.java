package vn.matthan.detection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SceneCalibrationTest {
    @TempDir
    Path dir;

    @Test
    void versionCombinesTheDeclaredVersionWithTheContentHash() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "version: '7'\ncount_lines:\n  - {name: a, from: [0, 0], to: [10, 0]}\n");
        SceneCalibration s = SceneCalibration.load(f);
        assertThat(s.version()).matches("7#[0-9a-f]{12}");
        assertThat(s.countLines()).containsExactly(new CountLine("a", new Point(0, 0), new Point(10, 0), 3));

        Files.writeString(f, "version: '7'\ncount_lines:\n  - {name: a, from: [0, 0], to: [11, 0]}\n");
        assertThat(SceneCalibration.load(f).version()).as("same label, other geometry").isNotEqualTo(s.version());
    }

    @Test
    void invalidCalibrationsAreRejectedWithFileAndField() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "count_lines: []\n");
        assertThatThrownBy(() -> SceneCalibration.load(f)).hasMessage(f + ": version: required");
        Files.writeString(f, "version: 1\ncount_lines:\n  - {name: a, from: [0], to: [10, 0]}\n");
        assertThatThrownBy(() -> SceneCalibration.load(f)).hasMessage(f + ": count_lines[0].from: expected [x, y] in pixels");
        Files.writeString(f, "version: 1\ncount_lines:\n  - {name: a, from: [5, 5], to: [5, 5]}\n");
        assertThatThrownBy(() -> SceneCalibration.load(f)).hasMessageContaining("count_lines[0]: count line 'a' has zero length");
    }
}
