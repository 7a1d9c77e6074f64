package vn.matthan.node;

/**
 * {@code ./ioc import-indicators FILE.csv}: sends indicator values to the running node's import API ({@link CsvImport}:
 * every rejected line printed; exit 0 all taken, 1 some rejected, 2 nothing imported; IOC_USER, IOC_PASSWORD, IOC_URL).
 */
public final class ImportIndicators {
    private ImportIndicators() {
    }

    public static void main(String[] args) throws Exception {
        CsvImport.run(args, "./ioc import-indicators FILE.csv (header unit_code,indicator,period,value[,numerator,denominator,layout])",
                "an admin or a leader of the units in the file", "/api/indicator-values", "values");
    }
}
