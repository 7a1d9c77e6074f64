package vn.matthan.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileTest {
    /** A model as every configuration model is written: default and constraints next to each field. */
    public static final class Sample {
        @Valid
        public Detector detector = new Detector();
        @Valid
        public List<Camera> cameras = new ArrayList<>();
    }

    public static final class Detector {
        @Pattern(regexp = "yolox|deimv2", message = "'${validatedValue}' is not one of yolox, deimv2")
        public String model = "yolox";
        @Range(min = 32, max = 2048)
        public int inputSize = 416;
        @Range(min = 0.01, max = 1)
        public double scoreThreshold = 0.3;
        public boolean enabled = true;
    }

    public static final class Camera {
        @NotBlank(message = "required")
        public String id;
        @Range(min = -90, max = 90)
        public double lat;
    }

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void absentAndEmptyKeysKeepTheDefaultsDeclaredOnTheFields() throws Exception {
        Path f = write("# nothing but a comment\ndetector:\n  input_size: 640\n  score_threshold:\n");
        Sample s = ConfigFile.load(f, Sample.class);
        assertThat(s.detector.inputSize).isEqualTo(640);
        assertThat(s.detector.scoreThreshold).isEqualTo(0.3);
        assertThat(s.detector.model).isEqualTo("yolox");
        assertThat(ConfigFile.load(write(""), Sample.class).cameras).isEmpty();
    }

    @Test
    void aMisspeltKeyIsRefusedWithFileLineFieldAndTheKnownKeys() throws Exception {
        Path f = write("detector:\n  model: yolox\n\n  scor_threshold: 0.5\n");
        assertThatThrownBy(() -> ConfigFile.load(f, Sample.class)).isInstanceOf(ConfigException.class)
                .hasMessage(f + ":4: detector.scor_threshold: unknown field (known: model, input_size, score_threshold, enabled)");
        Path g = write("cameras:\n  - id: a\n    lat: 1\n  - id: b\n    latt: 2\n");
        assertThatThrownBy(() -> ConfigFile.load(g, Sample.class))
                .hasMessage(g + ":5: cameras[1].latt: unknown field (known: id, lat)");
    }

    @Test
    void rangeAndPatternViolationsCarryTheirLine() throws Exception {
        Path f = write("detector:\n  model: yolov9\n  input_size: 4000\ncameras:\n  - {id: a, lat: 95}\n  - {lat: 1}\n");
        assertThatThrownBy(() -> ConfigFile.load(f, Sample.class)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactly(
                        f + ":2: detector.model: 'yolov9' is not one of yolox, deimv2",
                        f + ":3: detector.input_size: 4000 is outside [32.0, 2048.0]",
                        f + ":5: cameras[0].lat: 95.0 is outside [-90.0, 90.0]",
                        f + ":6: cameras[1].id: required"));
    }

    @Test
    void valuesOfTheWrongKindAreNotConverted() throws Exception {
        Path f = write("detector:\n  score_threshold: high\n");
        assertThatThrownBy(() -> ConfigFile.load(f, Sample.class))
                .hasMessage(f + ":2: detector.score_threshold: must be a number, got 'high'");
        Path g = write("detector:\n  input_size: 416.5\n");
        assertThatThrownBy(() -> ConfigFile.load(g, Sample.class))
                .hasMessage(g + ":2: detector.input_size: must be a whole number, got '416.5'");
        Path h = write("detector: {enabled: yes please}\n");
        assertThatThrownBy(() -> ConfigFile.load(h, Sample.class))
                .hasMessage(h + ":1: detector.enabled: must be true or false, got 'yes please'");
        Path i = write("cameras: {id: a}\n");
        assertThatThrownBy(() -> ConfigFile.load(i, Sample.class)).hasMessage(i + ":1: cameras: must be a list");
        Path j = write("- a list\n");
        assertThatThrownBy(() -> ConfigFile.load(j, Sample.class)).hasMessage(j + ":1: (document): must be a mapping");
    }

    @Test
    void aKeyGivenTwiceOrBrokenYamlIsRefusedWithItsLine() throws Exception {
        Path f = write("detector:\n  model: yolox\n  model: deimv2\n");
        assertThatThrownBy(() -> ConfigFile.load(f, Sample.class)).hasMessageStartingWith(f + ":3: not valid YAML: Duplicate field 'model'");
        Path g = write("detector: [ {model: x\n");
        assertThatThrownBy(() -> ConfigFile.load(g, Sample.class)).hasMessageStartingWith(g + ":").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigFile.load(dir.resolve("none.yaml"), Sample.class))
                .hasMessage(dir.resolve("none.yaml") + ": file not found");
    }

    @Test
    void checksAfterBindingNameTheLineOfTheFieldOrOfItsNearestPart() throws Exception {
        Path f = write("detector:\n  model: yolox\ncameras:\n  - id: a\n\n    lat: 1\n");
        ConfigFile c = ConfigFile.read(f);
        assertThat(c.problem("cameras[0].lat", "too far north")).isEqualTo(f + ":6: cameras[0].lat: too far north");
        assertThat(c.problem("cameras[0].lon", "required")).isEqualTo(f + ":4: cameras[0].lon: required");
        assertThat(c.problem("plates", "required")).isEqualTo(f + ":1: plates: required");
        assertThat(c.bind("cameras[0]", Camera.class).id).isEqualTo("a");
    }
}
