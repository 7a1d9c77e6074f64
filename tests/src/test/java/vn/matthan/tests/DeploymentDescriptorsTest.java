package vn.matthan.tests;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.events.Topics;
import vn.matthan.ingest.CameraRegistry;
import vn.matthan.node.EvidenceStoreConfig;
import vn.matthan.node.NodeRole;
import vn.matthan.node.NodeSettings;
import vn.matthan.stream.FlowJob;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment descriptors of deploy/ checked as far as this machine can without a cluster: every Kubernetes object
 * binds strictly to its API's own classes (fabric8's Kubernetes model, Strimzi's api, the Flink operator's api), the
 * Flink cluster runs our Flink version, Kafka keeps 3 copies with 2 in sync, each node's environment is one the node
 * accepts for its roles (NodeSettings, EvidenceStoreConfig) using only variables the code reads, secrets come from
 * Secret objects, the mounted configuration is the bundled one and loads with the strict loader, and the systemd
 * units pass systemd-analyze.
 */
class DeploymentDescriptorsTest {
    static final Path DEPLOY = WholeIocEndToEndTest.ROOT.resolve("deploy");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final String IMAGE = "/matthan/ioc-node:";
    static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|ACCESS_KEY|TOKEN).*");

    /** apiVersion/kind → the class its API's own code binds it to. */
    static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class), Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class), Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class), Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class), Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("flink.apache.org/v1beta1/FlinkDeployment", FlinkDeployment.class));

    record Manifest(Path file, JsonNode tree, Object object) {
        String kind() {
            return tree.path("kind").asText();
        }

        String name() {
            return tree.path("metadata").path("name").asText();
        }

        <T> T as(Class<T> type) {
            return type.cast(object);
        }
    }

    static List<Manifest> manifests;
    /** Every IOC_* and AWS_* variable the product's code reads (string literals in its main sources). */
    static Set<String> variablesTheCodeReads;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws Exception {
        manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode tree : YAML.readValues(YAML.getFactory().createParser(f.toFile()), JsonNode.class).readAll()) {
                    String type = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
                    Class<?> cls = KINDS.get(type);
                    if (cls == null) {
                        problems.add(f.getFileName() + ": " + type + " is not a kind these checks know");
                        continue;
                    }
                    manifests.add(new Manifest(f, tree, bindStrictly(f.getFileName() + " " + tree.path("metadata").path("name").asText(), tree, cls, problems)));
                }
            }
        }
        assertThat(problems).as("descriptors that do not bind strictly").isEmpty();
        variablesTheCodeReads = new TreeSet<>();
        Pattern literal = Pattern.compile("\"((IOC|AWS)_[A-Z0-9_]+)\"");
        try (Stream<Path> files = Files.walk(WholeIocEndToEndTest.ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) variablesTheCodeReads.add(m.group(1));
            }
        }
    }

    @Test
    void everyDescriptorIsAKindOfItsApiAndNoneHoldsASecret() {
        assertThat(manifests).extracting(Manifest::kind).contains("Namespace", "ConfigMap", "Deployment", "StatefulSet", "Service",
                "Ingress", "Kafka", "KafkaNodePool", "KafkaTopic", "FlinkDeployment");
        assertThat(manifests).extracting(m -> m.kind() + "/" + m.name()).doesNotHaveDuplicates();
        assertThat(manifests).allSatisfy(m -> assertThat(m.tree.path("metadata").path("namespace").asText(m.name()))
                .as(m.file.getFileName() + " " + m.name()).isEqualTo("matthan-ioc"));
        // The strict binding would also have refused a misspelt field: shown once on a copy.
        ObjectNode misspelt = manifests.stream().filter(m -> m.kind().equals("StatefulSet")).findFirst().orElseThrow().tree.deepCopy();
        ((ObjectNode) misspelt.path("spec")).put("replica", 3);
        List<String> problems = new ArrayList<>();
        bindStrictly("copy", misspelt, StatefulSet.class, problems);
        assertThat(problems).singleElement().asString().contains("spec.replica");
    }

    @Test
    void theFlinkSessionClusterRunsOurFlinkWithTheDatabasePasswordFromASecret() throws Exception {
        FlinkDeployment flink = one("FlinkDeployment").as(FlinkDeployment.class);
        String pomFlink = pomProperty("flink.version"); // 2.2.0
        String[] v = pomFlink.split("\\.");
        assertThat(one("FlinkDeployment").tree.path("spec").path("flinkVersion").asText()).isEqualTo("v" + v[0] + "_" + v[1]);
        assertThat(flink.getSpec().getImage()).startsWith("flink:" + v[0] + "." + v[1]);
        assertThat(flink.getSpec().getJob()).as("no job in the spec: the stream role submits it").isNull();
        Container main = flink.getSpec().getPodTemplate().getSpec().getContainers().get(0);
        assertThat(main.getName()).isEqualTo("flink-main-container");
        assertThat(main.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("IOC_DB_PASSWORD");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isNotBlank();
        });
        // The stream role's IOC_FLINK_REST names this deployment's REST service (the operator's <name>-rest).
        Map<String, String> stream = environment(pods().get("ioc-stream"), "ioc-stream");
        assertThat(stream.get("IOC_FLINK_REST")).isEqualTo("http://" + flink.getMetadata().getName() + "-rest:8081");
        int slots = Integer.parseInt(String.valueOf(flink.getSpec().getFlinkConfiguration().get("taskmanager.numberOfTaskSlots")));
        assertThat(flink.getSpec().getTaskManager().getReplicas() * slots).as("task slots for the job's parallelism")
                .isGreaterThanOrEqualTo(Integer.parseInt(stream.get("IOC_FLINK_PARALLELISM")));
    }

    @Test
    void kafkaKeepsThreeCopiesTwoInSyncAndEveryTopicTheNodesUseHasEnoughPartitions() {
        Kafka kafka = one("Kafka").as(Kafka.class);
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        assertThat(config).containsEntry("default.replication.factor", 3).containsEntry("min.insync.replicas", 2)
                .containsEntry("auto.create.topics.enable", false);
        assertThat(one("KafkaNodePool").as(KafkaNodePool.class).getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
        Map<String, KafkaTopic> topics = manifests.stream().filter(m -> m.kind().equals("KafkaTopic"))
                .collect(Collectors.toMap(Manifest::name, m -> m.as(KafkaTopic.class)));
        assertThat(topics.keySet()).containsExactlyInAnyOrder(Topics.VEHICLE_PASSAGE, Topics.VIOLATION_DETECTED, Topics.CAMERA_HEALTH,
                Topics.SIGNAL_PHASE, Topics.JUNCTION_CONGESTION, FlowJob.DEAD_LETTER_TOPIC);
        topics.values().forEach(t -> {
            assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
            assertThat(t.getSpec().getReplicas()).as(t.getMetadata().getName()).isEqualTo(3);
            assertThat(t.getSpec().getConfig()).as(t.getMetadata().getName()).containsEntry("min.insync.replicas", 2);
        });
        // Sizing rule: partitions a multiple of the Flink parallelism (each source subtask reads as many, none is idle).
        int parallelism = Integer.parseInt(environment(pods().get("ioc-stream"), "ioc-stream").get("IOC_FLINK_PARALLELISM"));
        for (String t : List.of(Topics.VEHICLE_PASSAGE, Topics.VIOLATION_DETECTED, Topics.CAMERA_HEALTH)) {
            assertThat(topics.get(t).getSpec().getPartitions()).as(t).isGreaterThanOrEqualTo(parallelism)
                    .satisfies(n -> assertThat(n % parallelism).as(t + " partitions per subtask").isZero());
        }
        assertThat(environment(pods().get("ioc-api"), "ioc-api").get("IOC_KAFKA_BOOTSTRAP"))
                .isEqualTo(kafka.getMetadata().getName() + "-kafka-bootstrap:9092");
    }

    @Test
    void eachNodeRunsItsRoleWithVariablesTheNodeKnowsAndSecretsFromSecretObjects() throws Exception {
        Map<String, PodSpec> pods = pods();
        assertThat(pods.keySet()).containsExactlyInAnyOrder("ioc-camera", "ioc-stream", "ioc-api");
        Map<String, NodeRole> roleOf = Map.of("ioc-camera", NodeRole.CAMERA, "ioc-stream", NodeRole.STREAM, "ioc-api", NodeRole.API);
        for (var pod : pods.entrySet()) {
            Container c = pod.getValue().getContainers().get(0);
            assertThat(c.getArgs()).as(pod.getKey()).containsExactly("--role", roleOf.get(pod.getKey()).toString());
            c.getEnv().forEach(e -> {
                if (SECRET_NAME.matcher(e.getName()).matches()) {
                    assertThat(e.getValue()).as(pod.getKey() + " " + e.getName() + " has a value").isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef()).as(pod.getKey() + " " + e.getName()).isNotNull();
                }
            });
            String podName = pod.getKey().equals("ioc-camera") ? "ioc-camera-0" : pod.getKey();
            checkRole(pod.getKey(), environment(pod.getValue(), podName), Set.of(roleOf.get(pod.getKey())));
        }
        // A camera node's id is its StatefulSet pod name: the registry names one node per replica.
        StatefulSet cameras = one("StatefulSet").as(StatefulSet.class);
        assertThat(cameras.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("IOC_NODE_ID");
                    assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
                });
        CameraRegistry registry = CameraRegistry.load(mountedConfig().resolve("cameras.yaml"));
        Set<String> podNames = new TreeSet<>();
        for (int i = 0; i < cameras.getSpec().getReplicas(); i++) podNames.add(cameras.getMetadata().getName() + "-" + i);
        assertThat(new TreeSet<>(registry.nodeIds())).isEqualTo(podNames);
        podNames.forEach(n -> assertThat(registry.camerasOf(n)).as(n).isNotEmpty());
        // API nodes trust each camera pod's key where the node looks for it: <data>/trusted-keys/<node>/node-ed25519.pub.
        PodSpec api = pods().get("ioc-api");
        String data = environment(api, "ioc-api").get("IOC_DATA_DIR");
        assertThat(api.getContainers().get(0).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("trusted-keys");
            assertThat(m.getMountPath()).isEqualTo(data + "/trusted-keys");
        });
        assertThat(api.getVolumes().stream().filter(v -> v.getName().equals("trusted-keys")).findFirst().orElseThrow()
                .getConfigMap().getItems()).extracting(i -> i.getPath()).containsExactlyInAnyOrderElementsOf(
                podNames.stream().map(n -> n + "/node-ed25519.pub").toList());
    }

    @Test
    void theMountedConfigurationIsTheBundledOneAndLoadsWithTheStrictLoader() throws Exception {
        ConfigMap config = manifests.stream().filter(m -> m.kind().equals("ConfigMap") && m.name().equals("ioc-config"))
                .findFirst().orElseThrow().as(ConfigMap.class);
        Path mounted = mountedConfig();
        try (Stream<Path> files = Files.walk(mounted)) {
            List<Path> all = files.filter(Files::isRegularFile).sorted().toList();
            assertThat(all).hasSize(config.getData().size()); // every key is mounted
            for (Path f : all) {
                String name = mounted.relativize(f).toString();
                if (!name.equals("cameras.yaml")) {
                    // The city's registry is its own; everything else is exactly the file shipped in config/.
                    assertThat(Files.readString(f)).as(name + " as bundled (deploy/update-config-map.py rewrites the ConfigMap from config/)")
                            .isEqualTo(Files.readString(BundledConfigTest.CONFIG.resolve(name)));
                }
                BundledConfigTest.load(name, f);
            }
        }
        assertThat(Files.exists(mounted.resolve("scenes/qng-hung-vuong-01.yaml"))).isTrue();
        // Every node mounts the same files where IOC_CAMERAS points.
        for (var pod : pods().entrySet()) {
            assertThat(projectedItems(pod.getValue())).as(pod.getKey()).isEqualTo(projectedItems(pods().get("ioc-api")));
            assertThat(environment(pod.getValue(), pod.getKey()).get("IOC_CAMERAS")).isEqualTo(
                    pod.getValue().getContainers().get(0).getVolumeMounts().stream().filter(v -> v.getName().equals("config"))
                            .findFirst().orElseThrow().getMountPath() + "/cameras.yaml");
        }
    }

    @Test
    void theSystemdUnitPassesSystemdAnalyzeAndEachInstanceRunsItsRole() throws Exception {
        Path systemd = DEPLOY.resolve("systemd");
        String unit = Files.readString(systemd.resolve("ioc-node@.service"));
        Map<String, List<String>> service = section(unit, "Service");
        assertThat(service.get("EnvironmentFile")).containsExactly("/etc/matthan-ioc/ioc.env", "/etc/matthan-ioc/%i.env",
                "/etc/matthan-ioc/secrets.env");
        assertThat(String.join(" ", service.get("ExecStart"))).contains("vn.matthan.node.Main").contains("${JAVA_HEAP}");
        Class.forName("vn.matthan.node.Main");
        Map<String, Set<NodeRole>> instances = Map.of("camera-0", Set.of(NodeRole.CAMERA), "stream", Set.of(NodeRole.STREAM),
                "api-1", Set.of(NodeRole.API));
        Map<String, String> secrets = envFile(systemd.resolve("secrets.env.example"));
        assertThat(secrets.values()).as("no secret values in the repository").allMatch(String::isEmpty);
        for (var instance : instances.entrySet()) {
            Map<String, String> env = new LinkedHashMap<>(envFile(systemd.resolve("ioc.env")));
            Map<String, String> own = envFile(systemd.resolve(instance.getKey() + ".env"));
            env.putAll(own);
            secrets.keySet().forEach(k -> env.put(k, "<from secrets.env>"));
            assertThat(own).containsKey("JAVA_HEAP");
            assertThat(own.keySet()).as(instance.getKey() + ".env holds no secret").noneMatch(k -> SECRET_NAME.matcher(k).matches());
            assertThat(NodeRole.parse(env.get("IOC_ROLES"))).isEqualTo(instance.getValue());
            if (instance.getKey().startsWith("camera")) assertThat(env.get("IOC_NODE_ID")).isEqualTo(instance.getKey());
            checkRole("ioc-node@" + instance.getKey(), env, instance.getValue());

            // systemd's own check of the instance (unknown keys and bad values are reported, not failed: any output fails here).
            if (systemdAnalyze() != null) {
                Path copy = Files.writeString(dir.resolve("ioc-node@" + instance.getKey() + ".service"), unit);
                ProcessBuilder pb = new ProcessBuilder(systemdAnalyze(), "verify", copy.toString()).redirectErrorStream(true);
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(out).as("systemd-analyze verify " + copy.getFileName()).isEmpty();
                assertThat(p.exitValue()).isZero();
            } else {
                System.out.println("systemd-analyze is not installed here: ioc-node@" + instance.getKey() + " was parsed, not verified by systemd");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The node's own checks on an environment for the given roles: NodeSettings (split roles need the shared Kafka and
     * database), the evidence store settings for camera and API nodes, the cluster submission for the stream role;
     * every variable set is one the code reads.
     */
    void checkRole(String what, Map<String, String> env, Set<NodeRole> roles) throws Exception {
        assertThat(env.keySet().stream().filter(k -> (k.startsWith("IOC_") || k.startsWith("AWS_")) && !variablesTheCodeReads.contains(k)))
                .as(what + ": variables no code reads (misspelt?)").isEmpty();
        NodeSettings s = NodeSettings.fromEnvironment(env, WholeIocEndToEndTest.ROOT).withRoles(roles);
        assertThat(s.roles()).isEqualTo(roles);
        if (roles.contains(NodeRole.CAMERA)) {
            assertThat(s.nodeId()).as(what + " IOC_NODE_ID").isNotBlank();
        }
        if (roles.contains(NodeRole.STREAM)) {
            assertThat(s.flinkRest()).as(what + ": a city runs the job on its Flink cluster").startsWith("http");
            assertThat(s.flinkJobJar()).as(what + " IOC_FLINK_JOB_JAR").isNotNull();
        }
        if (roles.contains(NodeRole.STREAM) || roles.contains(NodeRole.API)) {
            assertThat(env.get("IOC_DB_PASSWORD")).as(what + " IOC_DB_PASSWORD").startsWith("<from ");
        }
        if (roles.contains(NodeRole.CAMERA) || roles.contains(NodeRole.API)) {
            EvidenceStoreConfig evidence = EvidenceStoreConfig.fromEnvironment(env, dir.resolve("data"));
            assertThat(evidence.store().getClass().getSimpleName()).as(what + ": a store every node shares").isEqualTo("S3PackageStore");
            if (evidence.store() instanceof AutoCloseable c) c.close();
        }
    }

    /** The pod templates of the IOC's own workloads by workload name. */
    static Map<String, PodSpec> pods() {
        Map<String, PodSpec> out = new TreeMap<>();
        for (Manifest m : manifests) {
            PodSpec spec = switch (m.kind()) {
                case "Deployment" -> m.as(Deployment.class).getSpec().getTemplate().getSpec();
                case "StatefulSet" -> m.as(StatefulSet.class).getSpec().getTemplate().getSpec();
                default -> null;
            };
            if (spec != null && spec.getContainers().get(0).getImage().contains(IMAGE)) out.put(m.name(), spec);
        }
        return out;
    }

    /** What the container's process sees: ConfigMaps' data, values, secrets as a marker, the pod name. */
    static Map<String, String> environment(PodSpec pod, String podName) {
        Container c = pod.getContainers().get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) env.putAll(configMap(from.getConfigMapRef().getName()).getData());
        for (EnvVar e : c.getEnv()) {
            if (e.getValue() != null) env.put(e.getName(), e.getValue());
            else if (e.getValueFrom().getSecretKeyRef() != null) env.put(e.getName(), "<from Secret " + e.getValueFrom().getSecretKeyRef().getName() + ">");
            else if ("metadata.name".equals(e.getValueFrom().getFieldRef().getFieldPath())) env.put(e.getName(), podName);
            else throw new AssertionError(e.getName() + ": a value from " + e.getValueFrom());
        }
        return env;
    }

    static ConfigMap configMap(String name) {
        return manifests.stream().filter(m -> m.kind().equals("ConfigMap") && m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + name)).as(ConfigMap.class);
    }

    static Map<String, String> projectedItems(PodSpec pod) {
        Map<String, String> out = new TreeMap<>();
        pod.getVolumes().stream().filter(v -> v.getName().equals("config")).findFirst().orElseThrow().getProjected().getSources()
                .stream().map(VolumeProjection::getConfigMap).forEach(cm -> cm.getItems().forEach(i -> out.put(i.getKey(), i.getPath())));
        return out;
    }

    /** The ConfigMap written out as the API pod's projected volume lays it out. */
    Path mountedConfig() throws IOException {
        Path root = dir.resolve("config");
        if (Files.isDirectory(root)) return root;
        Map<String, String> data = configMap("ioc-config").getData();
        for (var item : projectedItems(pods().get("ioc-api")).entrySet()) {
            Path f = root.resolve(item.getValue());
            Files.createDirectories(f.getParent());
            Files.writeString(f, data.get(item.getKey()));
        }
        return root;
    }

    static Manifest one(String kind) {
        List<Manifest> of = manifests.stream().filter(m -> m.kind().equals(kind)).toList();
        assertThat(of).as(kind).hasSize(1);
        return of.get(0);
    }

    /**
     * Binds the tree to its API class and refuses what the class would quietly accept: a field it does not have (kept
     * aside in additionalProperties, or ignored) or a value it reads differently. The class written back must hold every
     * field and value of the descriptor.
     */
    static Object bindStrictly(String what, JsonNode tree, Class<?> type, List<String> problems) {
        JsonNode input = tree;
        if (type == FlinkDeployment.class) {
            // The operator api on Maven Central (1.10.0) stops at flinkVersion v1_20; the value is checked against our
            // pom instead (theFlinkSessionClusterRunsOurFlink...), everything else binds.
            input = tree.deepCopy();
            ((ObjectNode) input.path("spec")).remove("flinkVersion");
        }
        Object bound;
        try {
            bound = YAML.treeToValue(input, type);
        } catch (Exception e) {
            problems.add(what + ": " + e.getMessage());
            return null;
        }
        List<String> unknown = new ArrayList<>();
        unknownFields(bound, "", unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
        unknown.forEach(u -> problems.add(what + ": unknown field " + u));
        if (unknown.isEmpty()) sameTree(input, YAML.valueToTree(bound), "", what, problems);
        return bound;
    }

    /** Fields the model class kept aside because it has none of that name. */
    static void unknownFields(Object o, String path, List<String> out, Set<Object> seen) {
        if (o == null || !seen.add(o)) return;
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, out, seen));
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) unknownFields(e, path + "[" + i++ + "]", out, seen);
            return;
        }
        String pkg = o.getClass().getName();
        if (!(pkg.startsWith("io.fabric8.kubernetes.api") || pkg.startsWith("io.strimzi.api") || pkg.startsWith("org.apache.flink.kubernetes"))) return;
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) continue;
            Object v;
            try {
                v = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra) extra.keySet().forEach(k -> out.add(path + "." + k));
            } else if (!(v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Enum<?>)) {
                String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                unknownFields(v, path + "." + field, out, seen);
            }
        }
    }

    /** Every field of the descriptor is in the bound object's tree with the same value (1 and "1" agree, so do 1 and 1.0). */
    static void sameTree(JsonNode written, JsonNode bound, String path, String what, List<String> problems) {
        if (written.isObject()) {
            written.fields().forEachRemaining(f -> {
                // Strimzi's classes name one version of the several the operator serves (0.49.1: Kafka as v1beta2 while
                // v1 is served too); the apiVersion was matched against KINDS already.
                if (path.isEmpty() && f.getKey().equals("apiVersion")) return;
                JsonNode b = bound.get(f.getKey());
                if (b == null || b.isNull()) problems.add(what + ": " + path + "." + f.getKey() + " dropped by the model");
                else sameTree(f.getValue(), b, path + "." + f.getKey(), what, problems);
            });
        } else if (written.isArray()) {
            if (!bound.isArray() || bound.size() != written.size()) problems.add(what + ": " + path + " read as " + bound);
            else for (int i = 0; i < written.size(); i++) sameTree(written.get(i), bound.get(i), path + "[" + i + "]", what, problems);
        } else if (written.isNumber() && bound.isNumber() ? written.decimalValue().compareTo(bound.decimalValue()) != 0
                : !written.asText().equals(bound.asText())) {
            problems.add(what + ": " + path + " = " + written.asText() + " read as " + bound.asText());
        }
    }

    static String pomProperty(String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(WholeIocEndToEndTest.ROOT.resolve("pom.xml")));
        assertThat(m.find()).as(name + " in pom.xml").isTrue();
        return m.group(1).trim();
    }

    /** KEY=value lines; comments and blank lines skipped. */
    static Map<String, String> envFile(Path f) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(f)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            assertThat(eq).as(f.getFileName() + ": " + line).isPositive();
            out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return out;
    }

    /** Key → values of one [section] of a unit file, continuation lines joined. */
    static Map<String, List<String>> section(String unit, String name) {
        Map<String, List<String>> out = new HashMap<>();
        String current = null;
        StringBuilder pending = new StringBuilder();
        for (String raw : (unit.replace("\\\n", " ")).split("\n")) {
            String line = raw.trim();
            if (line.startsWith("[")) current = line.substring(1, line.length() - 1);
            else if (name.equals(current) && !line.isEmpty() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                assertThat(eq).as("unit line " + line).isPositive();
                out.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
            }
        }
        assertThat(pending).isEmpty();
        return out;
    }

    static String systemdAnalyze() {
        for (String p : List.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze")) if (Files.isExecutable(Path.of(p))) return p;
        return null;
    }
}
