package org.pcnatlas.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pcnatlas.geo.GeoUtils.FACTORY;
import static org.pcnatlas.geo.GeoUtils.point;
import static org.pcnatlas.geo.GeoUtils.rectangle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.load.GeoPackageReader;
import org.pcnatlas.load.LoadedLayer;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;
import org.pcnatlas.testing.Gdal;

class GeoPackageWriterTest {
  @TempDir Path tmp;

  /** Practices: points with one attribute of each type, some null. */
  static FeatureLayer practices() {
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    schema.put("practice_code", AttributeType.STRING);
    schema.put("list_size", AttributeType.INTEGER);
    schema.put("share", AttributeType.REAL);
    schema.put("dispensing", AttributeType.BOOLEAN);
    schema.put("opened", AttributeType.DATE);
    List<Feature> features =
        List.of(
            new Feature(
                1,
                "K84001",
                point(451234.567, 206789.001),
                props("K84001", 12345L, 0.25, true, LocalDate.of(1999, 4, 1))),
            new Feature(
                2,
                "K84002",
                point(452000.0, 207000.5),
                props("K84002", 8000L, 1.5e-3, false, LocalDate.of(2024, 2, 29))),
            new Feature(
                3,
                "K84003",
                point(453000.001, 208000.999),
                props("K84003 \"Ünïcode\"", null, null, null, null)));
    return new FeatureLayer("practices", Crs.BNG, schema, features);
  }

  private static Map<String, Object> props(
      String code, Long listSize, Double share, Boolean dispensing, LocalDate opened) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("practice_code", code);
    p.put("list_size", listSize);
    p.put("share", share);
    p.put("dispensing", dispensing);
    p.put("opened", opened);
    return p;
  }

  /**
   * Districts: a polygon with two holes, a plain polygon and a multipolygon, on a millimetre grid.
   */
  static FeatureLayer districts() {
    Polygon shell = rectangle(440000, 200000, 450000, 210000);
    LinearRing hole1 = rectangle(441000.001, 201000.002, 442000.003, 202000.004).getExteriorRing();
    LinearRing hole2 = rectangle(445000, 205000, 446000.5, 206000.25).getExteriorRing();
    Polygon withHoles =
        FACTORY.createPolygon(shell.getExteriorRing(), new LinearRing[] {hole1, hole2});
    Geometry multi =
        FACTORY.createMultiPolygon(
            new Polygon[] {
              rectangle(460000, 200000, 461000, 201000),
              rectangle(462000.123, 200000.456, 463000.789, 201000.012)
            });
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    schema.put("ltla24_code", AttributeType.STRING);
    schema.put("population", AttributeType.INTEGER);
    List<Feature> features =
        List.of(
            new Feature(
                1, "a", withHoles, Map.of("ltla24_code", "E07000177", "population", 150000L)),
            new Feature(
                2,
                "b",
                rectangle(470000, 200000, 471000.5, 201000.5),
                Map.of("ltla24_code", "E07000178", "population", 160000L)),
            new Feature(3, "c", multi, Map.of("ltla24_code", "E07000179", "population", 140000L)));
    return new FeatureLayer("districts", Crs.BNG, schema, features);
  }

  static Geometry wkt(String text) {
    try {
      return new WKTReader(FACTORY).read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static LoadedLayer read(Path file, String layer) {
    return new GeoPackageReader().read(file, ReadOptions.defaults().withLayer(layer));
  }

  /** The geometry as the writer stores it in a MULTIPOLYGON table, normalised. */
  private static Geometry asMulti(Geometry g) {
    Geometry m = g instanceof Polygon p ? FACTORY.createMultiPolygon(new Polygon[] {p}) : g.copy();
    m.normalize();
    return m;
  }

  @Test
  void roundTripKeepsGeometriesAttributesAndCrs() {
    Path file = tmp.resolve("atlas.gpkg");
    GeoPackageWriter.write(List.of(practices(), districts()), file, Crs.BNG);

    LoadedLayer p = read(file, "practices");
    assertThat(p.sourceEpsg()).isEqualTo(Crs.BNG);
    assertThat(p.rowsRead()).isEqualTo(3);
    assertThat(p.report().isEmpty()).as(p.report().summary(5)).isTrue();
    assertThat(p.layer().name()).isEqualTo("practices");
    assertThat(p.layer().attributes()).isEqualTo(practices().attributes());
    assertThat(p.geometryTypes()).containsExactly("Point");
    for (int i = 0; i < 3; i++) {
      Feature expected = practices().features().get(i);
      Feature actual = p.layer().features().get(i);
      assertThat(actual.index()).isEqualTo(i + 1);
      assertThat(actual.id()).isEqualTo(Integer.toString(i + 1));
      assertThat(actual.geometry().equalsExact(expected.geometry()))
          .as(actual.geometry().toText())
          .isTrue();
      assertThat(actual.properties()).isEqualTo(expected.properties());
    }

    LoadedLayer d = read(file, "districts");
    assertThat(d.sourceEpsg()).isEqualTo(Crs.BNG);
    assertThat(d.layer().size()).isEqualTo(3);
    assertThat(d.report().isEmpty()).as(d.report().summary(5)).isTrue();
    assertThat(d.geometryTypes()).containsExactly("MultiPolygon");
    for (int i = 0; i < 3; i++) {
      Geometry expected = asMulti(districts().features().get(i).geometry());
      Geometry actual = d.layer().features().get(i).geometry().copy();
      actual.normalize();
      assertThat(actual.equalsExact(expected)).as(actual.toText()).isTrue();
      assertThat(d.layer().features().get(i).properties())
          .isEqualTo(districts().features().get(i).properties());
    }
  }

  @Test
  void declaresGeometryTypesSrsAndFixedLastChange() throws Exception {
    Path file = tmp.resolve("atlas.gpkg");
    FeatureLayer polygons =
        new FeatureLayer(
            "polygons",
            Crs.BNG,
            Map.of(),
            List.of(new Feature(1, null, rectangle(0, 0, 1, 1), Map.of())));
    FeatureLayer mixed =
        new FeatureLayer(
            "mixed",
            Crs.BNG,
            Map.of(),
            List.of(
                new Feature(1, null, rectangle(0, 0, 1, 1), Map.of()),
                new Feature(2, null, point(5, 5), Map.of())));
    FeatureLayer none =
        new FeatureLayer("none", Crs.BNG, Map.of("name", AttributeType.STRING), List.of());
    GeoPackageWriter.write(List.of(practices(), districts(), polygons, mixed, none), file, Crs.BNG);

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      assertThat(
              rows(
                  s,
                  "SELECT table_name || ' ' || column_name || ' ' || geometry_type_name || ' ' || srs_id"
                      + " FROM gpkg_geometry_columns ORDER BY table_name"))
          .containsExactly(
              "districts geom MULTIPOLYGON 27700",
              "mixed geom GEOMETRY 27700",
              "none geom GEOMETRY 27700",
              "polygons geom POLYGON 27700",
              "practices geom POINT 27700");
      assertThat(rows(s, "SELECT DISTINCT last_change FROM gpkg_contents"))
          .containsExactly("2000-01-01T00:00:00.000Z");
      assertThat(
              rows(
                  s,
                  "SELECT organization || ' ' || organization_coordsys_id || ' ' || srs_name FROM gpkg_spatial_ref_sys"
                      + " WHERE srs_id = 27700"))
          .containsExactly("EPSG 27700 OSGB36 / British National Grid");
      assertThat(
              rows(
                  s,
                  "SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id IN (4326, 27700) ORDER BY srs_id"))
          .satisfiesExactly(
              wgs84 ->
                  assertThat(wgs84)
                      .startsWith("GEOGCS[\"WGS 84\"")
                      .endsWith("AUTHORITY[\"EPSG\",\"4326\"]]"),
              bng ->
                  assertThat(bng)
                      .startsWith("PROJCS[\"OSGB36 / British National Grid\"")
                      .endsWith("AUTHORITY[\"EPSG\",\"27700\"]]"));
      assertThat(
              rows(
                  s,
                  "SELECT table_name || ' ' || extension_name FROM gpkg_extensions ORDER BY table_name"))
          .contains("districts gpkg_rtree_index", "practices gpkg_rtree_index");
      assertThat(rows(s, "SELECT count(*) FROM rtree_districts_geom")).containsExactly("3");
      assertThat(rows(s, "PRAGMA application_id")).containsExactly(Integer.toString(0x47504B47));
    }
  }

  private static List<String> rows(Statement s, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void writingTwiceGivesIdenticalBytes() throws Exception {
    Path first = tmp.resolve("first.gpkg");
    Path second = tmp.resolve("second.gpkg");
    GeoPackageWriter.write(List.of(practices(), districts()), first, Crs.BNG);
    Thread.sleep(1100); // a clock-dependent byte would now differ
    GeoPackageWriter.write(List.of(practices(), districts()), second, Crs.BNG);
    assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
  }

  @Test
  void overwritesAnExistingFile() throws Exception {
    Path file = tmp.resolve("atlas.gpkg");
    Files.writeString(file, "old content");
    GeoPackageWriter.write(List.of(practices()), file, Crs.BNG);
    assertThat(read(file, null).layer().size()).isEqualTo(3);
    assertThat(Files.list(tmp)).containsExactly(file);
  }

  @Test
  void writesInWgs84() {
    Path file = tmp.resolve("wgs84.gpkg");
    GeoPackageWriter.write(List.of(districts()), file, Crs.WGS84);
    LoadedLayer back = read(file, null);
    assertThat(back.sourceEpsg()).isEqualTo(Crs.WGS84);
    assertThat(back.sourceBbox().getMinX()).isBetween(-2.0, -1.0);
    assertThat(back.sourceBbox().getMinY()).isBetween(51.0, 52.5);
    for (int i = 0; i < 3; i++) {
      Geometry expected = asMulti(districts().features().get(i).geometry());
      Geometry actual = back.layer().features().get(i).geometry().copy();
      actual.normalize();
      assertThat(actual.equalsExact(expected, 0.01)).as(actual.toText()).isTrue();
    }
  }

  @Test
  void rejectsDuplicateLayerNamesAndReservedColumns() {
    Path file = tmp.resolve("bad.gpkg");
    assertThatThrownBy(
            () -> GeoPackageWriter.write(List.of(practices(), practices()), file, Crs.BNG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("practices");
    FeatureLayer reserved =
        new FeatureLayer("areas", Crs.BNG, Map.of("fid", AttributeType.INTEGER), List.of());
    assertThatThrownBy(() -> GeoPackageWriter.write(List.of(reserved), file, Crs.BNG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("areas")
        .hasMessageContaining("fid");
  }

  @Test
  void gdalReadsOurGeoPackage() {
    Path file = tmp.resolve("atlas.gpkg");
    GeoPackageWriter.write(List.of(practices(), districts()), file, Crs.BNG);
    Gdal.Result info = Gdal.run("ogrinfo", "-so", "-al", file.toString());
    assertThat(info.exitCode()).as(info.output()).isZero();
    assertThat(info.output())
        .contains("Layer name: practices", "Layer name: districts")
        .contains("Geometry: Point", "Geometry: Multi Polygon")
        .contains("Feature Count: 3")
        .contains("British National Grid")
        .contains("27700")
        .contains(
            "practice_code: String",
            "list_size: Integer64",
            "share: Real",
            "dispensing: Integer(Boolean)",
            "opened: Date")
        .doesNotContain("ERROR", "Warning");
  }

  // ---- the same bytes as the library writes ----

  /**
   * Writes the layers with this writer and with the library (the previous writer, all mil.nga, kept
   * as {@link LibraryGeoPackageWriter}) and requires the same bytes.
   */
  private void assertSameBytesAsTheLibrary(List<FeatureLayer> layers, int epsg) throws Exception {
    Path ours = tmp.resolve("ours.gpkg");
    Path library = tmp.resolve("library.gpkg");
    GeoPackageWriter.write(layers, ours, epsg);
    LibraryGeoPackageWriter.write(layers, library, epsg);
    assertThat(Files.mismatch(ours, library))
        .as("offset of the first byte that differs (-1: none)")
        .isEqualTo(-1L);
  }

  @Test
  void writesTheLibrarysBytesForPointsAndPolygons() throws Exception {
    assertSameBytesAsTheLibrary(List.of(practices(), districts()), Crs.BNG);
  }

  @Test
  void writesTheLibrarysBytesInWgs84AndInACrsItDoesNotDefine() throws Exception {
    assertSameBytesAsTheLibrary(List.of(practices(), districts()), Crs.WGS84);
    assertSameBytesAsTheLibrary(List.of(districts()), 3857);
  }

  /** Every kind of geometry, null and empty ones, zeros of both signs, a layer without features. */
  @Test
  void writesTheLibrarysBytesForEveryKindOfGeometry() throws Exception {
    List<Geometry> odd =
        List.of(
            wkt("POINT (0 -0)"),
            wkt("POINT (-0 0)"),
            wkt("LINESTRING (0 0, -0 10, 10 -0.5)"),
            wkt("MULTIPOINT ((1 2), (3 4))"),
            wkt("MULTILINESTRING ((0 0, 1 1), (2 2, 3 3, 4 5))"),
            wkt("POLYGON EMPTY"),
            wkt("POINT EMPTY"),
            wkt("LINEARRING (0 0, 0 1, 1 1, 0 0)"),
            wkt("GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 2 2))"),
            wkt(
                "MULTIPOLYGON (((0 0, 0 -0, 1 0, 0 0)), ((5 5, 6 5, 6 6, 5 5), (5.5 5.2, 5.6 5.2, 5.6 5.3, 5.5 5.2)))"),
            rectangle(-0.0, -0.0, 0.0, 0.0));
    List<Feature> features = new ArrayList<>();
    for (Geometry g : odd) {
      features.add(new Feature(features.size() + 1, null, g, Map.of("wkt", g.toText())));
    }
    features.add(new Feature(features.size() + 1, null, null, Map.of("wkt", "none")));
    Map<String, AttributeType> schema = Map.of("wkt", AttributeType.STRING);
    FeatureLayer mixed = new FeatureLayer("mixed", Crs.BNG, schema, features);
    FeatureLayer lines =
        new FeatureLayer(
            "lines",
            Crs.BNG,
            schema,
            List.of(
                new Feature(1, null, wkt("LINESTRING (0 0, 1 1)"), Map.of("wkt", "a")),
                new Feature(2, null, wkt("MULTILINESTRING ((0 0, 1 1))"), Map.of("wkt", "b"))));
    FeatureLayer none = new FeatureLayer("none", Crs.BNG, schema, List.of());
    FeatureLayer nulls =
        new FeatureLayer(
            "nulls", Crs.BNG, schema, List.of(new Feature(1, null, null, Map.of("wkt", "x"))));
    assertSameBytesAsTheLibrary(List.of(mixed, lines, none, nulls, districts()), Crs.BNG);
    FeatureLayer bare =
        new FeatureLayer(
            "bare", Crs.BNG, Map.of(), List.of(new Feature(1, null, point(1, 2), Map.of())));
    assertSameBytesAsTheLibrary(List.of(bare), Crs.BNG);
    assertSameBytesAsTheLibrary(List.of(), Crs.BNG);
  }

  /**
   * Seeded random layers of a few thousand points and (multi)polygons with holes, more rows than
   * one insert batch, every attribute type with nulls.
   */
  @Test
  void writesTheLibrarysBytesForRandomLayers() throws Exception {
    java.util.Random random = new java.util.Random(20241202);
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    schema.put("code", AttributeType.STRING);
    schema.put("count", AttributeType.INTEGER);
    schema.put("share", AttributeType.REAL);
    schema.put("flag", AttributeType.BOOLEAN);
    schema.put("day", AttributeType.DATE);
    List<Feature> points = new ArrayList<>();
    List<Feature> polygons = new ArrayList<>();
    for (int i = 1; i <= 2500; i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("code", random.nextInt(10) == 0 ? null : "K" + random.nextInt(100000));
      p.put("count", random.nextInt(10) == 0 ? null : random.nextLong());
      p.put("share", random.nextInt(10) == 0 ? null : random.nextDouble() * 2 - 1);
      p.put("flag", random.nextInt(10) == 0 ? null : random.nextBoolean());
      p.put("day", random.nextInt(10) == 0 ? null : LocalDate.ofEpochDay(random.nextInt(30000)));
      double x = 100000 + random.nextDouble() * 500000;
      double y = 50000 + random.nextDouble() * 600000;
      points.add(new Feature(i, null, point(x, y), p));
      if (i <= 1200) {
        double w = 1 + random.nextDouble() * 5000;
        Polygon outer = rectangle(x, y, x + w, y + w);
        LinearRing hole = rectangle(x + w / 4, y + w / 4, x + w / 2, y + w / 2).getExteriorRing();
        Geometry g =
            switch (i % 3) {
              case 0 -> outer;
              case 1 -> FACTORY.createPolygon(outer.getExteriorRing(), new LinearRing[] {hole});
              default ->
                  FACTORY.createMultiPolygon(
                      new Polygon[] {outer, rectangle(x + 2 * w, y, x + 3 * w, y + w)});
            };
        polygons.add(new Feature(i, null, g, p));
      }
    }
    assertSameBytesAsTheLibrary(
        List.of(
            new FeatureLayer("points", Crs.BNG, schema, points),
            new FeatureLayer("polygons", Crs.BNG, schema, polygons)),
        Crs.BNG);
  }
}
