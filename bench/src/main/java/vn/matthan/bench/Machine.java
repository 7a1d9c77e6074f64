package vn.matthan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

final class Machine {
    private Machine() {
    }

    /** Current clock of the first core in GHz (from /proc/cpuinfo), or 2.0 when unknown. */
    static double ghz() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("cpu MHz"))
                    .findFirst().map(l -> Double.parseDouble(l.substring(l.indexOf(':') + 1).trim()) / 1000).orElse(2.0);
        } catch (IOException | NumberFormatException e) {
            return 2.0;
        }
    }

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: keep the generic name
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version");
    }
}
