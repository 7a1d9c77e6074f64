package vn.matthan.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.api.NoticeSettings;
import vn.matthan.api.indicators.IndicatorCatalog;
import vn.matthan.config.ConfigException;
import vn.matthan.detection.pipeline.DetectionConfig;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.ingest.CameraRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every YAML file the product ships is read by the one strict loader, loads cleanly, and refuses a misspelt key. */
class BundledConfigTest {
    static final Path CONFIG = WholeIocEndToEndTest.ROOT.resolve("config");

    @TempDir
    Path dir;

    /** Loads a file with the reader the node uses for the bundled file {@code name}; a YAML file nobody reads fails. */
    static void load(String name, Path file) throws Exception {
        switch (name) {
            case "cameras.yaml" -> assertThat(CameraRegistry.load(file).problems()).as(name).isEmpty();
            case "detection.yaml" -> DetectionConfig.load(file, WholeIocEndToEndTest.ASSETS.resolve("models"));
            case "indicators.yaml" -> IndicatorCatalog.load(file);
            case "notice.yaml" -> NoticeSettings.load(file);
            case "field-reports.yaml" -> vn.matthan.api.reports.FieldReportSettings.load(file, CONFIG.resolve("holidays.yaml"),
                    CONFIG.resolve("population.yaml"), WholeIocEndToEndTest.ASSETS);
            case "holidays.yaml" -> vn.matthan.api.reports.WorkingCalendar.load(file);
            case "population.yaml" -> vn.matthan.api.reports.FieldReportSettings.loadPopulation(file);
            default -> {
                // Earlier catalog versions, kept to re-derive statuses as they were: still read by today's loader.
                if (name.startsWith("indicators-history/")) {
                    IndicatorCatalog.load(file);
                    return;
                }
                assertThat(name).as("a YAML file under config/ that no reader is known for").startsWith("scenes/");
                SceneCalibration.load(file);
            }
        }
    }

    static List<Path> bundled() throws Exception {
        try (Stream<Path> files = Files.walk(CONFIG)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void everyBundledFileLoadsCleanly() throws Exception {
        List<Path> files = bundled();
        assertThat(files).extracting(f -> CONFIG.relativize(f).toString())
                .contains("cameras.yaml", "detection.yaml", "indicators.yaml", "notice.yaml", "scenes/qng-hung-vuong-01.yaml",
                        "field-reports.yaml", "holidays.yaml", "population.yaml");
        for (Path f : files) load(CONFIG.relativize(f).toString(), f);
    }

    @Test
    void aMisspeltKeyInEachBundledFileIsRefusedWithItsLine() throws Exception {
        for (Path f : bundled()) {
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
            int first = 0;
            while (lines.get(first).isBlank() || lines.get(first).startsWith("#")) first++;
            lines.add(first, "misspelt_key: 1");
            Path copy = dir.resolve(f.getFileName());
            Files.write(copy, lines);
            assertThatThrownBy(() -> load(CONFIG.relativize(f).toString(), copy)).as(f.toString())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(copy + ":" + (first + 1) + ": misspelt_key: unknown field (known: ");
        }
    }
}
