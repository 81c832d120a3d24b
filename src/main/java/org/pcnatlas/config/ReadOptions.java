package org.pcnatlas.config;

import java.util.Objects;

/**
 * How to read one input file.
 *
 * @param sourceEpsg the CRS of the file's coordinates when the file does not say (CSV x/y columns,
 *     a GeoJSON or Shapefile without CRS); null to rely on what the file declares. A file that
 *     declares a different CRS is an error, never silently reinterpreted.
 * @param targetEpsg the analysis CRS every geometry is transformed into (default EPSG:27700)
 * @param layer the table of a GeoPackage holding several (null: the only feature table)
 * @param columns CSV column mapping (null: detect from the header)
 */
public record ReadOptions(Integer sourceEpsg, int targetEpsg, String layer, CsvColumns columns) {
  /** The analysis CRS: British National Grid. */
  public static final int DEFAULT_TARGET_EPSG = 27700;

  public ReadOptions {
    if (targetEpsg <= 0) {
      throw new IllegalArgumentException(
          "targetEpsg must be a positive EPSG code, got " + targetEpsg);
    }
    columns = Objects.requireNonNullElse(columns, CsvColumns.DETECT);
  }

  /** Detect everything from the file; transform to EPSG:27700. */
  public static ReadOptions defaults() {
    return new ReadOptions(null, DEFAULT_TARGET_EPSG, null, CsvColumns.DETECT);
  }

  public ReadOptions withSourceEpsg(Integer epsg) {
    return new ReadOptions(epsg, targetEpsg, layer, columns);
  }

  public ReadOptions withTargetEpsg(int epsg) {
    return new ReadOptions(sourceEpsg, epsg, layer, columns);
  }

  public ReadOptions withLayer(String name) {
    return new ReadOptions(sourceEpsg, targetEpsg, name, columns);
  }

  public ReadOptions withColumns(CsvColumns mapping) {
    return new ReadOptions(sourceEpsg, targetEpsg, layer, mapping);
  }
}
