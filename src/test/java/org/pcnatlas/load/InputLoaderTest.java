package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.config.AnalysisConfig;

/**
 * The inputs are read concurrently, but the report lists their problems, and a failure names the
 * input, as reading them one after another would: districts, study area, practices, population.
 */
class InputLoaderTest {
  @TempDir Path dir;

  private static final String CRS =
      "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:27700\"}}";

  private static String square(double x, double y, double side) {
    return "{\"type\":\"Polygon\",\"coordinates\":[[["
        + x
        + ","
        + y
        + "],["
        + (x + side)
        + ","
        + y
        + "],["
        + (x + side)
        + ","
        + (y + side)
        + "],["
        + x
        + ","
        + (y + side)
        + "],["
        + x
        + ","
        + y
        + "]]]}";
  }

  private static String collection(String... features) {
    return "{\"type\":\"FeatureCollection\","
        + CRS
        + ",\"features\":["
        + String.join(",", features)
        + "]}";
  }

  private static String feature(String properties, String geometry) {
    return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private AnalysisConfig config(Path region) throws IOException {
    return new AnalysisConfig(
        AnalysisConfig.Files.of(
                dir.resolve("practices.csv"),
                dir.resolve("districts.geojson"),
                dir.resolve("population.csv"))
            .withRegion(region),
        AnalysisConfig.Columns.DETECT.withDistricts("code", "name"),
        AnalysisConfig.Methods.of(List.of("voronoi")),
        null,
        null);
  }

  /** Inputs with one problem each, in every file. */
  private void writeInputsWithAProblemEach() throws IOException {
    write(
        "districts.geojson",
        collection(
            feature("{\"code\":\"D1\",\"name\":\"West\"}", square(450000, 200000, 1000)),
            feature("{\"code\":\"D2\",\"name\":\"East\"}", square(451000, 200000, 1000)),
            feature("{\"code\":\"D3\",\"name\":\"None\"}", "null")));
    write(
        "region.geojson",
        collection(feature("{}", square(450000, 200000, 2000)), feature("{}", "null")));
    write(
        "practices.csv",
        "practice_code,name,pcn_code,pcn_name,list_size,easting,northing\n"
            + "P1,One,N1,North,1000,450500,200500\n"
            + "P2,Two,N1,North,1000,451500,200500\n"
            + "P3,Three,N1,North,1000,,200500\n");
    write(
        "population.csv",
        "area_code,population,easting,northing\n"
            + "A1,100,450500,200500\n"
            + "A2,200,451500,200500\n"
            + "A3,300,459999,209999\n");
  }

  @Test
  void theReportListsTheInputsInOrder() throws IOException {
    writeInputsWithAProblemEach();
    for (Path region : new Path[] {dir.resolve("region.geojson"), null}) {
      LoadedInputs loaded = InputLoader.load(config(region));
      List<String> where = loaded.report().problems().stream().map(Problem::location).toList();
      List<String> expected =
          region == null
              ? List.of("districts.geojson:feature 3", "practices.csv:row 4", "population.csv")
              : List.of(
                  "districts.geojson:feature 3",
                  "region.geojson:feature 2",
                  "practices.csv:row 4",
                  "population.csv");
      assertThat(where).isEqualTo(expected);
      assertThat(loaded.practices()).hasSize(2);
      assertThat(loaded.population()).hasSize(2);
      assertThat(loaded.timings().keySet())
          .containsSubsequence(
              "load.districts", "load.region", "load.practices", "load.population");
    }
  }

  @Test
  void whenSeveralInputsAreBadTheFirstOneFails() throws IOException {
    writeInputsWithAProblemEach();
    write("population.csv", "");
    assertThatThrownBy(() -> InputLoader.load(config(dir.resolve("region.geojson"))))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("population.csv");
    write("practices.csv", "practice_code,name\nP1,One\n");
    assertThatThrownBy(() -> InputLoader.load(config(dir.resolve("region.geojson"))))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("practices.csv");
    write(
        "region.geojson",
        collection(feature("{}", "{\"type\":\"Point\",\"coordinates\":[450000,200000]}")));
    assertThatThrownBy(() -> InputLoader.load(config(dir.resolve("region.geojson"))))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("region.geojson");
    write("districts.geojson", "{\"type\":");
    for (Path region : new Path[] {dir.resolve("region.geojson"), null}) {
      assertThatThrownBy(() -> InputLoader.load(config(region)))
          .isInstanceOf(LoadException.class)
          .hasMessageContaining("districts.geojson");
    }
  }

  @Test
  void unitsOutsideTheStudyAreaAreLeftOutOrKept() throws IOException {
    writeInputsWithAProblemEach();
    AnalysisConfig config = config(dir.resolve("region.geojson"));
    assertThat(InputLoader.load(config).population()).hasSize(2);
    LoadedInputs kept = InputLoader.load(config, InputLoader.UnitsOutside.KEEP);
    assertThat(kept.population()).extracting(u -> u.code()).containsExactly("A1", "A2", "A3");
    assertThat(kept.report().problems())
        .extracting(Problem::location)
        .doesNotContain("population.csv");
  }
}
