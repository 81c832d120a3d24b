package org.pcnatlas.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcnatlas.config.AnalysisConfig;
import org.pcnatlas.config.CsvColumns;
import org.pcnatlas.config.MethodKind;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.demo.BuiltInDemo;
import org.pcnatlas.model.SizeBands;
import picocli.CommandLine.Option;

/**
 * The data options shared by {@code analyse} and {@code serve}: which files to read, how to read
 * them and which catchment methods to run. With no data files at all, the built-in demo county.
 */
public final class DataOptions {
  @Option(
      names = "--practices",
      paramLabel = "FILE",
      description =
          "Practice points: CSV (lat/lon or easting/northing), GeoJSON, Shapefile or GeoPackage.")
  Path practices;

  @Option(
      names = "--practice-code-column",
      paramLabel = "NAME",
      description = "Practice code column (default: detected, e.g. practice_code, PRAC_CODE).")
  String practiceCode;

  @Option(
      names = "--practice-name-column",
      paramLabel = "NAME",
      description = "Practice name column.")
  String practiceName;

  @Option(names = "--pcn-code-column", paramLabel = "NAME", description = "PCN code column.")
  String pcnCode;

  @Option(names = "--pcn-name-column", paramLabel = "NAME", description = "PCN name column.")
  String pcnName;

  @Option(
      names = "--list-size-column",
      paramLabel = "NAME",
      description = "Registered list size column.")
  String listSize;

  @Option(
      names = "--pcn-map",
      paramLabel = "FILE",
      description = "NHS practice -> PCN map (gp-reg-pat-prac-map); decides each practice's PCN.")
  Path pcnMap;

  @Option(
      names = "--list-sizes",
      paramLabel = "FILE",
      description = "NHS list sizes (gp-reg-pat-prac-all), for practices the file gives none.")
  Path listSizes;

  @Option(
      names = "--lon-column",
      paramLabel = "NAME",
      description = "Practices CSV: longitude column (WGS84); with --lat-column.")
  String lonColumn;

  @Option(names = "--lat-column", paramLabel = "NAME", description = "Practices CSV: latitude.")
  String latColumn;

  @Option(
      names = "--x-column",
      paramLabel = "NAME",
      description =
          "Practices CSV: easting column (in --crs, default EPSG:27700); with --y-column.")
  String xColumn;

  @Option(names = "--y-column", paramLabel = "NAME", description = "Practices CSV: northing.")
  String yColumn;

  @Option(
      names = "--crs",
      paramLabel = "CRS",
      description = "CRS of files that declare none (CSV x/y, Shapefile without .prj).")
  String crs;

  @Option(
      names = "--districts",
      paramLabel = "FILE",
      description = "District (local authority) polygons.")
  Path districts;

  @Option(names = "--district-code-column", paramLabel = "NAME", description = "District code.")
  String districtCode;

  @Option(names = "--district-name-column", paramLabel = "NAME", description = "District name.")
  String districtName;

  @Option(
      names = "--network-areas",
      paramLabel = "FILE|COLUMN",
      description =
          "Network areas: a lookup CSV (district_code,network_area) or a column of the districts file.")
  String networkAreas;

  @Option(names = "--localities", paramLabel = "FILE", description = "Locality polygons.")
  Path localities;

  @Option(
      names = "--areas",
      paramLabel = "NAME=FILE",
      description = "A further area layer to compare with (repeatable), e.g. wards=wards.geojson.")
  Map<String, Path> areas = new LinkedHashMap<>();

  @Option(
      names = "--population",
      paramLabel = "FILE",
      description =
          "Population units: points (population-weighted centroids) or polygons (area-weighted).")
  Path population;

  @Option(
      names = "--population-counts",
      paramLabel = "FILE",
      description =
          "A CSV of residents per unit code (e.g. Census 2021 by LSOA) joined onto --population.")
  Path populationCounts;

  @Option(
      names = "--population-code-column",
      paramLabel = "NAME",
      description = "The unit code column (default: detected, e.g. LSOA21CD, lsoa_code).")
  String populationCode;

  @Option(
      names = "--population-column",
      paramLabel = "NAME",
      description = "The residents column (default: detected, e.g. population).")
  String populationColumn;

  @Option(
      names = "--region",
      paramLabel = "FILE",
      description = "The study area (default: the union of the districts).")
  Path region;

  @Option(
      names = "--registrations",
      paramLabel = "FILE",
      description = "NHS practice x LSOA registrations (gp-reg-pat-prac-lsoa-all).")
  Path registrations;

  @Option(
      names = "--lsoa",
      paramLabel = "FILE",
      description = "LSOA polygons (the methods drawn from --registrations).")
  Path lsoas;

  @Option(
      names = "--catchments",
      paramLabel = "FILE",
      description = "Practice catchment polygons for the given method.")
  Path catchments;

  @Option(
      names = "--catchment-practice-column",
      paramLabel = "NAME",
      description = "The practice code column of --catchments.")
  String catchmentPractice;

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      split = ",",
      completionCandidates = MethodKind.Ids.class,
      description =
          "Catchment method (repeatable): ${COMPLETION-CANDIDATES}. Default: voronoi, and"
              + " registration when registrations are given.")
  List<String> methods = new ArrayList<>();

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      description =
          "Encoding of the CSV files (default UTF-8), e.g. windows-1252 for Excel's \"CSV\";"
              + " Shapefile attributes follow their .cpg.")
  String encoding;

  @Option(
      names = "--unit-attributes",
      paramLabel = "FILE[:KEY]",
      description =
          "Numeric attributes of the population units, joined by unit code (repeatable): the"
              + " English Indices of Deprivation file (its *_decile and *_score columns), the Census"
              + " residents by age file (its age_* columns), or any CSV of numeric columns (averaged"
              + " by residents). KEY names the code column when it is not found.")
  List<String> unitAttributes = new ArrayList<>();

  @Option(
      names = "--profile-domains",
      split = ",",
      paramLabel = "DOMAIN",
      description =
          "Deprivation domains to profile besides the IMD (the part of the columns before"
              + " _decile/_score, e.g. Income,Health).")
  List<String> profileDomains = new ArrayList<>();

  @Option(
      names = "--min-share",
      paramLabel = "SHARE",
      description = "registration-min-share: the minimum share, 0 < SHARE <= 1 (default 0.05).")
  Double minShare;

  @Option(
      names = "--share",
      paramLabel = "SHARE",
      description =
          "cumulative-share: the share of each PCN's registered patients its catchment holds,"
              + " 0 < SHARE <= 1 (default 0.8).")
  Double share;

  @Option(
      names = "--radius",
      paramLabel = "METRES",
      description = "distance: the radius around each practice.")
  Double radius;

  @Option(
      names = "--radius-column",
      paramLabel = "NAME",
      description = "distance: a practices column giving each practice's radius in metres.")
  String radiusColumn;

  @Option(
      names = "--size-bands",
      paramLabel = "LOWER,UPPER",
      description = "Registered list thresholds of the size bands (default 30000,50000).")
  String sizeBands;

  /**
   * True when none of the core data files is named: the built-in demo is used (further area layers
   * and given catchments may still be added to it).
   */
  public boolean demo() {
    return practices == null
        && districts == null
        && population == null
        && region == null
        && registrations == null
        && lsoas == null
        && pcnMap == null
        && listSizes == null
        && populationCounts == null;
  }

  /** Options that describe the user's own files, meaningless with the built-in demo. */
  private void rejectFileOptionsOnDemo() {
    Object[][] options = {
      {practiceCode, "--practice-code-column"},
      {practiceName, "--practice-name-column"},
      {pcnCode, "--pcn-code-column"},
      {pcnName, "--pcn-name-column"},
      {listSize, "--list-size-column"},
      {lonColumn, "--lon-column"},
      {latColumn, "--lat-column"},
      {xColumn, "--x-column"},
      {yColumn, "--y-column"},
      {crs, "--crs"},
      {districtCode, "--district-code-column"},
      {districtName, "--district-name-column"},
      {populationCode, "--population-code-column"},
      {populationColumn, "--population-column"},
      {radiusColumn, "--radius-column"}
    };
    for (Object[] o : options) {
      if (o[0] != null) {
        throw new IllegalArgumentException(
            o[1]
                + " describes your own data files; give them (--practices, --districts,"
                + " --population) or leave it out for the built-in demo");
      }
    }
  }

  /** The options as a validated configuration; IllegalArgumentException names the option. */
  public AnalysisConfig toConfig() {
    SizeBands bands = parseSizeBands(sizeBands);
    double min = minShare == null ? AnalysisConfig.DEFAULT_MIN_SHARE : minShare;
    double cumulative = share == null ? AnalysisConfig.DEFAULT_CUMULATIVE_SHARE : share;
    if (demo()) {
      rejectFileOptionsOnDemo();
      // the demo's files and columns; the methods and their options are the user's
      AnalysisConfig base = BuiltInDemo.config(BuiltInDemo.directory(), List.of("voronoi"));
      AnalysisConfig.Files files =
          base.files()
              .withNetworkAreas(networkAreas == null ? base.files().networkAreas() : networkAreas)
              .withAreas(layers())
              .withCatchments(catchments);
      AnalysisConfig.Columns columns =
          new AnalysisConfig.Columns(
              base.columns().practice(),
              base.columns().practiceCoordinates(),
              base.columns().districtCode(),
              base.columns().districtName(),
              base.columns().populationCode(),
              base.columns().population(),
              catchmentPractice,
              null);
      List<String> m = methods.isEmpty() ? List.of("voronoi", "registration") : methods;
      return new AnalysisConfig(
          files,
          columns,
          new AnalysisConfig.Methods(
              kinds(m), min, cumulative, radius == null ? base.methods().radius() : radius),
          bands,
          null,
          profile(),
          org.pcnatlas.config.ReadOptions.encoding(encoding));
    }
    for (Object[] required :
        new Object[][] {
          {practices, "--practices"}, {districts, "--districts"}, {population, "--population"}
        }) {
      if (required[0] == null) {
        throw new IllegalArgumentException(
            required[1]
                + " is needed: give --practices, --districts and --population together, or no"
                + " data files at all for the built-in demo county");
      }
    }
    List<String> m = methods;
    if (m.isEmpty()) {
      m =
          registrations != null && lsoas != null
              ? List.of("voronoi", "registration")
              : List.of("voronoi");
    }
    AnalysisConfig.Files files =
        new AnalysisConfig.Files(
            practices,
            pcnMap,
            listSizes,
            districts,
            networkAreas,
            layers(),
            population,
            populationCounts,
            region,
            registrations,
            lsoas,
            catchments);
    AnalysisConfig.Columns columns =
        new AnalysisConfig.Columns(
            new AnalysisConfig.PracticeColumns(
                practiceCode, practiceName, pcnCode, pcnName, listSize),
            coordinates(),
            districtCode,
            districtName,
            populationCode,
            populationColumn,
            catchmentPractice,
            radiusColumn);
    return new AnalysisConfig(
        files,
        columns,
        new AnalysisConfig.Methods(kinds(m), min, cumulative, radius),
        bands,
        crs == null ? null : Crs.parse(crs),
        profile(),
        org.pcnatlas.config.ReadOptions.encoding(encoding));
  }

  private AnalysisConfig.Profile profile() {
    return new AnalysisConfig.Profile(
        unitAttributes.stream().map(AnalysisConfig.AttributeFile::parse).toList(), profileDomains);
  }

  /** The methods named, each checked against the registry. */
  private static List<MethodKind> kinds(List<String> ids) {
    return ids.stream().map(MethodKind::of).toList();
  }

  private Map<String, Path> layers() {
    Map<String, Path> layers = new LinkedHashMap<>();
    if (localities != null) {
      layers.put("localities", localities);
    }
    areas.forEach(
        (name, file) -> {
          if (layers.put(name, file) != null) {
            throw new IllegalArgumentException("--areas: the layer " + name + " is given twice");
          }
        });
    return layers;
  }

  /** The data options as given, for the run summary. */
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    if (demo()) {
      d.put("data", "built-in demo county (synthetic)");
    }
    put(d, "practices", practices);
    put(d, "pcn_map", pcnMap);
    put(d, "list_sizes", listSizes);
    put(d, "districts", districts);
    put(d, "network_areas", networkAreas);
    put(d, "localities", localities);
    areas.forEach((k, v) -> put(d, "areas." + k, v));
    put(d, "population", population);
    put(d, "population_counts", populationCounts);
    put(d, "region", region);
    put(d, "registrations", registrations);
    put(d, "lsoa", lsoas);
    put(d, "catchments", catchments);
    put(d, "encoding", encoding);
    if (!unitAttributes.isEmpty()) {
      put(d, "unit_attributes", String.join(", ", unitAttributes));
    }
    if (!profileDomains.isEmpty()) {
      put(d, "profile_domains", String.join(", ", profileDomains));
    }
    return d;
  }

  private static void put(Map<String, Object> d, String key, Object value) {
    if (value != null) {
      d.put(key, value.toString());
    }
  }

  private CsvColumns coordinates() {
    return CsvColumns.fromOptions(lonColumn, latColumn, xColumn, yColumn);
  }

  static SizeBands parseSizeBands(String text) {
    if (text == null) {
      return SizeBands.NHS;
    }
    String[] parts = text.split(",", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "--size-bands must be two whole numbers LOWER,UPPER (e.g. 30000,50000), got '"
              + text
              + "'");
    }
    try {
      return new SizeBands(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--size-bands must be two whole numbers LOWER,UPPER (e.g. 30000,50000), got '"
              + text
              + "'");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--size-bands: " + e.getMessage());
    }
  }
}
