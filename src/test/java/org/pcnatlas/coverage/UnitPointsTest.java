package org.pcnatlas.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.PopulationUnit;

/** The envelope query of {@link UnitPoints} against a scan of every point. */
class UnitPointsTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 17, 5_000})
  void unitsWithinAnEnvelopeAreThoseAScanFinds(int n) {
    SplittableRandom random = new SplittableRandom(n);
    List<PopulationUnit> units = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // clustered: half the points in one small town
      double x = i % 2 == 0 ? random.nextDouble(0, 50_000) : 20_000 + random.nextDouble(0, 300);
      double y = i % 2 == 0 ? random.nextDouble(0, 30_000) : 10_000 + random.nextDouble(0, 300);
      units.add(new PopulationUnit("u" + i, null, i, GeoUtils.point(x, y), null));
    }
    UnitPoints points = UnitPoints.of(units);
    assertThat(points.size()).isEqualTo(n);
    for (int q = 0; q < 200; q++) {
      double x = random.nextDouble(-5_000, 55_000);
      double y = random.nextDouble(-5_000, 35_000);
      double w = q % 3 == 0 ? random.nextDouble(0, 400) : random.nextDouble(0, 20_000);
      Envelope env = new Envelope(x, x + w, y, y + w / 2);
      int[] expected =
          IntStream.range(0, n).filter(u -> env.covers(points.x(u), points.y(u))).toArray();
      assertThat(points.within(env)).as("query %d", q).containsExactly(expected);
    }
  }

  @Test
  void aPointOnTheEnvelopeEdgeIsWithinIt() {
    UnitPoints points =
        UnitPoints.of(
            List.of(
                new PopulationUnit("a", null, 1, GeoUtils.point(10, 10), null),
                new PopulationUnit("b", null, 2, GeoUtils.point(20, 20), null)));
    assertThat(points.within(new Envelope(10, 20, 10, 20))).containsExactly(0, 1);
    assertThat(points.within(new Envelope(10.0001, 19.9999, 10, 20))).isEmpty();
    assertThat(points.within(new Envelope())).isEmpty();
    assertThat(points.people(1)).isEqualTo(2);
  }
}
