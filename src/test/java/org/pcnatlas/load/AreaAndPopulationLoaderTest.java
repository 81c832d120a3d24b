package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.testing.OpenData;

class AreaAndPopulationLoaderTest {
  @TempDir Path dir;

  private static String square(double x) {
    return "{\"type\":\"Polygon\",\"coordinates\":[[["
        + x
        + ",200000],["
        + (x + 1000)
        + ",200000],["
        + (x + 1000)
        + ",201000],["
        + x
        + ",201000],["
        + x
        + ",200000]]]}";
  }

  private static String feature(String props, String geometry) {
    return "{\"type\":\"Feature\",\"properties\":" + props + ",\"geometry\":" + geometry + "}";
  }

  @Test
  void areasAreReadWithEveryBadFeatureReported() throws IOException {
    String json =
        "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:27700\"}},\"features\":["
            + String.join(
                ",",
                feature("{\"code\":\"D1\",\"name\":\"One\",\"na\":\"North\"}", square(450000)),
                feature("{\"code\":null,\"name\":\"Nameless\"}", square(452000)),
                feature("{\"code\":\"D1\",\"name\":\"Again\"}", square(454000)),
                feature(
                    "{\"code\":\"D3\",\"name\":\"Point\"}",
                    "{\"type\":\"Point\",\"coordinates\":[450000,200000]}"))
            + "]}";
    LoadedLayer loaded =
        Readers.read(Files.writeString(dir.resolve("d.geojson"), json), ReadOptions.defaults());
    LoadReport report = new LoadReport();
    AreaLayer layer =
        AreaLoader.read(loaded, "districts", new AreaLoader.Columns("code", "name", "na"), report);
    assertThat(layer.areas()).extracting(Area::code).containsExactly("D1");
    assertThat(layer.areas().get(0).group()).isEqualTo("North");
    assertThat(report.problems(ProblemCode.MISSING_CODE))
        .extracting(Problem::location)
        .containsExactly("d.geojson:feature 2");
    assertThat(report.problems(ProblemCode.DUPLICATE_CODE))
        .extracting(Problem::location)
        .containsExactly("d.geojson:feature 3");
    assertThat(report.problems(ProblemCode.UNSUPPORTED_GEOMETRY))
        .extracting(Problem::location)
        .containsExactly("d.geojson:feature 4");
    assertThatThrownBy(
            () -> AreaLoader.read(loaded, "x", new AreaLoader.Columns("nope", null, null), report))
        .hasMessageContaining("d.geojson")
        .hasMessageContaining("nope");
  }

  @Test
  void realOxfordshireDistrictsAreDetected() {
    LoadedLayer loaded =
        Readers.read(
            OpenData.require("boundaries/lad_may2024_buc_oxfordshire.geojson"),
            ReadOptions.defaults());
    AreaLoader.Columns columns = AreaLoader.detect(loaded);
    assertThat(columns.code()).isEqualTo("ltla24_code");
    assertThat(columns.name()).isEqualTo("ltla24_name");
    AreaLayer layer = AreaLoader.read(loaded, "districts", columns, new LoadReport());
    assertThat(layer.areas())
        .extracting(Area::name)
        .contains(
            "Cherwell", "Oxford", "South Oxfordshire", "Vale of White Horse", "West Oxfordshire");
  }

  @Test
  void populationRowsAreCheckedOneRuleAtATime() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("pop.csv"),
            "code,name,population,easting,northing\n"
                + "L1,One,1500,450000,200000\n" // row 2
                + ",None,10,450000,200000\n" // row 3: no code
                + "L2,Two,many,450000,200000\n" // row 4: not a number
                + "L3,Three,-4,450000,200000\n" // row 5: negative
                + "L1,Again,7,450000,200000\n"); // row 6: repeated
    LoadReport report = new LoadReport();
    List<PopulationUnit> units =
        PopulationLoader.fromPoints(
            Readers.read(f, ReadOptions.defaults()), "code", "name", "population", report);
    assertThat(units).extracting(PopulationUnit::code).containsExactly("L1");
    assertThat(report.problems(ProblemCode.MISSING_CODE))
        .extracting(Problem::location)
        .containsExactly("pop.csv:row 3");
    assertThat(report.problems(ProblemCode.UNPARSABLE_VALUE))
        .extracting(Problem::location)
        .containsExactly("pop.csv:row 4", "pop.csv:row 5");
    assertThat(report.problems(ProblemCode.DUPLICATE_CODE))
        .extracting(Problem::location)
        .containsExactly("pop.csv:row 6");
  }
}
