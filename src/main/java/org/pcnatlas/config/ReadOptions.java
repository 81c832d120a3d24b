package org.pcnatlas.config;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
public record ReadOptions(
    Integer sourceEpsg, int targetEpsg, String layer, CsvColumns columns, Charset encoding) {
  /** UTF-8 text. */
  public ReadOptions(Integer sourceEpsg, int targetEpsg, String layer, CsvColumns columns) {
    this(sourceEpsg, targetEpsg, layer, columns, StandardCharsets.UTF_8);
  }

  /** The analysis CRS: British National Grid. */
  public static final int DEFAULT_TARGET_EPSG = 27700;

  public ReadOptions {
    if (targetEpsg <= 0) {
      throw new IllegalArgumentException(
          "targetEpsg must be a positive EPSG code, got " + targetEpsg);
    }
    columns = Objects.requireNonNullElse(columns, CsvColumns.DETECT);
    encoding = Objects.requireNonNullElse(encoding, StandardCharsets.UTF_8);
  }

  /**
   * The encoding of CSV files named by {@code --encoding} (UTF-8 when null): any charset Java knows
   * that writes ASCII as ASCII (Latin-1, Windows-1252, ...).
   *
   * @throws IllegalArgumentException naming --encoding when unknown or not ASCII-compatible
   */
  public static Charset encoding(String name) {
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    Charset c;
    try {
      c = Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--encoding: unknown encoding '" + name + "' (e.g. UTF-8, windows-1252, ISO-8859-1)");
    }
    if (!new String("a,1\n".getBytes(c), StandardCharsets.US_ASCII).equals("a,1\n")) {
      throw new IllegalArgumentException(
          "--encoding: " + c.name() + " does not write ASCII as ASCII; save the file as UTF-8");
    }
    return c;
  }

  public ReadOptions withEncoding(Charset charset) {
    return new ReadOptions(sourceEpsg, targetEpsg, layer, columns, charset);
  }

  /** Detect everything from the file; transform to EPSG:27700. */
  public static ReadOptions defaults() {
    return new ReadOptions(null, DEFAULT_TARGET_EPSG, null, CsvColumns.DETECT);
  }

  public ReadOptions withSourceEpsg(Integer epsg) {
    return new ReadOptions(epsg, targetEpsg, layer, columns, encoding);
  }

  public ReadOptions withTargetEpsg(int epsg) {
    return new ReadOptions(sourceEpsg, epsg, layer, columns, encoding);
  }

  public ReadOptions withLayer(String name) {
    return new ReadOptions(sourceEpsg, targetEpsg, name, columns, encoding);
  }

  public ReadOptions withColumns(CsvColumns mapping) {
    return new ReadOptions(sourceEpsg, targetEpsg, layer, mapping, encoding);
  }
}
