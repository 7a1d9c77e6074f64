package vn.matthan.node;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code ./ioc demo}: runs the node until Ctrl-C. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("matthan.root", ".")).toAbsolutePath().normalize();
        NodeSettings settings;
        IocNode node;
        try {
            settings = NodeSettings.fromEnvironment(System.getenv(), root);
            node = IocNode.start(settings);
        } catch (Exception e) {
            System.err.println("Mắt Thần IOC cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Mắt Thần IOC…");
            node.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println();
        System.out.println("Mắt Thần IOC is running: http://localhost:" + node.httpPort() + "/   (Ctrl-C stops it)");
        node.problems().forEach(p -> System.out.println("  problem: " + p));
        stopped.await();
    }
}
