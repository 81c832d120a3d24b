package org.pcnatlas.catchment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcnatlas.catchment.CatchmentTesting.irregularRegion;
import static org.pcnatlas.catchment.CatchmentTesting.practice;
import static org.pcnatlas.catchment.CatchmentTesting.randomPractices;
import static org.pcnatlas.catchment.CatchmentTesting.rectangle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Practice;

/** The two halves of the voronoi method (cells, then dissolve) and the Hilbert-order diagram. */
class VoronoiCellsTest {
  private static final VoronoiCatchments VORONOI = new VoronoiCatchments();

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void cellsThenDissolveIsCompute(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Geometry region = irregularRegion(random);
    List<Practice> practices = randomPractices(random, 300, 40, region);
    CatchmentSet whole = VORONOI.compute(practices, region);
    VoronoiCells cells = VORONOI.cells(practices, region);
    CatchmentSet split = VORONOI.dissolve(cells);

    assertThat(split.notes()).isEqualTo(whole.notes());
    assertThat(split.overlapping()).isEqualTo(whole.overlapping());
    for (int i = 0; i < whole.pcns().size(); i++) {
      assertThat(split.pcns().get(i).geometry().equalsExact(whole.pcns().get(i).geometry()))
          .isTrue();
    }
    for (int i = 0; i < whole.practices().size(); i++) {
      assertThat(
              split.practices().get(i).geometry().equalsExact(whole.practices().get(i).geometry()))
          .isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5})
  void cellsKnowTheirSitesPcnsAndWhetherTheyCrossTheBoundary(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Geometry region = irregularRegion(random);
    List<Practice> practices = randomPractices(random, 200, 25, region);
    VoronoiCells cells = VORONOI.cells(practices, region);
    PreparedGeometry prepared = PreparedGeometryFactory.prepare(region);

    assertThat(cells.size()).isEqualTo(cells.sites().size());
    int crossing = 0;
    for (int i = 0; i < cells.size(); i++) {
      Geometry cell = cells.cell(i);
      if (cells.crossesBoundary(i)) {
        crossing++;
      } else {
        assertThat(prepared.containsProperly(cell)).isTrue();
      }
      Coordinate site = cells.sites().get(i).location();
      if (prepared.containsProperly(GeoUtils.FACTORY.createPoint(site))) {
        assertThat(cell.covers(GeoUtils.FACTORY.createPoint(site))).isTrue();
      }
    }
    assertThat(crossing).isPositive().isLessThan(cells.size());
    // every PCN's cells are the sites of its practices
    Map<String, List<Integer>> expected = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      for (String pcn : cells.sites().get(i).pcnCodes()) {
        expected.computeIfAbsent(pcn, k -> new ArrayList<>()).add(i);
      }
    }
    cells
        .cellsByPcn()
        .forEach(
            (pcn, is) ->
                assertThat(is)
                    .containsExactly(
                        expected.get(pcn).stream().mapToInt(Integer::intValue).toArray()));
    for (Practice p : practices) {
      assertThat(cells.cellOf(p.code()).equalsExact(cells.cell(siteIndex(cells, p)))).isTrue();
    }
  }

  private static int siteIndex(VoronoiCells cells, Practice p) {
    for (int i = 0; i < cells.size(); i++) {
      if (cells.sites().get(i).practiceCodes().contains(p.code())) {
        return i;
      }
    }
    throw new AssertionError(p.code());
  }

  @Test
  void theNearestSiteIsTheCellHoldingThePoint() {
    SplittableRandom random = new SplittableRandom(8);
    Geometry region = irregularRegion(random);
    VoronoiCells cells = VORONOI.cells(randomPractices(random, 150, 20, region), region);
    NearestPractice nearest = cells.nearest();
    assertThat(nearest.sites()).isEqualTo(cells.sites());
    Envelope env = region.getEnvelopeInternal();
    for (int k = 0; k < 5_000; k++) {
      double x = random.nextDouble(env.getMinX(), env.getMaxX());
      double y = random.nextDouble(env.getMinY(), env.getMaxY());
      Geometry p = GeoUtils.point(x, y);
      int i = nearest.nearestIndex(x, y);
      if (region.contains(p) && cells.cell(i).getBoundary().distance(p) > 0.01) {
        assertThat(cells.cell(i).contains(p)).isTrue();
      }
    }
  }

  @Test
  void aSiteSharedByTwoPcnsIsACellOfBoth() {
    Geometry region = rectangle(0, 0, 10_000, 10_000);
    VoronoiCells cells =
        VORONOI.cells(
            List.of(
                practice("A1", "P1", 2_000, 5_000),
                practice("B1", "P2", 8_000, 5_000),
                practice("C1", "P3", 8_000, 5_000)),
            region);
    assertThat(cells.size()).isEqualTo(2);
    assertThat(cells.cellsOf("P2")).containsExactly(1);
    assertThat(cells.cellsOf("P3")).containsExactly(1);
    assertThat(cells.cellsOf("nope")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theHilbertOrderDiagramIsJtsDiagram(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Coordinate> sites = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      sites.add(new Coordinate(random.nextInt(0, 200_000), random.nextInt(0, 200_000)));
    }
    Envelope clip = new Envelope(-50_000, 250_000, -50_000, 250_000);
    VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
    builder.setSites(sites);
    builder.setClipEnvelope(clip);
    Geometry jts = builder.getDiagram(GeoUtils.FACTORY);
    Geometry ours = VoronoiDiagram.cells(sites, clip, GeoUtils.FACTORY);

    Map<Coordinate, Geometry> bySite = new HashMap<>();
    for (int i = 0; i < jts.getNumGeometries(); i++) {
      bySite.put((Coordinate) jts.getGeometryN(i).getUserData(), jts.getGeometryN(i));
    }
    assertThat(ours.getNumGeometries()).isEqualTo(jts.getNumGeometries());
    for (int i = 0; i < ours.getNumGeometries(); i++) {
      Geometry cell = ours.getGeometryN(i);
      Geometry theirs = bySite.get((Coordinate) cell.getUserData());
      assertThat((Object) theirs).isNotNull();
      assertThat(cell.norm().equalsExact(theirs.norm()))
          .as("cell of %s", cell.getUserData())
          .isTrue();
    }
  }

  @Test
  void hilbertKeysFollowTheCurve() {
    // the first-order curve visits (0,0), (0,1), (1,1), (1,0) of each quadrant in turn
    assertThat(VoronoiDiagram.hilbertKey(0, 0)).isZero();
    long a = VoronoiDiagram.hilbertKey(0, 1);
    long b = VoronoiDiagram.hilbertKey(1, 1);
    long c = VoronoiDiagram.hilbertKey(1, 0);
    assertThat(List.of(a, b, c)).containsExactlyInAnyOrder(1L, 2L, 3L);
    assertThat(Math.abs(a - c)).isEqualTo(2);
  }
}
