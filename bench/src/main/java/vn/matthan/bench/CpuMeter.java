package vn.matthan.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time spent by this JVM and, apart, by the PostgreSQL processes while it runs, so a benchmark can say what the
 * work cost in its own process and in the database. Backends that exit take their CPU with them, so a sampler keeps
 * the highest reading of each process.
 */
final class CpuMeter implements AutoCloseable {
    private final long jvmStart = jvmCpuNanos();
    private final Map<Long, Long> initial = new HashMap<>();
    private final Map<Long, Long> highest = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    CpuMeter() {
        sample(true);
        sampler = new Thread(() -> {
            while (running) {
                sample(false);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cpu-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample(boolean first) {
        ProcessHandle.allProcesses().forEach(p -> {
            var info = p.info();
            if (info.command().map(c -> c.endsWith("/postgres")).orElse(false)) {
                long cpu = info.totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
                if (first) initial.put(p.pid(), cpu);
                highest.merge(p.pid(), cpu, Math::max);
            }
        });
    }

    /** {jvm seconds, database seconds} since the meter started. */
    double[] seconds() {
        sample(false);
        long db = 0;
        for (var e : highest.entrySet()) db += e.getValue() - initial.getOrDefault(e.getKey(), 0L);
        return new double[]{(jvmCpuNanos() - jvmStart) / 1e9, db / 1e9};
    }

    static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
