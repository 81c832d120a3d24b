package org.pcnatlas.config;

/**
 * Which CSV columns hold the coordinates and the feature id. Either a longitude/latitude pair
 * (WGS84) or an x/y pair (easting/northing, in the CRS the {@code crs} option or the preset gives);
 * all-null fields mean "detect from the header" (see {@code CsvPreset} for the names recognised).
 *
 * @param xColumn easting or longitude column
 * @param yColumn northing or latitude column
 * @param geographic true when x/y are longitude/latitude in degrees (EPSG:4326)
 * @param idColumn the column whose value identifies a row (practice code, LSOA code), or null
 */
public record CsvColumns(String xColumn, String yColumn, Boolean geographic, String idColumn) {
  public static final CsvColumns DETECT = new CsvColumns(null, null, null, null);

  public CsvColumns {
    if ((xColumn == null) != (yColumn == null)) {
      throw new IllegalArgumentException(
          "give both coordinate columns or neither (x=" + xColumn + ", y=" + yColumn + ")");
    }
  }

  /**
   * The mapping from the coordinate column options: a longitude/latitude pair, an x/y pair, or
   * neither (detect). IllegalArgumentException names the options that clash or lack their pair.
   */
  public static CsvColumns fromOptions(
      String lonColumn, String latColumn, String xColumn, String yColumn) {
    if ((lonColumn != null || latColumn != null) && (xColumn != null || yColumn != null)) {
      throw new IllegalArgumentException(
          "give either --lon-column/--lat-column or --x-column/--y-column, not both");
    }
    if ((lonColumn == null) != (latColumn == null)) {
      throw new IllegalArgumentException("--lon-column and --lat-column go together");
    }
    if ((xColumn == null) != (yColumn == null)) {
      throw new IllegalArgumentException("--x-column and --y-column go together");
    }
    return lonColumn != null
        ? lonLat(lonColumn, latColumn)
        : xColumn != null ? eastingNorthing(xColumn, yColumn) : DETECT;
  }

  public static CsvColumns lonLat(String lonColumn, String latColumn) {
    return new CsvColumns(lonColumn, latColumn, true, null);
  }

  public static CsvColumns eastingNorthing(String eastingColumn, String northingColumn) {
    return new CsvColumns(eastingColumn, northingColumn, false, null);
  }

  public CsvColumns withId(String column) {
    return new CsvColumns(xColumn, yColumn, geographic, column);
  }

  public boolean detect() {
    return xColumn == null;
  }
}
