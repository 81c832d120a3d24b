package org.pcnatlas.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pcnatlas.model.SizeBands;

/**
 * What one analysis reads and how, in named parts: the input {@link Files}, how their columns are
 * found ({@link Columns}), the catchment {@link Methods} and their options, the size bands and the
 * CRS of files that declare none. The command line ({@code analyse}, {@code serve}) builds one;
 * {@code load.InputLoader} reads the files it names. Each part checks its own rules in its
 * constructor, and the whole checks that every method has what it needs; every message names the
 * command-line option.
 *
 * @param crs the CRS (EPSG code) of files that declare none (CSV x/y, Shapefile without .prj), or
 *     null
 */
public record AnalysisConfig(
    Files files,
    Columns columns,
    Methods methods,
    SizeBands sizeBands,
    Integer crs,
    Profile profile,
    java.nio.charset.Charset encoding) {

  /** Layer names the analysis itself uses. */
  public static final List<String> RESERVED_LAYERS = List.of("districts", "network-areas");

  /** The default minimum share of {@code registration-min-share}. */
  public static final double DEFAULT_MIN_SHARE = 0.05;

  /**
   * The default share of a PCN's registered patients its {@code cumulative-share} catchment holds.
   */
  public static final double DEFAULT_CUMULATIVE_SHARE = 0.8;

  /** A configuration without unit attributes (no profiles). */
  public AnalysisConfig(
      Files files, Columns columns, Methods methods, SizeBands sizeBands, Integer crs) {
    this(files, columns, methods, sizeBands, crs, Profile.NONE, null);
  }

  /** A configuration of UTF-8 files. */
  public AnalysisConfig(
      Files files,
      Columns columns,
      Methods methods,
      SizeBands sizeBands,
      Integer crs,
      Profile profile) {
    this(files, columns, methods, sizeBands, crs, profile, null);
  }

  public AnalysisConfig {
    profile = Objects.requireNonNullElse(profile, Profile.NONE);
    encoding = Objects.requireNonNullElse(encoding, java.nio.charset.StandardCharsets.UTF_8);
    Objects.requireNonNull(files, "files");
    columns = Objects.requireNonNullElse(columns, Columns.DETECT);
    Objects.requireNonNull(methods, "methods");
    sizeBands = Objects.requireNonNullElse(sizeBands, SizeBands.NHS);
    for (MethodKind m : methods.kinds()) {
      for (MethodKind.Input need : m.needs()) {
        boolean given =
            switch (need) {
              case REGISTRATIONS -> files.registrations() != null;
              case LSOAS -> files.lsoas() != null;
              case CATCHMENTS -> files.catchments() != null;
              case RADIUS -> methods.radius() != null || columns.radius() != null;
            };
        if (!given) {
          throw new IllegalArgumentException("the " + m.id() + " method needs " + need.option());
        }
      }
    }
  }

  /**
   * The input files. Null means "not given"; the practices, districts and population are needed.
   *
   * @param practices practice points (CSV, GeoJSON, Shapefile, GeoPackage)
   * @param pcnMap the NHS practice -> PCN map, which then decides each practice's PCN (or null)
   * @param listSizes the NHS list sizes file, filling list sizes the practices file lacks (or null)
   * @param districts district polygons
   * @param networkAreas a lookup file (district code -> network area), or a column of the districts
   *     file, or null for no network areas
   * @param areas further area layers by name ({@code localities}, {@code wards}, ...), in order
   * @param population population units: points (population-weighted centroids) or polygons (area
   *     weighting)
   * @param populationCounts a table of resident counts by unit code joined onto {@code population},
   *     or null when the population file has its own count column
   * @param region the study area; null for the union of the districts
   * @param registrations NHS practice x LSOA registrations (for the registration methods)
   * @param lsoas LSOA polygons (for the registration methods)
   * @param catchments practice catchment polygons (for the given method)
   */
  public record Files(
      Path practices,
      Path pcnMap,
      Path listSizes,
      Path districts,
      String networkAreas,
      Map<String, Path> areas,
      Path population,
      Path populationCounts,
      Path region,
      Path registrations,
      Path lsoas,
      Path catchments) {
    public Files {
      Objects.requireNonNull(practices, "practices");
      Objects.requireNonNull(districts, "districts");
      Objects.requireNonNull(population, "population");
      areas = Collections.unmodifiableMap(new LinkedHashMap<>(areas == null ? Map.of() : areas));
      for (String name : areas.keySet()) {
        if (!name.matches("[a-z][a-z0-9-]*") || RESERVED_LAYERS.contains(name)) {
          throw new IllegalArgumentException(
              "--areas: the layer name '"
                  + name
                  + "' must be lower case letters, digits and '-', starting with a letter, and not "
                  + String.join(" or ", RESERVED_LAYERS));
        }
      }
    }

    /** The practices, districts and population only. */
    public static Files of(Path practices, Path districts, Path population) {
      return new Files(
          practices,
          null,
          null,
          districts,
          null,
          Map.of(),
          population,
          null,
          null,
          null,
          null,
          null);
    }

    public Files withRegion(Path file) {
      return new Files(
          practices,
          pcnMap,
          listSizes,
          districts,
          networkAreas,
          areas,
          population,
          populationCounts,
          file,
          registrations,
          lsoas,
          catchments);
    }

    public Files withNetworkAreas(String fileOrColumn) {
      return new Files(
          practices,
          pcnMap,
          listSizes,
          districts,
          fileOrColumn,
          areas,
          population,
          populationCounts,
          region,
          registrations,
          lsoas,
          catchments);
    }

    public Files withAreas(Map<String, Path> layers) {
      return new Files(
          practices,
          pcnMap,
          listSizes,
          districts,
          networkAreas,
          layers,
          population,
          populationCounts,
          region,
          registrations,
          lsoas,
          catchments);
    }

    public Files withPractices(Path pcnMapFile, Path listSizesFile) {
      return new Files(
          practices,
          pcnMapFile,
          listSizesFile,
          districts,
          networkAreas,
          areas,
          population,
          populationCounts,
          region,
          registrations,
          lsoas,
          catchments);
    }

    public Files withPopulationCounts(Path file) {
      return new Files(
          practices,
          pcnMap,
          listSizes,
          districts,
          networkAreas,
          areas,
          population,
          file,
          region,
          registrations,
          lsoas,
          catchments);
    }

    public Files withRegistrations(Path registrationsFile, Path lsoaFile) {
      return new Files(
          practices,
          pcnMap,
          listSizes,
          districts,
          networkAreas,
          areas,
          population,
          populationCounts,
          region,
          registrationsFile,
          lsoaFile,
          catchments);
    }

    public Files withCatchments(Path file) {
      return new Files(
          practices,
          pcnMap,
          listSizes,
          districts,
          networkAreas,
          areas,
          population,
          populationCounts,
          region,
          registrations,
          lsoas,
          file);
    }
  }

  /**
   * Where the values are in the files; a null column means "detect it from the file".
   *
   * @param practice the practices' code, name, PCN code, PCN name and list size columns
   * @param practiceCoordinates the coordinate columns of a practices CSV (DETECT: from the header)
   * @param districtCode the districts' code column
   * @param districtName the districts' name column
   * @param populationCode the unit code column (in the population file and the counts file)
   * @param population the count column (in the counts file when given, else in the population file)
   * @param catchmentPractice the practice code column of the given catchments
   * @param radius a practices column giving each practice's radius (the distance method)
   */
  public record Columns(
      PracticeColumns practice,
      CsvColumns practiceCoordinates,
      String districtCode,
      String districtName,
      String populationCode,
      String population,
      String catchmentPractice,
      String radius) {
    public static final Columns DETECT =
        new Columns(PracticeColumns.DETECT, CsvColumns.DETECT, null, null, null, null, null, null);

    public Columns {
      practice = Objects.requireNonNullElse(practice, PracticeColumns.DETECT);
      practiceCoordinates = Objects.requireNonNullElse(practiceCoordinates, CsvColumns.DETECT);
    }

    public Columns withDistricts(String code, String name) {
      return new Columns(
          practice,
          practiceCoordinates,
          code,
          name,
          populationCode,
          population,
          catchmentPractice,
          radius);
    }

    public Columns withPopulation(String code, String count) {
      return new Columns(
          practice,
          practiceCoordinates,
          districtCode,
          districtName,
          code,
          count,
          catchmentPractice,
          radius);
    }
  }

  /** The practices' columns; null for "detect" (or "the file has none"). */
  public record PracticeColumns(
      String code, String name, String pcnCode, String pcnName, String listSize) {
    public static final PracticeColumns DETECT = new PracticeColumns(null, null, null, null, null);

    public boolean detect() {
      return code == null && name == null && pcnCode == null && pcnName == null && listSize == null;
    }
  }

  /**
   * The catchment methods to run, in order, and their options.
   *
   * @param kinds the methods (the registry {@link MethodKind}), each once
   * @param minShare the minimum share of {@code registration-min-share}, 0 < share <= 1
   * @param share the share of a PCN's registered patients its {@code cumulative-share} catchment
   *     holds, 0 < share <= 1
   * @param radius the radius in metres of {@code distance} (a practices column may give it per
   *     practice instead, {@link Columns#radius()})
   */
  public record Methods(List<MethodKind> kinds, double minShare, double share, Double radius) {
    public Methods {
      kinds = List.copyOf(kinds);
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException(
            "--method: give at least one of " + String.join(", ", MethodKind.ids()));
      }
      if (kinds.stream().distinct().count() != kinds.size()) {
        throw new IllegalArgumentException(
            "--method: each method may be given once, got "
                + kinds.stream().map(MethodKind::id).toList());
      }
      if (!(minShare > 0 && minShare <= 1)) {
        throw new IllegalArgumentException(
            "--min-share must be greater than 0 and at most 1, got " + minShare);
      }
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException(
            "--share must be greater than 0 and at most 1, got " + share);
      }
      if (radius != null && !(radius > 0 && radius < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("--radius must be a positive number of metres");
      }
    }

    /** These methods by name (each checked against the registry), default options. */
    public static Methods of(List<String> ids) {
      return new Methods(
          ids.stream().map(MethodKind::of).toList(),
          DEFAULT_MIN_SHARE,
          DEFAULT_CUMULATIVE_SHARE,
          null);
    }

    public Methods withKinds(List<MethodKind> methods) {
      return new Methods(methods, minShare, share, radius);
    }

    public boolean has(MethodKind kind) {
      return kinds.contains(kind);
    }

    /** The methods' ids, in order. */
    public List<String> ids() {
      return kinds.stream().map(MethodKind::id).toList();
    }
  }

  /** The same configuration running other methods (with the same options). */
  public AnalysisConfig withMethods(Methods other) {
    return new AnalysisConfig(files, columns, other, sizeBands, crs, profile, encoding);
  }

  /** The same configuration with these unit attributes and profile domains. */
  public AnalysisConfig withProfile(Profile other) {
    return new AnalysisConfig(files, columns, methods, sizeBands, crs, other, encoding);
  }

  /**
   * Who lives in each catchment: the files of numeric attributes joined onto the population units
   * by code ({@code --unit-attributes FILE[:KEY]}), and the deprivation domains to profile besides
   * the IMD itself ({@code --profile-domains Income,Health}).
   */
  public record Profile(List<AttributeFile> files, List<String> domains) {
    public static final Profile NONE = new Profile(List.of(), List.of());

    public Profile {
      files = List.copyOf(files);
      domains = List.copyOf(domains);
      for (String d : domains) {
        if (!d.matches("[A-Za-z][A-Za-z0-9_]*")) {
          throw new IllegalArgumentException(
              "--profile-domains: '"
                  + d
                  + "' is not a domain name (the part before _decile/_score, e.g. Income, Health)");
        }
      }
      if (!domains.isEmpty() && files.isEmpty()) {
        throw new IllegalArgumentException(
            "--profile-domains needs --unit-attributes with the deprivation file");
      }
    }
  }

  /**
   * One file of unit attributes.
   *
   * @param key its unit code column, or null to find it
   */
  public record AttributeFile(Path file, String key) {
    public AttributeFile {
      Objects.requireNonNull(file, "file");
    }

    /** {@code FILE} or {@code FILE:COLUMN} (a Windows drive letter is not a column). */
    public static AttributeFile parse(String text) {
      int colon = text.lastIndexOf(':');
      if (colon > 1 && colon < text.length() - 1 && !text.substring(colon + 1).contains("/")) {
        return new AttributeFile(Path.of(text.substring(0, colon)), text.substring(colon + 1));
      }
      return new AttributeFile(Path.of(text), null);
    }
  }
}
