package org.pcnatlas.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pcnatlas.geo.GeoTesting.convex;
import static org.pcnatlas.geo.GeoTesting.star;
import static org.pcnatlas.geo.GeoTesting.starWithHole;
import static org.pcnatlas.geo.GeoTesting.wkt;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

class ConvexClipTest {
  private static double overlayArea(Geometry a, Geometry b) {
    return OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION).getArea();
  }

  @Test
  void onlyConvexPolygonsWithoutHolesAreClippers() {
    assertThat(ConvexClip.of(wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"))).isNotNull();
    // clockwise, and with a collinear vertex
    assertThat(ConvexClip.of(wkt("POLYGON ((0 0, 0 10, 10 10, 10 5, 10 0, 0 0))"))).isNotNull();
    assertThat(ConvexClip.of(wkt("POLYGON ((0 0, 10 0, 5 2, 10 10, 0 10, 0 0))"))).isNull();
    assertThat(
            ConvexClip.of(
                wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))")))
        .isNull();
    // a spike going straight back
    assertThat(ConvexClip.of(wkt("POLYGON ((0 0, 10 0, 20 0, 10 0, 10 10, 0 0))"))).isNull();
    // a pentagram turns left at every vertex but goes round twice
    assertThat(
            ConvexClip.of(
                wkt("POLYGON ((0 10, -5.878 -8.09, 9.511 3.09, -9.511 3.09, 5.878 -8.09, 0 10))")))
        .isNull();
    assertThat(ConvexClip.of(wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))"))).isNull();
    assertThat(ConvexClip.of(wkt("POLYGON ((0 0, 1 0, 2 0, 0 0))"))).isNull();
  }

  @Test
  void areaOfSimpleCases() {
    ConvexClip square = ConvexClip.of(wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));
    Geometry half = wkt("POLYGON ((5 -5, 20 -5, 20 20, 5 20, 5 -5))");
    assertThat(square.areaOf(ConvexClip.Subject.of(half))).isEqualTo(50.0);
    ConvexClip.Piece halfPiece = square.piece(ConvexClip.Subject.of(half));
    assertThat(halfPiece.locate(7, 5, 1e-6)).isEqualTo(1);
    assertThat(halfPiece.locate(2, 5, 1e-6)).isEqualTo(0);
    assertThat(halfPiece.locate(5, 5, 1e-6)).isEqualTo(-1); // on the subject's edge
    assertThat(halfPiece.locate(11, 5, 1e-6)).isEqualTo(-1); // outside the clipper: cannot tell
    Geometry inside = wkt("POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))");
    assertThat(square.areaOf(ConvexClip.Subject.of(inside))).isEqualTo(1.0);
    Geometry around =
        wkt("POLYGON ((-5 -5, 15 -5, 15 15, -5 15, -5 -5), (4 4, 6 4, 6 6, 4 6, 4 4))");
    assertThat(square.areaOf(ConvexClip.Subject.of(around))).isEqualTo(96.0);
    Geometry away = wkt("POLYGON ((20 20, 30 20, 30 30, 20 30, 20 20))");
    assertThat(square.areaOf(ConvexClip.Subject.of(away))).isEqualTo(0.0);
    // a subject that only touches the clipper along an edge adds nothing
    Geometry touching = wkt("POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))");
    assertThat(square.areaOf(ConvexClip.Subject.of(touching))).isEqualTo(0.0);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void areaEqualsTheOverlayAreaForRandomPolygons(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 300; i++) {
      Geometry subject =
          switch (i % 3) {
            case 0 -> star(random, 5_000, 5_000, 2_000, 40 + random.nextInt(400));
            case 1 -> starWithHole(random, 5_000, 5_000, 2_000, 40 + random.nextInt(100));
            default ->
                GeoUtils.FACTORY.createMultiPolygon(
                    new Polygon[] {
                      star(random, 3_000, 5_000, 800, 30), star(random, 7_000, 5_000, 800, 30)
                    });
          };
      Polygon cell =
          convex(random, random.nextDouble(0, 9_000), random.nextDouble(0, 9_000), 3_000, 12);
      ConvexClip clip = ConvexClip.of(cell);
      assertThat(clip).isNotNull();
      double expected = overlayArea(cell, subject);
      assertThat(clip.areaOf(ConvexClip.Subject.of(subject)))
          .isCloseTo(expected, within(1e-6 + expected * 1e-12));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {6, 7})
  void clippedRingsPlacePointsAsTheSubjectDoes(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int undecided = 0;
    int checked = 0;
    for (int i = 0; i < 100; i++) {
      Geometry subject =
          i % 2 == 0
              ? starWithHole(random, 5_000, 5_000, 2_000, 200)
              : star(random, 5_000, 5_000, 2_000, 300);
      Polygon cell =
          convex(
              random, random.nextDouble(2_000, 6_000), random.nextDouble(2_000, 6_000), 3_000, 12);
      ConvexClip.Piece piece = ConvexClip.of(cell).piece(ConvexClip.Subject.of(subject));
      assertThat(piece.area()).isCloseTo(overlayArea(cell, subject), within(1e-6));
      IndexedPointInAreaLocator exact = new IndexedPointInAreaLocator(subject);
      Envelope env = cell.getEnvelopeInternal();
      for (int k = 0; k < 200; k++) {
        double x = random.nextDouble(env.getMinX(), env.getMaxX());
        double y = random.nextDouble(env.getMinY(), env.getMaxY());
        if (!cell.contains(GeoUtils.point(x, y))) {
          continue;
        }
        int ours = piece.locate(x, y, 1e-6);
        int theirs = exact.locate(new Coordinate(x, y));
        if (ours < 0) {
          undecided++;
          continue;
        }
        checked++;
        assertThat(ours == 1).isEqualTo(theirs == Location.INTERIOR);
      }
    }
    assertThat(checked).isGreaterThan(5_000);
    assertThat(undecided).isLessThan(checked / 1000 + 1);
  }

  @Test
  void meetsTellsSegmentsCrossingOrNearTheClipper() {
    ConvexClip square = ConvexClip.of(wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));
    assertThat(square.meets(-5, 5, 15, 5, 0)).isTrue(); // across
    assertThat(square.meets(2, 2, 3, 3, 0)).isTrue(); // inside
    assertThat(square.meets(-5, 11, 15, 11, 0)).isFalse(); // above
    assertThat(square.meets(-5, 10.0005, 15, 10.0005, 1e-3)).isTrue(); // within the tolerance
    assertThat(square.meets(12, -5, 12, 15, 0)).isFalse(); // beside
  }
}
