package vn.matthan.testscenes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated junction scene on disk: {@code scene.mp4} (the rendered video), {@code truth.json} (ground truth)
 * and {@code calibration.yaml} (the scene calibration a camera would be configured with).
 */
public record GeneratedScene(Path video, Path truthJson, Path calibration, GroundTruth truth) {

    /** Simulates, renders and writes a scene into {@code dir}. */
    public static GeneratedScene write(Path dir, long seed, double seconds, String signalSource) throws IOException {
        Files.createDirectories(dir);
        GroundTruth truth = new JunctionSimulation(seed, seconds).run();
        Path video = dir.resolve("scene.mp4"), json = dir.resolve("truth.json"), yaml = dir.resolve("calibration.yaml");
        try (JunctionRenderer r = new JunctionRenderer(truth)) {
            r.writeMp4(video);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), truth);
        Files.writeString(yaml, JunctionLayout.calibrationYaml(signalSource));
        return new GeneratedScene(video, json, yaml, truth);
    }

    /** {@code GeneratedScene <dir> [seed] [seconds] [vision|controller]}: writes a scene for manual inspection or demos. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: GeneratedScene <dir> [seed=1] [seconds=60] [vision|controller]");
            System.exit(2);
        }
        GeneratedScene s = write(Path.of(args[0]), args.length > 1 ? Long.parseLong(args[1]) : 1,
                args.length > 2 ? Double.parseDouble(args[2]) : 60, args.length > 3 ? args[3] : "vision");
        System.out.printf("%s: %d frames, %d vehicles, %d violations, %d passages%n", s.video(), s.truth().frames().size(),
                s.truth().vehicles().size(), s.truth().violations().size(), s.truth().passages().size());
    }

    public static GroundTruth readTruth(Path json) throws IOException {
        return new ObjectMapper().readValue(json.toFile(), GroundTruth.class);
    }
}
