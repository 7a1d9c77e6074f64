package vn.matthan.node;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.api.indicators.AdminUnits;
import vn.matthan.api.indicators.IndicatorCatalog;
import vn.matthan.api.indicators.IndicatorRepository;
import vn.matthan.api.indicators.Period;
import vn.matthan.api.indicators.ProvincialReport;
import vn.matthan.api.indicators.UnitSources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What the leaders' map needs in the database before the API starts: the administrative units (shared geo
 * assets, plus a deployment's own {@code units.csv} beside the camera registry when present) and the bundled
 * Quảng Ngãi report as the first indicator values. The report only fills gaps: a value imported later is never
 * overwritten by a restart.
 */
public final class LeadersMapData {
    private static final Logger log = LoggerFactory.getLogger(LeadersMapData.class);
    static final String REPORT_SOURCE = "Báo cáo tỉnh Quảng Ngãi ngày 10/10/2023";

    private LeadersMapData() {
    }

    /** Loads everything it can; each failure is reported and leaves the rest of the node running. */
    public static void prepare(Vertx vertx, PgConnectOptions db, IndicatorCatalog catalog, Path assets, Path deploymentUnits, Consumer<String> problem) {
        Pool pool = PgBuilder.pool().connectingTo(db).using(vertx).build();
        try {
            IndicatorRepository repo = new IndicatorRepository(pool);
            List<UnitSources.LoadedUnit> units = new ArrayList<>(UnitSources.fromAssets(assets));
            if (Files.isRegularFile(deploymentUnits)) units.addAll(UnitSources.fromCsv(deploymentUnits));
            repo.saveUnits(units).await(120, TimeUnit.SECONDS);
            Map<String, AdminUnits> layouts = repo.hierarchies().await(60, TimeUnit.SECONDS);
            ProvincialReport.Result report = ProvincialReport.read(assets.resolve("indicators"), ProvincialReport.QUANG_NGAI_2023_10,
                    catalog, layouts.get(Period.PRE_2025));
            report.problems().forEach(p -> problem.accept("indicator report: " + p));
            repo.seedValues(report.values(), REPORT_SOURCE).await(60, TimeUnit.SECONDS);
            log.info("leaders' map: {} units; {} report values, {} printed rates checked against the counts, {} disagreements",
                    units.size(), report.values().size(), report.checkedRates(), report.problems().size());
        } catch (Exception e) {
            problem.accept("leaders' map data not loaded: " + e.getMessage());
        } finally {
            pool.close();
        }
    }
}
