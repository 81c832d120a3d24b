package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.geo.GeoUtils;

/**
 * The boundary's range rules: a file in EPSG:27700 may hold anything where the British National
 * Grid is usable; a geometry transformed from another CRS must land in Great Britain.
 */
class IngestTest {
  private static final Path FILE = Path.of("t.csv");

  /** The point through every entry of the boundary, which must agree: its WKT, null if rejected. */
  private static String accept(int sourceEpsg, double x, double y, LoadReport report) {
    LoadReport viaGeometry = new LoadReport();
    LoadReport viaRaw = new LoadReport();
    LoadReport viaPoint = new LoadReport();
    Geometry g =
        new Ingest(FILE, sourceEpsg, Crs.BNG, viaGeometry)
            .accept(GeoUtils.point(x, y), "t.csv:row 2");
    Geometry r =
        new Ingest(FILE, sourceEpsg, Crs.BNG, viaRaw)
            .accept(RawGeometry.point(x, y), "t.csv:row 2");
    Geometry p =
        new Ingest(FILE, sourceEpsg, Crs.BNG, viaPoint).acceptPoint(x, y, () -> "t.csv:row 2");
    assertThat(viaRaw.problems()).isEqualTo(viaGeometry.problems()).isEqualTo(viaPoint.problems());
    report.addAll(viaPoint);
    assertThat(r == null ? null : r.toText()).isEqualTo(g == null ? null : g.toText());
    assertThat(p == null ? null : p.toText()).isEqualTo(g == null ? null : g.toText());
    return p == null ? null : p.toText();
  }

  @Test
  void aBritishNationalGridFileMayGoBeyondGreatBritain() {
    // the corners of the synthetic x10 benchmark workload, ten Englands wide
    for (double[] xy :
        new double[][] {{-226_000, 40_000}, {1_128_000, 1_493_000}, {-226_000, 1_493_000}}) {
      LoadReport report = new LoadReport();
      assertThat(accept(Crs.BNG, xy[0], xy[1], report)).isNotNull();
      assertThat(report.isEmpty()).isTrue();
    }
    // Reykjavik (about 64.15N 21.94W) in EPSG:27700, outside Great Britain but on the grid
    assertThat(accept(Crs.BNG, -557_642, 1_738_340, new LoadReport())).isNotNull();
  }

  @Test
  void aBritishNationalGridFileIsRejectedWhereTheGridIsNotUsable() {
    for (double[] xy :
        new double[][] {
          {-1_200_000, 500_000}, {2_000_000, 500_000}, {400_000, -1_100_000}, {400_000, 2_600_000}
        }) {
      LoadReport report = new LoadReport();
      assertThat(accept(Crs.BNG, xy[0], xy[1], report)).isNull();
      assertThat(report.problems(ProblemCode.UNPARSABLE_COORDINATES))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.location()).isEqualTo("t.csv:row 2");
                assertThat(p.message())
                    .startsWith("coordinates " + xy[0] + " " + xy[1] + " in EPSG:27700")
                    .contains("where the British National Grid can be used");
              });
    }
  }

  @Test
  void longitudeLatitudeMustLandInGreatBritain() {
    LoadReport report = new LoadReport();
    assertThat(accept(Crs.WGS84, -1.2627, 51.7504, report)).isNotNull(); // Oxford
    assertThat(accept(Crs.WGS84, -21.94, 64.15, report)).isNull(); // Reykjavik
    assertThat(accept(Crs.WGS84, 51.7504, -1.2627, report)).isNull(); // swapped
    assertThat(report.problems(ProblemCode.UNPARSABLE_COORDINATES))
        .hasSize(2)
        .allSatisfy(
            p ->
                assertThat(p.message())
                    .contains("in EPSG:4326 fall outside Great Britain and its waters")
                    .contains("latitude and longitude swapped"));
  }

  @Test
  void anotherProjectionMustLandInGreatBritainToo() {
    LoadReport report = new LoadReport();
    // Oxford and Reykjavik in web Mercator (EPSG:3857)
    assertThat(accept(3857, -140_563, 6_755_120, report)).isNotNull();
    assertThat(accept(3857, -2_442_350, 9_387_958, report)).isNull();
    assertThat(report.problems(ProblemCode.UNPARSABLE_COORDINATES))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("fall outside Great Britain"));
  }

  @Test
  void aPolygonIsRoundedOnceAndRepairedOnlyWhenInvalid() {
    RawGeometry square =
        RawGeometry.polygon(new double[][] {{0.0004, 0, 10, 0, 10, 10.0006, 0, 10, 0.0004, 0}});
    RawGeometry bowtie = RawGeometry.polygon(new double[][] {{0, 0, 10, 10, 10, 0, 0, 10, 0, 0}});
    LoadReport report = new LoadReport();
    Ingest ingest = new Ingest(FILE, Crs.BNG, Crs.BNG, report);
    Geometry s = ingest.accept(square, "t.geojson:feature 1");
    assertThat(s.getSRID()).isEqualTo(Crs.BNG);
    assertThat(s.toText()).isEqualTo("POLYGON ((0 0, 10 0, 10 10.001, 0 10, 0 0))");
    Geometry b = ingest.accept(bowtie, "t.geojson:feature 2");
    assertThat(b.isValid() && b.getArea() == 50).isTrue();
    assertThat(report.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ProblemCode.GEOMETRY_REPAIRED);
              assertThat(p.location()).isEqualTo("t.geojson:feature 2");
            });
    assertThat(ingest.geometryTypes()).containsExactly("Polygon");
  }

  @Test
  void aRawGeometryGetsTheAnswerOfTheGeometryItBuilds() {
    double[] square = {
      450000, 200000, 451000, 200000, 451000, 201000, 450000, 201000, 450000, 200000
    };
    double[] hole = {
      450250, 200250, 450250, 200750, 450750, 200750, 450750, 200250, 450250, 200250
    };
    double[] far = {1, 1, 2, 1, 2, 2, 1, 1};
    double[] bowtie = {
      450000, 200000, 450010, 200010, 450010, 200000, 450000, 200010, 450000, 200000
    };
    double[] lonLat = {-1.2, 51.7, -1.1, 51.7, -1.1, 51.8, -1.2, 51.7};
    List<RawGeometry> raws =
        List.of(
            RawGeometry.point(450000.0004, 200000.0006),
            RawGeometry.point(new double[0]),
            RawGeometry.point(Double.POSITIVE_INFINITY, 1),
            RawGeometry.point(-1.26, 51.75),
            RawGeometry.multiPoint(new double[] {450000, 200000, 450001, 200001}),
            RawGeometry.multiPoint(new double[0]),
            RawGeometry.lineString(new double[] {450000, 200000, 450001, 200001}),
            RawGeometry.lineString(new double[0]),
            RawGeometry.multiLineString(new double[][] {{}, {-1.2, 51.7, -1.1, 51.8}}),
            RawGeometry.polygon(new double[][] {square, hole}),
            RawGeometry.polygon(new double[][] {square, far}),
            RawGeometry.polygon(new double[][] {bowtie}),
            RawGeometry.polygon(new double[][] {lonLat}),
            RawGeometry.polygon(new double[0][]),
            RawGeometry.polygon(new double[][] {{}}),
            RawGeometry.multiPolygon(new double[][][] {{square}, {hole}, {}}),
            RawGeometry.multiPolygon(new double[][][] {{}, {lonLat}}),
            RawGeometry.multiPolygon(new double[][][] {{}}),
            RawGeometry.collection(
                new RawGeometry[] {
                  RawGeometry.point(450000, 200000), RawGeometry.polygon(new double[][] {square})
                }),
            RawGeometry.collection(new RawGeometry[0]),
            RawGeometry.collection(new RawGeometry[] {RawGeometry.point(new double[0])}));
    for (int epsg : new int[] {Crs.BNG, Crs.WGS84}) {
      LoadReport viaRaw = new LoadReport();
      LoadReport viaGeometry = new LoadReport();
      Ingest raw = new Ingest(FILE, epsg, Crs.BNG, viaRaw);
      Ingest built = new Ingest(FILE, epsg, Crs.BNG, viaGeometry);
      for (int i = 0; i < raws.size(); i++) {
        String where = "t.geojson:feature " + (i + 1);
        Geometry r = raw.accept(raws.get(i), where);
        Geometry g = built.accept(raws.get(i).build(), where);
        assertThat(r == null ? null : r.toText())
            .as(where)
            .isEqualTo(g == null ? null : g.toText());
        if (g != null) {
          assertThat(r.getSRID()).isEqualTo(g.getSRID());
          assertThat(r.getGeometryType()).isEqualTo(g.getGeometryType());
        }
      }
      assertThat(viaRaw.problems()).isEqualTo(viaGeometry.problems()).isNotEmpty();
      assertThat(raw.sourceBbox().toString()).isEqualTo(built.sourceBbox().toString());
      assertThat(raw.geometryTypes()).isEqualTo(built.geometryTypes());
    }
  }

  @Test
  void rawGeometriesRejectWhatTheirJtsGeometryRejects() {
    assertThatThrownBy(() -> RawGeometry.lineString(new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid number of points in LineString");
    assertThatThrownBy(() -> RawGeometry.polygon(new double[][] {{}, {0, 0, 1, 0, 1, 1, 0, 0}}))
        .hasMessage("shell is empty but holes are not");
    assertThatThrownBy(() -> RawGeometry.polygon(new double[][] {{0, 0, 1, 0, 0, 0}}))
        .hasMessage("polygon ring has 3 positions; at least 4 are needed");
    assertThatThrownBy(
            () -> RawGeometry.multiPolygon(new double[][][] {{{0, 0, 1, 0, 1, 1, 0, 1}}}))
        .hasMessage("polygon ring is not closed (first position differs from last)");
  }
}
