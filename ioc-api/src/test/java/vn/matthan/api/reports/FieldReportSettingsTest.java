package vn.matthan.api.reports;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.config.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bundled routing table, district outlines and population: every category in every district has an agency. */
class FieldReportSettingsTest {
    static final Path CONFIG = Path.of("../config"), ASSETS = Path.of("../../shared/assets");
    static FieldReportSettings settings;

    @BeforeAll
    static void load() throws Exception {
        settings = FieldReportSettings.load(CONFIG, ASSETS);
    }

    @Test
    void pointsAreLocatedInTheirDistrict() {
        // Quảng Ngãi city centre (Hùng Vương – Quang Trung), Sơn Hà town, Lý Sơn island, Đà Nẵng's Hải Châu (Dragon Bridge west end).
        assertThat(settings.locator().locate(15.1205, 108.7923)).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo("522"));
        assertThat(settings.locator().locate(15.0370, 108.4870)).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo("529"));
        assertThat(settings.locator().locate(15.3800, 109.1200)).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo("536"));
        assertThat(settings.locator().locate(16.0610, 108.2230)).hasValueSatisfying(d -> assertThat(d.province()).isEqualTo("48"));
        // Out at sea and in Hà Nội: no district.
        assertThat(settings.locator().locate(15.5, 110.5)).isEmpty();
        assertThat(settings.locator().locate(21.03, 105.85)).isEmpty();
    }

    @Test
    void everyCategoryInEveryDistrictHasAnAgency() {
        Map<String, Map<String, String>> table = settings.routingTable();
        assertThat(table).hasSize(21);
        table.forEach((unit, row) -> {
            assertThat(row.keySet()).containsExactlyElementsOf(settings.categories().keySet());
            row.forEach((category, agency) -> assertThat(settings.agencies()).as(unit + " × " + category).containsKey(agency));
        });
        // District entry, district default, province entry, province default, in that order.
        assertThat(settings.agencyFor("road-damage", "522")).isEqualTo("qng-tp-qldt");
        assertThat(settings.agencyFor("waste", "522")).isEqualTo("qng-tp-ubnd");
        assertThat(settings.agencyFor("waste", "529")).isEqualTo("qng-so-tnmt");
        assertThat(settings.agencyFor("other", "529")).isEqualTo("qng-vp-ubnd");
        assertThat(settings.agencyFor("encroachment", "493")).isEqualTo("dng-ca");
        assertThat(settings.agencyFor("road-damage", "492")).isEqualTo("dng-hc-ubnd");
        // Outside every outline: the fallback agency.
        assertThat(settings.agencyFor("waste", null)).isEqualTo("qng-vp-ubnd");
    }

    @Test
    void populationFiguresNameTheirSourceAndHoangSaHasNone() {
        assertThat(settings.population()).hasSize(20).allSatisfy(p -> assertThat(p.source()).isNotBlank());
        assertThat(settings.population()).noneMatch(p -> p.unitCode().equals("498"));
        assertThat(settings.population().stream().filter(p -> p.unitCode().startsWith("49")).mapToInt(FieldReportSettings.Inhabitants::population).sum())
                .as("Đà Nẵng's districts add up to the 2019 census total").isEqualTo(1_134_310);
    }

    @Test
    void unknownUnitsCategoriesAndAgenciesInTheRoutingTableAreRefused(@TempDir Path dir) throws Exception {
        for (String f : new String[]{"holidays.yaml", "population.yaml"}) Files.copy(CONFIG.resolve(f), dir.resolve(f));
        Files.writeString(dir.resolve("field-reports.yaml"), Files.readString(CONFIG.resolve("field-reports.yaml"))
                .replace("  \"492\":\n    default: dng-hc-ubnd", "  \"999\":\n    default: dng-hc-ubnd\n  \"493\":\n    potholes: dng-so-xd\n    waste: nobody")
                .replace("  \"48\":\n    default: dng-vp-ubnd\n", "  \"48\":\n"));
        assertThatThrownBy(() -> FieldReportSettings.load(dir, ASSETS)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("routing.999: unknown unit '999'")
                .hasMessageContaining("routing.493.potholes: unknown category")
                .hasMessageContaining("routing.493.waste: unknown agency 'nobody'")
                .hasMessageContaining("province 48 needs a default agency");
    }
}
