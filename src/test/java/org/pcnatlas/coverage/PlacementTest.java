package org.pcnatlas.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.DistanceCatchments;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.catchment.VoronoiCells;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Practice;
import org.pcnatlas.testing.RandomWorkload;

/**
 * Where units are placed, against brute force: {@link CellPlacement} (nearest site = the Voronoi
 * cell) and {@link CoverPlacement} (point in polygon), made whole and updated after random edits.
 */
class PlacementTest {
  private static final VoronoiCatchments VORONOI = new VoronoiCatchments();

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void aUnitIsInTheCellOfItsNearestSiteUnlessOutsideTheStudyArea(long seed) {
    RandomWorkload w = RandomWorkload.generate(seed, 300, 40, 5, 3_000);
    VoronoiCells cells = VORONOI.cells(w.practices(), w.region());
    UnitPoints units = UnitPoints.of(w.units());
    CellPlacement placed = CellPlacement.of(cells, units);
    PreparedGeometry region = PreparedGeometryFactory.prepare(w.region());
    int outside = 0;
    for (int u = 0; u < units.size(); u++) {
      Point p = GeoUtils.point(units.x(u), units.y(u));
      if (!region.covers(p)) {
        assertThat(placed.cellOf(u)).as("unit %d", u).isEqualTo(-1);
        outside++;
        continue;
      }
      int best = -1;
      double d = Double.POSITIVE_INFINITY;
      for (int i = 0; i < cells.size(); i++) {
        double di = cells.sites().get(i).location().distance(p.getCoordinate());
        if (di < d) {
          d = di;
          best = i;
        }
      }
      assertThat(placed.cellOf(u)).as("unit %d", u).isEqualTo(best);
      assertThat(cells.cell(best).covers(p)).isTrue();
    }
    assertThat(outside).isPositive();
    int listed = 0;
    for (int c = 0; c < placed.cells(); c++) {
      for (int u : placed.unitsOf(c)) {
        assertThat(placed.cellOf(u)).isEqualTo(c);
        listed++;
      }
    }
    assertThat(listed).isEqualTo(units.size() - outside);
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5, 6, 7})
  void anUpdatedCellPlacementEqualsOneMadeWhole(long seed) {
    RandomWorkload w = RandomWorkload.generate(seed, 250, 30, 5, 4_000);
    UnitPoints units = UnitPoints.of(w.units());
    VoronoiCatchments.Drawn base = VORONOI.draw(w.practices(), w.region());
    CellPlacement before = CellPlacement.of(base.cells(), units);
    SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < 5; round++) {
      List<Practice> edited = edit(random, w, round);
      VoronoiCatchments.Redrawn r = VORONOI.redraw(base, edited);
      CellPlacement updated = before.update(r.drawn().cells(), r.origin(), units);
      CellPlacement fresh = CellPlacement.of(r.drawn().cells(), units);
      for (int u = 0; u < units.size(); u++) {
        assertThat(updated.cellOf(u)).as("unit %d", u).isEqualTo(fresh.cellOf(u));
      }
      for (int c = 0; c < fresh.cells(); c++) {
        assertThat(updated.unitsOf(c)).as("cell %d", c).containsExactly(fresh.unitsOf(c));
        if (!updated.changed(c)) {
          assertThat(r.origin()[c]).isGreaterThanOrEqualTo(0);
          assertThat(updated.unitsOf(c)).containsExactly(before.unitsOf(r.origin()[c]));
        }
      }
      assertThat(updated.placedAgain()).isLessThan(units.size() / 2);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {8, 9})
  void onACoverageAUnitIsInOneCatchmentAndOverlappingCatchmentsShareIt(long seed) {
    RandomWorkload w = RandomWorkload.generate(seed, 200, 30, 5, 2_000);
    UnitPoints units = UnitPoints.of(w.units());
    List<Catchment> coverage = VORONOI.compute(practicesOfOnePerSite(w), w.region()).pcns();
    CoverPlacement exclusive = CoverPlacement.of(coverage, true, units);
    List<Catchment> discs = new DistanceCatchments(2_500).compute(w.practices(), w.region()).pcns();
    CoverPlacement overlapping = CoverPlacement.of(discs, false, units);
    int several = 0;
    for (int u = 0; u < units.size(); u++) {
      Point p = GeoUtils.point(units.x(u), units.y(u));
      List<String> covering = covering(coverage, p);
      assertThat(exclusive.pcnsOf(u))
          .as("unit %d", u)
          .isEqualTo(covering.isEmpty() ? List.of() : covering.subList(0, 1));
      List<String> inDiscs = covering(discs, p);
      assertThat(overlapping.pcnsOf(u)).as("unit %d", u).isEqualTo(inDiscs);
      several += inDiscs.size() > 1 ? 1 : 0;
    }
    assertThat(several).isPositive();
    for (Catchment c : discs) {
      for (int u : overlapping.unitsOf(c.pcnCode())) {
        assertThat(overlapping.pcnsOf(u)).contains(c.pcnCode());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {10, 11, 12})
  void anUpdatedCoverPlacementEqualsOneMadeWhole(long seed) {
    RandomWorkload w = RandomWorkload.generate(seed, 200, 30, 5, 3_000);
    UnitPoints units = UnitPoints.of(w.units());
    DistanceCatchments discs = new DistanceCatchments(2_000);
    List<Catchment> base = discs.compute(w.practices(), w.region()).pcns();
    CoverPlacement before = CoverPlacement.of(base, false, units);
    SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < 5; round++) {
      boolean exclusive = round % 2 == 1;
      List<Catchment> now = discs.compute(edit(random, w, round), w.region()).pcns();
      Set<String> changed = new HashSet<>();
      base.forEach(c -> changed.add(c.pcnCode()));
      now.forEach(c -> changed.add(c.pcnCode()));
      for (Catchment c : now) {
        base.stream()
            .filter(b -> b.pcnCode().equals(c.pcnCode()) && b.geometry().equalsExact(c.geometry()))
            .findFirst()
            .ifPresent(b -> changed.remove(c.pcnCode()));
      }
      CoverPlacement updated = before.update(now, changed, exclusive, units);
      CoverPlacement fresh = CoverPlacement.of(now, exclusive, units);
      for (int u = 0; u < units.size(); u++) {
        assertThat(updated.pcnsOf(u)).as("unit %d", u).isEqualTo(fresh.pcnsOf(u));
      }
      for (Catchment c : now) {
        assertThat(updated.unitsOf(c.pcnCode()))
            .as(c.pcnCode())
            .containsExactly(fresh.unitsOf(c.pcnCode()));
      }
    }
  }

  private static List<String> covering(List<Catchment> catchments, Point p) {
    List<String> out = new ArrayList<>();
    for (Catchment c : catchments) {
      if (c.geometry().covers(p)) {
        out.add(c.pcnCode());
      }
    }
    out.sort(null);
    return out;
  }

  /** The workload's practices without those sharing a site with another PCN's. */
  private static List<Practice> practicesOfOnePerSite(RandomWorkload w) {
    List<Practice> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Practice p : w.practices()) {
      if (seen.add(p.location().getX() + " " + p.location().getY())) {
        out.add(p);
      }
    }
    return out;
  }

  /** One to three random edits: a practice removed, one added, one moved to another PCN. */
  private static List<Practice> edit(SplittableRandom random, RandomWorkload w, int round) {
    List<Practice> edited = new ArrayList<>(w.practices());
    Envelope env = w.region().getEnvelopeInternal();
    Geometry region = w.region();
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int k = random.nextInt(edited.size());
      Practice p = edited.get(k);
      switch (random.nextInt(3)) {
        case 0 -> edited.remove(k);
        case 1 -> {
          Point at;
          do {
            at =
                GeoUtils.point(
                    Math.round(random.nextDouble(env.getMinX(), env.getMaxX())),
                    Math.round(random.nextDouble(env.getMinY(), env.getMaxY())));
          } while (!region.contains(at));
          edited.add(
              new Practice(
                  "N" + round + "x" + e, "new", p.pcnCode(), p.pcnName(), 1000L, at, true));
        }
        default ->
            edited.set(
                k,
                new Practice(
                    p.code(),
                    p.name(),
                    edited.get(random.nextInt(edited.size())).pcnCode(),
                    "moved",
                    p.listSize(),
                    p.location(),
                    true));
      }
    }
    return edited;
  }
}
