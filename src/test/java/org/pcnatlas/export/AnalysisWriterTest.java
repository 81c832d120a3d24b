package org.pcnatlas.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.ResultLayers;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.demo.BuiltInDemo;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * {@link AnalysisWriter} on the demo: the files it writes, the GeoPackage on a thread of its own,
 * are byte for byte the ones each writer writes alone, one file after the other, as it did before;
 * a file that cannot be written fails the call with its name, whichever thread writes it.
 */
class AnalysisWriterTest {
  @TempDir static Path tmp;
  static AnalysisResult result;
  static final Map<String, Object> SUMMARY = Map.of("note", "summary");

  @BeforeAll
  static void analyseTheDemo() {
    result =
        Analysis.run(
            AnalysisInputs.load(BuiltInDemo.config(BuiltInDemo.directory(), List.of("voronoi")))
                .inputs());
  }

  /** The outputs as the writer wrote them before it wrote the GeoPackage on its own thread. */
  private static void writeOneAfterTheOther(Path dir) throws Exception {
    Files.createDirectories(dir);
    FeatureLayer catchments = ResultLayers.allCatchments(result);
    GeoJsonWriter.rfc7946(6).write(catchments, dir.resolve("catchments.geojson"));
    // pcns.csv is the PCN table: every PCN, with the note of those without a catchment
    CsvWriter.writeTable(
        dir.resolve("pcns.csv"),
        new ArrayList<>(ResultLayers.pcnTableSchema(result.methods()).keySet()),
        ResultLayers.pcnTable(result.methods()));
    List<FeatureLayer> alignment = new ArrayList<>();
    List<FeatureLayer> areaShares = new ArrayList<>();
    for (AnalysisResult.MethodResult m : result.methods()) {
      alignment.add(ResultLayers.alignment(result, m));
      areaShares.add(ResultLayers.areaShares(result, m));
    }
    CsvWriter.writeLayer(withoutGeometry("alignment", alignment), dir.resolve("alignment.csv"), 0);
    CsvWriter.writeLayer(withoutGeometry("areas", areaShares), dir.resolve("areas.csv"), 0);
    CsvWriter.write(
        dir.resolve("coverage.csv"),
        AnalysisWriter.COVERAGE_COLUMNS,
        AnalysisWriter.coverageRows(result));
    new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve("summary.json").toFile(), SUMMARY);
    LibraryGeoPackageWriter.write(
        AnalysisWriter.geoPackageLayers(result, alignment), dir.resolve("pcn-atlas.gpkg"), Crs.BNG);
  }

  private static FeatureLayer withoutGeometry(String name, List<FeatureLayer> layers) {
    List<Feature> features = new ArrayList<>();
    for (FeatureLayer l : layers) {
      for (Feature f : l.features()) {
        features.add(new Feature(f.index(), f.id(), null, f.properties()));
      }
    }
    return new FeatureLayer(name, 0, layers.get(0).attributes(), features);
  }

  @Test
  void writesTheSameBytesAsEachWriterOneAfterTheOther() throws Exception {
    Path expected = tmp.resolve("expected");
    Path actual = tmp.resolve("actual");
    writeOneAfterTheOther(expected);
    AnalysisWriter.write(result, SUMMARY, actual);
    for (String file : AnalysisWriter.FILES) {
      assertThat(Files.mismatch(actual.resolve(file), expected.resolve(file)))
          .as("%s: offset of the first byte that differs (-1: none)", file)
          .isEqualTo(-1L);
    }
    try (var listing = Files.list(actual)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(AnalysisWriter.FILES);
    }
  }

  @Test
  void aGeoPackageThatCannotBeWrittenFailsTheCallWithItsName() throws Exception {
    Path dir = tmp.resolve("no-gpkg");
    Files.createDirectories(dir.resolve("pcn-atlas.gpkg").resolve("in-the-way"));
    assertThatThrownBy(() -> AnalysisWriter.write(result, SUMMARY, dir))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("pcn-atlas.gpkg");
    assertThat(dir.resolve("catchments.geojson")).isNotEmptyFile();
    assertThat(dir.resolve("summary.json")).isNotEmptyFile();
  }

  @Test
  void aFileOfThisThreadThatCannotBeWrittenFailsTheCallWithItsName() throws Exception {
    Path dir = tmp.resolve("no-geojson");
    Files.createDirectories(dir.resolve("catchments.geojson"));
    assertThatThrownBy(() -> AnalysisWriter.write(result, SUMMARY, dir))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("catchments.geojson");
  }
}
