package org.pcnatlas.load;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pcnatlas.config.ReadOptions;

/** Chooses the reader for a file by its format and reads it. */
public final class Readers {
  private Readers() {}

  public static FeatureReader forFormat(SourceFormat format) {
    return switch (format) {
      case GEOJSON -> new GeoJsonReader();
      case CSV -> new CsvPointReader();
      case SHAPEFILE -> new ShapefileReader();
      case GEOPACKAGE -> new GeoPackageReader();
    };
  }

  /**
   * Reads any supported file into the analysis CRS.
   *
   * @throws LoadException naming the file when it is missing, of an unsupported type, or cannot be
   *     parsed
   */
  public static LoadedLayer read(Path file, ReadOptions options) {
    if (!Files.isRegularFile(file)) {
      throw new LoadException(file, Files.exists(file) ? "not a regular file" : "file not found");
    }
    return forFormat(SourceFormat.of(file)).read(file, options);
  }

  /**
   * Like {@link #read}, but a CSV file without coordinate columns is read as a table (no
   * geometries, no CRS).
   */
  public static LoadedLayer readForInspection(Path file, ReadOptions options) {
    if (Files.isRegularFile(file) && SourceFormat.of(file) == SourceFormat.CSV) {
      return new CsvPointReader().readPointsOrTable(file, options);
    }
    return read(file, options);
  }
}
