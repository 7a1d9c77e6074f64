package vn.matthan.api.indicators;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every status of the real Quảng Ngãi report re-derived under the previous catalog version and the current one: the
 * units that change colour, and why, are exactly those docs/indicators-nq13.md lists for the lead to quote.
 */
class IndicatorCatalogVersionsTest {
    static final Path PREVIOUS = Path.of("../config/indicators-history/2026-12-01.1.yaml");
    static final Path DOC = Path.of("../docs/indicators-nq13.md");

    @Test
    void on_the_real_report_only_son_has_online_receipt_shares_change_colour_and_the_doc_lists_each() throws Exception {
        IndicatorCatalog before = IndicatorCatalog.load(PREVIOUS), after = IndicatorCatalog.load(IndicatorCatalogTest.CATALOG);
        assertThat(before.version()).isEqualTo("2026-12-01.1");
        assertThat(after.changelog()).extracting(CatalogChange::version).contains(before.version());
        List<UnitSources.LoadedUnit> loaded = UnitSources.fromAssets(ProvinceDataTest.ASSETS);
        AdminUnits pre = new AdminUnits(Period.PRE_2025, loaded.stream().filter(l -> l.layout().equals(Period.PRE_2025))
                .map(UnitSources.LoadedUnit::unit).toList());
        List<IndicatorValue> values = ProvincialReport.read(ProvinceDataTest.ASSETS.resolve("indicators"), ProvincialReport.QUANG_NGAI_2023_10,
                after, pre).values();
        List<StatusChanges.Change> changes = StatusChanges.between(before, after, pre, values);

        // Sơn Hà's 14 communes and Sơn Hà itself (aggregated from them): judged before against NQ13's work-records tiers.
        assertThat(changes).hasSize(15).allSatisfy(c -> {
            assertThat(c.indicator()).isEqualTo("online-applications");
            assertThat(c.after()).isEqualTo(Status.NO_TARGET);
            assertThat(c.value()).isNotNull();
            assertThat(c.why()).contains("no target at " + c.unit().level().key()).contains("dvctt-online-receipt-share");
        });
        assertThat(changes).filteredOn(c -> c.before() == Status.GREEN).extracting(c -> c.unit().nameShort()).containsExactly("Sơn Giang");
        assertThat(changes).filteredOn(c -> c.before() == Status.AMBER).extracting(c -> c.unit().nameShort()).containsExactly("Sơn Kỳ");
        assertThat(changes).filteredOn(c -> c.before() == Status.RED).hasSize(13);   // 12 communes and the district
        // Intake and result digitisation (13 districts each) and e-signed documents (Sơn Hà and its 14 communes) keep theirs.
        assertThat(changes).noneMatch(c -> List.of("intake-digitisation", "result-digitisation", "esigned-documents").contains(c.indicator()));

        List<String> rows = new ArrayList<>();
        for (StatusChanges.Change c : changes) rows.add(row(c));
        Path out = Files.createDirectories(Path.of("target")).resolve("status-changes.md");
        Files.writeString(out, String.join("\n", rows) + "\n");
        String doc = Files.readString(DOC);
        for (String r : rows) assertThat(doc).as("docs/indicators-nq13.md lists (see " + out.toAbsolutePath() + ")").contains(r);
        assertThat(doc).contains(after.version()).contains(before.version());
    }

    static String row(StatusChanges.Change c) {
        return String.format(Locale.ROOT, "| %s | %s %s | %s | %.2f%% | %s %s | %s %s | %s |", c.indicator(), c.unit().code(), c.unit().name(),
                c.unit().level().key(), c.value(), c.before().symbol, c.before().vi, c.after().symbol, c.after().vi, c.why());
    }
}
