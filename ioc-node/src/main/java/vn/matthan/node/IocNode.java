package vn.matthan.node;

import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.api.CameraStatus;
import vn.matthan.api.CameraStatusSource;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.detection.pipeline.CameraPipeline;
import vn.matthan.detection.pipeline.DetectionConfig;
import vn.matthan.detection.pipeline.KafkaEventPublisher;
import vn.matthan.detection.signal.SignalControllerFeed;
import vn.matthan.api.EvidenceStore;
import vn.matthan.api.NoticeSettings;
import vn.matthan.detection.evidence.DataBar;
import vn.matthan.detection.evidence.EvidenceVerifier;
import vn.matthan.detection.evidence.EvidencePackager;
import vn.matthan.detection.plate.PassagePlateReader;
import vn.matthan.detection.plate.PlateRecognizer;
import vn.matthan.detection.evidence.PhotoPackages;
import vn.matthan.detection.evidence.EvidenceService;
import vn.matthan.detection.evidence.NodeKeys;
import vn.matthan.detection.evidence.PackageStore;
import vn.matthan.events.Topics;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.detection.model.VehicleDetector;
import vn.matthan.events.CameraHealthEvent;
import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.CameraHealth;
import vn.matthan.ingest.CameraRegistry;
import vn.matthan.ingest.CameraStream;
import vn.matthan.ingest.StillImage;
import vn.matthan.ingest.VideoFrame;
import vn.matthan.ingest.FrameHandoff;
import vn.matthan.ingest.StreamErrors;
import vn.matthan.stream.FlowJobConfig;
import vn.matthan.schema.DatabaseSchema;
import vn.matthan.api.indicators.IndicatorCatalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole IOC in one process: database, Kafka, the Flink flow job, ingest + detection per camera and the
 * API. Every part that fails to start for one camera is reported in one line and the rest keeps running.
 */
public final class IocNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IocNode.class);
    /** A first start initialises the data folder, which takes far longer than the later starts. */
    private static final Duration DATABASE_STARTUP_WAIT = Duration.ofSeconds(60);
    /** The wall shows a camera's state soon after start instead of a full report period later. */
    private static final Duration FIRST_HEALTH_REPORT = Duration.ofSeconds(1);

    private final NodeSettings settings;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Map<String, CameraStream> streams = new ConcurrentHashMap<>();
    private final Map<String, CameraPipeline> pipelines = new ConcurrentHashMap<>();
    private final Map<String, String> cameraErrors = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private DatabaseTarget db;
    private String kafkaBootstrap;
    private IocApiVerticle api;
    private DetectionConfig detection;
    private EvidenceService evidence;
    private PassagePlateReader passagePlates;
    private NodeKeys keys;
    private EvidenceStoreConfig evidenceStore;
    private FlowJobOnCluster flowJobOnCluster;

    private IocNode(NodeSettings settings) {
        this.settings = settings;
    }

    /** Starts everything; throws only when nothing useful can run (no registry, no database, no port). */
    public static IocNode start(NodeSettings settings) throws Exception {
        IocNode node = new IocNode(settings);
        try {
            node.startAll();
        } catch (Exception e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void startAll() throws Exception {
        if (settings.runs(NodeRole.CAMERA) || settings.runs(NodeRole.API)) {
            // IOC_EVIDENCE_STORE and friends: a bad setting stops the node here, in one line naming it.
            evidenceStore = EvidenceStoreConfig.fromEnvironment(System.getenv(), settings.dataDir());
            if (evidenceStore.store() instanceof AutoCloseable c) toClose.add(c);
        }
        CameraRegistry registry = CameraRegistry.load(settings.cameraRegistry());
        registry.problems().forEach(this::problem);
        List<CameraConfig> mine = settings.runs(NodeRole.CAMERA) ? registry.camerasOf(settings.nodeId()) : List.of();
        Files.createDirectories(settings.dataDir());
        log.info("node {}: roles {}{}", settings.nodeId() != null ? settings.nodeId() : settings.roles().equals(NodeRole.ALL) ? "(all-in-one)" : "(no IOC_NODE_ID)",
                NodeRole.names(settings.roles()), settings.runs(NodeRole.CAMERA) ? ", " + mine.size() + " camera(s)" : "");

        if (settings.runs(NodeRole.STREAM) || settings.runs(NodeRole.API)) {
            db = startDatabase();
            DatabaseSchema.migrate(db.jdbcUrl(), db.user(), db.password());
            CameraDirectory.publish(db, registry.cameras());
        }

        kafkaBootstrap = startKafka();
        KafkaTopics.ensure(kafkaBootstrap);
        if (settings.runs(NodeRole.STREAM)) startFlowJob();

        if (settings.runs(NodeRole.CAMERA)) startCameras(mine);
        if (settings.runs(NodeRole.API)) startApi();
    }

    /** Ingest, detection, plates and evidence for this node's cameras, publishing to Kafka. */
    private void startCameras(List<CameraConfig> cameras) {
        VehicleDetector detector = null;
        try {
            detection = loadDetectionConfig();
            detector = loadDetector(detection);
        } catch (Exception e) {
            problem("detector not started, no camera can be analysed: " + e.getMessage());
        }
        KafkaEventPublisher publisher = new KafkaEventPublisher(kafkaBootstrap);
        toClose.add(0, publisher);
        probeEvidenceStore("violations are still reported, without evidence, until it answers");
        evidence = startEvidence(detector);
        passagePlates = startPassagePlates();
        for (CameraConfig cam : cameras) startCamera(cam, detector, publisher);
        startSignalFeed();
        startHealthBeacon(publisher);
    }

    private DatabaseTarget startDatabase() throws Exception {
        if (settings.dbUrl() != null) {
            log.info("database: external {}", settings.dbUrl());
            return DatabaseTarget.fromJdbcUrl(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
        }
        Path dir = settings.dataDir().resolve("postgres");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .setPGStartupWait(DATABASE_STARTUP_WAIT).start();
        toClose.add(0, pg);
        log.info("database: embedded PostgreSQL on port {} (data in {})", pg.getPort(), dir);
        return new DatabaseTarget("127.0.0.1", pg.getPort(), "postgres", "postgres", "postgres");
    }

    private String startKafka() throws Exception {
        if (settings.kafkaBootstrap() != null) {
            log.info("kafka: external {}", settings.kafkaBootstrap());
            return settings.kafkaBootstrap();
        }
        EmbeddedKafka kafka = new EmbeddedKafka(settings.dataDir());
        toClose.add(0, kafka);
        log.info("kafka: embedded KRaft broker on {}", kafka.bootstrapServers());
        return kafka.bootstrapServers();
    }

    private void startFlowJob() throws Exception {
        if (settings.flinkRest() == null) {
            EmbeddedFlink flink = new EmbeddedFlink(settings.dataDir().resolve("flink-checkpoints"),
                    FlowJobConfig.of(kafkaBootstrap, db.jdbcUrl(), db.user(), db.password())); // the cluster's defaults
            toClose.add(0, flink);
            return;
        }
        if (settings.flinkJobJar() == null || !Files.isRegularFile(settings.flinkJobJar())) {
            throw new IllegalStateException("the stream role needs the flow job's jar for " + settings.flinkRest()
                    + ": build it (mvn package -pl stream-jobs) or set IOC_FLINK_JOB_JAR (" + settings.flinkJobJar() + ")");
        }
        // The job runs in the cluster: it gets the shared Kafka and database as NAME=value arguments, but not the
        // password, which Flink would show with the job's arguments: the cluster's processes take IOC_DB_PASSWORD from
        // their own environment.
        flowJobOnCluster = new FlowJobOnCluster(java.net.URI.create(settings.flinkRest()), settings.flinkJobJar(), List.of(
                "IOC_KAFKA_BOOTSTRAP=" + kafkaBootstrap, "IOC_DB_URL=" + db.jdbcUrl(), "IOC_DB_USER=" + db.user()),
                settings.flinkParallelism());
        toClose.add(0, flowJobOnCluster);
    }

    /** The flow job's id on the Flink cluster once submitted (IOC_FLINK_REST); null otherwise. */
    public String flowJobOnClusterId() {
        return flowJobOnCluster == null ? null : flowJobOnCluster.jobId();
    }

    /** A store that does not answer at start is said in one line; every package and every read tries it again. */
    private void probeEvidenceStore(String consequence) {
        try {
            evidenceStore.store().probe();
            log.info("evidence store: {}", evidenceStore.store().describe());
        } catch (Exception e) {
            problem(e.getMessage() + "; " + consequence);
        }
    }

    /**
     * Evidence packages in the configured store (data/evidence by default), signed with the node key in data/keys;
     * without a font: no packages.
     */
    private EvidenceService startEvidence(VehicleDetector detector) {
        try {
            keys = NodeKeys.loadOrCreate(settings.dataDir().resolve("keys"));
            List<EvidencePackager.ModelFile> models = new ArrayList<>();
            if (detector != null) models.add(EvidencePackager.ModelFile.of(detector.modelId()));
            Map<String, Object> thresholds = detection == null ? Map.of() : Map.of("detector", detection.model(),
                    "input_size", detection.inputSize(), "score_threshold", detection.scoreThreshold(),
                    "nms_threshold", detection.nmsThreshold());
            PlateRecognizer plates = startPlateReader();
            if (plates != null) {
                for (String plateModel : plates.modelIds()) models.add(EvidencePackager.ModelFile.of(plateModel));
                thresholds = new java.util.LinkedHashMap<>(thresholds);
                thresholds.put("plate_confidence_threshold", plates.threshold());
            }
            DetectionConfig.EvidenceSettings clip = (detection != null ? detection : DetectionConfig.defaults(settings.modelsDir())).evidence();
            EvidenceService service = new EvidenceService(new EvidencePackager(evidenceStore.store(), evidenceStore.work(), keys,
                    new DataBar(DataBar.DEFAULT_FONT), models, thresholds, clip.clipBefore(), clip.clipAfter()), plates);
            toClose.add(0, service);
            log.info("evidence: packages in {}, signed by node key {}", evidenceStore.store().describe(), keys.keyId());
            return service;
        } catch (Exception e) {
            problem("evidence packages disabled (violations are still reported): " + e.getMessage());
            return null;
        }
    }

    /**
     * The reader of every passage's plate (route tracing): a recognizer of its own (its worker reads beside the evidence
     * service's), the configured CPU budget, thumbnails in the evidence store. Without it passages go out unread.
     */
    private PassagePlateReader startPassagePlates() {
        if (detection == null || !detection.plates().enabled() || detection.plates().passages().cpuBudget() <= 0) return null;
        try {
            PlateRecognizer r = detection.plates().create();
            DetectionConfig.PassagePlates cfg = detection.plates().passages();
            PassagePlateReader reader = new PassagePlateReader(r, new PhotoPackages(evidenceStore.store(), evidenceStore.work()),
                    cfg.cpuBudget(), cfg.views(), cfg.maxWait());
            toClose.add(0, r);
            toClose.add(0, reader); // closed before its recognizer and after the cameras, which hand it their last passages
            log.info("passage plates: every passage's plate on its best {} view(s), within {} core(s), wait at most {} s",
                    cfg.views(), cfg.cpuBudget(), cfg.maxWait().toMillis() / 1000.0);
            return reader;
        } catch (Exception e) {
            problem("passage plates not read (passages are still counted, without plates): " + e.getMessage());
            return null;
        }
    }

    /** The plate reader of the evidence service; without it violations still go out, with "plate not read". */
    private PlateRecognizer startPlateReader() {
        if (detection == null || !detection.plates().enabled()) return null;
        try {
            PlateRecognizer r = detection.plates().create();
            toClose.add(0, r);
            log.info("plates: {} (human check below confidence {})", r.modelIds(), r.threshold());
            return r;
        } catch (Exception e) {
            problem("plate reader not started (violations are still packaged, without a plate): " + e.getMessage());
            return null;
        }
    }

    private DetectionConfig loadDetectionConfig() throws Exception {
        DetectionConfig c = Files.isRegularFile(settings.detectionConfig())
                ? DetectionConfig.load(settings.detectionConfig(), settings.modelsDir())
                : DetectionConfig.defaults(settings.modelsDir());
        return settings.modelFile() == null ? c : c.withModelFile(settings.modelFile());
    }

    private VehicleDetector loadDetector(DetectionConfig config) {
        try {
            VehicleDetector d = config.createDetector();
            toClose.add(0, d);
            log.info("detection: {} ({} px, score >= {}, batch {}, {} inference(s) at once x {} thread(s), road region {}, motion gate {})",
                    d.modelId(), config.inputSize(), config.scoreThreshold(), d.maxBatch(), config.workers(), config.threads(),
                    config.roadRegion() ? "on" : "off", config.motionGate().enabled() ? "on" : "off");
            return d;
        } catch (Exception e) {
            problem("detector not started, no camera can be analysed: " + e.getMessage());
            return null;
        }
    }

    private void startCamera(CameraConfig cam, VehicleDetector detector, KafkaEventPublisher publisher) {
        SceneCalibration scene;
        try {
            scene = SceneCalibration.load(cam.scene());
        } catch (Exception e) {
            cameraErrors.put(cam.id(), e.getMessage());
            problem("camera " + cam.id() + ": not started: " + e.getMessage());
            return;
        }
        if (detector == null) {
            cameraErrors.put(cam.id(), "detector not available: " + (detection == null
                    ? "configuration " + settings.detectionConfig() + " is invalid" : "model " + detection.modelFile()));
            return;
        }
        FrameHandoff handoff = new FrameHandoff(detection.queueFrames());
        CameraStream stream = new CameraStream(cam, handoff);
        CameraPipeline pipeline = new CameraPipeline(cam, scene, handoff, detector, publisher, detection.tracker(),
                detection.analysis());
        if (evidence != null) pipeline.packageEvidence(evidence, stream.ring());
        if (passagePlates != null) pipeline.readPassagePlates(passagePlates, detection.plates().passages().settle());
        Thread ingest = daemon("ingest-" + cam.id(), stream);
        Thread analysis = daemon("detect-" + cam.id(), pipeline);
        streams.put(cam.id(), stream);
        pipelines.put(cam.id(), pipeline);
        toClose.add(0, () -> {
            stream.stop();
            pipeline.stop();
            ingest.join(5000);
            analysis.join(5000);
            stream.ring().close(); // native packets, freed once the ingest thread no longer adds to them
        });
        log.info("camera {}: started ({}, scene {})", cam.id(), StreamErrors.redact(cam.url()), scene.version());
    }

    /** Controller-driven signal groups get their phase changes from the signal.phase topic. */
    private void startSignalFeed() {
        List<CameraPipeline> listening = pipelines.values().stream().filter(p -> !p.signals().controllerIds().isEmpty()).toList();
        if (listening.isEmpty()) return;
        SignalControllerFeed feed = new SignalControllerFeed(kafkaBootstrap);
        listening.forEach(p -> feed.listen(p.signals()));
        Thread t = daemon("signal-feed", feed);
        toClose.add(0, () -> {
            feed.close();
            t.join(5000);
        });
        log.info("signals: {} camera(s) follow signal controllers on {}", listening.size(), Topics.SIGNAL_PHASE);
    }

    /** Publishes every camera's ingest health as camera.health events at the contract's period. */
    private void startHealthBeacon(KafkaEventPublisher publisher) {
        ScheduledExecutorService beacon = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "camera-health");
            t.setDaemon(true);
            return t;
        });
        beacon.scheduleAtFixedRate(() -> {
            Instant now = Instant.now();
            streams.values().forEach(s -> {
                CameraHealth h = s.health();
                CameraPipeline p = pipelines.get(h.cameraId());
                publisher.publish(CameraHealthEvent.of(h.cameraId(), now, h.state().name(), h.inputFps(), h.analysedFps(),
                        h.droppedFrames(), h.damagedPackets(), h.reconnects(), h.lastFrameAgeMs(), h.lastError())
                        .withVehiclesInView(p == null ? null : p.vehiclesInView())
                        .withTotals(p == null ? null : new CameraHealthEvent.Totals(h.decodedFrames(), p.framesAnalysed(),
                                p.vehiclesSeen(), p.passages())));
            });
        }, FIRST_HEALTH_REPORT.toMillis(), CameraHealthEvent.REPORT_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        toClose.add(0, beacon::shutdownNow);
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void startApi() throws Exception {
        Vertx vertx = Vertx.vertx();
        toClose.add(0, () -> vertx.close().await(10, TimeUnit.SECONDS));
        Users.ensureAdmin(db);
        NoticeSettings notice = null;
        Path noticeFile = settings.cameraRegistry().resolveSibling("notice.yaml");
        try {
            notice = NoticeSettings.load(noticeFile);
        } catch (Exception e) {
            problem("notices cannot be issued: " + e.getMessage());
        }
        EvidenceStore store = evidenceStore();
        CameraStatusSource status = this::cameraStatus;
        if (!settings.runs(NodeRole.CAMERA)) {
            // No camera runs here: the camera nodes' reports on Kafka say how each camera is.
            CameraHealthBoard board = new CameraHealthBoard(kafkaBootstrap, java.time.Clock.systemUTC());
            Thread t = daemon("camera-health-board", board);
            toClose.add(0, () -> {
                board.close();
                t.join(5000);
            });
            status = board;
        }
        api = new IocApiVerticle(db.reactive(), settings.httpPort(), status, store, notice).withSnapshots(id -> {
            CameraPipeline p = pipelines.get(id);
            VideoFrame f = p == null ? null : p.latestFrame();
            return f == null ? java.util.Optional.empty() : java.util.Optional.of(StillImage.jpeg(f));
        });
        Path catalogFile = settings.cameraRegistry().resolveSibling("indicators.yaml");
        try {
            IndicatorCatalog catalog = IndicatorCatalog.load(catalogFile);
            LeadersMapData.prepare(vertx, db.reactive(), catalog, settings.assets(), settings.cameraRegistry().resolveSibling("units.csv"), this::problem);
            api.withIndicators(catalog, settings.homeUnit());
        } catch (Exception e) {
            problem("the leaders' map is off: " + e.getMessage());
        }
        try {
            api.withFieldReports(vn.matthan.api.reports.FieldReportSettings.load(settings.cameraRegistry().toAbsolutePath().getParent(), settings.assets()),
                    new PackagePhotos(evidenceStore.store(), evidenceStore.work().resolve("report-photos")));
        } catch (Exception e) {
            problem("field reports are off: " + e.getMessage());
        }
        try {
            // Exports for case files are signed by a key of the API node's own (not a camera node's evidence key).
            NodeKeys exportKeys = NodeKeys.loadOrCreate(settings.dataDir().resolve("export-keys"));
            api.withRouteTracing(new PackagePhotos(evidenceStore.store(), evidenceStore.work().resolve("report-photos")),
                    new vn.matthan.api.ExportSigner(exportKeys.keyId(), exportKeys.publicKey(), exportKeys::sign));
            log.info("route tracing: exports signed by export key {}", exportKeys.keyId());
        } catch (Exception e) {
            problem("route exports cannot be signed (sightings are still answered): " + e.getMessage());
            api.withRouteTracing(new PackagePhotos(evidenceStore.store(), evidenceStore.work().resolve("report-photos")), null);
        }
        vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
    }

    /**
     * The evidence packages this API node serves: the camera node's own key where one runs here; on an API-only node
     * the public keys of the camera nodes found in the data folder's {@code keys} (the node key) and
     * {@code trusted-keys/<node>/} folders; the packages are read from the configured store (shared folder or bucket).
     */
    private EvidenceStore evidenceStore() {
        PackageStore packages = evidenceStore.store();
        if (!settings.runs(NodeRole.CAMERA)) probeEvidenceStore("evidence is refused (409) until it answers");
        if (keys != null) return new PackageDirectory(packages, EvidenceVerifier.trusting(keys));
        Map<String, java.security.PublicKey> trusted = new java.util.LinkedHashMap<>();
        List<Path> keyDirs = new ArrayList<>(List.of(settings.dataDir().resolve("keys")));
        try (var nodes = Files.list(settings.dataDir().resolve("trusted-keys"))) {
            nodes.filter(Files::isDirectory).sorted().forEach(keyDirs::add);
        } catch (java.io.IOException e) {
            // no trusted-keys folder: only the data folder's own key, if any
        }
        for (Path dir : keyDirs) {
            if (!Files.isRegularFile(dir.resolve("node-ed25519.pub"))) continue;
            try {
                var key = NodeKeys.publicKeyIn(dir);
                trusted.put(key.getKey(), key.getValue());
            } catch (java.io.IOException e) {
                problem("evidence key not trusted: " + e.getMessage());
            }
        }
        if (trusted.isEmpty()) {
            problem("evidence is not served: no camera node key in " + settings.dataDir().resolve("keys") + " or "
                    + settings.dataDir().resolve("trusted-keys"));
            return EvidenceStore.NONE;
        }
        return new PackageDirectory(packages, new EvidenceVerifier(trusted));
    }

    /** The health values the API shows next to each camera (it owns their shape), or why the camera is not running. */
    CameraStatus cameraStatus(String cameraId) {
        CameraStream s = streams.get(cameraId);
        if (s == null) return CameraStatus.notRunning(cameraErrors.getOrDefault(cameraId, "not running on this node"));
        CameraHealth h = s.health();
        CameraPipeline p = pipelines.get(cameraId);
        return new CameraStatus(h.state().name(), new CameraStatus.Counters(h.inputFps(), h.analysedFps(), h.decodedFrames(),
                p.framesAnalysed(), h.droppedFrames(), h.damagedPackets(), h.reconnects(), h.lastFrameAgeMs(),
                p.vehiclesSeen(), p.passages()), h.lastError());
    }

    private void problem(String line) {
        problems.add(line);
        log.error(line);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public int httpPort() {
        return api.actualPort();
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String jdbcUrl() {
        return db.jdbcUrl();
    }

    public String dbUser() {
        return db.user();
    }

    public String dbPassword() {
        return db.password();
    }

    /** A camera's ingest health (frames handed to analysis, dropped, …), or null when it does not run here. */
    public CameraHealth cameraHealth(String cameraId) {
        CameraStream s = streams.get(cameraId);
        return s == null ? null : s.health();
    }

    /** The reader of plates on every passage, or null when no camera of this node reads them. */
    public PassagePlateReader passagePlates() {
        return passagePlates;
    }

    public Map<String, CameraPipeline> pipelines() {
        return Map.copyOf(pipelines);
    }

    /** Stops in reverse start order: cameras first, so no passage is produced into a closed broker. */
    @Override
    public void close() {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("shutdown step failed: {}", e.toString());
            }
        }
        toClose.clear();
    }
}
