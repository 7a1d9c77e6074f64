package vn.matthan.node;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.stream.CheckpointDirectory;
import vn.matthan.stream.FlowJob;
import vn.matthan.stream.FlowJobConfig;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The flow job on a Flink MiniCluster inside this JVM, resumed from the last checkpoint in the data folder: the
 * same job a Flink cluster runs, with the single-box sizing below.
 */
final class EmbeddedFlink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedFlink.class);
    /** One task slot holds the whole job: the demo's few cameras need no more parallelism. */
    private static final int PARALLELISM = 1;
    /** Flink's defaults (hundreds of MB) are sized for a cluster's TaskManager; the job keeps its state on the heap. */
    private static final MemorySize MANAGED_MEMORY = MemorySize.parse("64m");
    private static final MemorySize NETWORK_MEMORY = MemorySize.parse("32m");
    private static final long CANCEL_TIMEOUT_SECONDS = 30;

    private final JobClient job;

    EmbeddedFlink(Path checkpoints, FlowJobConfig config) throws Exception {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED_MEMORY);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, NETWORK_MEMORY);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, NETWORK_MEMORY);
        Path resumed = CheckpointDirectory.configure(conf, checkpoints);
        if (resumed != null) log.info("flink: resuming the flow job from checkpoint {}", resumed);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, conf);
        FlowJob.build(env, config);
        job = env.executeAsync(FlowJob.JOB_NAME);
        log.info("flink: flow job {} running on a local MiniCluster", job.getJobID());
    }

    @Override
    public void close() throws Exception {
        job.cancel().get(CANCEL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
