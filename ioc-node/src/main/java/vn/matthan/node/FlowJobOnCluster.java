package vn.matthan.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.stream.FlinkRestSubmitter;
import vn.matthan.stream.FlowJob;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The stream role on a Flink session cluster ({@code IOC_FLINK_REST}): submits the flow job's jar over REST unless the
 * cluster already runs it (a restarted stream node must not start a second job counting every passage twice). Runs
 * in the background, so an unreachable JobManager — reported in one line and tried again by
 * {@link FlinkRestSubmitter} — never holds up the node's other roles. The job belongs to the cluster: stopping the node
 * leaves it running.
 */
final class FlowJobOnCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FlowJobOnCluster.class);

    private final Thread submitting;
    private volatile String jobId;

    FlowJobOnCluster(URI rest, Path jobJar, List<String> settings, int parallelism) {
        FlinkRestSubmitter flink = new FlinkRestSubmitter(rest);
        submitting = new Thread(() -> {
            try {
                String running = runningFlowJob(flink);
                if (running != null) {
                    jobId = running;
                    log.info("flink: the flow job {} already runs on {}; not submitted again", running, rest);
                    return;
                }
                jobId = flink.submit(jobJar, FlowJob.class.getName(), settings, parallelism);
                log.info("flink: flow job {} submitted to {} (parallelism {})", jobId, rest, parallelism);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.error("flink: the flow job was not submitted to {}: {}", rest, e.getMessage());
            }
        }, "flow-job-submit");
        submitting.setDaemon(true);
        submitting.start();
    }

    /** The job's id once it runs on the cluster; null while the JobManager has not answered. */
    String jobId() {
        return jobId;
    }

    private static String runningFlowJob(FlinkRestSubmitter flink) throws Exception {
        JsonNode jobs = flink.get("jobs/overview").path("jobs");
        for (JsonNode j : jobs) {
            String state = j.path("state").asText();
            if (FlowJob.JOB_NAME.equals(j.path("name").asText())
                    && (state.equals("RUNNING") || state.equals("RESTARTING") || state.equals("CREATED") || state.equals("INITIALIZING"))) {
                return j.path("jid").asText();
            }
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        submitting.interrupt();
        submitting.join(5000);
    }
}
