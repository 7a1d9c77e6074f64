package vn.matthan.tests.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A log4j2 configuration for a child JVM: everything on its standard output (its log file), at the given levels. */
final class ChildLogging {
    private ChildLogging() {
    }

    static Path write(Path file, String rootLevel, Map<String, String> levels) throws IOException {
        StringBuilder s = new StringBuilder("""
                status = warn
                appender.out.type = Console
                appender.out.name = out
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5level %-30c{1} %msg%n
                rootLogger.level = %s
                rootLogger.appenderRef.out.ref = out
                """.replace("rootLogger.level = %s", "rootLogger.level = " + rootLevel));
        int i = 0;
        for (Map.Entry<String, String> e : levels.entrySet()) {
            s.append("logger.l").append(i).append(".name = ").append(e.getKey()).append('\n');
            s.append("logger.l").append(i).append(".level = ").append(e.getValue()).append('\n');
            i++;
        }
        Files.createDirectories(file.getParent());
        return Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
    }
}
