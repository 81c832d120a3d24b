package org.pcnatlas.load;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats pcn-atlas reads, recognised by file extension. */
public enum SourceFormat {
  GEOJSON("geojson"),
  CSV("csv"),
  SHAPEFILE("shapefile"),
  GEOPACKAGE("geopackage");

  private final String label;

  SourceFormat(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * The format of a file from its extension: {@code .geojson}/{@code .json}, {@code .csv}/{@code
   * .txt}, {@code .shp}, {@code .gpkg}.
   *
   * @throws LoadException naming the file when the extension is none of these
   */
  public static SourceFormat of(Path file) {
    String name =
        file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".geojson") || name.endsWith(".json")) {
      return GEOJSON;
    }
    if (name.endsWith(".csv") || name.endsWith(".txt")) {
      return CSV;
    }
    if (name.endsWith(".shp")) {
      return SHAPEFILE;
    }
    if (name.endsWith(".gpkg")) {
      return GEOPACKAGE;
    }
    throw new LoadException(
        file, "unsupported file type (expected .geojson, .json, .csv, .shp or .gpkg)");
  }
}
