package org.pcnatlas.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcnatlas.geo.GeoTesting.convex;
import static org.pcnatlas.geo.GeoTesting.starWithHole;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

class SegmentIndexTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(11);
  private static final Polygon AREA = starWithHole(RANDOM, 50_000, 50_000, 20_000, 2_000);
  private static final SegmentIndex INDEX = SegmentIndex.of(AREA);
  private static final PreparedGeometry PREPARED = PreparedGeometryFactory.prepare(AREA);

  @Test
  void containsProperlyAgreesWithThePreparedTest() {
    int inside = 0;
    for (int i = 0; i < 3_000; i++) {
      Polygon cell =
          convex(RANDOM, RANDOM.nextDouble(0, 100_000), RANDOM.nextDouble(0, 100_000), 4_000, 10);
      boolean ours = INDEX.containsProperly(ConvexClip.of(cell), cell.getCoordinate());
      boolean jts = PREPARED.containsProperly(cell);
      // ours is never wrong, and misses only cells within the tolerance of the boundary
      if (ours) {
        assertThat(jts).isTrue();
        inside++;
      } else if (jts) {
        assertThat(AREA.getBoundary().distance(cell)).isLessThan(SegmentIndex.TOUCH_TOLERANCE);
      }
    }
    assertThat(inside).isGreaterThan(100);
  }

  @Test
  void locateTellsInteriorBoundaryAndExterior() {
    assertThat(INDEX.locate(AREA.getExteriorRing().getCoordinateN(3))).isEqualTo(Location.BOUNDARY);
    assertThat(INDEX.locate(new org.locationtech.jts.geom.Coordinate(50_000, 50_000)))
        .isEqualTo(Location.EXTERIOR); // in the hole
    assertThat(INDEX.locate(new org.locationtech.jts.geom.Coordinate(50_000, 65_000)))
        .isEqualTo(Location.INTERIOR);
  }

  @Test
  void reachHoldsThePartInsideTheArea() {
    for (int i = 0; i < 500; i++) {
      Geometry g =
          i % 2 == 0
              ? convex(
                  RANDOM, RANDOM.nextDouble(0, 100_000), RANDOM.nextDouble(0, 100_000), 60_000, 8)
              : GeoTesting.star(
                  RANDOM, RANDOM.nextDouble(0, 100_000), RANDOM.nextDouble(0, 100_000), 5_000, 20);
      Geometry part = OverlayNGRobust.overlay(g, AREA, OverlayNG.INTERSECTION);
      Envelope reach = INDEX.reach(g);
      if (!part.isEmpty()) {
        assertThat(reach.covers(part.getEnvelopeInternal())).isTrue();
      }
    }
  }
}
