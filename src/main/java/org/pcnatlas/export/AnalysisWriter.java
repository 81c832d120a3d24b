package org.pcnatlas.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.ResultLayers;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;
import org.pcnatlas.model.Practice;

/**
 * Writes the outputs of {@code pcn-atlas analyse} into a directory: {@code catchments.geojson},
 * {@code pcns.csv}, {@code alignment.csv}, {@code areas.csv}, {@code coverage.csv}, {@code
 * summary.json} and {@code pcn-atlas.gpkg}. Everything but the timings and versions in the summary
 * is deterministic.
 */
public final class AnalysisWriter {
  /** The files written, in order. */
  public static final List<String> FILES =
      List.of(
          "catchments.geojson",
          "pcns.csv",
          "alignment.csv",
          "areas.csv",
          "coverage.csv",
          "summary.json",
          "pcn-atlas.gpkg");

  /** Columns of {@code coverage.csv}. */
  public static final List<String> COVERAGE_COLUMNS =
      List.of("method", "kind", "id", "pcn_codes", "area_m2", "population", "detail");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AnalysisWriter() {}

  /** What {@code analyse --outputs} can leave out; {@code summary.json} is always written. */
  public enum Output {
    /** {@code catchments.geojson}. */
    GEOJSON("geojson", List.of("catchments.geojson")),
    /** {@code pcns.csv}, {@code alignment.csv}, {@code areas.csv}, {@code coverage.csv}. */
    CSV("csv", List.of("pcns.csv", "alignment.csv", "areas.csv", "coverage.csv")),
    /** {@code pcn-atlas.gpkg}: every layer, the pairs' polygons among them. */
    GPKG("gpkg", List.of("pcn-atlas.gpkg"));

    private final String id;
    private final List<String> files;

    Output(String id, List<String> files) {
      this.id = id;
      this.files = files;
    }

    public String id() {
      return id;
    }

    public List<String> files() {
      return files;
    }

    /**
     * The output of this name.
     *
     * @throws IllegalArgumentException naming {@code --outputs} and the outputs there are
     */
    public static Output of(String id) {
      for (Output o : values()) {
        if (o.id.equals(id)) {
          return o;
        }
      }
      throw new IllegalArgumentException(
          "--outputs: unknown output '"
              + id
              + "'; the outputs are "
              + String.join(", ", Arrays.stream(values()).map(Output::id).toList()));
    }
  }

  /** Writes every file ({@link #write(AnalysisResult, Map, Path, Set)} with every output). */
  public static List<String> write(AnalysisResult r, Map<String, Object> summary, Path dir) {
    return write(r, summary, dir, EnumSet.allOf(Output.class));
  }

  /**
   * Writes the outputs asked for and {@code summary.json}. The GeoPackage, the largest, is written
   * on a thread of its own from the start (its first step, loading SQLite's native library, takes a
   * cold JVM a few hundred milliseconds; then the pairs' polygons are drawn, on every core) while
   * this thread writes the GeoJSON, CSV and JSON files; each file has one writer, so the bytes do
   * not depend on the interleaving. Without the GeoPackage no pair polygon is drawn at all.
   *
   * @return the files written, in {@link #FILES} order
   * @throws UncheckedIOException naming the file that cannot be written
   */
  public static List<String> write(
      AnalysisResult r, Map<String, Object> summary, Path dir, Set<Output> outputs) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    CompletableFuture<Void> geoPackage =
        !outputs.contains(Output.GPKG)
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.runAsync(
                () -> {
                  GeoPackageWriter.loadDriver();
                  List<FeatureLayer> alignment = new ArrayList<>();
                  for (AnalysisResult.MethodResult m : r.methods()) {
                    alignment.add(ResultLayers.alignment(r, m));
                  }
                  GeoPackageWriter.write(
                      geoPackageLayers(r, alignment), dir.resolve("pcn-atlas.gpkg"), Crs.BNG);
                },
                task -> {
                  Thread t = new Thread(task, "pcn-atlas.gpkg writer");
                  t.setDaemon(true);
                  t.start();
                });
    Throwable failed = null;
    try {
      FeatureLayer catchments = ResultLayers.allCatchments(r);
      if (outputs.contains(Output.GEOJSON)) {
        GeoJsonWriter.rfc7946(6).write(catchments, dir.resolve("catchments.geojson"));
      }
      if (outputs.contains(Output.CSV)) {
        List<FeatureLayer> alignment = new ArrayList<>();
        List<FeatureLayer> areaShares = new ArrayList<>();
        for (AnalysisResult.MethodResult m : r.methods()) {
          alignment.add(ResultLayers.alignmentTable(r, m));
          areaShares.add(ResultLayers.areaShares(r, m));
        }
        CsvWriter.writeTable(
            dir.resolve("pcns.csv"),
            new ArrayList<>(ResultLayers.pcnTableSchema(r.methods()).keySet()),
            ResultLayers.pcnTable(r.methods()));
        CsvWriter.writeAttributes(
            attributes(alignment), features(alignment), dir.resolve("alignment.csv"));
        CsvWriter.writeAttributes(
            attributes(areaShares), features(areaShares), dir.resolve("areas.csv"));
        CsvWriter.write(dir.resolve("coverage.csv"), COVERAGE_COLUMNS, coverageRows(r));
      }
      try {
        JSON.writeValue(dir.resolve("summary.json").toFile(), summary);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write summary.json: " + e.getMessage(), e);
      }
    } catch (RuntimeException | Error e) {
      failed = e;
    }
    try {
      geoPackage.join();
    } catch (CompletionException e) {
      if (failed == null) {
        failed = e.getCause();
      } else if (e.getCause() != failed) {
        failed.addSuppressed(e.getCause());
      }
    }
    if (failed instanceof RuntimeException e) {
      throw e;
    }
    if (failed instanceof Error e) {
      throw e;
    }
    if (failed != null) {
      throw new IllegalStateException(failed); // nothing here throws a checked exception
    }
    List<String> written = new ArrayList<>();
    for (String f : FILES) {
      if (f.equals("summary.json") || outputs.stream().anyMatch(o -> o.files().contains(f))) {
        written.add(f);
      }
    }
    return written;
  }

  /** Every layer for QGIS users, with GeoPackage-friendly table names (underscores). */
  static List<FeatureLayer> geoPackageLayers(AnalysisResult r, List<FeatureLayer> alignment) {
    List<FeatureLayer> layers = new ArrayList<>();
    layers.add(ResultLayers.practices(r));
    for (AreaLayer l : r.layers()) {
      layers.add(ResultLayers.areas(r, l));
    }
    for (AnalysisResult.MethodResult m : r.methods()) {
      layers.add(ResultLayers.catchments(m));
      FeatureLayer perPractice = ResultLayers.practiceCatchments(m);
      if (perPractice.size() > 0) {
        layers.add(perPractice);
      }
    }
    layers.addAll(alignment);
    layers.add(ResultLayers.gaps(r));
    layers.add(ResultLayers.overlaps(r));
    return layers.stream()
        .map(
            l ->
                new FeatureLayer(
                    l.name().replace('-', '_'), l.epsg(), l.attributes(), l.features()))
        .toList();
  }

  /** The gaps, overlaps, practices outside the study area and residents outside catchments. */
  public static List<List<String>> coverageRows(AnalysisResult r) {
    List<List<String>> rows = new ArrayList<>();
    for (Practice p : r.inputs().practices()) {
      if (!p.insideStudyArea()) {
        rows.add(
            List.of(
                "",
                "practice-outside-study-area",
                p.code(),
                p.pcnCode(),
                "",
                "",
                p.name() == null ? "" : p.name()));
      }
    }
    for (AnalysisResult.MethodResult m : r.methods()) {
      for (Feature f : ResultLayers.gaps(r).features()) {
        if (m.method().equals(f.properties().get("method"))) {
          rows.add(
              List.of(
                  m.method(),
                  "gap",
                  f.text("gap"),
                  "",
                  CsvWriter.text(f.properties().get("area_m2")),
                  CsvWriter.text(f.properties().get("population")),
                  "no catchment covers this part of the study area"));
        }
      }
      for (Feature f : ResultLayers.overlaps(r).features()) {
        if (m.method().equals(f.properties().get("method"))) {
          rows.add(
              List.of(
                  m.method(),
                  "overlap",
                  f.id().substring(m.method().length() + 1),
                  f.text("pcn_code_a") + ";" + f.text("pcn_code_b"),
                  CsvWriter.text(f.properties().get("area_m2")),
                  CsvWriter.text(f.properties().get("population")),
                  m.catchments().overlapping()
                      ? "expected: this method lets catchments overlap"
                      : "two catchments cover this part of the study area"));
        }
      }
      Map<String, Long> population = new java.util.HashMap<>();
      r.inputs().population().forEach(u -> population.put(u.code(), u.population()));
      for (String unit : m.population().outside()) {
        rows.add(
            List.of(
                m.method(),
                "unit-outside-catchments",
                unit,
                "",
                "",
                Long.toString(population.get(unit)),
                "a population unit (wholly or partly) in no catchment"));
      }
      for (String unit : m.population().inSeveral()) {
        rows.add(
            List.of(
                m.method(),
                "unit-in-several-catchments",
                unit,
                "",
                "",
                Long.toString(population.get(unit)),
                "a population unit counted in more than one catchment"));
      }
    }
    return rows;
  }

  /** The attributes of the first of layers that share their schema (none when there is none). */
  private static Map<String, AttributeType> attributes(List<FeatureLayer> layers) {
    return layers.isEmpty() ? Map.of() : layers.get(0).attributes();
  }

  /** The features of layers, one after the other. */
  private static List<Feature> features(List<FeatureLayer> layers) {
    List<Feature> features = new ArrayList<>();
    layers.forEach(l -> features.addAll(l.features()));
    return features;
  }
}
