package vn.matthan.tests.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import io.vertx.core.json.JsonObject;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.matthan.events.Topics;
import vn.matthan.tests.Browser;
import vn.matthan.testscenes.GeneratedScene;
import vn.matthan.schema.AuditChain;
import vn.matthan.schema.DatabaseSchema;
import vn.matthan.stream.FlinkRestSubmitter;
import vn.matthan.stream.FlowJob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stream half of a distributed deployment, as separate processes on loopback: a 3-node Kafka KRaft cluster
 * (topics replicated 3 times, 2 in sync required, producers idempotent with acks=all), a Flink session cluster
 * (a JobManager and two TaskManagers, 2 slots each, the job at parallelism 2) to which the flow job's jar is submitted
 * over REST, and PostgreSQL. The same traffic is stored by a fault-free run and by runs in which a TaskManager or a
 * Kafka broker is killed with -9 mid-stream; every stored aggregate must be the fault-free run's, exactly.
 * <p>
 * One cluster serves all runs: each run gets a fresh database, freshly created (empty) topics and its own job.
 * The topics have one partition: the job assigns event time after its camera shuffle, so a subtask that caught up a
 * backlog of several partitions unevenly could see some cameras' passages as late; with one partition per topic each
 * camera's events are read in the order they were sent, in every run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkKafkaClusterTest {
    static final List<String> TOPICS = List.of(Topics.VEHICLE_PASSAGE, Topics.VIOLATION_DETECTED, Topics.CAMERA_HEALTH,
            Topics.SIGNAL_PHASE, Topics.JUNCTION_CONGESTION, FlowJob.DEAD_LETTER_TOPIC);
    static final Traffic TRAFFIC = Traffic.generate(19);
    /** Five minutes of traffic in 30 s of wall clock: long enough to kill something in the middle. */
    static final Duration PACE = Duration.ofMillis(100);

    static Path root;
    static EmbeddedPostgres pg;
    static KafkaCluster kafka;
    static FlinkCluster flink;
    static FlinkRestSubmitter submitter;
    static List<String> submitterLog;
    static String firstJob;
    static String firstDb;
    static long startupMillis;
    static Map<String, List<String>> faultFree;

    @BeforeAll
    static void startCluster() throws Exception {
        long t0 = System.nanoTime();
        root = Path.of("target", "cluster-test").toAbsolutePath();
        if (Files.exists(root)) try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Files.createDirectories(root);
        pg = EmbeddedPostgres.builder().setDataDirectory(root.resolve("pg")).start();
        // Kafka nodes run on the test's class path; Flink's processes without this project's classes, which reach
        // the cluster only inside the job jar.
        String projectDir = Path.of(System.getProperty("matthan.root", "..")).toAbsolutePath().normalize().toString();
        kafka = new KafkaCluster(root.resolve("kafka"), ChildJvm.classpath(e -> false));
        kafka.start();
        kafka.recreateTopics(TOPICS);
        firstDb = database("fault_free");

        flink = new FlinkCluster(root.resolve("flink"), ChildJvm.classpath(e -> Path.of(e).toAbsolutePath().startsWith(projectDir)
                || e.contains("flink-connector-kafka") || e.contains("postgresql")), 2);
        submitter = new FlinkRestSubmitter(flink.rest(), Duration.ofMillis(500), Duration.ofSeconds(4));
        // The stream role started before its Flink cluster: it keeps trying until the JobManager answers.
        try (LogCapture log = new LogCapture(FlinkRestSubmitter.class)) {
            CompletableFuture<String> submitted = CompletableFuture.supplyAsync(() -> submit(firstDb));
            Thread.sleep(1500);
            flink.startJobManager();
            flink.startTaskManager("tm-1");
            flink.startTaskManager("tm-2");
            firstJob = submitted.get(180, TimeUnit.SECONDS);
            submitterLog = List.copyOf(log.lines);
        }
        startupMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("cluster test: %d passages, %d violations, %d events sent; cluster up and job submitted in %.1f s%n",
                TRAFFIC.passages, TRAFFIC.violations, TRAFFIC.events.size(), startupMillis / 1000.0);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (browser != null) browser.quit();
        if (city != null) city.close();
        if (balancer != null) balancer.close();
        if (flink != null) flink.close();
        if (kafka != null) kafka.close();
        if (pg != null) pg.close();
    }

    @Test
    @Order(1)
    void aStreamRoleStartedBeforeItsFlinkClusterSaysSoOnceAndSubmitsWhenTheJobManagerAnswers() throws Exception {
        assertThat(submitterLog.stream().filter(l -> l.contains("cannot be reached")).toList())
                .as("one line while the endpoint is down").hasSize(1)
                .first().asString().startsWith("WARN Flink REST endpoint " + flink.rest()).contains("retrying");
        assertThat(submitterLog).as("tried again until the JobManager answered")
                .anyMatch(l -> l.matches("INFO Flink REST endpoint \\S+ answers again after \\d+ failed attempts"));
        awaitRunning(firstJob);
        // An endpoint that answers but refuses is no reason to retry: the submission fails with Flink's reason.
        assertThatThrownBy(() -> submitter.run("no-such-jar.jar", FlowJob.class.getName(), List.of(), 2))
                .isInstanceOf(java.io.IOException.class).hasMessageStartingWith("Flink REST run vn.matthan.stream.FlowJob refused: HTTP ")
                .hasMessageContaining("no-such-jar.jar does not exist");
    }

    @Test
    @Order(2)
    void aFaultFreeRunStoresEveryPassageAndViolationOnce() throws Exception {
        long t0 = System.nanoTime();
        awaitRunning(firstJob);
        Feed.start(kafka.bootstrap(), TRAFFIC, Duration.ofMillis(20)).awaitDone(Duration.ofMinutes(2));
        faultFree = awaitStored(firstDb);

        assertThat(count(firstDb, "SELECT count(*) FROM vehicle_passage")).isEqualTo(TRAFFIC.passages);
        assertThat(sums(firstDb, "SELECT camera_id || '|' || vehicle_class || '|' || to_char(bucket AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), passages FROM flow_minute")).isEqualTo(TRAFFIC.flowMinute);
        assertThat(count(firstDb, "SELECT sum(intensity) FROM traffic_flow_observed")).isEqualTo(TRAFFIC.passages);
        assertThat(sums(firstDb, "SELECT camera_id || '|' || violation_type || '|' || to_char(bucket AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), violations FROM violation_5min")).isEqualTo(TRAFFIC.violation5min);
        assertThat(sums(firstDb, "SELECT camera_id || '|' || violation_type || '|' || to_char(bucket AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), violations FROM violation_day")).isEqualTo(TRAFFIC.violationDay);
        assertThat(count(firstDb, "SELECT count(*) FROM violation_case")).isEqualTo(TRAFFIC.violations);
        assertThat(count(firstDb, "SELECT count(*) FROM violation_case WHERE merged_into IS NOT NULL")).as("merged duplicates").isPositive();
        assertThat(count(firstDb, "SELECT count(*) FROM late_passage") + count(firstDb, "SELECT count(*) FROM late_event")).isZero();
        assertThat(failures(firstJob)).as("failures of the fault-free job").isEmpty();
        cancel(firstJob);
        System.out.printf("cluster test: fault-free run %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    @Order(3)
    void aTaskManagerKilledMidStreamRestoresItsTasksFromTheCheckpointAndTheNumbersStayExact() throws Exception {
        assertThat(faultFree).as("the fault-free run").isNotNull();
        long t0 = System.nanoTime();
        String db = freshRun("taskmanager_killed");
        String job = submit(db);
        awaitRunning(job);
        Feed feed = Feed.start(kafka.bootstrap(), TRAFFIC, PACE);
        feed.awaitSecond(100, Duration.ofMinutes(1));
        long checkpointed = awaitCheckpointAfter(job, System.currentTimeMillis());
        String victim = taskManagerOf(job, 1);
        flink.killTaskManager(victim);
        long killedAt = System.nanoTime();

        awaitRestored(job, checkpointed);
        double recoveredIn = (System.nanoTime() - killedAt) / 1e9;
        flink.startTaskManager("tm-3"); // the supervisor's replacement, for the next runs
        feed.awaitDone(Duration.ofMinutes(3));
        assertThat(awaitStored(db)).isEqualTo(faultFree);
        assertAuditChainIntact(db);
        List<String> failures = failures(job);
        assertThat(failures).as("failures: the TaskManager lost").isNotEmpty()
                .allSatisfy(f -> assertThat(f).containsAnyOf(victim, "lost", "unreachable", "Heartbeat"));
        cancel(job);
        System.out.printf("cluster test: failures %s; TaskManager %s killed, job running again from checkpoint %d after %.1f s; run %.1f s%n",
                failures, victim, checkpointed, recoveredIn, (System.nanoTime() - t0) / 1e9);
    }

    @Test
    @Order(4)
    void aKafkaBrokerKilledMidStreamLosesNothingWithTwoReplicasInSync() throws Exception {
        assertThat(faultFree).as("the fault-free run").isNotNull();
        long t0 = System.nanoTime();
        String db = freshRun("broker_killed");
        String job = submit(db);
        awaitRunning(job);
        Feed feed = Feed.start(kafka.bootstrap(), TRAFFIC, PACE);
        feed.awaitSecond(100, Duration.ofMinutes(1));
        int leader;
        try (Admin admin = kafka.admin()) {
            TopicDescription d = admin.describeTopics(List.of(Topics.VEHICLE_PASSAGE)).allTopicNames().get().get(Topics.VEHICLE_PASSAGE);
            leader = d.partitions().get(0).leader().id();
        }
        kafka.kill(leader); // the leader of the passages: producers and the job's source move to a new one
        feed.awaitDone(Duration.ofMinutes(3));
        assertThat(awaitStored(db)).isEqualTo(faultFree);
        assertAuditChainIntact(db);
        try (Admin admin = kafka.admin()) {
            TopicDescription d = admin.describeTopics(List.of(Topics.VEHICLE_PASSAGE)).allTopicNames().get().get(Topics.VEHICLE_PASSAGE);
            assertThat(d.partitions().get(0).leader().id()).isNotEqualTo(leader);
            assertThat(d.partitions().get(0).isr()).hasSize(2);
        }
        assertThat(submitter.state(job)).isEqualTo("RUNNING");
        assertThat(failures(job)).as("failures: none, the source reads on from the new leader").isEmpty();
        cancel(job);
        System.out.printf("cluster test: broker %d killed; run %.1f s%n", leader, (System.nanoTime() - t0) / 1e9);
    }


    // ---- the IOC's own nodes on the cluster: two camera nodes, two API nodes behind a load balancer, a browser

    static final String RECORDER = """
            (() => {
              const Native = window.EventSource;
              window.__violations = [];
              window.EventSource = function (url, options) {
                const es = new Native(url, options);
                if (String(url).includes('/api/live/violations')) {
                  es.addEventListener('violation', ev => window.__violations.push({ id: ev.lastEventId, case: JSON.parse(ev.data).case_id }));
                }
                return es;
              };
              window.EventSource.prototype = Native.prototype;
              Object.assign(window.EventSource, { CONNECTING: 0, OPEN: 1, CLOSED: 2 });
            })();""";
    static final Path ROOT = CityNodes.ROOT;
    static CityNodes city;
    static LoadBalancer balancer;
    static ChromeDriver browser;
    static String cityDb;
    static String cityJob;

    /**
     * Once, for the runs below: the broker killed above back (three replicas again), a fresh database and topics and
     * the job; two camera nodes with a highway camera (the shared clip; its stop line's controller held at red, so the
     * vehicles the real detector follows over it are red-light violations) and a generated junction camera each; two
     * API nodes behind HAProxy; headless Chromium on the wall through the balancer, recording every violation its
     * EventSource gets.
     */
    static void startCity() throws Exception {
        if (city != null) return;
        long t0 = System.nanoTime();
        kafka.start();
        cityDb = freshRun("city");
        cityJob = submit(cityDb);
        Path clip = CityNodes.ASSETS.resolve("videos/udacity_lanelines_solidWhiteRight.mp4");
        Path highway = Path.of(FlinkKafkaClusterTest.class.getResource("/cluster/highway-red.yaml").toURI());
        GeneratedScene junction = GeneratedScene.write(root.resolve("junction"), 7, 12, "vision");
        Map<String, Map<String, Path[]>> nodes = new LinkedHashMap<>();
        for (int n = 1; n <= 2; n++) {
            Map<String, Path[]> cams = new LinkedHashMap<>();
            cams.put("cam-" + n + "-highway", new Path[]{clip, highway});
            cams.put("cam-" + n + "-junction", new Path[]{junction.video(), junction.calibration()});
            nodes.put("camera-" + n, cams);
        }
        city = new CityNodes(root.resolve("nodes"), kafka.bootstrap(), "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + cityDb, nodes);
        city.holdRed();
        city.startApiNode("api-1");
        city.startApiNode("api-2");
        city.startCameraNode("camera-1");
        city.startCameraNode("camera-2");
        awaitCity(Duration.ofSeconds(240), "both API nodes answering", () -> {
            for (String n : List.of("api-1", "api-2", "camera-1", "camera-2")) {
                if (!city.alive(n)) throw new AssertionError(n + " stopped:\n" + city.logs(30));
            }
            return city.healthy("api-1") && city.healthy("api-2");
        });
        Map<String, String> servers = new LinkedHashMap<>();
        city.apiPorts.forEach((name, port) -> servers.put(name, "127.0.0.1:" + port));
        balancer = LoadBalancer.start(root.resolve("balancer"), ROOT.resolve("docs/deployment.md"), servers);
        awaitRunning(cityJob);
        awaitCity(Duration.ofSeconds(150), "every camera streaming, seen through the balancer", () ->
                city.cameraStatus(balancer.url("/api/cameras")).values().stream().filter(s -> "STREAMING".equals(s.getString("state"))).count() == 4);
        browser = Browser.start();
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
        browser.get(balancer.url("/"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElement(By.id("conn")).getText().equals("Trực tiếp"));
        System.out.printf("cluster test: city nodes up (2 camera nodes, 2 API nodes, HAProxy, Chromium) in %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
    }

    @Test
    @Order(5)
    void anApiNodeKilledUnderTheWallsViolationStreamIsReplacedByTheOtherWithLastEventIdWithoutGapOrRepeat() throws Exception {
        startCity();
        long t0 = System.nanoTime();
        awaitCity(Duration.ofSeconds(150), "two violations on the wall", () -> pageViolations().size() >= 2);
        List<LoadBalancer.Request> streams = violationStreams();
        String holder = streams.get(streams.size() - 1).server();
        String other = holder.equals("api-1") ? "api-2" : "api-1";
        int requestsBefore = balancer.requests().size();
        city.kill(holder);
        long killedAt = System.nanoTime();

        // The page's EventSource reconnects to the one address; the balancer sends it to the surviving node, with the id
        // of the last violation the page got.
        LoadBalancer.Request[] resumed = new LoadBalancer.Request[1];
        awaitCity(Duration.ofSeconds(30), "the violation stream resumed on " + other, () -> {
            List<LoadBalancer.Request> all = balancer.requests();
            for (LoadBalancer.Request r : all.subList(requestsBefore, all.size())) {
                if (r.request().contains("/api/live/violations") && r.server().equals(other)) resumed[0] = r;
            }
            return resumed[0] != null;
        });
        double resumedIn = (System.nanoTime() - killedAt) / 1e9;
        assertThat(resumed[0].lastEventId()).as("Last-Event-ID sent on resume").matches("\\d+");
        long resumedAfter = Long.parseLong(resumed[0].lastEventId());
        assertThat(pageViolations()).as("the resume point is the last violation the page had").anySatisfy(v -> assertThat(v[0]).isEqualTo(resumedAfter));
        awaitCity(Duration.ofSeconds(150), "two more violations after the resume point", () ->
                pageViolations().stream().filter(v -> v[0] > resumedAfter).count() >= 2);
        Thread.sleep(1000);

        List<long[]> seen = pageViolations();
        List<String> got = seen.stream().map(v -> v[0] + "|" + caseOf(v)).toList();
        List<String> expected = rows(cityDb, "SELECT a.seq || '|' || v.id FROM audit_log a JOIN violation_case v ON a.target = 'case:' || v.id "
                + "WHERE a.action = 'case.opened' AND a.seq BETWEEN " + seen.get(0)[0] + " AND " + seen.get(seen.size() - 1)[0] + " ORDER BY a.seq");
        assertThat(got).as("every violation once, in order, across the two API nodes").containsExactlyElementsOf(expected);
        List<String> shown = browser.findElements(By.cssSelector("#violations li")).stream().map(e -> e.getAttribute("data-case-id")).toList();
        List<String> newestFirst = new ArrayList<>(got.stream().map(g -> g.substring(g.indexOf('|') + 1)).toList());
        java.util.Collections.reverse(newestFirst);
        assertThat(shown).as("the wall's list, newest first").containsExactlyElementsOf(newestFirst.subList(0, Math.min(50, newestFirst.size())));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("conn")).getText().equals("Trực tiếp"));
        Browser.screenshot(browser, "cluster-wall-after-api-node-killed");
        assertThat(city.alive(other)).isTrue();
        long caughtUp = seen.stream().filter(v -> v[0] > resumedAfter).count();
        System.out.printf("cluster test: API node %s killed under the wall's violation stream; resumed on %s after event %d in %.1f s; "
                + "%d violations on the page, %d after the resume point; run %.1f s%n", holder, other, resumedAfter, resumedIn,
                seen.size(), caughtUp, (System.nanoTime() - t0) / 1e9);
    }

    @Test
    @Order(6)
    void aCameraNodeKilledGoesSilentOnTheWallWithin15sTheOtherKeepsCountingExactlyAndItsRestartCountsNothingTwice() throws Exception {
        startCity();
        assertThat(browser).as("the city started (balancer and browser)").isNotNull();
        long t0 = System.nanoTime();
        String api = city.alive("api-1") ? "api-1" : "api-2";
        List<String> dying = city.camerasOf.get("camera-1"), living = city.camerasOf.get("camera-2");
        awaitCity(Duration.ofSeconds(120), "both nodes' highway cameras counted", () ->
                count(cityDb, "SELECT count(DISTINCT camera_id) FROM vehicle_passage WHERE camera_id LIKE '%-highway'") == 2);
        awaitCity(Duration.ofSeconds(60), "every camera streaming on " + api, () ->
                city.cameraStatus(city.apiUrl(api, "/api/cameras")).values().stream().allMatch(s -> "STREAMING".equals(s.getString("state"))));

        city.kill("camera-1");
        long killedAt = System.nanoTime();
        Instant killedAtTime = Instant.now();
        awaitCity(Duration.ofSeconds(30), "camera-1's cameras STALLED on " + api, () -> {
            Map<String, JsonObject> st = city.cameraStatus(city.apiUrl(api, "/api/cameras"));
            return dying.stream().allMatch(c -> "STALLED".equals(st.get(c).getString("state")));
        });
        double stalledOnApi = (System.nanoTime() - killedAt) / 1e9;
        awaitCity(Duration.ofSeconds(30), "camera-1's cameras down on the wall, with an alert", () -> dying.stream().allMatch(c ->
                browser.findElement(By.cssSelector("article.tile[data-camera='" + c + "']")).getAttribute("class").contains("down"))
                && browser.findElements(By.cssSelector("#alert-list li.camera")).size() == dying.size());
        double stalledOnWall = (System.nanoTime() - killedAt) / 1e9;
        Browser.screenshot(browser, "cluster-wall-camera-node-killed");
        assertThat(stalledOnApi).as("s from kill -9 to STALLED on the surviving API node").isLessThanOrEqualTo(15.0);
        assertThat(stalledOnWall).as("s from kill -9 to the wall showing it").isLessThanOrEqualTo(15.0);
        Map<String, JsonObject> st = city.cameraStatus(city.apiUrl(api, "/api/cameras"));
        assertThat(st.get(dying.get(0)).getString("last_error")).startsWith("no health report from its camera node for ");
        for (String c : living) {
            assertThat(st.get(c).getString("state")).as(c).isEqualTo("STREAMING");
            assertThat(browser.findElement(By.cssSelector("article.tile[data-camera='" + c + "']")).getAttribute("class")).doesNotContain("down");
        }
        String since = "'" + killedAtTime + "'";
        awaitCity(Duration.ofSeconds(60), "camera-2 counting on", () ->
                count(cityDb, "SELECT count(*) FROM vehicle_passage WHERE camera_id = '" + living.get(0) + "' AND time > " + since) > 0);

        city.startCameraNode("camera-1");
        Instant restartedAt = Instant.now();
        awaitCity(Duration.ofSeconds(120), "camera-1's cameras streaming again, on the wall too", () -> {
            Map<String, JsonObject> now = city.cameraStatus(city.apiUrl(api, "/api/cameras"));
            return dying.stream().allMatch(c -> "STREAMING".equals(now.get(c).getString("state"))
                    && !browser.findElement(By.cssSelector("article.tile[data-camera='" + c + "']")).getAttribute("class").contains("down"));
        });
        double resumedIn = (System.nanoTime() - killedAt) / 1e9;
        awaitCity(Duration.ofSeconds(90), "camera-1 counting again", () ->
                count(cityDb, "SELECT count(*) FROM vehicle_passage WHERE camera_id = '" + dying.get(0) + "' AND time > '" + restartedAt + "'") > 0);

        // The camera nodes stop (their producers flush); what they published is the expectation.
        city.stop("camera-1");
        city.stop("camera-2");
        Map<String, Map<String, String>> passages = published(Topics.VEHICLE_PASSAGE, "event_id");
        Map<String, Map<String, String>> violations = published(Topics.VIOLATION_DETECTED, "violation_id");
        Map<String, Long> flow = new TreeMap<>(), perCamera = new TreeMap<>(), violationsPerCamera = new TreeMap<>();
        passages.values().forEach(p -> {
            String minute = Instant.parse(p.get("time")).truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
            flow.merge(p.get("camera_id") + "|" + p.get("vehicle_class") + "|" + minute, 1L, Long::sum);
            perCamera.merge(p.get("camera_id"), 1L, Long::sum);
        });
        violations.values().forEach(v -> violationsPerCamera.merge(v.get("camera_id"), 1L, Long::sum));
        assertThat(passages.values()).as("camera-1 published before the kill and after the restart")
                .anySatisfy(p -> assertThat(p.get("camera_id").startsWith("cam-1") && Instant.parse(p.get("time")).isBefore(killedAtTime)).isTrue())
                .anySatisfy(p -> assertThat(p.get("camera_id").startsWith("cam-1") && Instant.parse(p.get("time")).isAfter(restartedAt)).isTrue());
        assertThat(violations).as("red-light violations published").isNotEmpty();

        awaitCity(Duration.ofSeconds(90), "every published passage and violation stored", () ->
                count(cityDb, "SELECT coalesce(sum(passages), 0) FROM flow_minute") >= passages.size()
                        && count(cityDb, "SELECT count(*) FROM vehicle_passage") >= passages.size()
                        && count(cityDb, "SELECT count(*) FROM violation_case") >= violations.size()
                        && count(cityDb, "SELECT coalesce(sum(violations), 0) FROM violation_5min") >= violations.size());
        Thread.sleep(3000); // a count stored twice would show by now
        assertThat(rows(cityDb, "SELECT event_id::text FROM vehicle_passage ORDER BY 1")).as("every passage id once")
                .containsExactlyElementsOf(new java.util.TreeSet<>(passages.keySet()));
        assertThat(sums(cityDb, "SELECT camera_id || '|' || vehicle_class || '|' || to_char(bucket AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), passages FROM flow_minute")).as("flow per camera, class and minute: what the nodes published")
                .isEqualTo(flow);
        assertThat(sums(cityDb, "SELECT camera_id, sum(violations) FROM violation_5min GROUP BY camera_id")).isEqualTo(violationsPerCamera);
        assertThat(count(cityDb, "SELECT count(*) FROM violation_case")).isEqualTo(violations.size());
        assertThat(count(cityDb, "SELECT count(*) FROM late_passage") + count(cityDb, "SELECT count(*) FROM late_event")).isZero();
        assertAuditChainIntact(cityDb);
        System.out.printf("cluster test: camera node killed; STALLED on the API after %.1f s, on the wall after %.1f s; streaming again %.1f s "
                        + "after the kill; passages per camera %s, violations %s; run %.1f s%n", stalledOnApi, stalledOnWall, resumedIn,
                perCamera, violationsPerCamera, (System.nanoTime() - t0) / 1e9);
    }

    /** The page's violations as [event id], in the order its EventSource got them, with their case ids kept aside. */
    static List<long[]> pageViolations() {
        List<long[]> out = new ArrayList<>();
        pageCases.clear();
        for (Object o : (List<?>) browser.executeScript("return window.__violations || []")) {
            Map<?, ?> m = (Map<?, ?>) o;
            long id = Long.parseLong(String.valueOf(m.get("id")));
            out.add(new long[]{id, out.size()});
            pageCases.add(String.valueOf(m.get("case")));
        }
        return out;
    }

    static final List<String> pageCases = new ArrayList<>();

    static String caseOf(long[] v) {
        return pageCases.get((int) v[1]);
    }

    /** The balancer's log lines of the wall's violation stream, oldest first. */
    static List<LoadBalancer.Request> violationStreams() throws Exception {
        return balancer.requests().stream().filter(r -> r.request().contains("/api/live/violations")).toList();
    }

    /** Every event on a topic, from its start, by its id: id → a few fields. */
    static Map<String, Map<String, String>> published(String topic, String idField) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        java.util.Properties p = new java.util.Properties();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(p,
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer())) {
            var tp = new org.apache.kafka.common.TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    JsonObject e = new JsonObject(r.value());
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (String f : List.of("camera_id", "vehicle_class", "time", "violation_type")) fields.put(f, e.getString(f));
                    assertThat(out.put(e.getString(idField), fields)).as("%s %s published once", topic, e.getString(idField)).isNull();
                }
            }
        }
        return out;
    }

    static void awaitCity(Duration timeout, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) return;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not within " + timeout + ": " + what + "\n" + (city == null ? "" : city.logs(25)), last);
    }

    // ---- the cluster and the job

    static String submit(String db) {
        try {
            return submitter.submit(jobJar(), FlowJob.class.getName(), List.of(
                    "IOC_KAFKA_BOOTSTRAP=" + kafka.bootstrap(), "IOC_DB_URL=" + pg.getJdbcUrl("postgres", db),
                    "IOC_DB_USER=postgres", "IOC_DB_PASSWORD=postgres"), 2);
        } catch (Exception e) {
            throw new IllegalStateException("submission failed\n" + flink.logs(40), e);
        }
    }

    /** The stream-jobs module's {@code stream-jobs-*-job.jar}, built by the reactor before this module. */
    static Path jobJar() throws Exception {
        Path target = Path.of(System.getProperty("matthan.root", ".."), "stream-jobs", "target");
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().endsWith("-job.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no stream-jobs job jar in " + target + ": build with -am"));
        }
    }

    /** A database of its own and empty topics for the next run. */
    static String freshRun(String name) throws Exception {
        kafka.recreateTopics(TOPICS);
        return database(name);
    }

    static String database(String name) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", name), "postgres", "postgres");
        return name;
    }

    static void cancel(String job) throws Exception {
        submitter.cancel(job);
        await(Duration.ofSeconds(60), "job " + job + " cancelled", () -> submitter.state(job).equals("CANCELED"));
    }

    /** Every subtask of the job running. */
    static void awaitRunning(String job) throws Exception {
        await(Duration.ofSeconds(120), "job " + job + " running", () -> {
            JsonNode j = submitter.get("jobs/" + job);
            if (!j.path("state").asText().equals("RUNNING")) return false;
            for (JsonNode v : j.path("vertices")) if (!v.path("status").asText().equals("RUNNING")) return false;
            return true;
        });
    }

    /** The failures the job restarted from (its exception history), each as exception and message. */
    static List<String> failures(String job) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode e : submitter.get("jobs/" + job + "/exceptions").path("exceptionHistory").path("entries")) {
            String trace = e.path("stacktrace").asText();
            out.add(trace.substring(0, Math.max(0, trace.indexOf('\n') < 0 ? trace.length() : trace.indexOf('\n'))));
        }
        return out;
    }

    /** The id of a checkpoint completed after the given time. */
    static long awaitCheckpointAfter(String job, long millis) throws Exception {
        long[] id = {-1};
        await(Duration.ofSeconds(60), "a checkpoint of " + job, () -> {
            JsonNode c = submitter.get("jobs/" + job + "/checkpoints").path("latest").path("completed");
            if (c.isMissingNode() || c.isNull() || c.path("latest_ack_timestamp").asLong() < millis) return false;
            id[0] = c.path("id").asLong();
            return true;
        });
        return id[0];
    }

    /** The TaskManager running the given subtask of the camera-minute operator. */
    static String taskManagerOf(String job, int subtask) throws Exception {
        for (JsonNode v : submitter.get("jobs/" + job).path("vertices")) {
            if (v.path("name").asText().contains("camera minute")) {
                JsonNode s = submitter.get("jobs/" + job + "/vertices/" + v.path("id").asText()).path("subtasks").get(subtask);
                return s.path("taskmanager-id").asText();
            }
        }
        throw new IllegalStateException("no camera minute operator in " + submitter.get("jobs/" + job));
    }

    /** The job running again, restored from a checkpoint at least as new as the one given. */
    static void awaitRestored(String job, long checkpoint) throws Exception {
        await(Duration.ofSeconds(120), "job " + job + " restored from checkpoint ≥ " + checkpoint, () -> {
            JsonNode restored = submitter.get("jobs/" + job + "/checkpoints").path("latest").path("restored");
            return !restored.isMissingNode() && !restored.isNull() && restored.path("id").asLong() >= checkpoint
                    && !restored.path("is_savepoint").asBoolean();
        });
        awaitRunning(job);
    }

    // ---- what was stored

    /**
     * Waits until the run has stored at least every passage and violation, gives the job 3 s more (a count stored twice
     * would show), and returns every aggregate table without its wall-clock columns.
     */
    static Map<String, List<String>> awaitStored(String db) throws Exception {
        await(Duration.ofSeconds(120), "everything stored in " + db, () ->
                count(db, "SELECT count(*) FROM vehicle_passage") >= TRAFFIC.passages
                        && count(db, "SELECT coalesce(sum(passages), 0) FROM flow_minute") >= TRAFFIC.passages
                        && count(db, "SELECT coalesce(sum(intensity), 0) FROM traffic_flow_observed") >= TRAFFIC.passages
                        && count(db, "SELECT count(*) FROM violation_case") >= TRAFFIC.violations
                        && count(db, "SELECT coalesce(sum(violations), 0) FROM violation_5min") >= TRAFFIC.violations
                        && count(db, "SELECT coalesce(sum(violations), 0) FROM violation_day") >= TRAFFIC.violations);
        Thread.sleep(3000);
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : List.of("flow_minute", "traffic_flow_observed", "vehicle_passage", "violation_5min",
                "violation_day", "violation_case", "late_passage", "late_event")) {
            tables.put(table, rows(db, "SELECT (to_jsonb(t) - 'updated_at' - 'created_at' - 'received_at')::text AS r FROM "
                    + table + " t ORDER BY r"));
        }
        tables.put("audit_log", rows(db, "SELECT concat_ws('|', actor, role, action, target, reason) AS r FROM audit_log ORDER BY r"));
        return tables;
    }

    static void assertAuditChainIntact(String db) throws Exception {
        try (Connection c = connect(db)) {
            assertThat(AuditChain.check(c).firstBroken()).as("audit chain intact").isEqualTo(-1);
        }
    }

    static Connection connect(String db) throws Exception {
        return DriverManager.getConnection(pg.getJdbcUrl("postgres", db), "postgres", "postgres");
    }

    static long count(String db, String sql) throws Exception {
        try (Connection c = connect(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Map<String, Long> sums(String db, String sql) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = connect(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
        }
        return out;
    }

    static List<String> rows(String db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void await(Duration timeout, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) return;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + timeout + ": " + what + "\n" + flink.logs(30), last);
    }
}
