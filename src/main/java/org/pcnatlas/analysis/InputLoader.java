package org.pcnatlas.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.pcnatlas.catchment.CatchmentMethod;
import org.pcnatlas.catchment.DistanceCatchments;
import org.pcnatlas.catchment.GivenCatchments;
import org.pcnatlas.catchment.RegistrationCatchments;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.config.AnalysisConfig;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.load.AreaLoader;
import org.pcnatlas.load.CsvTable;
import org.pcnatlas.load.LoadException;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.load.LoadedLayer;
import org.pcnatlas.load.PopulationLoader;
import org.pcnatlas.load.PracticeLoader;
import org.pcnatlas.load.ProblemCode;
import org.pcnatlas.load.Readers;
import org.pcnatlas.load.RegistrationLoader;
import org.pcnatlas.load.SourceFormat;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.overlay.AreaGroups;

/**
 * Reads every file an {@link AnalysisConfig} names into {@link AnalysisInputs}: the study area
 * first (practices and population units are checked against it), then districts and their network
 * areas, practices, population, other area layers and what each method needs. Problems with rows go
 * to the load report; a file that cannot be used at all is a {@link LoadException} naming it.
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

  /**
   * The loaded inputs with the seconds spent reading each file.
   *
   * @param timings seconds per input ({@code load.practices}, {@code load.districts}, ...)
   * @param lsoas the LSOA polygons when {@code --lsoa} was given (served as a reference layer), or
   *     null
   */
  public record Loaded(AnalysisInputs inputs, Map<String, Double> timings, AreaLayer lsoas) {}

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
  public static Loaded load(AnalysisConfig config) {
    return load(config, UnitsOutside.LEAVE_OUT);
  }

  /** The inputs, keeping or leaving out the population units outside the study area. */
  public static Loaded load(AnalysisConfig config, UnitsOutside outside) {
    Map<String, Double> timings = new LinkedHashMap<>();
    LoadReport report = new LoadReport();
    ReadOptions options = ReadOptions.defaults().withSourceEpsg(config.crs());
    ReadOptions practiceOptions = options.withColumns(config.practiceCoordinates());

    // The districts (the largest file) are read on a second thread while this one reads the
    // study area, practices and population files, and, when the study area has its own file,
    // checks the practices and population against it. Each input keeps its own report and error;
    // they are taken below in the order of the inputs, so the report and, when several inputs are
    // bad, the error are those of reading them one after another.
    CompletableFuture<Read<AreaLayer>> districtsRead =
        CompletableFuture.supplyAsync(
            () -> Read.of(r -> districts(config, options, r)), InputLoader::onSecondThread);
    Read<Geometry> regionRead =
        config.region() == null ? null : Read.of(r -> region(config.region(), options, r));
    Read<LoadedLayer> practicesFile =
        Read.of(r -> Readers.read(config.practices(), practiceOptions));
    Read<LoadedLayer> populationFile = Read.of(r -> Readers.read(config.population(), options));
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
            : Analysis.time(timings, "load.region", () -> unionOf(districts));
    if (practicesRead == null) {
      practicesRead = practicesFile.then((f, r) -> practices(config, f, region));
    }
    PracticeLoader.Result practices = practicesRead.into(report, timings, "load.practices");
    report.addAll(practices.report());

    if (populationRead == null) {
      populationRead = populationFile.then((f, r) -> population(config, f, region, outside, r));
    }
    List<PopulationUnit> population = populationRead.into(report, timings, "load.population");
    PopulationAllocation.Mode mode = mode(config.population(), population);

    List<AreaLayer> others = new ArrayList<>();
    for (Map.Entry<String, Path> e : config.areas().entrySet()) {
      others.add(
          Analysis.time(
              timings,
              "load." + e.getKey(),
              () -> areas(e.getKey(), e.getValue(), options, report)));
    }

    AreaLayer lsoas =
        config.lsoas() == null
            ? null
            : Analysis.time(
                timings, "load.lsoas", () -> areas("lsoas", config.lsoas(), options, report));
    List<CatchmentMethod> methods =
        Analysis.time(timings, "load.methods", () -> methods(config, options, report, lsoas));

    AnalysisInputs inputs =
        new AnalysisInputs(
            practices.practices(),
            practices.pcns(),
            region,
            districts,
            others,
            population,
            mode,
            methods,
            config.sizeBands(),
            report);
    return new Loaded(inputs, timings, lsoas);
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
    LoadedLayer districtFile = Readers.read(config.districts(), options);
    report.addAll(districtFile.report());
    return districts(config, districtFile, report);
  }

  private static AreaLayer districts(AnalysisConfig config, LoadedLayer loaded, LoadReport report) {
    AreaLoader.Columns detected = AreaLoader.detect(loaded);
    String code = column(loaded, config.districtCodeColumn(), detected.code());
    String name = column(loaded, config.districtNameColumn(), detected.name());
    String spec = config.networkAreas();
    if (spec == null) {
      return AreaLoader.read(
          loaded, Analysis.DISTRICTS, new AreaLoader.Columns(code, name, null), report);
    }
    if (loaded.layer().attributes().containsKey(spec) && !Files.isRegularFile(Path.of(spec))) {
      AreaLayer layer =
          AreaLoader.read(
              loaded, Analysis.DISTRICTS, new AreaLoader.Columns(code, name, spec), report);
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
    Map<String, String> groups = networkAreaLookup(lookup, report);
    AreaLayer layer =
        AreaLoader.read(
            loaded, Analysis.DISTRICTS, new AreaLoader.Columns(code, name, null), report);
    List<Area> grouped = new ArrayList<>();
    for (Area a : layer.areas()) {
      String group = groups.get(a.code());
      if (group == null) {
        throw new LoadException(
            lookup, "district " + a.code() + " (" + a.name() + ") has no network area here");
      }
      grouped.add(new Area(a.code(), a.name(), a.geometry(), group));
    }
    return new AreaLayer(Analysis.DISTRICTS, grouped);
  }

  /** District code -> network area from a two-column lookup table. */
  static Map<String, String> networkAreaLookup(Path file, LoadReport report) {
    CsvTable table = CsvTable.read(file, report);
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
    return AreaGroups.union(districts.areas().stream().map(Area::geometry).toList(), false);
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
    return parts.size() == 1 ? parts.get(0) : AreaGroups.union(parts, false);
  }

  private static PracticeLoader.Result practices(
      AnalysisConfig config, LoadedLayer loaded, Geometry region) {
    AnalysisConfig.PracticeColumns given = config.practiceColumns();
    PracticeLoader.Columns columns =
        new PracticeLoader.Columns(
            practiceColumn(loaded, given.code(), PRACTICE_CODE, true),
            practiceColumn(loaded, given.name(), PRACTICE_NAME, false),
            config.pcnMap() == null
                ? practiceColumn(loaded, given.pcnCode(), PCN_CODE, true)
                : null,
            config.pcnMap() == null
                ? practiceColumn(loaded, given.pcnName(), PCN_NAME, false)
                : null,
            practiceColumn(loaded, given.listSize(), LIST_SIZE, false));
    LoadReport side = new LoadReport();
    Map<String, PracticeLoader.PcnAssignment> map =
        config.pcnMap() == null ? null : PracticeLoader.readPcnMap(config.pcnMap(), side);
    Map<String, Long> sizes =
        config.listSizes() == null ? null : PracticeLoader.readListSizes(config.listSizes(), side);
    PracticeLoader.Result result = PracticeLoader.load(loaded, columns, map, sizes, region);
    result.report().addAll(side);
    if (loaded.layer().features().isEmpty()) {
      throw new LoadException(config.practices(), "the practices file has no practices");
    }
    return result;
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
        config.populationCodeColumn() != null
            ? column(loaded, config.populationCodeColumn(), null)
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
    if (config.populationCounts() != null) {
      counts =
          PopulationLoader.readCounts(
              config.populationCounts(),
              config.populationCodeColumn(),
              config.populationColumn(),
              report);
    } else {
      count =
          config.populationColumn() != null
              ? column(loaded, config.populationColumn(), null)
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

  private static PopulationAllocation.Mode mode(Path file, List<PopulationUnit> units) {
    long points = units.stream().filter(u -> u.centroid() != null).count();
    if (points > 0 && points < units.size()) {
      throw new LoadException(
          file, "population units must be all points or all polygons, not a mixture");
    }
    return points > 0 || units.isEmpty()
        ? PopulationAllocation.Mode.POINTS
        : PopulationAllocation.Mode.AREA_WEIGHTED;
  }

  private static AreaLayer areas(String name, Path file, ReadOptions options, LoadReport report) {
    LoadedLayer loaded = Readers.read(file, options);
    report.addAll(loaded.report());
    return AreaLoader.read(loaded, name, AreaLoader.detect(loaded), report);
  }

  private static List<CatchmentMethod> methods(
      AnalysisConfig config, ReadOptions options, LoadReport report, AreaLayer lsoas) {
    List<CatchmentMethod> methods = new ArrayList<>();
    RegistrationData registration = null;
    for (String m : config.methods()) {
      switch (m) {
        case "voronoi" -> methods.add(new VoronoiCatchments());
        case "registration", "registration-min-share" -> {
          if (registration == null) {
            registration = registrationData(config, lsoas, report);
          }
          methods.add(
              new RegistrationCatchments(
                  registration.registrations(),
                  registration.lsoas(),
                  m.equals("registration")
                      ? OptionalDouble.empty()
                      : OptionalDouble.of(config.minShare())));
        }
        case "distance" -> methods.add(distance(config, options, report));
        case "given" -> methods.add(given(config, options, report));
        default -> throw new IllegalArgumentException("--method: unknown method " + m);
      }
    }
    return methods;
  }

  private record RegistrationData(
      List<org.pcnatlas.model.Registration> registrations, Map<String, Geometry> lsoas) {}

  private static RegistrationData registrationData(
      AnalysisConfig config, AreaLayer lsoas, LoadReport report) {
    Map<String, Geometry> byCode = new LinkedHashMap<>();
    lsoas.areas().forEach(a -> byCode.put(a.code(), a.geometry()));
    return new RegistrationData(RegistrationLoader.read(config.registrations(), report), byCode);
  }

  private static DistanceCatchments distance(
      AnalysisConfig config, ReadOptions options, LoadReport report) {
    double fallback = config.radius() == null ? Double.NaN : config.radius();
    if (config.radiusColumn() == null) {
      return new DistanceCatchments(fallback);
    }
    LoadedLayer loaded =
        Readers.read(config.practices(), options.withColumns(config.practiceCoordinates()));
    String radiusColumn = column(loaded, config.radiusColumn(), null);
    String code = practiceColumn(loaded, config.practiceColumns().code(), PRACTICE_CODE, true);
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
    return new DistanceCatchments(radii, Double.isNaN(fallback) ? 1 : fallback);
  }

  private static GivenCatchments given(
      AnalysisConfig config, ReadOptions options, LoadReport report) {
    LoadedLayer loaded = Readers.read(config.catchments(), options);
    report.addAll(loaded.report());
    String code =
        config.catchmentPracticeColumn() != null
            ? column(loaded, config.catchmentPracticeColumn(), null)
            : practiceColumn(loaded, null, PRACTICE_CODE, true);
    AreaLayer polygons =
        AreaLoader.read(loaded, "catchments", new AreaLoader.Columns(code, null, null), report);
    Map<String, Geometry> byPractice = new LinkedHashMap<>();
    polygons.areas().forEach(a -> byPractice.put(a.code(), a.geometry()));
    return new GivenCatchments(byPractice);
  }
}
