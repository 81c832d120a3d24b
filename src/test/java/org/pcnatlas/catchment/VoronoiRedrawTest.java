package org.pcnatlas.catchment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.model.Practice;
import org.pcnatlas.testing.RandomWorkload;

/**
 * {@link VoronoiCatchments#redraw} (cells drawn again only where the Delaunay neighbourhood
 * changed, only those PCNs dissolved again) against {@link VoronoiCatchments#compute} on random
 * edits.
 */
class VoronoiRedrawTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void updatesEqualTheFullComputation(long seed) {
    RandomWorkload w = RandomWorkload.generate(seed, 300, 40, 5, 10);
    VoronoiCatchments voronoi = new VoronoiCatchments();
    VoronoiCatchments.Drawn base = voronoi.draw(w.practices(), w.region());
    assertSame(base.catchments(), voronoi.compute(w.practices(), w.region()));
    SplittableRandom random = new SplittableRandom(seed * 31);
    Envelope env = w.region().getEnvelopeInternal();
    for (int round = 0; round < 10; round++) {
      List<Practice> edited = new ArrayList<>(w.practices());
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int k = random.nextInt(edited.size());
        Practice p = edited.get(k);
        switch (random.nextInt(3)) {
          case 0 -> edited.remove(k);
          case 1 ->
              edited.add(
                  new Practice(
                      "N" + round + "x" + e,
                      "new",
                      p.pcnCode(),
                      p.pcnName(),
                      1000L,
                      CatchmentTesting.point(
                          Math.round(random.nextDouble(env.getMinX(), env.getMaxX())),
                          Math.round(random.nextDouble(env.getMinY(), env.getMaxY()))),
                      true));
          default ->
              edited.set(
                  k,
                  new Practice(
                      p.code(),
                      p.name(),
                      "U0000" + random.nextInt(10),
                      "moved",
                      p.listSize(),
                      p.location(),
                      true));
        }
      }
      VoronoiCatchments.Redrawn u = voronoi.redraw(base, edited);
      assertSame(u.drawn().catchments(), voronoi.compute(edited, w.region()));
      assertThat(u.full()).isFalse();
      // a cell kept is the very cell it was, at the same site
      for (int j = 0; j < u.origin().length; j++) {
        int i = u.origin()[j];
        if (i >= 0) {
          assertThat(u.drawn().cells().cell(j) == base.cells().cell(i)).as("cell %d", j).isTrue();
          assertThat(
                  u.drawn()
                      .cells()
                      .sites()
                      .get(j)
                      .location()
                      .equals2D(base.cells().sites().get(i).location()))
              .isTrue();
        }
      }
    }
  }

  static void assertSame(CatchmentSet actual, CatchmentSet expected) {
    assertThat(actual.notes()).isEqualTo(expected.notes());
    assertThat(actual.overlapping()).isEqualTo(expected.overlapping());
    assertThat(actual.pcns()).hasSameSizeAs(expected.pcns());
    for (int i = 0; i < expected.pcns().size(); i++) {
      Catchment a = actual.pcns().get(i);
      Catchment e = expected.pcns().get(i);
      assertThat(a.pcnCode()).isEqualTo(e.pcnCode());
      assertThat(a.pcnName()).isEqualTo(e.pcnName());
      assertThat(a.practiceCodes()).isEqualTo(e.practiceCodes());
      assertThat(norm(a.geometry()).equalsExact(norm(e.geometry())))
          .as("PCN %s: %s vs %s", e.pcnCode(), a.geometry(), e.geometry())
          .isTrue();
    }
    assertThat(actual.practices()).hasSameSizeAs(expected.practices());
    for (int i = 0; i < expected.practices().size(); i++) {
      PracticeCatchment a = actual.practices().get(i);
      PracticeCatchment e = expected.practices().get(i);
      assertThat(a.practiceCode()).isEqualTo(e.practiceCode());
      assertThat(a.pcnCode()).isEqualTo(e.pcnCode());
      assertThat(norm(a.geometry()).equalsExact(norm(e.geometry())))
          .as("practice %s", e.practiceCode())
          .isTrue();
    }
  }

  private static Geometry norm(Geometry g) {
    return g.norm();
  }
}
