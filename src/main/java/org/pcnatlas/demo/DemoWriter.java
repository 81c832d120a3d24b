package org.pcnatlas.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.export.GeoJsonWriter;
import org.pcnatlas.export.GeoPackageWriter;
import org.pcnatlas.export.ShapefileWriter;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * Writes a {@link DemoCounty} to a folder: a README, CSV tables, GeoJSON layers, the districts as
 * an ESRI Shapefile and every spatial layer in one GeoPackage, all in EPSG:27700. The output is
 * deterministic: the same county gives the same bytes.
 */
public final class DemoWriter {
  /** GeoJSON coordinates keep millimetres. */
  static final int DECIMALS = 3;

  static final String SHAPEFILE_FOLDER = "districts_shp";
  static final String SHAPEFILE = "districts.shp";
  static final List<String> SHAPEFILE_SIDECARS = List.of(".shx", ".dbf", ".prj", ".cpg");
  static final String GEOPACKAGE = "demo.gpkg";
  static final GeoJsonWriter GEOJSON = GeoJsonWriter.withCrsMember(DemoCounty.EPSG, DECIMALS);

  private DemoWriter() {}

  /**
   * Writes every file into {@code dir} (created when missing) and returns the files written, in
   * order.
   */
  public static List<Path> write(DemoCounty county, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    List<Path> files = new ArrayList<>();
    files.add(geoJson(county.studyArea(), dir.resolve("study_area.geojson")));
    files.add(geoJson(county.districts(), dir.resolve("districts.geojson")));
    files.add(geoJson(county.lsoas(), dir.resolve("lsoas.geojson")));
    files.add(csv(county.lsoaCentroids(), dir.resolve("lsoa_centroids.csv")));
    files.add(csv(county.practices(), dir.resolve("practices.csv")));
    files.add(csv(county.registrations(), dir.resolve("registrations.csv")));
    files.add(csv(county.networkAreaLookup(), dir.resolve("network_area_lookup.csv")));
    files.addAll(shapefile(county, dir.resolve(SHAPEFILE_FOLDER)));
    files.add(geoPackage(county, dir.resolve(GEOPACKAGE)));
    files.add(text(DemoReadme.text(county), dir.resolve("README.md")));
    return files;
  }

  /**
   * The districts, with field names of at most 10 characters, as {@code
   * districts_shp/districts.shp} and sidecars.
   */
  private static List<Path> shapefile(DemoCounty county, Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
    }
    Path shp = folder.resolve(SHAPEFILE);
    ShapefileWriter.write(county.districtsForShapefile(), shp, DemoCounty.EPSG);
    List<Path> files = new ArrayList<>(List.of(shp));
    String base = SHAPEFILE.substring(0, SHAPEFILE.length() - ".shp".length());
    SHAPEFILE_SIDECARS.forEach(ext -> files.add(folder.resolve(base + ext)));
    return files;
  }

  private static Path geoPackage(DemoCounty county, Path file) {
    GeoPackageWriter.write(county.geoPackageLayers(), file, DemoCounty.EPSG);
    return file;
  }

  private static Path geoJson(FeatureLayer layer, Path file) {
    GEOJSON.write(layer, file);
    return file;
  }

  /**
   * The layer's attributes as columns, then {@code easting,northing} when its features are points.
   */
  static Path csv(FeatureLayer layer, Path file) {
    boolean points =
        !layer.features().isEmpty() && layer.features().get(0).geometry() instanceof Point;
    List<String> header = new ArrayList<>(layer.attributes().keySet());
    if (points) {
      header.add("easting");
      header.add("northing");
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      record(out, header);
      for (Feature f : layer.features()) {
        List<String> row = new ArrayList<>();
        for (String name : layer.attributes().keySet()) {
          row.add(f.text(name));
        }
        if (points) {
          Point p = (Point) f.geometry();
          row.add(metres(p.getX()));
          row.add(metres(p.getY()));
        }
        record(out, row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** One CSV record (RFC 4180 quoting, only where needed), ended by a line feed. */
  private static void record(Writer out, List<String> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      String v = values.get(i) == null ? "" : values.get(i);
      boolean quote =
          v.indexOf(',') >= 0
              || v.indexOf('"') >= 0
              || v.indexOf('\n') >= 0
              || v.indexOf('\r') >= 0;
      out.write(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
    }
    out.write('\n');
  }

  private static Path text(String text, Path file) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** A coordinate in metres with at most three decimals and no trailing zeros. */
  static String metres(double v) {
    BigDecimal d =
        BigDecimal.valueOf(v).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  /** List size per PCN code, in code order. */
  static Map<String, Long> pcnListSizes(FeatureLayer practices) {
    Map<String, Long> sizes = new TreeMap<>();
    for (Feature f : practices.features()) {
      sizes.merge(f.text("pcn_code"), (Long) f.properties().get("list_size"), Long::sum);
    }
    return sizes;
  }
}
