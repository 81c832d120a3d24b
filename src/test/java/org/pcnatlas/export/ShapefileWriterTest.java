package org.pcnatlas.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.load.LoadedLayer;
import org.pcnatlas.load.ProblemCode;
import org.pcnatlas.load.Readers;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;
import org.pcnatlas.testing.OpenData;

class ShapefileWriterTest {
  private static final WKTReader WKT = new WKTReader(GeoUtils.FACTORY);
  private static final List<String> EXTENSIONS = List.of("shp", "shx", "dbf", "prj", "cpg");

  @TempDir Path dir;

  @Test
  void polygonsAndAttributesRoundTrip() {
    FeatureLayer layer = areas();
    Path shp = dir.resolve("areas.shp");

    ShapefileWriter.write(layer, shp, Crs.BNG);
    LoadedLayer back = Readers.read(shp, ReadOptions.defaults());

    assertThat(back.report().problems()).isEmpty();
    assertThat(back.sourceEpsg()).isEqualTo(Crs.BNG);
    assertThat(back.layer().attributes()).isEqualTo(layer.attributes());
    assertSameFeatures(back.layer(), layer);
    Geometry withHole = back.layer().features().get(0).geometry();
    assertThat(withHole.isValid()).isTrue();
    assertThat(withHole.getArea()).isEqualTo(1_000_000.0 - 40_000.0);
  }

  @Test
  void pointsRoundTrip() {
    FeatureLayer layer =
        layer(
            Map.of("CODE", AttributeType.STRING),
            feature(1, "POINT (451234.567 206789.012)", Map.of("CODE", "K84001")),
            feature(2, "POINT (452000 207000)", Map.of("CODE", "K84002")));
    Path shp = dir.resolve("practices.shp");
    ShapefileWriter.write(layer, shp, Crs.BNG);
    assertSameFeatures(Readers.read(shp, ReadOptions.defaults()).layer(), layer);
    assertThat(shapeType(shp)).isEqualTo(1);
  }

  @Test
  void pointsWithMultiPointsAreWrittenAsMultiPoints() {
    FeatureLayer layer =
        layer(
            Map.of(),
            feature(1, "POINT (1 2)", Map.of()),
            feature(2, "MULTIPOINT ((3 4), (5 6))", Map.of()));
    Path shp = dir.resolve("mixed.shp");
    ShapefileWriter.write(layer, shp, Crs.BNG);
    assertThat(shapeType(shp)).isEqualTo(8);
    List<Feature> back = Readers.read(shp, ReadOptions.defaults()).layer().features();
    assertThat(back.get(0).geometry().getCoordinates()).containsExactly(new Coordinate(1, 2));
    assertThat(back.get(1).geometry().getNumGeometries()).isEqualTo(2);
  }

  @Test
  void linesRoundTrip() {
    FeatureLayer layer =
        layer(
            Map.of("ROAD", AttributeType.STRING),
            feature(1, "LINESTRING (0 0, 10 0, 10 10)", Map.of("ROAD", "A34")),
            feature(2, "MULTILINESTRING ((0 0, 1 1), (5 5, 6 5))", Map.of("ROAD", "A40")));
    Path shp = dir.resolve("roads.shp");
    ShapefileWriter.write(layer, shp, Crs.BNG);
    assertThat(shapeType(shp)).isEqualTo(3);
    assertSameFeatures(Readers.read(shp, ReadOptions.defaults()).layer(), layer);
  }

  @Test
  void layerWithoutAttributesGetsAnFidField() {
    FeatureLayer layer =
        layer(Map.of(), feature(4, "POINT (1 2)", Map.of()), feature(9, "POINT (3 4)", Map.of()));
    Path shp = dir.resolve("bare.shp");
    ShapefileWriter.write(layer, shp, Crs.BNG);
    LoadedLayer back = Readers.read(shp, ReadOptions.defaults());
    assertThat(back.layer().attributes()).containsExactly(Map.entry("FID", AttributeType.INTEGER));
    assertThat(back.layer().features())
        .extracting(f -> f.properties().get("FID"))
        .containsExactly(4L, 9L);
  }

  @Test
  void featureWithoutGeometryIsANullShape() {
    FeatureLayer layer =
        layer(
            Map.of("N", AttributeType.INTEGER),
            feature(1, "POINT (1 2)", Map.of("N", 1L)),
            new Feature(2, null, null, Map.of("N", 2L)));
    Path shp = dir.resolve("gap.shp");
    ShapefileWriter.write(layer, shp, Crs.BNG);
    LoadedLayer back = Readers.read(shp, ReadOptions.defaults());
    assertThat(back.rowsRead()).isEqualTo(2);
    assertThat(back.layer().size()).isEqualTo(1);
    assertThat(back.report().problems(ProblemCode.MISSING_GEOMETRY))
        .singleElement()
        .satisfies(p -> assertThat(p.location()).isEqualTo("gap.shp:record 2"));
  }

  @Test
  void outerRingsClockwiseHolesCounterClockwise() throws IOException {
    Path shp = dir.resolve("rings.shp");
    ShapefileWriter.write(areas(), shp, Crs.BNG);
    // the first record: a polygon with one hole, as JTS made it (outer ring counter-clockwise)
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(shp)).order(ByteOrder.LITTLE_ENDIAN);
    int content = 100 + 8;
    assertThat(b.getInt(content)).isEqualTo(5);
    assertThat(b.getInt(content + 36)).as("parts").isEqualTo(2);
    int numPoints = b.getInt(content + 40);
    int second = b.getInt(content + 48);
    Coordinate[] points = new Coordinate[numPoints];
    for (int i = 0; i < numPoints; i++) {
      int at = content + 52 + 16 * i;
      points[i] = new Coordinate(b.getDouble(at), b.getDouble(at + 8));
    }
    assertThat(Orientation.isCCW(java.util.Arrays.copyOfRange(points, 0, second)))
        .as("outer ring CCW")
        .isFalse();
    assertThat(Orientation.isCCW(java.util.Arrays.copyOfRange(points, second, numPoints)))
        .as("hole CCW")
        .isTrue();
  }

  @Test
  void sameLayerGivesSameBytes() throws IOException {
    Path a = Files.createDirectory(dir.resolve("a")).resolve("out.shp");
    Path b = Files.createDirectory(dir.resolve("b")).resolve("out.shp");
    ShapefileWriter.write(areas(), a, Crs.BNG);
    ShapefileWriter.write(areas(), b, Crs.BNG);
    for (String ext : EXTENSIONS) {
      assertThat(Files.readAllBytes(a.resolveSibling("out." + ext)))
          .as(ext)
          .isEqualTo(Files.readAllBytes(b.resolveSibling("out." + ext)));
    }
    byte[] dbf = Files.readAllBytes(a.resolveSibling("out.dbf"));
    assertThat(new int[] {dbf[1], dbf[2], dbf[3]})
        .as("fixed last-update date 2000-01-01")
        .containsExactly(100, 1, 1);
    assertThat(Files.readString(a.resolveSibling("out.cpg"))).isEqualTo("UTF-8");
  }

  @Test
  void prjMatchesTheEsriBritishNationalGrid() throws IOException {
    Path real = OpenData.require("boundaries/subicb_jul2022_bng_shp/subicb22.prj");
    Path shp = dir.resolve("bng.shp");
    ShapefileWriter.write(areas(), shp, Crs.BNG);
    assertThat(Files.readAllBytes(dir.resolve("bng.prj"))).isEqualTo(Files.readAllBytes(real));
  }

  @Test
  void writesLonLatWithTheWgs84Prj() throws IOException {
    Path shp = dir.resolve("lonlat.shp");
    FeatureLayer layer = layer(Map.of(), feature(1, "POINT (451000 206000)", Map.of()));
    ShapefileWriter.write(layer, shp, Crs.WGS84);

    assertThat(Files.readString(dir.resolve("lonlat.prj"))).startsWith("GEOGCS[\"GCS_WGS_1984\"");
    assertThat(Crs.fromWkt(Files.readString(dir.resolve("lonlat.prj")))).isEqualTo(Crs.WGS84);
    LoadedLayer lonLat = Readers.read(shp, ReadOptions.defaults().withTargetEpsg(Crs.WGS84));
    Coordinate c = lonLat.layer().features().get(0).geometry().getCoordinate();
    assertThat(c.x).isBetween(-1.3, -1.2);
    assertThat(c.y).isBetween(51.7, 51.8);
    Coordinate grid =
        Readers.read(shp, ReadOptions.defaults())
            .layer()
            .features()
            .get(0)
            .geometry()
            .getCoordinate();
    assertThat(grid.x).isCloseTo(451000, within(0.01));
    assertThat(grid.y).isCloseTo(206000, within(0.01));
  }

  @Test
  void textIsUtf8AndSizedInBytes() {
    FeatureLayer layer =
        layer(
            Map.of("NAME", AttributeType.STRING),
            feature(1, "POINT (1 1)", Map.of("NAME", "Ystradgynlais – Cwm Tawe ŵ")),
            feature(2, "POINT (2 2)", Map.of("NAME", "é".repeat(127))));
    Path shp = dir.resolve("welsh.shp");
    ShapefileWriter.write(layer, shp, Crs.BNG);
    assertSameFeatures(Readers.read(shp, ReadOptions.defaults()).layer(), layer);
  }

  @Test
  void rejectsWhatAShapefileCannotHold() {
    Path shp = dir.resolve("bad.shp");
    Map<String, AttributeType> longName = Map.of("LIST_SIZE_2024", AttributeType.INTEGER);
    assertThatThrownBy(
            () ->
                ShapefileWriter.write(
                    layer(longName, feature(1, "POINT (1 1)", Map.of())), shp, Crs.BNG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LIST_SIZE_2024");
    FeatureLayer mixed =
        layer(
            Map.of(),
            feature(1, "POINT (1 1)", Map.of()),
            feature(2, "POLYGON ((0 0, 1 0, 1 1, 0 0))", Map.of()));
    assertThatThrownBy(() -> ShapefileWriter.write(mixed, shp, Crs.BNG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mixes geometry types");
    assertThatThrownBy(() -> ShapefileWriter.write(areas(), shp, 3857))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EPSG:3857");
    FeatureLayer tooLong =
        layer(
            Map.of("NOTE", AttributeType.STRING),
            feature(7, "POINT (1 1)", Map.of("NOTE", "x".repeat(255))));
    assertThatThrownBy(() -> ShapefileWriter.write(tooLong, shp, Crs.BNG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feature 7")
        .hasMessageContaining("NOTE");
    assertThat(Files.exists(shp)).as("nothing written").isFalse();
  }

  // ---------------------------------------------------------------- fixtures

  /**
   * Three areas in EPSG:27700: a square with a hole, two squares, and one with no attributes set.
   */
  private static FeatureLayer areas() {
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    schema.put("CODE", AttributeType.STRING);
    schema.put("LIST_SIZE", AttributeType.INTEGER);
    schema.put("SHARE", AttributeType.REAL);
    schema.put("ACTIVE", AttributeType.BOOLEAN);
    schema.put("SINCE", AttributeType.DATE);
    return layer(
        schema,
        feature(
            1,
            "POLYGON ((450000 200000, 451000 200000, 451000 201000, 450000 201000, 450000 200000),"
                + " (450400 200400, 450400 200600, 450600 200600, 450600 200400, 450400 200400))",
            props("U12345", 123_456_789_012L, 0.125, true, LocalDate.of(2024, 4, 1))),
        feature(
            2,
            "MULTIPOLYGON (((440000.001 190000, 440010 190000, 440010 190010.999, 440000.001 190000)),"
                + " ((440100 190100, 440200 190100, 440200 190200, 440100 190200, 440100 190100)))",
            props("Bicester – PCN", -17L, -2.5e-5, false, LocalDate.of(1999, 12, 31))),
        feature(3, "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", props(null, null, null, null, null)));
  }

  private static Map<String, Object> props(
      String code, Long size, Double share, Boolean active, LocalDate since) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("CODE", code);
    p.put("LIST_SIZE", size);
    p.put("SHARE", share);
    p.put("ACTIVE", active);
    p.put("SINCE", since);
    return p;
  }

  private static FeatureLayer layer(Map<String, AttributeType> schema, Feature... features) {
    return new FeatureLayer("test", Crs.BNG, schema, List.of(features));
  }

  private static Feature feature(long index, String wkt, Map<String, Object> properties) {
    try {
      return new Feature(index, null, WKT.read(wkt), properties);
    } catch (ParseException e) {
      throw new IllegalArgumentException(wkt, e);
    }
  }

  /** Same geometries (normalised, to the millimetre) and same properties, feature by feature. */
  private static void assertSameFeatures(FeatureLayer actual, FeatureLayer expected) {
    assertThat(actual.size()).isEqualTo(expected.size());
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      Feature a = actual.features().get(i);
      Feature e = expected.features().get(i);
      if (!a.geometry().norm().equalsExact(e.geometry().norm(), 0.001)) {
        differences.add("feature " + e.index() + ": " + a.geometry() + " != " + e.geometry());
      }
      assertThat(a.index()).isEqualTo(e.index());
      assertThat(a.properties())
          .as("properties of feature %d", e.index())
          .isEqualTo(e.properties());
    }
    assertThat(differences).isEmpty();
  }

  private static int shapeType(Path shp) {
    try {
      return ByteBuffer.wrap(Files.readAllBytes(shp)).order(ByteOrder.LITTLE_ENDIAN).getInt(32);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
