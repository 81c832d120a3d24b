package org.pcnatlas.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.pcnatlas.config.AnalysisConfig;
import org.pcnatlas.config.MethodKind;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Registration;

/**
 * The input wiring: reads every file an {@link AnalysisConfig} names into {@link LoadedInputs}: the
 * districts (and their network areas) and the study area, the practices and population units
 * (checked against the study area), the other area layers and what the configured methods need
 * ({@link MethodKind#needs}: registrations and LSOA polygons, practice radii, given catchments).
 * Which columns hold what is given or detected here. Problems with rows go to the load report; a
 * file that cannot be used at all is a {@link LoadException} naming it.
 */
public final class InputLoader {
  /** Practice columns recognised when none is given (compared case-insensitively). */
  static final List<String> PRACTICE_CODE = List.of("practice_code", "prac_code", "code");

  static final List<String> PRACTICE_NAME = List.of("practice_name", "prac_name", "name");
  static final List<String> PCN_CODE = List.of("pcn_code");
  static final List<String> PCN_NAME = List.of("pcn_name");
  static final List<String> LIST_SIZE = List.of("list_size", "number_of_patients", "patients");

  /** Population unit columns recognised when none is given. */
  static final List<String> UNIT_CODE =
      List.of(
          "lsoa21cd", "lsoa21_code", "lsoa_code", "lsoa11cd", "lsoa11_code", "area_code", "code");

  static final List<String> UNIT_NAME =
      List.of("lsoa21nm", "lsoa21_name", "lsoa_name", "lsoa11nm", "name");
  static final List<String> UNIT_POPULATION =
      List.of("population", "total_usual_residents", "usual_residents", "residents");

  /** Network-area columns recognised in a lookup file. */
  static final List<String> NETWORK_AREA = List.of("network_area", "network_area_name", "group");

  /** What becomes of population units outside the study area. */
  public enum UnitsOutside {
    /** Left out of the analysis, their number in one {@code units-outside-study-area} line. */
    LEAVE_OUT,
    /**
     * Kept, for the peer benchmark ({@code bench}), whose population step counts every point of the
     * file and reports those in no catchment and no district.
     */
    KEEP
  }

  private InputLoader() {}

  /** The inputs of an analysis; population units outside the study area are left out. */
  public static LoadedInputs load(AnalysisConfig config) {
    return load(config, UnitsOutside.LEAVE_OUT);
  }

  /** The inputs, keeping or leaving out the population units outside the study area. */
  public static LoadedInputs load(AnalysisConfig config, UnitsOutside outside) {
    Map<String, Double> timings = new LinkedHashMap<>();
    LoadReport report = new LoadReport();
    ReadOptions options =
        ReadOptions.defaults().withSourceEpsg(config.crs()).withEncoding(config.encoding());
    ReadOptions practiceOptions = options.withColumns(config.columns().practiceCoordinates());

    // The districts (the largest file) are read on a second thread while this one reads the
    // study area, practices and population files, and, when the study area has its own file,
    // checks the practices and population against it. Each input keeps its own report and error;
    // they are taken below in the order of the inputs, so the report and, when several inputs are
    // bad, the error are those of reading them one after another.
    CompletableFuture<Read<AreaLayer>> districtsRead =
        CompletableFuture.supplyAsync(
            () -> Read.of(r -> districts(config, options, r)), InputLoader::onSecondThread);
    Read<Geometry> regionRead =
        config.files().region() == null
            ? null
            : Read.of(r -> region(config.files().region(), options, r));
    Read<LoadedLayer> practicesFile =
        Read.of(r -> Readers.read(config.files().practices(), practiceOptions));
    Read<LoadedLayer> populationFile =
        Read.of(r -> Readers.read(config.files().population(), options));
    Read<PracticeLoader.Result> practicesRead = null;
    Read<List<PopulationUnit>> populationRead = null;
    if (regionRead != null && regionRead.error() == null) {
      practicesRead = practicesFile.then((f, r) -> practices(config, f, regionRead.value()));
      populationRead =
          populationFile.then((f, r) -> population(config, f, regionRead.value(), outside, r));
    }

    AreaLayer districts = Read.join(districtsRead).into(report, timings, "load.districts");
    Geometry region =
        regionRead != null
            ? regionRead.into(report, timings, "load.region")
            : time(timings, "load.region", () -> unionOf(districts));
    if (practicesRead == null) {
      practicesRead = practicesFile.then((f, r) -> practices(config, f, region));
    }
    PracticeLoader.Result practices = practicesRead.into(report, timings, "load.practices");
    report.addAll(practices.report());

    if (populationRead == null) {
      populationRead = populationFile.then((f, r) -> population(config, f, region, outside, r));
    }
    List<PopulationUnit> population = populationRead.into(report, timings, "load.population");

    List<AreaLayer> others = new ArrayList<>();
    for (Map.Entry<String, Path> e : config.files().areas().entrySet()) {
      others.add(
          time(
              timings,
              "load." + e.getKey(),
              () -> areas(e.getKey(), e.getValue(), options, report)));
    }

    AreaLayer lsoas =
        config.files().lsoas() == null
            ? null
            : time(
                timings,
                "load.lsoas",
                () -> areas("lsoas", config.files().lsoas(), options, report));
    MethodData data = time(timings, "load.methods", () -> methodData(config, options, report));
    return new LoadedInputs(
        practices.practices(),
        practices.pcns(),
        region,
        districts,
        others,
        population,
        config.files().population(),
        lsoas,
        data.registrations(),
        data.radii(),
        data.catchments(),
        report,
        timings);
  }

  static <T> T time(Map<String, Double> timings, String stage, Supplier<T> work) {
    long start = System.nanoTime();
    T result = work.get();
    timings.merge(stage, (System.nanoTime() - start) / 1e9, Double::sum);
    return result;
  }

  /**
   * One input read on its own: its value or the exception reading it threw, the problems it
   * reported and the seconds it took, to be taken in the order of the inputs.
   */
  private record Read<T>(T value, RuntimeException error, LoadReport report, double seconds) {
    interface Work<T> {
      T run(LoadReport report);
    }

    interface Next<T, U> {
      U run(T value, LoadReport report);
    }

    static <T> Read<T> of(Work<T> work) {
      LoadReport report = new LoadReport();
      long start = System.nanoTime();
      try {
        T value = work.run(report);
        return new Read<>(value, null, report, (System.nanoTime() - start) / 1e9);
      } catch (RuntimeException e) {
        return new Read<>(null, e, report, (System.nanoTime() - start) / 1e9);
      }
    }

    /** The next step on this input's value; this input's error, if it has one. */
    <U> Read<U> then(Next<T, U> next) {
      if (error != null) {
        return new Read<>(null, error, report, seconds);
      }
      Read<U> done = of(r -> next.run(value, r));
      LoadReport both = new LoadReport();
      both.addAll(report);
      both.addAll(done.report());
      return new Read<>(done.value(), done.error(), both, seconds + done.seconds());
    }

    /** The value, its problems added to the report and its seconds to the timings; or its error. */
    T into(LoadReport all, Map<String, Double> timings, String stage) {
      timings.merge(stage, seconds, Double::sum);
      if (error != null) {
        throw error;
      }
      all.addAll(report);
      return value;
    }

    static <T> Read<T> join(CompletableFuture<Read<T>> future) {
      try {
        return future.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
  }

  /** Runs a task on a thread of its own, so it can use the common pool as this thread does. */
  private static void onSecondThread(Runnable task) {
    Thread t = new Thread(task, "pcn-atlas-load-districts");
    t.setDaemon(true);
    t.start();
  }

  private static AreaLayer districts(
      AnalysisConfig config, ReadOptions options, LoadReport report) {
    LoadedLayer districtFile = Readers.read(config.files().districts(), options);
    report.addAll(districtFile.report());
    return districts(config, districtFile, report);
  }

  private static AreaLayer districts(AnalysisConfig config, LoadedLayer loaded, LoadReport report) {
    AreaLoader.Columns detected = AreaLoader.detect(loaded);
    String code = column(loaded, config.columns().districtCode(), detected.code());
    String name = column(loaded, config.columns().districtName(), detected.name());
    String spec = config.files().networkAreas();
    if (spec == null) {
      return AreaLoader.read(
          loaded, AreaLayer.DISTRICTS, new AreaLoader.Columns(code, name, null), report);
    }
    if (loaded.layer().attributes().containsKey(spec) && !Files.isRegularFile(Path.of(spec))) {
      AreaLayer layer =
          AreaLoader.read(
              loaded, AreaLayer.DISTRICTS, new AreaLoader.Columns(code, name, spec), report);
      for (Area a : layer.areas()) {
        if (a.group() == null || a.group().isBlank()) {
          throw new LoadException(
              loaded.file(), "district " + a.code() + " has no network area in column " + spec);
        }
      }
      return layer;
    }
    Path lookup = Path.of(spec);
    if (!Files.isRegularFile(lookup)) {
      throw new IllegalArgumentException(
          "--network-areas: '"
              + spec
              + "' is neither a file nor a column of "
              + loaded.file().getFileName()
              + " (its columns are "
              + String.join(", ", loaded.layer().attributes().keySet())
              + ")");
    }
    Map<String, String> groups = networkAreaLookup(lookup, report, config.encoding());
    AreaLayer layer =
        AreaLoader.read(
            loaded, AreaLayer.DISTRICTS, new AreaLoader.Columns(code, name, null), report);
    List<Area> grouped = new ArrayList<>();
    for (Area a : layer.areas()) {
      String group = groups.get(a.code());
      if (group == null) {
        throw new LoadException(
            lookup, "district " + a.code() + " (" + a.name() + ") has no network area here");
      }
      grouped.add(new Area(a.code(), a.name(), a.geometry(), group));
    }
    return new AreaLayer(AreaLayer.DISTRICTS, grouped);
  }

  /** District code -> network area from a two-column lookup table. */
  static Map<String, String> networkAreaLookup(Path file, LoadReport report) {
    return networkAreaLookup(file, report, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The same, of a file in this encoding ({@code --encoding}). */
  static Map<String, String> networkAreaLookup(
      Path file, LoadReport report, java.nio.charset.Charset encoding) {
    CsvTable table = CsvTable.read(file, encoding, report);
    String code =
        table
            .firstColumn(List.of("district_code", "ltla24_code", "lad24cd", "lad_code", "code"))
            .orElseThrow(
                () -> new LoadException(file, "no district code column in " + table.header()));
    String group =
        table
            .firstColumn(NETWORK_AREA)
            .orElseThrow(
                () -> new LoadException(file, "no network_area column in " + table.header()));
    Map<String, String> out = new TreeMap<>();
    for (CsvTable.Row row : table.rows()) {
      if (row.get(code).isEmpty() || row.get(group).isEmpty()) {
        report.add(
            ProblemCode.MISSING_CODE,
            table.location(row),
            "a district code and a network area are both needed");
        continue;
      }
      if (out.putIfAbsent(row.get(code), row.get(group)) != null) {
        report.add(
            ProblemCode.DUPLICATE_CODE,
            table.location(row),
            row.get(code) + " appears again; left out");
      }
    }
    return out;
  }

  private static String column(LoadedLayer loaded, String given, String detected) {
    if (given == null) {
      return detected;
    }
    return loaded
        .layer()
        .findAttribute(List.of(given))
        .orElseThrow(
            () ->
                new LoadException(
                    loaded.file(),
                    "no column '"
                        + given
                        + "' (the columns are "
                        + String.join(", ", loaded.layer().attributes().keySet())
                        + ")"));
  }

  private static Geometry unionOf(AreaLayer districts) {
    return GeoUtils.union(districts.areas().stream().map(Area::geometry).toList());
  }

  private static Geometry region(Path file, ReadOptions options, LoadReport report) {
    LoadedLayer loaded = Readers.read(file, options);
    report.addAll(loaded.report());
    List<Geometry> parts = new ArrayList<>();
    for (Feature f : loaded.layer().features()) {
      if (!(f.geometry() instanceof Polygonal)) {
        throw new LoadException(
            file,
            "the study area must be polygons; feature "
                + f.index()
                + " is a "
                + (f.geometry() == null ? "missing geometry" : f.geometry().getGeometryType()));
      }
      parts.add(f.geometry());
    }
    if (parts.isEmpty()) {
      throw new LoadException(file, "the study area file has no polygons");
    }
    return parts.size() == 1 ? parts.get(0) : GeoUtils.union(parts);
  }

  private static PracticeLoader.Result practices(
      AnalysisConfig config, LoadedLayer loaded, Geometry region) {
    AnalysisConfig.PracticeColumns given = config.columns().practice();
    PracticeLoader.Columns columns =
        new PracticeLoader.Columns(
            practiceColumn(loaded, given.code(), PRACTICE_CODE, true),
            practiceColumn(loaded, given.name(), PRACTICE_NAME, false),
            config.files().pcnMap() == null
                ? practiceColumn(loaded, given.pcnCode(), PCN_CODE, true)
                : null,
            config.files().pcnMap() == null
                ? practiceColumn(loaded, given.pcnName(), PCN_NAME, false)
                : null,
            practiceColumn(loaded, given.listSize(), LIST_SIZE, false));
    LoadReport side = new LoadReport();
    Map<String, PracticeLoader.PcnAssignment> map =
        config.files().pcnMap() == null
            ? null
            : PracticeLoader.readPcnMap(config.files().pcnMap(), side, config.encoding());
    Map<String, Long> sizes =
        config.files().listSizes() == null
            ? null
            : PracticeLoader.readListSizes(config.files().listSizes(), side, config.encoding());
    PracticeLoader.Result result = PracticeLoader.load(loaded, columns, map, sizes, region);
    result.report().addAll(side);
    if (loaded.layer().features().isEmpty()) {
      throw new LoadException(config.files().practices(), "the practices file has no practices");
    }
    return result;
  }

  /**
   * What {@code analyse} would reject or question in a points layer read as practices (missing or
   * repeated codes, list sizes that are text, empty or negative, ...), for {@code inspect}: the
   * practice loader's report, or empty when the layer has no practice code and PCN columns.
   */
  public static java.util.Optional<LoadReport> asPractices(LoadedLayer loaded) {
    String code = loaded.layer().findAttribute(PRACTICE_CODE).orElse(null);
    String pcn = loaded.layer().findAttribute(PCN_CODE).orElse(null);
    if (code == null || pcn == null || !loaded.geometryTypes().equals(List.of("Point"))) {
      return java.util.Optional.empty(); // a table, or not practices: nothing more to say
    }
    PracticeLoader.Columns columns =
        new PracticeLoader.Columns(
            code,
            loaded.layer().findAttribute(PRACTICE_NAME).orElse(null),
            pcn,
            loaded.layer().findAttribute(PCN_NAME).orElse(null),
            loaded.layer().findAttribute(LIST_SIZE).orElse(null));
    return java.util.Optional.of(PracticeLoader.load(loaded, columns, null, null, null).report());
  }

  private static String practiceColumn(
      LoadedLayer loaded, String given, List<String> names, boolean required) {
    if (given != null) {
      return column(loaded, given, null);
    }
    String found = loaded.layer().findAttribute(names).orElse(null);
    if (found == null && required) {
      throw new LoadException(
          loaded.file(),
          "no practice column among "
              + String.join(", ", names)
              + " (the columns are "
              + String.join(", ", loaded.layer().attributes().keySet())
              + "); name it with the practice column options");
    }
    return found;
  }

  private static List<PopulationUnit> population(
      AnalysisConfig config,
      LoadedLayer loaded,
      Geometry region,
      UnitsOutside outside,
      LoadReport report) {
    report.addAll(loaded.report());
    FeatureLayer layer = loaded.layer();
    String code =
        config.columns().populationCode() != null
            ? column(loaded, config.columns().populationCode(), null)
            : layer
                .findAttribute(UNIT_CODE)
                .orElseThrow(
                    () ->
                        new LoadException(
                            loaded.file(),
                            "no unit code column (looked for "
                                + String.join(", ", UNIT_CODE)
                                + "); name it with --population-code-column"));
    String name = layer.findAttribute(UNIT_NAME).orElse(null);
    Map<String, Long> counts = null;
    String count = null;
    if (config.files().populationCounts() != null) {
      counts =
          PopulationLoader.readCounts(
              config.files().populationCounts(),
              config.columns().populationCode(),
              config.columns().population(),
              report,
              config.encoding());
    } else {
      count =
          config.columns().population() != null
              ? column(loaded, config.columns().population(), null)
              : layer
                  .findAttribute(UNIT_POPULATION)
                  .orElseThrow(
                      () ->
                          new LoadException(
                              loaded.file(),
                              "no population column (looked for "
                                  + String.join(", ", UNIT_POPULATION)
                                  + "); name it with --population-column or join counts with"
                                  + " --population-counts"));
    }
    return PopulationLoader.read(
        loaded, code, name, count, counts, outside == UnitsOutside.KEEP ? null : region, report);
  }

  private static AreaLayer areas(String name, Path file, ReadOptions options, LoadReport report) {
    LoadedLayer loaded = Readers.read(file, options);
    report.addAll(loaded.report());
    return AreaLoader.read(loaded, name, AreaLoader.detect(loaded), report);
  }

  /** What the configured methods need beyond the practices, districts and population. */
  private record MethodData(
      List<Registration> registrations,
      Map<String, Double> radii,
      Map<String, Geometry> catchments) {}

  private static MethodData methodData(
      AnalysisConfig config, ReadOptions options, LoadReport report) {
    List<Registration> registrations = null;
    Map<String, Double> radii = null;
    Map<String, Geometry> catchments = null;
    for (MethodKind m : config.methods().kinds()) {
      for (MethodKind.Input need : m.needs()) {
        switch (need) {
          case REGISTRATIONS -> {
            if (registrations == null) {
              registrations =
                  RegistrationLoader.read(
                      config.files().registrations(), report, config.encoding());
            }
          }
          case LSOAS -> {
            // read with the other area layers
          }
          case RADIUS -> {
            if (radii == null) {
              radii = radii(config, options, report);
            }
          }
          case CATCHMENTS -> {
            if (catchments == null) {
              catchments = given(config, options, report);
            }
          }
        }
      }
    }
    return new MethodData(registrations, radii, catchments);
  }

  /** Per practice, its radius from the radius column (none without the column). */
  private static Map<String, Double> radii(
      AnalysisConfig config, ReadOptions options, LoadReport report) {
    double fallback = config.methods().radius() == null ? Double.NaN : config.methods().radius();
    if (config.columns().radius() == null) {
      return Map.of();
    }
    LoadedLayer loaded =
        Readers.read(
            config.files().practices(),
            options.withColumns(config.columns().practiceCoordinates()));
    String radiusColumn = column(loaded, config.columns().radius(), null);
    String code = practiceColumn(loaded, config.columns().practice().code(), PRACTICE_CODE, true);
    String unit = loaded.format() == SourceFormat.CSV ? ":row " : ":feature ";
    Map<String, Double> radii = new TreeMap<>();
    for (Feature f : loaded.layer().features()) {
      String value = f.text(radiusColumn);
      if (value == null || value.isBlank() || f.text(code) == null) {
        continue; // the --radius applies
      }
      try {
        double r = Double.parseDouble(value.strip());
        if (!(r > 0) || Double.isInfinite(r)) {
          throw new NumberFormatException();
        }
        radii.put(f.text(code), r);
      } catch (NumberFormatException e) {
        report.add(
            ProblemCode.UNPARSABLE_VALUE,
            loaded.file().getFileName() + unit + f.index(),
            "'" + value + "' in " + radiusColumn + " is not a positive radius in metres");
      }
    }
    if (Double.isNaN(fallback) && radii.size() < loaded.layer().size()) {
      throw new IllegalArgumentException(
          "--radius-column "
              + radiusColumn
              + " leaves some practices without a radius; give --radius for them");
    }
    return radii;
  }

  /** Practice code -> its given catchment polygon. */
  private static Map<String, Geometry> given(
      AnalysisConfig config, ReadOptions options, LoadReport report) {
    LoadedLayer loaded = Readers.read(config.files().catchments(), options);
    report.addAll(loaded.report());
    String code =
        config.columns().catchmentPractice() != null
            ? column(loaded, config.columns().catchmentPractice(), null)
            : practiceColumn(loaded, null, PRACTICE_CODE, true);
    AreaLayer polygons =
        AreaLoader.read(loaded, "catchments", new AreaLoader.Columns(code, null, null), report);
    Map<String, Geometry> byPractice = new LinkedHashMap<>();
    polygons.areas().forEach(a -> byPractice.put(a.code(), a.geometry()));
    return byPractice;
  }
}
