package vn.matthan.node;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./ioc demo} (every role, embedded Kafka and PostgreSQL) and {@code ./ioc node --role camera|stream|api[,…]}
 * (a node of a city deployment): runs the node until Ctrl-C.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("matthan.root", ".")).toAbsolutePath().normalize();
        NodeSettings settings;
        IocNode node;
        try {
            settings = NodeSettings.fromEnvironment(System.getenv(), root);
            Set<NodeRole> roles = rolesFromArguments(args);
            if (roles != null) settings = settings.withRoles(roles);
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
        // A camera or stream node serves no web page: it says what it runs instead of a URL.
        System.out.println(settings.runs(NodeRole.API)
                ? "Mắt Thần IOC is running: http://localhost:" + node.httpPort() + "/   (Ctrl-C stops it)"
                : "Mắt Thần IOC node " + (settings.nodeId() == null ? "" : settings.nodeId() + " ") + "is running: "
                        + NodeRole.names(settings.roles()) + "   (Ctrl-C stops it)");
        node.problems().forEach(p -> System.out.println("  problem: " + p));
        stopped.await();
    }

    /** {@code --role camera,api} or {@code --role camera --role api}; null when no role is given (IOC_ROLES or all). */
    static Set<NodeRole> rolesFromArguments(String[] args) {
        Set<NodeRole> roles = null;
        for (int i = 0; i < args.length; i++) {
            String text;
            if (args[i].equals("--role") && i + 1 < args.length) text = args[++i];
            else if (args[i].startsWith("--role=")) text = args[i].substring("--role=".length());
            else throw new IllegalArgumentException("unknown argument '" + args[i] + "' (usage: --role camera|stream|api[,…])");
            if (roles == null) roles = EnumSet.noneOf(NodeRole.class);
            roles.addAll(NodeRole.parse(text));
        }
        return roles;
    }
}
