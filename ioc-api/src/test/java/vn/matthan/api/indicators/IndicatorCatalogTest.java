package vn.matthan.api.indicators;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.config.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndicatorCatalogTest {
    static final Path CATALOG = Path.of("../config/indicators.yaml");

    @Test
    void the_shipped_catalog_loads_with_every_indicator_the_seeds_name() throws Exception {
        IndicatorCatalog c = IndicatorCatalog.load(CATALOG);
        assertThat(c.version()).isNotBlank();
        assertThat(c.all()).extracting(Indicator::id).contains("online-applications", "intake-digitisation", "result-digitisation",
                "esigned-documents", "on-time-resolution", "public-investment-disbursement", "citizen-satisfaction", "online-payment",
                "red-light-per-camera-day", "violations-per-10k-vehicles", "camera-uptime", "review-backlog-age", "notice-rate");
        Indicator records = c.find("work-records-online").orElseThrow();
        assertThat(records.thresholdsAt(Level.PROVINCE).target()).isEqualTo(90);
        assertThat(records.thresholdsAt(Level.DISTRICT).target()).isEqualTo(80);
        assertThat(records.thresholdsAt(Level.COMMUNE).target()).isEqualTo(70);
        assertThat(c.find("red-light-per-camera-day").orElseThrow().higherIsBetter()).isFalse();
        for (Indicator i : c.all()) {
            if (i.source() == Indicator.Source.COMPUTED) assertThat(ComputedIndicators.knows(i.id())).as(i.id()).isTrue();
        }
    }

    @Test
    void each_nq13_target_sits_on_an_indicator_measuring_what_the_target_measures() throws Exception {
        IndicatorCatalog c = IndicatorCatalog.load(CATALOG);
        List<Target> nq13 = c.targets().stream().filter(t -> t.document().contains("13/NQ-TU")).toList();
        // Every NQ13 2025 target the issue names (wording of the work-records target as quoted from the resolution).
        assertThat(nq13).extracting(Target::measures).containsExactlyInAnyOrder("work-records-processed-online", "inspections-done-digitally",
                "eligible-procedures-fully-online", "digital-economy-share-of-grdp", "households-with-fibre", "adults-with-smartphone",
                "documents-digitally-signed");
        for (Target t : c.targets()) {
            assertThat(c.all()).as(t.id() + " sits on an indicator of the same measure").anyMatch(i -> i.measures().equals(t.measures()));
            assertThat(t.appliesFrom() == null || t.appliesFrom().equals("2025")).as(t.id()).isTrue();
        }
        // Every threshold citing a target cites one of the same measure, with the target's own figure for that tier.
        int cited = 0;
        for (Indicator i : c.all()) {
            for (Level l : Level.values()) {
                Thresholds th = i.thresholdsAt(l);
                if (th == null || th.cites() == null) continue;
                Target t = c.target(th.cites()).orElseThrow();
                assertThat(t.measures()).as(i.id() + " at " + l).isEqualTo(i.measures());
                assertThat(th.target()).as(i.id() + " at " + l).isEqualTo(t.levels().get(l));
                assertThat(th.strict()).isEqualTo(t.strict());
                cited++;
            }
        }
        assertThat(cited).isEqualTo(3 + 1 + 1 + 1);
        Target records = c.target("nq13-2025-work-records-online").orElseThrow();
        assertThat(records.wordingVi()).startsWith("Tỷ lệ hồ sơ được xử lý trên môi trường mạng (trừ hồ sơ MẬT)");
        assertThat(records.wordingConfirmed()).isTrue();
        assertThat(records.strict()).isTrue();   // "> 90%": 90.00 itself is not enough
        // The online receipt share (DVCTT) keeps its id and is judged against no target.
        Indicator online = c.find("online-applications").orElseThrow();
        assertThat(online.measures()).isEqualTo("dvctt-online-receipt-share");
        for (Level l : Level.values()) assertThat(online.thresholdsAt(l)).isNull();
        assertThat(online.status(Level.COMMUNE, 72.22)).isEqualTo(Status.NO_TARGET);
        assertThat(online.status(Level.COMMUNE, null)).isEqualTo(Status.NO_DATA);
        // Targets whose figure is not confirmed colour nothing; the changelog heads with the catalog's version.
        assertThat(c.target("nq13-2025-digital-economy-share").orElseThrow().hasFigure()).isFalse();
        assertThat(c.find("digital-economy-share").orElseThrow().thresholdsAt(Level.PROVINCE)).isNull();
        assertThat(c.changelog().get(0).version()).isEqualTo(c.version());
        assertThat(c.lastChange("online-applications").orElseThrow().version()).isEqualTo(c.version());
        assertThat(c.lastChange("camera-uptime").orElseThrow().version()).isEqualTo("2026-12-01.1");
        assertThat(c.goals()).extracting(Goal::indicator).contains("commune-dx-criteria");
    }

    @Test
    void a_threshold_citing_a_target_written_for_another_measure_is_refused_naming_the_indicator() throws Exception {
        Path f = dir.resolve("indicators.yaml");
        Files.writeString(f, """
                version: "x"
                targets:
                  - id: nq13-records
                    document: NQ13
                    wording_vi: "Tỷ lệ hồ sơ được xử lý trên môi trường mạng (trừ hồ sơ MẬT)"
                    measures: work-records-processed-online
                    comparison: ">"
                    levels: {province: 90, district: 80, commune: 70}
                indicators:
                  - id: online-applications
                    name_vi: A
                    name_en: A
                    unit: "%"
                    direction: higher
                    aggregation: ratio
                    source: imported
                    range: [0, 100]
                    measures: dvctt-online-receipt-share
                    thresholds:
                      commune: {target: 70, green: 70, red: 50, cites: nq13-records}
                """);
        assertThatThrownBy(() -> IndicatorCatalog.load(f)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactly(
                        f + ":20: indicators[0].thresholds.commune.cites: indicator 'online-applications' measures 'dvctt-online-receipt-share' "
                                + "but its thresholds cite target 'nq13-records', which measures 'work-records-processed-online': a target applies "
                                + "only to the measure it was written for",
                        f + ":6: targets[0].measures: no indicator measures 'work-records-processed-online' (target 'nq13-records' would sit on no indicator)"));
        // The same thresholds on the indicator of the target's measure load, strict as the resolution's ">" says.
        Files.writeString(f, Files.readString(f).replace("measures: dvctt-online-receipt-share", "measures: work-records-processed-online"));
        Thresholds commune = IndicatorCatalog.load(f).find("online-applications").orElseThrow().thresholdsAt(Level.COMMUNE);
        assertThat(commune.strict()).isTrue();
        assertThat(commune.status(70.0, true)).isEqualTo(Status.AMBER);
        assertThat(commune.status(70.01, true)).isEqualTo(Status.GREEN);
    }

    @Test
    void a_citation_with_another_figure_an_unknown_target_or_a_version_missing_from_the_changelog_is_refused() throws Exception {
        Path f = dir.resolve("indicators.yaml");
        Files.writeString(f, """
                version: "2"
                changelog:
                  - {version: "1", date: "2026-12-01", summary_vi: a, summary_en: a}
                targets:
                  - {id: t, document: D, wording_vi: W, measures: m, levels: {district: 80}}
                  - {id: pending, document: D, wording_vi: W, measures: m}
                goals:
                  - {id: g, name_vi: G, name_en: G, indicator: a, level: commune}
                indicators:
                  - id: a
                    name_vi: A
                    name_en: A
                    unit: "%"
                    direction: higher
                    aggregation: ratio
                    source: imported
                    range: [0, 100]
                    measures: m
                    thresholds:
                      district: {target: 85, green: 85, red: 60, cites: t}
                      province: {target: 90, green: 90, red: 70, cites: pending}
                      commune: {target: 70, green: 70, red: 50, cites: nope}
                """);
        assertThatThrownBy(() -> IndicatorCatalog.load(f)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactly(
                        f + ":1: version: '2' is not the changelog's newest entry ('1'): say what changed in a changelog entry first in the list",
                        f + ":20: indicators[0].thresholds.district.target: indicator 'a': 85.0 differs from the figure of the cited target 't' for district (80.0)",
                        f + ":21: indicators[0].thresholds.province.cites: indicator 'a': target 'pending' has no confirmed figure for province (awaiting confirmation)",
                        f + ":22: indicators[0].thresholds.commune.cites: indicator 'a' cites unknown target 'nope' (known: t, pending)",
                        f + ":8: goals[0].indicator: goal 'g' counts unknown indicator 'a'"));
    }

    @Test
    void a_catalog_written_before_measures_targets_and_changelogs_still_loads() throws Exception {
        Path f = dir.resolve("indicators.yaml");
        Files.writeString(f, """
                version: "2026-12-01.1"
                indicators:
                  - id: field-reports-closed
                    name_vi: A
                    name_en: A
                    unit: "%"
                    direction: higher
                    aggregation: ratio
                    source: imported
                    range: [0, 100]
                    thresholds: {default: {target: 80, green: 80, red: 50}}
                """);
        IndicatorCatalog c = IndicatorCatalog.load(f);
        assertThat(c.find("field-reports-closed").orElseThrow().measures()).isEqualTo("field-reports-closed");
        assertThat(c.changelog()).isEmpty();
        assertThat(c.targets()).isEmpty();
    }

    @Test
    void higher_is_better_thresholds_colour_at_and_above_green_green_and_below_red_red() {
        Thresholds t = new Thresholds(80, 80, 50);
        assertThat(t.status(80.0, true)).isEqualTo(Status.GREEN);
        assertThat(t.status(79.99, true)).isEqualTo(Status.AMBER);
        assertThat(t.status(50.0, true)).isEqualTo(Status.AMBER);
        assertThat(t.status(49.99, true)).isEqualTo(Status.RED);
        assertThat(t.status(null, true)).isEqualTo(Status.NO_DATA);
    }

    @Test
    void lower_is_better_thresholds_colour_up_to_green_green_and_above_red_red() {
        Thresholds t = new Thresholds(300, 300, 1000);
        assertThat(t.status(300.0, false)).isEqualTo(Status.GREEN);
        assertThat(t.status(301.0, false)).isEqualTo(Status.AMBER);
        assertThat(t.status(1000.0, false)).isEqualTo(Status.AMBER);
        assertThat(t.status(1000.5, false)).isEqualTo(Status.RED);
    }

    @TempDir
    Path dir;

    @Test
    void a_catalog_with_mistakes_is_refused_naming_the_line_and_field_of_each() throws Exception {
        Path f = dir.resolve("indicators.yaml");
        Files.writeString(f, """
                version: "x"
                indicators:
                  - id: a
                    name_vi: A
                    name_en: A
                    unit: "%"
                    direction: higher
                    aggregation: ratio
                    source: imported
                    range: [0, 100]
                    thresholds: {default: {target: 80, green: 50, red: 80}}
                  - id: b
                    name_vi: B
                    name_en: B
                    unit: "%"
                    direction: sideways
                    aggregation: median
                    source: imported
                    range: [0, 100]
                    thresholds: {borough: {target: 1, green: 1, red: 0}}
                  - id: a
                    name_vi: A2
                    unit: "%"
                    direction: lower
                    aggregation: sum
                    source: computed
                    range: [0, 100]
                    thresholds: {default: {target: 5, green: 5, red: 500}}
                """);
        assertThatThrownBy(() -> IndicatorCatalog.load(f)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactly(
                        f + ":11: indicators[0].thresholds.default.red: with higher is better, red (80.0) must not exceed green (50.0)",
                        f + ":16: indicators[1].direction: 'sideways' must be higher or lower",
                        f + ":17: indicators[1].aggregation: 'median' must be one of ratio, sum, mean, max, none",
                        f + ":20: indicators[1].thresholds.borough: unknown level 'borough' (province, district or commune)",
                        f + ":21: indicators[2].name_en: required",
                        f + ":21: indicators[2].id: 'a' is used twice (first at indicators[0])",
                        f + ":28: indicators[2].thresholds.default.red: 500.0 lies outside the indicator's range [0.0, 100.0]"));
    }

    @Test
    void a_misspelt_key_is_refused_with_its_line() throws Exception {
        Path f = dir.resolve("indicators.yaml");
        String one = """
                version: "x"
                indicators:
                  - id: a
                    name_vi: A
                    name_en: A
                    unit: "%"
                    direction: higher
                    aggregation: ratio
                    scale: 100
                    source: imported
                    range: [0, 100]
                    thresholds:
                      province: {target: 90, green: 90, red: 70}
                """;
        Files.writeString(f, one.replace("    source:", "    sourse:"));
        assertThatThrownBy(() -> IndicatorCatalog.load(f)).hasMessage(f + ":10: indicators[0].sourse: unknown field (known: id, name_vi, "
                + "name_en, unit, direction, aggregation, scale, range, source, note, aliases, measures, definition, source_table, thresholds)");
        Files.writeString(f, one.replace("{target: 90, green: 90,", "{target: 90, gren: 90,"));
        assertThatThrownBy(() -> IndicatorCatalog.load(f)).hasMessage(f + ":13: indicators[0].thresholds.province.gren: unknown field (known: target, green, red, cites)");
        Files.writeString(f, one.replace("indicators:", "indicator:"));
        assertThatThrownBy(() -> IndicatorCatalog.load(f)).hasMessage(f + ":2: indicator: unknown field (known: version, changelog, targets, goals, indicators)");
        Files.writeString(f, one.replace("scale: 100", "scale: -100"));
        assertThatThrownBy(() -> IndicatorCatalog.load(f)).hasMessage(f + ":9: indicators[0].scale: -100.0 must be positive");
        Files.writeString(f, one);
        assertThat(IndicatorCatalog.load(f).find("a").orElseThrow().thresholdsAt(Level.PROVINCE).red()).isEqualTo(70);
    }

    @Test
    void a_missing_or_broken_file_is_named() {
        assertThatThrownBy(() -> IndicatorCatalog.load(Path.of("no-such.yaml"))).hasMessageContaining("no-such.yaml does not exist");
    }

    @Test
    void periods_are_years_quarters_months_or_days_and_pick_the_layout_in_force() {
        assertThat(Period.parse("2023-10").days()).isEqualTo(31);
        assertThat(Period.parse("2024-Q1").days()).isEqualTo(91);
        assertThat(Period.parse("2023").layoutInForce()).isEqualTo(Period.PRE_2025);
        assertThat(Period.parse("2025-06-30").layoutInForce()).isEqualTo(Period.PRE_2025);
        assertThat(Period.parse("2025-07").layoutInForce()).isEqualTo(Period.POST_2025);
        assertThat(Period.parse("2025-Q1").previous().text()).isEqualTo("2024-Q4");
        assertThat(Period.parse("2025-01").previous().text()).isEqualTo("2024-12");
        assertThatThrownBy(() -> Period.parse("2023-13")).hasMessageContaining("not a real date");
        assertThatThrownBy(() -> Period.parse("10/2023")).hasMessageContaining("is not 2023, 2023-Q4");
    }
}
