package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.matthan.api.indicators.IndicatorCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The IOC HTTP API and web UI: cameras, flow series, a Server-Sent Events stream of live flow, sign-in, and the
 * police review desk (cases, lifecycle, notices, evidence, audit) with the public plate lookup.
 * All database access goes through the reactive PostgreSQL pool; nothing blocks an event loop.
 */
public final class IocApiVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(IocApiVerticle.class);

    static final String CAMERAS_SQL = """
            SELECT c.id, c.name, c.unit_code, c.latitude, c.longitude,
                   coalesce(sum(f.passages) FILTER (WHERE f.bucket >= now() - interval '60 minutes'), 0) AS last_hour,
                   max(f.bucket) AS last_bucket
              FROM camera c LEFT JOIN flow_minute f ON f.camera_id = c.id
             GROUP BY c.id ORDER BY c.id""";
    static final String FLOW_SQL = """
            SELECT bucket, vehicle_class, passages FROM flow_minute
             WHERE camera_id = $1 AND bucket >= $2 AND bucket < $3 ORDER BY bucket, vehicle_class""";

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; media-src 'self'; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    static final java.nio.file.Path FONTS = java.nio.file.Path.of("/usr/share/fonts/truetype/dejavu");

    private final PgConnectOptions db;
    private final int port;
    private final CameraStatusSource status;
    private Pool pool;
    private HttpServer server;
    private LiveFeed live;
    private ViolationFeed violations;

    private final EvidenceStore evidence;
    private final NoticeSettings notice;
    private IndicatorCatalog indicators;
    private CameraSnapshots snapshots = CameraSnapshots.NONE;
    private String homeUnit;

    public IocApiVerticle(PgConnectOptions db, int port, CameraStatusSource status) {
        this(db, port, status, EvidenceStore.NONE, null);
    }

    /** @param notice how notices are worded; null: notices cannot be issued (the API says so) */
    public IocApiVerticle(PgConnectOptions db, int port, CameraStatusSource status, EvidenceStore evidence, NoticeSettings notice) {
        this.db = db;
        this.port = port;
        this.status = status;
        this.evidence = evidence;
        this.notice = notice;
    }

    /** Serves the leaders' map with this catalog; {@code homeUnit} is the unit the map opens on (e.g. the province). */
    public IocApiVerticle withIndicators(IndicatorCatalog catalog, String homeUnit) {
        this.indicators = catalog;
        this.homeUnit = homeUnit;
        return this;
    }

    /** Takes citizens' field reports (routing, clock, queue, ratings); photos go to {@code photos}. */
    public IocApiVerticle withFieldReports(vn.matthan.api.reports.FieldReportSettings settings, vn.matthan.api.reports.ReportPhotos photos) {
        this.reportSettings = settings;
        this.reportPhotos = photos;
        return this;
    }

    /**
     * Route tracing for police investigators: passage thumbnails from {@code thumbnails} (the evidence store's photos),
     * route exports signed by {@code signer} (null: exports refused with 503).
     */
    public IocApiVerticle withRouteTracing(vn.matthan.api.reports.ReportPhotos thumbnails, ExportSigner signer) {
        this.sightingThumbnails = thumbnails;
        this.exportSigner = signer;
        return this;
    }

    private vn.matthan.api.reports.ReportPhotos sightingThumbnails;
    private ExportSigner exportSigner;
    private vn.matthan.api.reports.FieldReportSettings reportSettings;
    private vn.matthan.api.reports.ReportPhotos reportPhotos;

    /** Serves each camera's latest frame at /api/cameras/{id}/snapshot.jpg. */
    public IocApiVerticle withSnapshots(CameraSnapshots snapshots) {
        this.snapshots = snapshots;
        return this;
    }

    @Override
    public Future<?> start() {
        return ApiContract.load(vertx).compose(c -> {
            contract = c;
            return startWith();
        });
    }

    private ApiContract contract;
    private Router router;

    private Future<?> startWith() {
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(db).using(vertx).build();
        live = new LiveFeed(vertx, pool, status);
        violations = new ViolationFeed(vertx, pool);
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("X-Frame-Options", "DENY")
                    // Scripts only from the IOC itself; Leaflet sets inline styles; a configured tile server is https.
                    .putHeader("Content-Security-Policy", CSP);
            ctx.next();
        });
        IndicatorRoutes map = indicators == null ? null : new IndicatorRoutes(pool, indicators, homeUnit);
        // Registered before the general body handler: an import may be larger than other requests.
        if (map != null) map.mountImport(router);
        RegistrationRoutes registrations = new RegistrationRoutes(pool);
        registrations.mountImport(router);
        NoticeDeliveryRoutes delivery = new NoticeDeliveryRoutes(pool, notice);
        delivery.mountImport(router);
        FieldReportRoutes reports = reportSettings == null ? null : new FieldReportRoutes(vertx, pool, reportSettings, reportPhotos);
        if (reports != null) reports.mountIntake(router);
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
        Auth auth = new Auth(vertx, pool);
        router.route("/api/*").handler(auth::authenticate);
        router.get("/openapi.json").handler(contract::serve);
        router.route("/api/*").handler(contract::check);
        // Every API route is an operation of the contract: its path, method and roles are the document's.
        contract.mount(router, "login", auth::login);
        contract.mount(router, "logout", auth::logout);
        new CaseRoutes(vertx, pool, evidence, notice).mount(router, contract);
        delivery.mount(router, contract);
        new ViolationFigureRoutes(pool).mount(router, contract);
        if (map != null) map.mount(router, contract);
        if (map != null) new AssistantRoutes(pool, indicators, map, homeUnit).mount(router, contract);
        registrations.mount(router, contract);
        if (reports != null) reports.mount(router, contract);
        new RouteTracingRoutes(vertx, pool, sightingThumbnails, exportSigner).mount(router, contract);
        contract.mount(router, "health", ctx -> ctx.json(new JsonObject().put("status", "UP")));
        contract.mount(router, "listCameras", this::cameras);
        contract.mount(router, "cameraSnapshot", this::snapshot);
        contract.mount(router, "flowSeries", this::flow);
        contract.mount(router, "liveFlow", live::subscribe);
        contract.mount(router, "liveViolations", violations::subscribe);
        this.router = router;
        router.route("/api/*").handler(ctx -> Problem.send(ctx, 404, "Not Found", "no such API resource"));
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
        // The UI's font comes with the IOC (Vietnamese diacritics on any wall PC): the DejaVu faces the notices embed.
        router.route("/fonts/*").handler(StaticHandler.create(FileSystemAccess.ROOT, FONTS.toString()).setMaxAgeSeconds(86400));
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        router.route().failureHandler(ctx -> {
            int code = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            if (code >= 500) log.error("request {} failed", ctx.request().path(), ctx.failure());
            Problem.send(ctx, code, code >= 500 ? "Internal Server Error" : "Request Failed",
                    code >= 500 ? "the server could not complete the request" : String.valueOf(ctx.failure()));
        });
        Future<Void> ready = map == null ? Future.succeededFuture() : map.load();
        if (reports != null) ready = ready.compose(x -> reports.load());
        return ready.compose(x -> vertx.createHttpServer().requestHandler(router).listen(port)).onSuccess(s -> {
            server = s;
            live.start();
            violations.start();
        });
    }

    /**
     * The API routes served, each as {@code METHOD /path/{param}} in the contract's notation: every one of them is an
     * operation of openapi.json (tests hold the two side by side).
     */
    public java.util.SortedSet<String> apiRoutes() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (io.vertx.ext.web.Route r : router.getRoutes()) {
            if (r.getPath() == null || !r.isExactPath() || !r.getPath().startsWith("/api/") || r.methods() == null) continue;
            for (io.vertx.core.http.HttpMethod m : r.methods()) out.add(m.name() + " " + r.getPath().replaceAll(":([^/.]+)", "{$1}"));
        }
        return out;
    }

    /** The port actually bound (useful when started on port 0). */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        if (live != null) live.stop();
        if (violations != null) violations.stop();
        return pool == null ? Future.succeededFuture() : pool.close();
    }

    private void cameras(RoutingContext ctx) {
        pool.query(CAMERAS_SQL).execute().onSuccess(rows -> {
            JsonArray out = new JsonArray();
            for (Row r : rows) {
                out.add(new JsonObject().put("id", r.getString("id")).put("name", r.getString("name"))
                        .put("unit_code", r.getString("unit_code"))
                        .put("lat", r.getDouble("latitude")).put("lon", r.getDouble("longitude"))
                        .put("passages_last_hour", r.getLong("last_hour"))
                        .put("last_bucket", iso(r.getOffsetDateTime("last_bucket")))
                        .put("status", CameraStatus.json(status.status(r.getString("id")))));
            }
            ctx.json(out);
        }).onFailure(e -> databaseDown(ctx, e));
    }

    private final ViewingLog frameViews = new ViewingLog(java.time.Duration.ofMinutes(5));

    /**
     * A frame shows people and plates: the contract lets only signed-in operators, reviewers and admins see it; who
     * watched which camera is audited (the first frame, then one entry per 5 minutes of watching).
     */
    private void snapshot(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        String id = ctx.pathParam("id");
        vertx.executeBlocking(() -> snapshots.latestJpeg(id)).onSuccess(jpeg -> {
            if (jpeg.isEmpty()) {
                Problem.send(ctx, 404, "Not Found", "no frame of camera '" + id + "' on this node (unknown, not analysed, or no frame yet)");
                return;
            }
            Future<?> audited = frameViews.audit(p.username(), id, System.currentTimeMillis())
                    ? AuditLog.record(pool, p, "camera.snapshot.viewed", "camera:" + id, "live view (one entry per 5 min of watching)")
                    : Future.succeededFuture();
            audited.onSuccess(x -> ctx.response()
                    .putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "no-store")
                    .end(io.vertx.core.buffer.Buffer.buffer(jpeg.get()))).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    private void flow(RoutingContext ctx) {
        FlowQuery q;
        try {
            q = FlowQuery.of(ctx.queryParams().get("camera"), ctx.queryParams().get("from"), ctx.queryParams().get("to"), Instant.now());
        } catch (IllegalArgumentException e) {
            Problem.send(ctx, 400, "Bad Request", e.getMessage());
            return;
        }
        pool.preparedQuery("SELECT 1 FROM camera WHERE id = $1").execute(Tuple.of(q.camera()))
                .compose(found -> {
                    if (found.size() == 0) {
                        Problem.send(ctx, 404, "Not Found", "unknown camera '" + q.camera() + "'");
                        return Future.succeededFuture();
                    }
                    return pool.preparedQuery(FLOW_SQL).execute(Tuple.of(q.camera(), utc(q.from()), utc(q.to())))
                            .onSuccess(rows -> {
                                JsonArray series = new JsonArray();
                                for (Row r : rows) {
                                    series.add(new JsonObject().put("bucket", iso(r.getOffsetDateTime("bucket")))
                                            .put("vehicle_class", r.getString("vehicle_class"))
                                            .put("passages", r.getInteger("passages")));
                                }
                                ctx.json(new JsonObject().put("camera", q.camera()).put("from", q.from().toString())
                                        .put("to", q.to().toString()).put("bucket_seconds", 60).put("flow", series));
                            });
                }).onFailure(e -> databaseDown(ctx, e));
    }

    static void databaseDown(RoutingContext ctx, Throwable e) {
        log.error("database query failed for {}: {}", ctx.request().path(), e.getMessage());
        Problem.send(ctx, 503, "Service Unavailable", "the database is not reachable; try again shortly");
    }

    static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static String iso(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
