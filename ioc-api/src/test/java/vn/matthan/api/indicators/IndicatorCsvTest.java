package vn.matthan.api.indicators;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorCsvTest {
    IndicatorCatalog catalog;
    Map<String, AdminUnits> layouts;

    @BeforeAll
    void load() throws Exception {
        catalog = IndicatorCatalog.load(IndicatorCatalogTest.CATALOG);
        layouts = Map.of(Period.PRE_2025, new AdminUnits(Period.PRE_2025, List.of(
                        new AdminUnit("51", "Tỉnh Quảng Ngãi", "Quảng Ngãi", Level.PROVINCE, null),
                        new AdminUnit("529", "Huyện Sơn Hà", "Sơn Hà", Level.DISTRICT, "51"),
                        new AdminUnit("535", "Huyện Ba Tơ", "Ba Tơ", Level.DISTRICT, "51"),
                        new AdminUnit("48", "Thành phố Đà Nẵng", "Đà Nẵng", Level.PROVINCE, null))),
                Period.POST_2025, new AdminUnits(Period.POST_2025, List.of(new AdminUnit("51", "Tỉnh Quảng Ngãi", "Quảng Ngãi", Level.PROVINCE, null))));
    }

    IndicatorCsv.Report read(String csv) {
        return IndicatorCsv.read(csv, catalog, layouts, (units, u) -> true);
    }

    @Test
    void good_rows_are_kept_and_each_bad_row_is_reported_by_its_line() {
        IndicatorCsv.Report r = read("""
                unit_code,indicator,period,value,numerator,denominator
                529,on-time-resolution,2023-10,97.5,,
                535,on-time-resolution,2023-10,,90,100
                999,on-time-resolution,2023-10,50,,
                535,no-such-indicator,2023-10,50,,
                535,on-time-resolution,2023-10,96,,

                529,on-time-resolution,2023-13,50,,
                529,on-time-resolution,2023-11,140,,
                529,on-time-resolution,2023-12,abc,,
                529,red-light-per-camera-day,2023-12,5,,
                529,on-time-resolution,2023-09,80,70,100
                529,on-time-resolution,2023-08,,70,
                529,on-time-resolution,2023-07,,70,0
                529,on-time-resolution,2025-08,70,,
                51,on-time-resolution,2025-08,70,,
                """);
        assertThat(r.accepted()).extracting(IndicatorValue::unitCode, IndicatorValue::period, IndicatorValue::value, IndicatorValue::layout)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("529", "2023-10", 97.5, Period.PRE_2025),
                        org.assertj.core.groups.Tuple.tuple("535", "2023-10", 90.0, Period.PRE_2025),
                        org.assertj.core.groups.Tuple.tuple("51", "2025-08", 70.0, Period.POST_2025));
        assertThat(r.rejected()).extracting(IndicatorCsv.Rejected::line).containsExactly(4L, 5L, 6L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(r.rejected().get(0).reason()).contains("unknown unit code '999'");
        assertThat(r.rejected().get(1).reason()).contains("unknown indicator 'no-such-indicator'");
        assertThat(r.rejected().get(2).reason()).contains("already has on-time-resolution for 2023-10 on line 3");
        assertThat(r.rejected().get(3).reason()).contains("not a real date");
        assertThat(r.rejected().get(4).reason()).contains("outside on-time-resolution's range");
        assertThat(r.rejected().get(5).reason()).contains("'abc' is not a number");
        assertThat(r.rejected().get(6).reason()).contains("is computed from the cameras");
        assertThat(r.rejected().get(7).reason()).contains("does not match numerator/denominator (70.0)");
        assertThat(r.rejected().get(8).reason()).contains("give both numerator and denominator");
        assertThat(r.rejected().get(9).reason()).contains("denominator must be positive");
        // In force from July 2025: the two-tier layout, where district 529 no longer exists.
        assertThat(r.rejected().get(10).reason()).contains("unknown unit code '529' in layout post2025");
    }

    @Test
    void rows_outside_the_importers_jurisdiction_are_rejected() {
        IndicatorCsv.Report r = IndicatorCsv.read("""
                unit_code,indicator,period,value
                529,online-payment,2023-10,40
                48,online-payment,2023-10,40
                """, catalog, layouts, (units, u) -> units.isWithin(u.code(), "51"));
        assertThat(r.accepted()).hasSize(1);
        assertThat(r.rejected()).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(3);
            assertThat(x.reason()).contains("outside your jurisdiction");
        });
    }

    @Test
    void a_file_without_the_required_columns_or_with_unknown_ones_is_refused_whole() {
        assertThatThrownBy(() -> read("unit,indicator,period,value\n529,online-payment,2023-10,40\n")).hasMessageContaining("lacks column 'unit_code'");
        assertThatThrownBy(() -> read("unit_code,indicator,period,value,colour\n")).hasMessageContaining("unknown column 'colour'");
        assertThatThrownBy(() -> read("unit_code,indicator,period\n")).hasMessageContaining("give a 'value' column");
    }

    @Test
    void a_quoted_field_spanning_lines_does_not_shift_the_reported_line_numbers() {
        IndicatorCsv.Report r = read("unit_code,indicator,period,value\n\"529\",online-payment,\"2023-10\",40\n\"535\",online-payment,\"2023\n-10\",40\n529,online-payment,2023-11,x\n");
        assertThat(r.rejected()).extracting(IndicatorCsv.Rejected::line).containsExactly(3L, 5L);
    }
}
