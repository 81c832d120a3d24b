package org.pcnatlas.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.ResultLayers;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.model.AreaLayer;
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

  public static void write(AnalysisResult r, Map<String, Object> summary, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    FeatureLayer catchments = ResultLayers.allCatchments(r);
    GeoJsonWriter.rfc7946(6).write(catchments, dir.resolve("catchments.geojson"));
    CsvWriter.writeLayer(withoutGeometry(catchments), dir.resolve("pcns.csv"), 0);
    List<FeatureLayer> alignment = new ArrayList<>();
    List<FeatureLayer> areaShares = new ArrayList<>();
    for (AnalysisResult.MethodResult m : r.methods()) {
      alignment.add(ResultLayers.alignment(r, m));
      areaShares.add(ResultLayers.areaShares(r, m));
    }
    CsvWriter.writeLayer(concat("alignment", alignment), dir.resolve("alignment.csv"), 0);
    CsvWriter.writeLayer(concat("areas", areaShares), dir.resolve("areas.csv"), 0);
    CsvWriter.write(dir.resolve("coverage.csv"), COVERAGE_COLUMNS, coverageRows(r));
    try {
      JSON.writeValue(dir.resolve("summary.json").toFile(), summary);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write summary.json: " + e.getMessage(), e);
    }
    GeoPackageWriter.write(geoPackageLayers(r, alignment), dir.resolve("pcn-atlas.gpkg"), Crs.BNG);
  }

  /** Every layer for QGIS users, with GeoPackage-friendly table names (underscores). */
  static List<FeatureLayer> geoPackageLayers(AnalysisResult r, List<FeatureLayer> alignment) {
    List<FeatureLayer> layers = new ArrayList<>();
    layers.add(ResultLayers.practices(r));
    for (AreaLayer l : r.layers()) {
      layers.add(ResultLayers.areas(l));
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

  private static FeatureLayer withoutGeometry(FeatureLayer layer) {
    return new FeatureLayer(
        layer.name(),
        0,
        layer.attributes(),
        layer.features().stream()
            .map(f -> new Feature(f.index(), f.id(), null, f.properties()))
            .toList());
  }

  private static FeatureLayer concat(String name, List<FeatureLayer> layers) {
    List<Feature> features = new ArrayList<>();
    layers.forEach(l -> features.addAll(l.features()));
    return new FeatureLayer(
        name,
        0,
        layers.isEmpty() ? Map.of() : layers.get(0).attributes(),
        features.stream().map(f -> new Feature(f.index(), f.id(), null, f.properties())).toList());
  }
}
