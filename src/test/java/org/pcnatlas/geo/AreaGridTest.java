package org.pcnatlas.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.pcnatlas.model.Area;
import org.pcnatlas.testing.RandomWorkload;

/** {@link AreaGrid} answers as its exact locator does, on random points, edges and vertices. */
class AreaGridTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theGridAnswersAsTheExactLocator(long seed) {
    RandomWorkload w = RandomWorkload.generate(seed, 10, 2, 9, 0);
    List<Geometry> areas = w.districts().areas().stream().map(Area::geometry).toList();
    List<IndexedPointInAreaLocator> locators =
        areas.stream().map(IndexedPointInAreaLocator::new).toList();
    int[] asked = {0};
    AreaGrid.Locator exact =
        (x, y) -> {
          asked[0]++;
          for (int i = 0; i < areas.size(); i++) {
            if (locators.get(i).locate(new Coordinate(x, y)) != Location.EXTERIOR) {
              return i;
            }
          }
          return -1;
        };
    AreaGrid grid = AreaGrid.of(areas, exact);
    assertThat(grid.exactShare()).isLessThan(0.8);
    SplittableRandom random = new SplittableRandom(seed);
    Envelope env = w.region().getEnvelopeInternal();
    env.expandBy(500);
    int before = asked[0];
    for (int k = 0; k < 20_000; k++) {
      double x = random.nextDouble(env.getMinX(), env.getMaxX());
      double y = random.nextDouble(env.getMinY(), env.getMaxY());
      assertThat(grid.locate(x, y)).as("%s %s", x, y).isEqualTo(exact.locate(x, y));
    }
    // every vertex (on a boundary) and the middle of every edge
    for (Geometry g : areas) {
      Coordinate[] cs = g.getCoordinates();
      for (int i = 0; i + 1 < cs.length; i++) {
        double mx = (cs[i].x + cs[i + 1].x) / 2;
        double my = (cs[i].y + cs[i + 1].y) / 2;
        assertThat(grid.locate(cs[i].x, cs[i].y)).isEqualTo(exact.locate(cs[i].x, cs[i].y));
        assertThat(grid.locate(mx, my)).isEqualTo(exact.locate(mx, my));
      }
    }
    assertThat(asked[0] - before).as("points answered exactly").isPositive();
  }
}
