package vn.matthan.api.indicators;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared geo assets and the real Quảng Ngãi report, read as the demo reads them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvinceDataTest {
    static final Path ASSETS = Path.of("../../shared/assets");
    IndicatorCatalog catalog;
    AdminUnits pre, post;
    List<UnitSources.LoadedUnit> loaded;

    @BeforeAll
    void load() throws Exception {
        catalog = IndicatorCatalog.load(IndicatorCatalogTest.CATALOG);
        loaded = UnitSources.fromAssets(ASSETS);
        pre = new AdminUnits(Period.PRE_2025, loaded.stream().filter(l -> l.layout().equals(Period.PRE_2025)).map(UnitSources.LoadedUnit::unit).toList());
        post = new AdminUnits(Period.POST_2025, loaded.stream().filter(l -> l.layout().equals(Period.POST_2025)).map(UnitSources.LoadedUnit::unit).toList());
    }

    @Test
    void the_gso_list_gives_the_three_tier_hierarchy_with_outlines_for_provinces_and_the_two_provinces_districts() {
        assertThat(pre.at(Level.PROVINCE, null)).hasSize(63);
        assertThat(pre.children("51")).extracting(AdminUnit::code)
                .containsExactlyInAnyOrder("522", "524", "525", "527", "528", "529", "530", "531", "532", "533", "534", "535", "536");
        assertThat(pre.children("529")).hasSize(14).allMatch(u -> u.level() == Level.COMMUNE);
        assertThat(pre.find("21307").orElseThrow().nameShort()).isEqualTo("Sơn Giang");
        assertThat(pre.path("21307")).extracting(AdminUnit::code).containsExactly("51", "529", "21307");
        assertThat(pre.all().size()).isGreaterThan(10_000);
        long outlined = loaded.stream().filter(l -> l.layout().equals(Period.PRE_2025) && l.geometry() != null).count();
        assertThat(outlined).isEqualTo(63 + 13 + 8);
        assertThat(post.at(Level.PROVINCE, null)).hasSize(34);
        assertThat(post.find("51").orElseThrow().name()).isEqualTo("Tỉnh Quảng Ngãi");
    }

    @Test
    void the_report_rates_are_computed_from_the_counts_and_agree_with_the_printed_ones() throws Exception {
        ProvincialReport.Result r = ProvincialReport.read(ASSETS.resolve("indicators"), ProvincialReport.QUANG_NGAI_2023_10, catalog, pre);
        assertThat(r.problems()).isEmpty();
        assertThat(r.checkedRates()).isEqualTo(13 + 13 + 14 + 15);
        assertThat(r.values()).hasSize(55);
        assertThat(value(r, "intake-digitisation", "536")).isEqualTo(560.0 / 5759 * 100); // Lý Sơn 9.72 %
        assertThat(value(r, "intake-digitisation", "535")).isEqualTo(846.0 / 928 * 100);  // Ba Tơ 91.16 %
        assertThat(value(r, "intake-digitisation", "522")).isEqualTo(3809.0 / 7117 * 100); // "UBND TP Quảng Ngãi"
        assertThat(value(r, "online-applications", "21307")).isEqualTo(65.0 / 90 * 100);   // Sơn Giang 72.22 %
        assertThat(value(r, "online-applications", "21292")).isEqualTo(66.0 / 2720 * 100); // Sơn Hạ 2.43 %
        // Sơn Thủy: 15 applications came by post; they are received but not online (25.63 %, not 26.44 %).
        assertThat(IndicatorValue.rounded(value(r, "online-applications", "21322"))).isEqualTo(25.63);
        assertThat(value(r, "esigned-documents", "529")).isEqualTo(4010.0 / 4433 * 100);
    }

    @Test
    void a_report_row_that_contradicts_itself_is_listed_not_loaded() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("report");
        java.nio.file.Files.writeString(dir.resolve("t.csv"), """
                unit_name,received,received_digitised,intake_digitised_percent,received_not_digitised
                UBND huyện Ba Tơ,928,846,91.16,82
                UBND huyện Lý Sơn,5759,560,19.72,5199
                UBND huyện Bình Sơn,1163,526,45.23,600
                UBND huyện Atlantis,10,5,50,5
                """);
        var sheet = new ProvincialReport.Sheet("t.csv", "51", Level.DISTRICT, "2023-10", "intake-digitisation",
                List.of("received_digitised"), List.of("received"), "intake_digitised_percent", List.of("received_digitised", "received_not_digitised"));
        ProvincialReport.Result r = ProvincialReport.read(dir, List.of(sheet), catalog, pre);
        assertThat(r.values()).extracting(IndicatorValue::unitCode).containsExactly("535", "536");
        assertThat(r.problems()).hasSize(3)
                .anyMatch(p -> p.contains("line 3") && p.contains("printed rate 19.72 but the counts give 9.72"))
                .anyMatch(p -> p.contains("line 4") && p.contains("do not add up"))
                .anyMatch(p -> p.contains("line 5") && p.contains("no unit of that name"));
    }

    @Test
    void a_district_without_its_own_report_takes_the_ratio_of_its_communes_sums_and_ranks_are_among_siblings() throws Exception {
        ProvincialReport.Result r = ProvincialReport.read(ASSETS.resolve("indicators"), ProvincialReport.QUANG_NGAI_2023_10, catalog, pre);
        Indicator online = catalog.find("online-applications").orElseThrow();
        Scoreboard b = new Scoreboard(online, pre, r.values().stream().filter(v -> v.indicatorId().equals(online.id())).toList());
        Scoreboard.Score sonHa = b.of("529");
        assertThat(sonHa.origin()).isEqualTo(Scoreboard.Origin.AGGREGATED);
        assertThat(sonHa.numerator()).isEqualTo(2893.0 + 639);     // every commune's online applications
        assertThat(sonHa.denominator()).isEqualTo(18628.0 + 1661); // every commune's received applications
        assertThat(sonHa.childrenWithValue()).isEqualTo(14);
        // The province is not aggregated: 12 of its 13 districts did not report (a missing report is not a zero).
        assertThat(b.of("51").value()).isNull();
        assertThat(b.of("51").status()).isEqualTo(Status.NO_DATA);
        assertThat(b.of("21307").rank()).isEqualTo(1);   // Sơn Giang best of 14
        assertThat(b.of("21292").rank()).isEqualTo(14);  // Sơn Hạ worst
        assertThat(b.of("21307").ranked()).isEqualTo(14);
        // The online receipt share is judged against no target: its values are shown, never coloured.
        assertThat(b.of("21307").status()).isEqualTo(Status.NO_TARGET);
        assertThat(b.of("21292").status()).isEqualTo(Status.NO_TARGET);
        assertThat(sonHa.status()).isEqualTo(Status.NO_TARGET);
    }

    @Test
    void units_reaching_the_target_are_counted_from_the_real_reports_statuses() throws Exception {
        ProvincialReport.Result r = ProvincialReport.read(ASSETS.resolve("indicators"), ProvincialReport.QUANG_NGAI_2023_10, catalog, pre);
        // E-signed documents: 10 of Sơn Hà's 14 communes reach 90% (Sơn Bao 69.59, Sơn Cao 89.57, Sơn Hải 72.64 and
        // Sơn Thành 81.80 do not).
        UnitsReaching signed = UnitsReaching.count(board(r, "esigned-documents"), pre, "529", Level.COMMUNE, null);
        assertThat(signed.units()).isEqualTo(14);
        assertThat(signed.withData()).isEqualTo(14);
        assertThat(signed.reached()).isEqualTo(10);
        assertThat(signed.reachedCodes()).doesNotContain(code("Sơn Bao"), code("Sơn Cao"), code("Sơn Hải"), code("Sơn Thành"));
        assertThat(signed.status()).isEqualTo(Status.NO_TARGET);   // no goal says how many must
        // Intake digitisation: 2 of the 13 districts reach 80% (Ba Tơ 91.16, Minh Long 91.45).
        UnitsReaching intake = UnitsReaching.count(board(r, "intake-digitisation"), pre, "51", Level.DISTRICT, null);
        assertThat(intake.reached()).isEqualTo(2);
        assertThat(intake.reachedCodes()).containsExactlyInAnyOrder("535", "531");
        assertThat(intake.units()).isEqualTo(13);
        // A goal with a required count is judged on the count: 10 of 14 meets "10 communes", not "11".
        Goal ten = new Goal("g", "G", "G", "esigned-documents", Level.COMMUNE, 10, null, null);
        Goal eleven = new Goal("g", "G", "G", "esigned-documents", Level.COMMUNE, 11, null, null);
        Goal share = new Goal("g", "G", "G", "esigned-documents", Level.COMMUNE, null, 70.0, null);
        assertThat(UnitsReaching.count(board(r, "esigned-documents"), pre, "529", Level.COMMUNE, ten).status()).isEqualTo(Status.GREEN);
        assertThat(UnitsReaching.count(board(r, "esigned-documents"), pre, "529", Level.COMMUNE, eleven).status()).isEqualTo(Status.RED);
        assertThat(UnitsReaching.count(board(r, "esigned-documents"), pre, "529", Level.COMMUNE, share).status()).isEqualTo(Status.GREEN); // 71.4 %
        // The catalog's goal (communes reaching 90% of the digital-transformation criteria) has no data yet.
        Goal dx = catalog.goals().stream().filter(g -> g.id().equals("communes-reaching-dx-criteria")).findFirst().orElseThrow();
        UnitsReaching none = UnitsReaching.count(board(r, dx.indicator()), pre, "529", dx.level(), dx);
        assertThat(none.units()).isEqualTo(14);
        assertThat(none.withData()).isZero();
        assertThat(none.status()).isEqualTo(Status.NO_DATA);
        // The online receipt share has no target: there is nothing to reach.
        assertThat(UnitsReaching.count(board(r, "online-applications"), pre, "529", Level.COMMUNE, null)).isNull();
    }

    Scoreboard board(ProvincialReport.Result r, String indicator) {
        Indicator ind = catalog.find(indicator).orElseThrow();
        return new Scoreboard(ind, pre, r.values().stream().filter(v -> v.indicatorId().equals(indicator)).toList());
    }

    String code(String commune) {
        return pre.children("529").stream().filter(u -> u.nameShort().equals(commune)).findFirst().orElseThrow().code();
    }

    @Test
    void the_two_tier_layout_has_communes_directly_under_the_province() {
        AdminUnits twoTier = new AdminUnits(Period.POST_2025, List.of(
                new AdminUnit("51", "Tỉnh Quảng Ngãi", "Quảng Ngãi", Level.PROVINCE, null),
                new AdminUnit("90001", "Phường Cẩm Thành", "Cẩm Thành", Level.COMMUNE, "51"),
                new AdminUnit("90002", "Xã Lý Sơn", "Lý Sơn", Level.COMMUNE, "51")));
        Indicator records = catalog.find("work-records-online").orElseThrow();
        Scoreboard b = new Scoreboard(records, twoTier, List.of(
                IndicatorValue.ratio(records, Period.POST_2025, "90001", "2025-10", 90, 100),
                IndicatorValue.ratio(records, Period.POST_2025, "90002", "2025-10", 60, 100)));
        assertThat(twoTier.children("51")).hasSize(2);
        assertThat(twoTier.at(Level.COMMUNE, "51")).hasSize(2);
        assertThat(b.of("51").value()).isEqualTo(75.0);
        assertThat(b.of("51").status()).isEqualTo(Status.AMBER);   // province tier: green from 90, red below 70
    }

    static double value(ProvincialReport.Result r, String indicator, String unit) {
        return r.values().stream().filter(v -> v.indicatorId().equals(indicator) && v.unitCode().equals(unit)).findFirst().orElseThrow().value();
    }

    static Map<String, AdminUnits> layouts(AdminUnits... u) {
        return java.util.Arrays.stream(u).collect(java.util.stream.Collectors.toMap(AdminUnits::layout, x -> x));
    }
}
