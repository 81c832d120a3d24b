package org.pcnatlas.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.load.LoadException;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.load.ProblemCode;

class WorkloadReaderTest {
  @TempDir Path dir;

  private static final String CRS =
      "\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::27700\"}}";

  @Test
  void decimalsParseExactlyAsJavaDoes() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      String s =
          switch (i % 4) {
            case 0 -> String.format(Locale.ROOT, "%.2f", random.nextDouble(-1e6, 1e6));
            case 1 -> Long.toString(random.nextLong(0, 10_000_000));
            case 2 -> Double.toString(random.nextDouble(0, 1e7));
            default -> String.format(Locale.ROOT, "%.9f", random.nextDouble());
          };
      assertThat(WorkloadReader.parseDecimal(s)).as(s).isEqualTo(Double.parseDouble(s));
    }
    assertThat(WorkloadReader.parseDecimal("12345678901234567.5")).isEqualTo(12345678901234567.5);
    assertThat(WorkloadReader.parseDecimal("1e3")).isEqualTo(1000.0);
    assertThat(WorkloadReader.parseDecimal("+7")).isEqualTo(7.0);
    assertThat(WorkloadReader.parseDecimal("")).isNaN();
    assertThat(WorkloadReader.parseDecimal("abc")).isNaN();
    assertThat(WorkloadReader.parseDecimal("1.5d")).isNaN();
    assertThat(WorkloadReader.parseDecimal("NaN")).isNaN();
    assertThat(WorkloadReader.parseDecimal("1.2.3")).isNaN();
  }

  @Test
  void csvQuotingAndMalformedRows() throws IOException {
    Path file = dir.resolve("t.csv");
    Files.writeString(file, "\uFEFFa,b,c\r\n1,\"x, \"\"quoted\"\"\",3\r\n4,5\r\n\r\n6,7,8\n");
    LoadReport report = new LoadReport();
    WorkloadReader.Csv csv = WorkloadReader.readCsv(file, report);
    assertThat(csv.header()).containsExactly("a", "b", "c");
    assertThat(csv.rows()).hasSize(2);
    assertThat(csv.rows().get(0)).containsExactly("1", "x, \"quoted\"", "3");
    assertThat(csv.rows().get(1)).containsExactly("6", "7", "8");
    assertThat(csv.location(1)).isEqualTo("t.csv:row 5");
    assertThat(report.problems(ProblemCode.MALFORMED_ROW))
        .singleElement()
        .satisfies(p -> assertThat(p.location()).isEqualTo("t.csv:row 3"));
    assertThatThrownBy(() -> csv.column("d"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("no column 'd'")
        .hasMessageContaining("a, b, c");
  }

  @Test
  void polygonsAndMultiPolygonsWithTheirProperties() throws IOException {
    Path file = dir.resolve("d.geojson");
    Files.writeString(
        file,
        "{\"type\": \"FeatureCollection\", "
            + CRS
            + ", \"features\": [{\"type\": \"Feature\", \"properties\": {\"code\": \"E1\", \"n\": 3,"
            + " \"x\": {\"nested\": 1}}, \"geometry\": {\"coordinates\": [[[0, 0], [10, 0, 5],"
            + " [10, 10], [0, 0]]], \"type\": \"Polygon\"}}, {\"type\": \"Feature\", \"geometry\":"
            + " {\"type\": \"MultiPolygon\", \"coordinates\": [[[[0, 0], [1, 0], [1, 1], [0,"
            + " 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]]}, \"properties\": {\"code\": \"E2\"}},"
            + " {\"type\": \"Feature\", \"properties\": {\"code\": \"E3\"}, \"geometry\": null}]}");
    List<WorkloadReader.RawFeature> features = WorkloadReader.readPolygons(file);
    assertThat(features).hasSize(3);
    assertThat(features.get(0).properties()).containsEntry("code", "E1").containsEntry("n", "3");
    assertThat(features.get(0).properties()).doesNotContainKey("x");
    assertThat(features.get(0).geometry().getArea()).isEqualTo(50.0);
    assertThat(features.get(1).geometry().getNumGeometries()).isEqualTo(2);
    assertThat(features.get(2).geometry() == null).isTrue();

    LoadReport report = new LoadReport();
    Geometry none = WorkloadReader.accept(features.get(2), "d.geojson", report);
    assertThat(none == null).isTrue();
    assertThat(report.problems(ProblemCode.MISSING_GEOMETRY))
        .singleElement()
        .satisfies(p -> assertThat(p.location()).isEqualTo("d.geojson:feature 3"));
  }

  @Test
  void anInvalidPolygonIsRepairedAndReported() throws IOException {
    Path file = dir.resolve("bow.geojson");
    Files.writeString(
        file,
        "{\"type\": \"FeatureCollection\", "
            + CRS
            + ", \"features\": [{\"type\": \"Feature\", \"properties\": {}, \"geometry\":"
            + " {\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [10, 10], [10, 0], [0, 10],"
            + " [0, 0]]]}}]}");
    LoadReport report = new LoadReport();
    Geometry g = WorkloadReader.accept(WorkloadReader.readPolygons(file).get(0), "bow", report);
    assertThat(g.isValid()).isTrue();
    assertThat(report.count(ProblemCode.GEOMETRY_REPAIRED)).isEqualTo(1);
  }

  @Test
  void theFilesMustDeclareBritishNationalGrid() throws IOException {
    Path file = dir.resolve("wgs.geojson");
    Files.writeString(file, "{\"type\": \"FeatureCollection\", \"features\": []}");
    assertThatThrownBy(() -> WorkloadReader.readPolygons(file))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("wgs.geojson")
        .hasMessageContaining("EPSG:27700");
    Path notJson = dir.resolve("bad.geojson");
    Files.writeString(notJson, "{\"type\": ");
    assertThatThrownBy(() -> WorkloadReader.readPolygons(notJson))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("bad.geojson");
  }
}
