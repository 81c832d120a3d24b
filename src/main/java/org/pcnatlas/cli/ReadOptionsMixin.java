package org.pcnatlas.cli;

import org.pcnatlas.config.CsvColumns;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.crs.Crs;
import picocli.CommandLine.Option;

/** The options that say how to read an input file, shared by every command that reads one. */
public final class ReadOptionsMixin {
  @Option(
      names = "--crs",
      paramLabel = "CRS",
      description =
          "CRS of the file's coordinates when the file does not declare one, e.g. EPSG:27700 (a file that declares a different one is an error).")
  String crs;

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      description = "Encoding of a CSV file (default UTF-8), e.g. windows-1252.")
  String encoding;

  @Option(
      names = "--layer",
      paramLabel = "NAME",
      description = "GeoPackage table to read when the file holds several.")
  String layer;

  @Option(
      names = "--lon-column",
      paramLabel = "NAME",
      description = "CSV column of longitudes (WGS84); with --lat-column.")
  String lonColumn;

  @Option(
      names = "--lat-column",
      paramLabel = "NAME",
      description = "CSV column of latitudes (WGS84); with --lon-column.")
  String latColumn;

  @Option(
      names = "--x-column",
      paramLabel = "NAME",
      description =
          "CSV column of eastings/x in the --crs CRS (default EPSG:27700); with --y-column.")
  String xColumn;

  @Option(
      names = "--y-column",
      paramLabel = "NAME",
      description = "CSV column of northings/y; with --x-column.")
  String yColumn;

  @Option(
      names = "--id-column",
      paramLabel = "NAME",
      description = "CSV column that identifies a row (e.g. PRACTICE_CODE).")
  String idColumn;

  /** The options as a validated record; IllegalArgumentException names the option at fault. */
  public ReadOptions toReadOptions() {
    CsvColumns columns = CsvColumns.fromOptions(lonColumn, latColumn, xColumn, yColumn);
    if (idColumn != null) {
      columns = columns.withId(idColumn);
    }
    Integer epsg = crs == null ? null : Crs.parse(crs);
    return ReadOptions.defaults()
        .withSourceEpsg(epsg)
        .withLayer(layer)
        .withColumns(columns)
        .withEncoding(ReadOptions.encoding(encoding));
  }
}
