package org.pcnatlas.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pcnatlas.export.CsvWriter;
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

  private static Path csv(FeatureLayer layer, Path file) {
    CsvWriter.writeLayer(layer, file, DECIMALS);
    return file;
  }

  private static Path text(String text, Path file) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
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
