package vn.matthan.stream;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The job's checkpoints in a folder, kept when the job is cancelled, so that a restarted node resumes where it
 * stopped (window contents and the ids already counted included). The JobManager's memory is no place for them:
 * six hours of passage ids are megabytes, past its 5 MB limit, and a checkpoint that cannot be stored fails the job.
 */
public final class CheckpointDirectory {
    private CheckpointDirectory() {
    }

    /** Checkpoints to {@code dir}; resumes from the newest completed one there, if any (returned, else null). */
    public static Path configure(Configuration conf, Path dir) {
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        Path latest = latest(dir);
        if (latest != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, latest.toUri().toString());
            // An upgraded job may have dropped an operator; its state is then left behind instead of refusing to start.
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        return latest;
    }

    /** The newest completed checkpoint (a chk-N folder with its _metadata), or null. */
    public static Path latest(Path root) {
        if (!Files.isDirectory(root)) return null;
        try (Stream<Path> s = Files.walk(root, 3)) {
            return s.filter(p -> p.getFileName().toString().startsWith("chk-") && Files.exists(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))))
                    .orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
