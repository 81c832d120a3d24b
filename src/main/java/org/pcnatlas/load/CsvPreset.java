package org.pcnatlas.load;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Column layouts of the real files planners have, recognised from the header. A preset names the
 * coordinate columns and their CRS, the code column and, for practice files, the practice and PCN
 * columns.
 */
public enum CsvPreset {
  /** SW AHSN geocoded practice -> PCN lookup (NHS Digital mapping + ONSPD lat/long). */
  SWAHSN_PRACTICE_LOOKUP(
      "PRAC_CODE", "PRAC_LNG", "PRAC_LAT", 4326, "PRAC_NAME", "PCN_CODE", "PCN_NAME", null),
  /** pcn-atlas's joined practice file: NHS mapping + coordinates + list size. */
  PRACTICES_JOINED(
      "PRACTICE_CODE", "LNG", "LAT", 4326, "PRACTICE_NAME", "PCN_CODE", "PCN_NAME", "LIST_SIZE"),
  /** pcn-atlas's own practice file (the demo's), British National Grid. */
  PCN_ATLAS_PRACTICES(
      "practice_code",
      "easting",
      "northing",
      27700,
      "practice_name",
      "pcn_code",
      "pcn_name",
      "list_size"),
  /** ONS LSOA 2021 population-weighted centroids export (British National Grid x/y). */
  ONS_LSOA_CENTROIDS("LSOA21CD", "x", "y", 27700, null, null, null, null),
  /**
   * NHS Digital "Patients Registered at a GP Practice" practice -> PCN mapping (no coordinates).
   */
  NHS_PRACTICE_PCN_MAP(
      "PRACTICE_CODE", null, null, 0, "PRACTICE_NAME", "PCN_CODE", "PCN_NAME", null),
  /**
   * NHS Digital "Patients Registered at a GP Practice" totals, gp-reg-pat-prac-all (no
   * coordinates).
   */
  NHS_LIST_SIZES("CODE", null, null, 0, null, null, null, "NUMBER_OF_PATIENTS"),
  /** NHS Digital practice x LSOA registrations, gp-reg-pat-prac-lsoa-all (no coordinates). */
  NHS_REGISTRATIONS(
      "PRACTICE_CODE", null, null, 0, "PRACTICE_NAME", null, null, "NUMBER_OF_PATIENTS");

  private final String codeColumn;
  private final String xColumn;
  private final String yColumn;
  private final int epsg;
  private final String nameColumn;
  private final String pcnCodeColumn;
  private final String pcnNameColumn;
  private final String countColumn;

  CsvPreset(
      String codeColumn,
      String xColumn,
      String yColumn,
      int epsg,
      String nameColumn,
      String pcnCodeColumn,
      String pcnNameColumn,
      String countColumn) {
    this.codeColumn = codeColumn;
    this.xColumn = xColumn;
    this.yColumn = yColumn;
    this.epsg = epsg;
    this.nameColumn = nameColumn;
    this.pcnCodeColumn = pcnCodeColumn;
    this.pcnNameColumn = pcnNameColumn;
    this.countColumn = countColumn;
  }

  /** The first preset whose columns the header has (names compared case-insensitively). */
  public static Optional<CsvPreset> detect(CsvTable table) {
    for (CsvPreset p : values()) {
      boolean all = p.columns().allMatch(c -> table.column(c).isPresent());
      boolean registrations = p != NHS_REGISTRATIONS || table.column("LSOA_CODE").isPresent();
      if (all && registrations) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private Stream<String> columns() {
    return Stream.of(
            codeColumn, xColumn, yColumn, nameColumn, pcnCodeColumn, pcnNameColumn, countColumn)
        .filter(c -> c != null);
  }

  public boolean hasCoordinates() {
    return xColumn != null;
  }

  public String codeColumn() {
    return codeColumn;
  }

  public String xColumn() {
    return xColumn;
  }

  public String yColumn() {
    return yColumn;
  }

  /** EPSG code of the coordinates (4326 = longitude/latitude), 0 when the file has none. */
  public int epsg() {
    return epsg;
  }

  public String nameColumn() {
    return nameColumn;
  }

  public String pcnCodeColumn() {
    return pcnCodeColumn;
  }

  public String pcnNameColumn() {
    return pcnNameColumn;
  }

  /** The list-size or patient-count column, when the layout has one. */
  public String countColumn() {
    return countColumn;
  }

  /**
   * Column names of longitudes/latitudes and eastings/northings recognised in files without a
   * preset.
   */
  static final List<String> LONGITUDE_NAMES = List.of("lon", "lng", "long", "longitude", "x_lon");

  static final List<String> LATITUDE_NAMES = List.of("lat", "latitude", "y_lat");
  static final List<String> EASTING_NAMES =
      List.of("easting", "eastings", "bng_e", "oseast1m", "x_bng");
  static final List<String> NORTHING_NAMES =
      List.of("northing", "northings", "bng_n", "osnrth1m", "y_bng");
}
