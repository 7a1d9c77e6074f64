package vn.matthan.node;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a node process does in a city deployment. Several roles may share one process; the all-in-one demo runs all
 * three with an embedded broker and database, a deployment runs each role where it fits and joins them through a
 * shared Kafka cluster and a shared PostgreSQL/TimescaleDB.
 */
public enum NodeRole {
    /** Ingest, detection, plates and evidence for the node's share of the camera registry; publishes to Kafka. */
    CAMERA,
    /** The Flink flow job: on a Flink cluster when IOC_FLINK_REST is set, else on a MiniCluster in this process. */
    STREAM,
    /** The stateless API and web UI: sessions, live feeds and camera status come from PostgreSQL and Kafka. */
    API;

    public static final Set<NodeRole> ALL = EnumSet.allOf(NodeRole.class);

    /** {@code camera,api} → the roles; anything else is refused naming the known roles. */
    public static Set<NodeRole> parse(String text) {
        Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
        for (String part : text.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) continue;
            try {
                roles.add(valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown node role '" + part.trim() + "' (known: " + names(ALL) + ")");
            }
        }
        if (roles.isEmpty()) throw new IllegalArgumentException("no node role given (known: " + names(ALL) + ")");
        return roles;
    }

    public static String names(Set<NodeRole> roles) {
        return roles.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Set<NodeRole> of(NodeRole... roles) {
        return roles.length == 0 ? EnumSet.noneOf(NodeRole.class) : EnumSet.copyOf(Arrays.asList(roles));
    }
}
