package org.pcnatlas.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pcnatlas.geo.GeoTesting.convex;
import static org.pcnatlas.geo.GeoTesting.star;
import static org.pcnatlas.geo.GeoTesting.starWithHole;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

class ClipIndexTest {
  private static Geometry intersection(Geometry a, Geometry b) {
    return OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION);
  }

  /**
   * Small cells, cells crossing the boundary and long cells reaching far outside: the intersection
   * with the piece is the intersection with the whole area, vertex for vertex.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void intersectionWithThePieceIsTheIntersectionWithTheWhole(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Polygon area = starWithHole(random, 50_000, 50_000, 20_000, 1_500);
    ClipIndex index = ClipIndex.of(area);
    int smaller = 0;
    for (int i = 0; i < 300; i++) {
      double size = i % 4 == 0 ? 80_000 : 3_000;
      Polygon cell =
          convex(
              random,
              random.nextDouble(-20_000, 100_000),
              random.nextDouble(-20_000, 100_000),
              size,
              9);
      Geometry piece = index.pieceFor(cell);
      if (piece.getNumPoints() < area.getNumPoints()) {
        smaller++;
      }
      Geometry expected = intersection(cell, area);
      Geometry actual = intersection(cell, piece);
      assertThat(actual.equalsExact(expected))
          .as("cell %d: %s vs %s", i, actual.getArea(), expected.getArea())
          .isTrue();
    }
    assertThat(smaller).isGreaterThan(50);
  }

  @Test
  void piecesAreSharedSafelyBetweenThreads() {
    SplittableRandom random = new SplittableRandom(9);
    Polygon area = star(random, 50_000, 50_000, 20_000, 2_000);
    ClipIndex index = ClipIndex.of(area);
    Polygon[] cells = new Polygon[500];
    for (int i = 0; i < cells.length; i++) {
      cells[i] =
          convex(random, random.nextDouble(0, 100_000), random.nextDouble(0, 100_000), 3_000, 9);
    }
    boolean[] same = new boolean[cells.length];
    IntStream.range(0, cells.length)
        .parallel()
        .forEach(
            i ->
                same[i] =
                    intersection(cells[i], index.pieceFor(cells[i]))
                        .equalsExact(intersection(cells[i], area)));
    assertThat(same).containsOnly(true);
  }

  @Test
  void needsAPolygon() {
    assertThatThrownBy(() -> ClipIndex.of(GeoUtils.point(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Point");
  }
}
