package vn.matthan.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/** One figure, written as {@code bench/results/<name>.json}. Never edited by hand. */
record BenchResult(String name, double value, String unit, double ratio, String comparedWith,
                   Map<String, Object> details) {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void write(Path dir) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name).put("value", round(value)).put("unit", unit).put("ratio", round(ratio))
                .put("compared_with", comparedWith).put("date", LocalDate.now().toString())
                .put("machine", Machine.describe());
        details.forEach((k, v) -> o.set(k, JSON.valueToTree(v)));
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(name + ".json").toFile(), o);
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
