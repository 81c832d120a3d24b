package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

  /** The point through the boundary: its WKT, null if rejected. */
  private static String accept(int sourceEpsg, double x, double y, LoadReport report) {
    Geometry g =
        new Ingest(FILE, sourceEpsg, Crs.BNG, report).accept(GeoUtils.point(x, y), "t.csv:row 2");
    return g == null ? null : g.toText();
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
}
