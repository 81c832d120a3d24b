package org.pcnatlas.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class GeometryRepairTest {
  private static Geometry wkt(String text) throws ParseException {
    return new WKTReader(GeoUtils.FACTORY).read(text);
  }

  @Test
  void validGeometryIsOnlyRoundedToTheMillimetre() throws ParseException {
    GeometryRepair.Outcome o =
        GeometryRepair.repair(
            wkt("POLYGON ((0 0, 10.00049 0, 10 10, 0 10, 0 0))"), GeoUtils.MILLIMETRE);
    assertThat(o.repaired()).isFalse();
    assertThat(o.geometry().getCoordinates()[1].x).isEqualTo(10.0);
  }

  @Test
  void bowTieIsFixedIntoTwoTrianglesAndTheReasonKept() throws ParseException {
    GeometryRepair.Outcome o =
        GeometryRepair.repair(wkt("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))"), GeoUtils.MILLIMETRE);
    assertThat(o.repaired()).isTrue();
    assertThat(o.reason()).contains("Self-intersection").contains("5 5");
    assertThat(o.geometry().isValid()).isTrue();
    assertThat(o.geometry().getNumGeometries()).isEqualTo(2);
    assertThat(o.geometry().getArea()).isEqualTo(50.0);
  }

  @Test
  void aRingThatCollapsesWhenRoundedIsRepaired() throws ParseException {
    // a sliver narrower than a millimetre becomes a zero-area ring when rounded
    GeometryRepair.Outcome o =
        GeometryRepair.repair(
            wkt("POLYGON ((0 0, 10 0.0001, 20 0, 10 -0.0001, 0 0))"), GeoUtils.MILLIMETRE);
    assertThat(o.repaired()).isTrue();
    assertThat(o.geometry().isEmpty()).isTrue();
  }

  @Test
  void holeOutsideItsShellIsRepaired() throws ParseException {
    GeometryRepair.Outcome o =
        GeometryRepair.repair(
            wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 21 20, 21 21, 20 21, 20 20))"),
            GeoUtils.MILLIMETRE);
    assertThat(o.repaired()).isTrue();
    assertThat(o.geometry().isValid()).isTrue();
  }
}
