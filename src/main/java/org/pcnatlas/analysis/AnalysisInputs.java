package org.pcnatlas.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.CatchmentMethod;
import org.pcnatlas.catchment.DistanceCatchments;
import org.pcnatlas.catchment.GivenCatchments;
import org.pcnatlas.catchment.RegistrationCatchments;
import org.pcnatlas.catchment.RegistrationCatchments.Rule;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.config.AnalysisConfig;
import org.pcnatlas.config.MethodKind;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.load.InputLoader;
import org.pcnatlas.load.LoadException;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.load.LoadedInputs;
import org.pcnatlas.load.UnitAttributeLoader;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;
import org.pcnatlas.model.ProfileSpec;
import org.pcnatlas.model.SizeBands;
import org.pcnatlas.model.UnitAttributes;

/**
 * Everything one analysis run needs, loaded and in EPSG:27700.
 *
 * @param region the study area
 * @param districts the district layer (its areas' groups, when set, are their network areas)
 * @param otherLayers localities, wards and any other area layers, compared like districts
 * @param population where people live
 * @param methods the catchment methods to run, in order
 * @param report what loading rejected or repaired
 */
public record AnalysisInputs(
    List<Practice> practices,
    List<Pcn> pcns,
    Geometry region,
    AreaLayer districts,
    List<AreaLayer> otherLayers,
    List<PopulationUnit> population,
    PopulationAllocation.Mode populationMode,
    List<CatchmentMethod> methods,
    SizeBands sizeBands,
    LoadReport report,
    ProfileSpec profile) {
  /** Inputs without unit attributes (no profiles). */
  public AnalysisInputs(
      List<Practice> practices,
      List<Pcn> pcns,
      Geometry region,
      AreaLayer districts,
      List<AreaLayer> otherLayers,
      List<PopulationUnit> population,
      PopulationAllocation.Mode populationMode,
      List<CatchmentMethod> methods,
      SizeBands sizeBands,
      LoadReport report) {
    this(
        practices,
        pcns,
        region,
        districts,
        otherLayers,
        population,
        populationMode,
        methods,
        sizeBands,
        report,
        ProfileSpec.NONE);
  }

  public AnalysisInputs {
    profile = Objects.requireNonNullElse(profile, ProfileSpec.NONE);
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(districts, "districts");
    if (!Analysis.DISTRICTS.equals(districts.name())) {
      throw new IllegalArgumentException(
          "the district layer must be named '"
              + Analysis.DISTRICTS
              + "', not '"
              + districts.name()
              + "'");
    }
    practices = List.copyOf(practices);
    pcns = List.copyOf(pcns);
    otherLayers = List.copyOf(otherLayers);
    population = List.copyOf(population);
    methods = List.copyOf(methods);
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("at least one catchment method is needed");
    }
  }

  /**
   * The same study area, population and layers under another configuration of practices, PCNs,
   * district groups and methods: a what-if scenario's inputs.
   */
  public AnalysisInputs withConfiguration(
      List<Practice> practices,
      List<Pcn> pcns,
      AreaLayer districts,
      List<CatchmentMethod> methods) {
    return new AnalysisInputs(
        practices,
        pcns,
        region,
        districts,
        otherLayers,
        population,
        populationMode,
        methods,
        sizeBands,
        report,
        profile);
  }

  /** The same inputs with another profile (unit attributes and domains). */
  public AnalysisInputs withProfile(ProfileSpec other) {
    return new AnalysisInputs(
        practices,
        pcns,
        region,
        districts,
        otherLayers,
        population,
        populationMode,
        methods,
        sizeBands,
        report,
        other);
  }

  /** The same inputs run by other methods. */
  public AnalysisInputs withMethods(List<CatchmentMethod> methods) {
    return withConfiguration(practices, pcns, districts, methods);
  }

  /**
   * Loaded inputs with the seconds spent reading each file.
   *
   * @param timings seconds per input ({@code load.practices}, {@code load.districts}, ...)
   * @param lsoas the LSOA polygons when {@code --lsoa} was given (served as a reference layer), or
   *     null
   */
  public record Loaded(AnalysisInputs inputs, Map<String, Double> timings, AreaLayer lsoas) {}

  /** Reads the files the configuration names ({@link InputLoader}) and makes the inputs. */
  public static Loaded load(AnalysisConfig config) {
    return load(config, InputLoader.UnitsOutside.LEAVE_OUT);
  }

  /** {@link #load}, keeping or leaving out the population units outside the study area. */
  public static Loaded load(AnalysisConfig config, InputLoader.UnitsOutside outside) {
    LoadedInputs loaded = InputLoader.load(config, outside);
    Map<String, Double> timings = new java.util.LinkedHashMap<>(loaded.timings());
    AnalysisInputs inputs = from(loaded, config);
    if (!config.profile().files().isEmpty()) {
      long t0 = System.nanoTime();
      UnitAttributes attributes = UnitAttributes.NONE;
      for (AnalysisConfig.AttributeFile f : config.profile().files()) {
        attributes =
            attributes.and(
                UnitAttributeLoader.read(f.file(), f.key(), loaded.report(), config.encoding()));
      }
      UnitAttributeLoader.reportMatches(attributes, loaded.population(), loaded.report());
      inputs = inputs.withProfile(new ProfileSpec(attributes, config.profile().domains()));
      timings.put("load.attributes", (System.nanoTime() - t0) / 1e9);
    }
    return new Loaded(inputs, timings, loaded.lsoas());
  }

  /**
   * The inputs of an analysis from what was loaded: the methods the configuration names, made from
   * the registry ({@link MethodKind}) with the data each needs, and the population mode the units
   * imply (points, or polygons for area weighting).
   *
   * @throws LoadException naming the population file when its units mix points and polygons
   */
  public static AnalysisInputs from(LoadedInputs loaded, AnalysisConfig config) {
    List<CatchmentMethod> methods = new ArrayList<>();
    for (MethodKind kind : config.methods().kinds()) {
      methods.add(method(kind, loaded, config));
    }
    return new AnalysisInputs(
        loaded.practices(),
        loaded.pcns(),
        loaded.region(),
        loaded.districts(),
        loaded.otherLayers(),
        loaded.population(),
        mode(loaded),
        methods,
        config.sizeBands(),
        loaded.report());
  }

  /** The catchment method of a kind, drawn from the loaded data it needs. */
  static CatchmentMethod method(MethodKind kind, LoadedInputs loaded, AnalysisConfig config) {
    return switch (kind) {
      case VORONOI -> new VoronoiCatchments();
      case REGISTRATION -> registration(loaded, Rule.largestShare());
      case REGISTRATION_MIN_SHARE ->
          registration(loaded, Rule.minShare(config.methods().minShare()));
      case CUMULATIVE_SHARE -> registration(loaded, Rule.cumulativeShare(config.methods().share()));
      case DISTANCE -> {
        Double radius = config.methods().radius();
        Map<String, Double> radii = loaded.radii() == null ? Map.of() : loaded.radii();
        yield radii.isEmpty()
            ? new DistanceCatchments(radius)
            : new DistanceCatchments(radii, radius == null ? 1 : radius);
      }
      case GIVEN -> new GivenCatchments(loaded.catchments());
    };
  }

  /** A method drawn from the registrations and the LSOA polygons by one rule. */
  private static RegistrationCatchments registration(LoadedInputs loaded, Rule rule) {
    Map<String, Geometry> lsoas = new LinkedHashMap<>();
    loaded.lsoas().areas().forEach(a -> lsoas.put(a.code(), a.geometry()));
    return new RegistrationCatchments(loaded.registrations(), lsoas, rule);
  }

  private static PopulationAllocation.Mode mode(LoadedInputs loaded) {
    List<PopulationUnit> units = loaded.population();
    long points = units.stream().filter(u -> u.centroid() != null).count();
    if (points > 0 && points < units.size()) {
      throw new LoadException(
          loaded.populationFile(),
          "population units must be all points or all polygons, not a mixture");
    }
    return points > 0 || units.isEmpty()
        ? PopulationAllocation.Mode.POINTS
        : PopulationAllocation.Mode.AREA_WEIGHTED;
  }

  /** True when every district has a network area, so network areas can be dissolved. */
  public boolean grouped() {
    return !districts.areas().isEmpty()
        && districts.areas().stream().allMatch(a -> a.group() != null && !a.group().isBlank());
  }
}
