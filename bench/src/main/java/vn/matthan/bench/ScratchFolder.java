package vn.matthan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** A benchmark's temporary folder (database, broker, checkpoints), removed afterwards if anything is left. */
final class ScratchFolder {
    private ScratchFolder() {
    }

    /** Embedded PostgreSQL usually removes its own folder; whatever remains goes. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
