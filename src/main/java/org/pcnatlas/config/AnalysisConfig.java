package org.pcnatlas.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pcnatlas.coverage.SizeBands;

/**
 * What one analysis reads and how: the input files, their column mappings and the methods to run.
 * The command line ({@code analyse}, {@code serve}) builds one; {@code analysis.InputLoader} turns
 * it into loaded inputs. A null column means "detect it from the file".
 *
 * @param practices practice points (CSV, GeoJSON, Shapefile, GeoPackage)
 * @param practiceColumns the practices' code, name, PCN code, PCN name and list size columns
 * @param practiceCoordinates the coordinate columns of a practices CSV (DETECT: from the header)
 * @param pcnMap the NHS practice -> PCN map, which then decides each practice's PCN (or null)
 * @param listSizes the NHS list sizes file, filling list sizes the practices file lacks (or null)
 * @param districts district polygons
 * @param districtColumns the districts' code and name columns (the group column is ignored; see
 *     {@code networkAreas})
 * @param networkAreas a lookup file (district code -> network area), or a column of the districts
 *     file, or null for no network areas
 * @param areas further area layers by name ({@code localities}, {@code wards}, ...), in order
 * @param population population units: points (population-weighted centroids) or polygons (area
 *     weighting)
 * @param populationCounts a table of resident counts by unit code joined onto {@code population},
 *     or null when the population file has its own count column
 * @param populationCodeColumn the unit code column (in both files)
 * @param populationColumn the count column (in the counts file when given, else in the population
 *     file)
 * @param region the study area; null for the union of the districts
 * @param registrations NHS practice x LSOA registrations (for the registration methods)
 * @param lsoas LSOA polygons (for the registration methods)
 * @param catchments practice catchment polygons (for the given method)
 * @param catchmentPracticeColumn the practice code column of {@code catchments}
 * @param methods the methods to run, in order ({@code voronoi}, {@code registration}, ...)
 * @param minShare the minimum share of the {@code registration-min-share} method
 * @param radius the radius in metres of the {@code distance} method
 * @param radiusColumn a practices column giving each practice's radius (overrides {@code radius}
 *     where set)
 * @param sizeBands list size thresholds
 * @param crs the CRS of files that do not declare one (CSV x/y, Shapefile without .prj)
 */
public record AnalysisConfig(
    Path practices,
    PracticeColumns practiceColumns,
    CsvColumns practiceCoordinates,
    Path pcnMap,
    Path listSizes,
    Path districts,
    String districtCodeColumn,
    String districtNameColumn,
    String networkAreas,
    Map<String, Path> areas,
    Path population,
    Path populationCounts,
    String populationCodeColumn,
    String populationColumn,
    Path region,
    Path registrations,
    Path lsoas,
    Path catchments,
    String catchmentPracticeColumn,
    List<String> methods,
    double minShare,
    Double radius,
    String radiusColumn,
    SizeBands sizeBands,
    Integer crs) {

  /** The method names {@code --method} accepts. */
  public static final List<String> METHODS =
      List.of("voronoi", "registration", "registration-min-share", "distance", "given");

  /** Layer names the analysis itself uses. */
  public static final List<String> RESERVED_LAYERS = List.of("districts", "network-areas");

  /** The default minimum share of {@code registration-min-share}. */
  public static final double DEFAULT_MIN_SHARE = 0.05;

  /** The practices' columns; null for "detect" (or "the file has none"). */
  public record PracticeColumns(
      String code, String name, String pcnCode, String pcnName, String listSize) {
    public static final PracticeColumns DETECT = new PracticeColumns(null, null, null, null, null);

    public boolean detect() {
      return code == null && name == null && pcnCode == null && pcnName == null && listSize == null;
    }
  }

  public AnalysisConfig {
    Objects.requireNonNull(practices, "practices");
    Objects.requireNonNull(districts, "districts");
    Objects.requireNonNull(population, "population");
    practiceColumns = Objects.requireNonNullElse(practiceColumns, PracticeColumns.DETECT);
    practiceCoordinates = Objects.requireNonNullElse(practiceCoordinates, CsvColumns.DETECT);
    areas = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(areas));
    methods = List.copyOf(methods);
    sizeBands = Objects.requireNonNullElse(sizeBands, SizeBands.NHS);
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("--method: give at least one of " + METHODS);
    }
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException(
            "--method: unknown method '" + m + "'; the methods are " + String.join(", ", METHODS));
      }
    }
    if (methods.stream().distinct().count() != methods.size()) {
      throw new IllegalArgumentException("--method: each method may be given once, got " + methods);
    }
    if (!(minShare > 0 && minShare <= 1)) {
      throw new IllegalArgumentException(
          "--min-share must be greater than 0 and at most 1, got " + minShare);
    }
    if (radius != null && !(radius > 0 && radius < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("--radius must be a positive number of metres");
    }
    for (String name : areas.keySet()) {
      if (!name.matches("[a-z][a-z0-9-]*") || RESERVED_LAYERS.contains(name)) {
        throw new IllegalArgumentException(
            "--areas: the layer name '"
                + name
                + "' must be lower case letters, digits and '-', starting with a letter, and not "
                + String.join(" or ", RESERVED_LAYERS));
      }
    }
    boolean registration =
        methods.contains("registration") || methods.contains("registration-min-share");
    require(registration, registrations, "--registrations", "the registration methods need");
    require(registration, lsoas, "--lsoa", "the registration methods need");
    require(methods.contains("given"), catchments, "--catchments", "the given method needs");
    if (methods.contains("distance") && radius == null && radiusColumn == null) {
      throw new IllegalArgumentException("the distance method needs --radius or --radius-column");
    }
  }

  private static void require(boolean needed, Path file, String option, String what) {
    if (needed && file == null) {
      throw new IllegalArgumentException(what + " " + option + " FILE");
    }
  }
}
