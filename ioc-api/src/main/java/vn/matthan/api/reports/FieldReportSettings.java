package vn.matthan.api.reports;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import vn.matthan.config.ConfigException;
import vn.matthan.config.ConfigFile;
import vn.matthan.config.Range;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The field reports' configuration: {@code config/field-reports.yaml} (categories, agencies, routing table, working
 * days, district outlines), {@code config/holidays.yaml} (the working-day calendar) and {@code config/population.yaml}
 * (inhabitants per unit with their source). Loading refuses an unknown category, agency or unit in the routing table,
 * so that every category in every district has an agency (at worst the province's or the fallback one).
 */
public final class FieldReportSettings {
    public static final class File {
        @NotBlank(message = "required")
        public String version;
        @Range(min = 1, max = 60)
        public int workingDays = 7;
        @NotNull(message = "required")
        @Size(min = 1, message = "must list at least one outline file")
        public List<@Valid Outline> outlines;
        @NotNull(message = "required")
        @Size(min = 1, message = "must list at least one category")
        public List<@Valid Category> categories;
        @NotNull(message = "required")
        @Size(min = 1, message = "must list at least one agency")
        public List<@Valid Agency> agencies;
        @NotBlank(message = "required: the agency of reports outside every outline")
        public String fallbackAgency;
        @NotNull(message = "required")
        public Map<String, Map<String, String>> routing;
    }

    public static final class Outline {
        @NotBlank(message = "required")
        public String file;
        @NotNull(message = "required")
        @Pattern(regexp = "\\d{2}", message = "'${validatedValue}' must be a 2-digit province code (quoted)")
        public String province;
    }

    public static final class Category {
        @NotNull(message = "required")
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "'${validatedValue}' must be lower-case words joined by '-'")
        public String id;
        @NotBlank(message = "required")
        public String nameVi;
        @NotBlank(message = "required")
        public String nameEn;
    }

    public static final class Agency {
        @NotNull(message = "required")
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "'${validatedValue}' must be lower-case words joined by '-'")
        public String id;
        @NotBlank(message = "required")
        public String name;
    }

    public static final class PopulationFile {
        @NotNull(message = "required")
        public List<@Valid Population> units;
    }

    public static final class Population {
        @NotNull(message = "required")
        @Pattern(regexp = "\\d{2,5}", message = "'${validatedValue}' must be a GSO unit code (quoted)")
        public String code;
        public String name;
        @NotNull(message = "required")
        @Positive(message = "must be positive")
        public Integer population;
        @NotNull(message = "required")
        @Range(min = 1979, max = 2100)
        public Integer year;
        @NotBlank(message = "required: where the figure comes from")
        public String source;
    }

    /** An inhabitants figure and where it comes from. */
    public record Inhabitants(String unitCode, int population, int year, String source) {
    }

    private final File file;
    private final WorkingCalendar calendar;
    private final DistrictLocator locator;
    private final Map<String, Category> categories = new LinkedHashMap<>();
    private final Map<String, Agency> agencies = new LinkedHashMap<>();
    private final List<Inhabitants> population;

    private FieldReportSettings(File file, WorkingCalendar calendar, DistrictLocator locator, List<Inhabitants> population) {
        this.file = file;
        this.calendar = calendar;
        this.locator = locator;
        for (Category c : file.categories) categories.put(c.id, c);
        for (Agency a : file.agencies) agencies.put(a.id, a);
        this.population = List.copyOf(population);
    }

    /**
     * Reads the three files from {@code configDir} and the outlines from {@code assets}.
     *
     * @throws ConfigException naming every mistake with file, line and field
     */
    public static FieldReportSettings load(Path configDir, Path assets) throws IOException {
        return load(configDir.resolve("field-reports.yaml"), configDir.resolve("holidays.yaml"), configDir.resolve("population.yaml"), assets);
    }

    /** The same from three named files. */
    public static FieldReportSettings load(Path reportsFile, Path holidaysFile, Path populationFile, Path assets) throws IOException {
        ConfigFile yaml = ConfigFile.read(reportsFile);
        File f = yaml.bind("", File.class);
        List<String> problems = new ArrayList<>();
        Map<Path, String> outlines = new LinkedHashMap<>();
        for (Outline o : f.outlines) outlines.put(assets.resolve(o.file), o.province);
        DistrictLocator locator;
        try {
            locator = DistrictLocator.load(outlines);
        } catch (IOException e) {
            throw yaml.error("outlines", "cannot be read: " + e.getMessage());
        }
        Set<String> categoryIds = new HashSet<>(), agencyIds = new HashSet<>();
        for (int i = 0; i < f.categories.size(); i++) {
            if (!categoryIds.add(f.categories.get(i).id)) problems.add(yaml.problem("categories[" + i + "].id", "'" + f.categories.get(i).id + "' is listed twice"));
        }
        for (int i = 0; i < f.agencies.size(); i++) {
            if (!agencyIds.add(f.agencies.get(i).id)) problems.add(yaml.problem("agencies[" + i + "].id", "'" + f.agencies.get(i).id + "' is listed twice"));
        }
        if (!agencyIds.contains(f.fallbackAgency)) problems.add(yaml.problem("fallback_agency", "unknown agency '" + f.fallbackAgency + "'"));
        Set<String> units = new HashSet<>(outlines.values());
        locator.districts().forEach(d -> units.add(d.code()));
        for (Map.Entry<String, Map<String, String>> u : f.routing.entrySet()) {
            String at = "routing." + u.getKey();
            if (!units.contains(u.getKey())) problems.add(yaml.problem(at, "unknown unit '" + u.getKey() + "' (not a province or district of the outlines)"));
            if (u.getValue() == null) {
                problems.add(yaml.problem(at, "must map categories (or default) to agencies"));
                continue;
            }
            for (Map.Entry<String, String> c : u.getValue().entrySet()) {
                if (!c.getKey().equals("default") && !categoryIds.contains(c.getKey())) {
                    problems.add(yaml.problem(at + "." + c.getKey(), "unknown category (known: default, " + String.join(", ", categoryIds) + ")"));
                }
                if (!agencyIds.contains(c.getValue())) problems.add(yaml.problem(at + "." + c.getKey(), "unknown agency '" + c.getValue() + "'"));
            }
        }
        for (String province : new HashSet<>(outlines.values())) {
            Map<String, String> p = f.routing.get(province);
            if (p == null || !p.containsKey("default")) {
                problems.add(yaml.problem("routing", "province " + province + " needs a default agency (routing.\"" + province + "\".default)"));
            }
        }
        List<Inhabitants> people = List.of();
        try {
            people = loadPopulation(populationFile);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        WorkingCalendar calendar = null;
        try {
            calendar = WorkingCalendar.load(holidaysFile);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new FieldReportSettings(f, calendar, locator, people);
    }

    /**
     * Inhabitants per unit ({@code config/population.yaml}); every figure with its year and source.
     *
     * @throws ConfigException naming every mistake with file, line and field
     */
    public static List<Inhabitants> loadPopulation(Path file) throws ConfigException {
        ConfigFile pop = ConfigFile.read(file);
        PopulationFile pf = pop.bind("", PopulationFile.class);
        List<String> problems = new ArrayList<>();
        List<Inhabitants> people = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < pf.units.size(); i++) {
            Population p = pf.units.get(i);
            if (!seen.add(p.code)) problems.add(pop.problem("units[" + i + "].code", "'" + p.code + "' is listed twice"));
            else people.add(new Inhabitants(p.code, p.population, p.year, p.source));
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return people;
    }

    public String version() {
        return file.version;
    }

    public int workingDays() {
        return file.workingDays;
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    public DistrictLocator locator() {
        return locator;
    }

    public Map<String, Category> categories() {
        return categories;
    }

    public Map<String, Agency> agencies() {
        return agencies;
    }

    public List<Inhabitants> population() {
        return population;
    }

    /** The agency that handles a category in a district (null: a report outside every outline). */
    public String agencyFor(String category, String districtCode) {
        Optional<DistrictLocator.District> d = districtCode == null ? Optional.empty() : locator.district(districtCode);
        if (d.isEmpty()) return file.fallbackAgency;
        for (String unit : List.of(d.get().code(), d.get().province())) {
            Map<String, String> r = file.routing.get(unit);
            if (r == null) continue;
            if (r.containsKey(category)) return r.get(category);
            if (r.containsKey("default")) return r.get("default");
        }
        return file.fallbackAgency;
    }

    /** Who handles what where, as the routing test and the agencies' page show it: district → category → agency. */
    public Map<String, Map<String, String>> routingTable() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (DistrictLocator.District d : locator.districts()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (String c : categories.keySet()) row.put(c, agencyFor(c, d.code()));
            out.put(d.code(), row);
        }
        return out;
    }

}
