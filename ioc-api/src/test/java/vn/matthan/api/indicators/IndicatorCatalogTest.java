package vn.matthan.api.indicators;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.config.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;

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
        Indicator online = c.find("online-applications").orElseThrow();
        assertThat(online.thresholdsAt(Level.PROVINCE).target()).isEqualTo(90);
        assertThat(online.thresholdsAt(Level.DISTRICT).target()).isEqualTo(80);
        assertThat(online.thresholdsAt(Level.COMMUNE).target()).isEqualTo(70);
        assertThat(c.find("red-light-per-camera-day").orElseThrow().higherIsBetter()).isFalse();
        for (Indicator i : c.all()) {
            if (i.source() == Indicator.Source.COMPUTED) assertThat(ComputedIndicators.knows(i.id())).as(i.id()).isTrue();
        }
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
                + "name_en, unit, direction, aggregation, scale, range, source, note, aliases, thresholds)");
        Files.writeString(f, one.replace("{target: 90, green: 90,", "{target: 90, gren: 90,"));
        assertThatThrownBy(() -> IndicatorCatalog.load(f)).hasMessage(f + ":13: indicators[0].thresholds.province.gren: unknown field (known: target, green, red)");
        Files.writeString(f, one.replace("indicators:", "indicator:"));
        assertThatThrownBy(() -> IndicatorCatalog.load(f)).hasMessage(f + ":2: indicator: unknown field (known: version, indicators)");
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
