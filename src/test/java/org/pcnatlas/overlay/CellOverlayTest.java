package org.pcnatlas.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.catchment.VoronoiCells;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.Practice;
import org.pcnatlas.testing.RandomWorkload;
import org.pcnatlas.testing.StripFixture;

class CellOverlayTest {
  private static final VoronoiCatchments VORONOI = new VoronoiCatchments();

  /** Cells x districts summed per PCN against the whole-catchment overlay, the reference. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void givesTheSamePairsAsTheCatchmentOverlay(long seed) {
    RandomWorkload w = RandomWorkload.generate(seed, 400, 60, 9, 0);
    VoronoiCells cells = VORONOI.cells(w.practices(), w.region());
    List<Catchment> catchments = VORONOI.dissolve(cells).pcns();
    List<AlignmentPair> reference = Overlay.pairs(catchments, w.districts());
    List<PairArea> pairs =
        CellOverlay.of(cells.geometries(), w.districts()).pairs(catchments, cells.cellsByPcn());

    Map<String, AlignmentPair> expected =
        reference.stream()
            .collect(Collectors.toMap(p -> p.pcnCode() + "/" + p.areaCode(), Function.identity()));
    Map<String, PairArea> actual =
        pairs.stream()
            .collect(Collectors.toMap(p -> p.pcnCode() + "/" + p.areaCode(), Function.identity()));
    // a pair within a millimetre-square of the 1 m² threshold may fall either side
    Set<String> keys = new java.util.TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      AlignmentPair e = expected.get(key);
      PairArea a = actual.get(key);
      if (e == null || a == null) {
        double m2 = e != null ? e.areaM2() : a.areaM2();
        assertThat(Math.abs(m2 - Overlay.MIN_AREA_M2)).as(key).isLessThan(1e-3);
        continue;
      }
      assertThat(a.areaM2()).as(key).isCloseTo(e.areaM2(), within(1e-6 * e.areaM2() + 1e-4));
      assertThat(a.shareOfPcnArea()).as(key).isCloseTo(e.shareOfPcnArea(), within(1e-9));
      assertThat(a.areaName()).isEqualTo(e.areaName());
      assertThat(a.areaLayer()).isEqualTo("districts");
    }
    assertThat(pairs)
        .extracting(p -> p.pcnCode() + "/" + p.areaCode())
        .isSortedAccordingTo(String::compareTo);
    assertThat(pairs.size()).isGreaterThan(catchments.size());
  }

  /** The overlay of VoronoiCells clips cut cells as their uncut convex cells: same pieces. */
  @ParameterizedTest
  @ValueSource(longs = {9, 10})
  void theVoronoiCellsOverlayGivesTheSamePieces(long seed) {
    RandomWorkload w = RandomWorkload.generate(seed, 300, 40, 8, 0);
    VoronoiCells cells = VORONOI.cells(w.practices(), w.region());
    CellOverlay general = CellOverlay.of(cells.geometries(), w.districts());
    CellOverlay voronoi = CellOverlay.of(cells, w.districts());
    int cut = 0;
    for (int c = 0; c < cells.size(); c++) {
      cut += cells.crossesBoundary(c) ? 1 : 0;
      assertThat(voronoi.wholeArea(c)).isEqualTo(general.wholeArea(c));
      assertThat(voronoi.areasOf(c)).containsExactly(general.areasOf(c));
      double[] expected = general.areasM2Of(c);
      double[] actual = voronoi.areasM2Of(c);
      for (int k = 0; k < expected.length; k++) {
        assertThat(actual[k]).isCloseTo(expected[k], within(1e-6 * expected[k] + 1e-6));
      }
    }
    assertThat(cut).isPositive();
  }

  @ParameterizedTest
  @ValueSource(longs = {7, 8})
  void piecesOfEachCellSumToItsAreaAndPlacePointsInTheirDistrict(long seed) {
    RandomWorkload w = RandomWorkload.generate(seed, 300, 40, 7, 0);
    VoronoiCells cells = VORONOI.cells(w.practices(), w.region());
    CellOverlay overlay = CellOverlay.of(cells.geometries(), w.districts());
    AreaIndex areas = AreaIndex.of(w.districts(), null);
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    int whole = 0;
    for (int c = 0; c < cells.size(); c++) {
      Geometry cell = cells.cell(c);
      double sum = java.util.Arrays.stream(overlay.areasM2Of(c)).sum();
      assertThat(sum).isCloseTo(cell.getArea(), within(1e-6 * cell.getArea() + 1e-6));
      if (overlay.wholeArea(c) >= 0) {
        whole++;
        Geometry district = w.districts().areas().get(overlay.wholeArea(c)).geometry();
        assertThat(district.contains(cell)).isTrue();
      }
      // random points of the cell are placed in the district that holds them
      Envelope env = cell.getEnvelopeInternal();
      for (int k = 0; k < 20 && !cell.isEmpty(); k++) {
        double x = random.nextDouble(env.getMinX(), env.getMaxX() + 1e-9);
        double y = random.nextDouble(env.getMinY(), env.getMaxY() + 1e-9);
        Geometry p = GeoUtils.point(x, y);
        if (!cell.contains(p)) {
          continue;
        }
        int found = areas.first(x, y);
        List<Area> holding =
            w.districts().areas().stream().filter(a -> a.geometry().contains(p)).toList();
        if (holding.size() == 1) {
          assertThat(found).isEqualTo(w.districts().areas().indexOf(holding.get(0)));
        }
      }
    }
    assertThat(whole).isPositive().isLessThan(cells.size());
  }

  /** Overlaying an edited diagram from the old overlay equals overlaying it afresh. */
  @ParameterizedTest
  @ValueSource(longs = {9, 10, 11})
  void anUpdateKeepsThePiecesOfCellsKeptAndEqualsAFreshOverlay(long seed) {
    RandomWorkload w = RandomWorkload.generate(seed, 200, 30, 6, 0);
    VoronoiCatchments.Drawn base = VORONOI.draw(w.practices(), w.region());
    AreaIndex areas = AreaIndex.of(w.districts(), w.region());
    CellOverlay before = CellOverlay.of(base.cells(), areas);
    List<Practice> edited = new java.util.ArrayList<>(w.practices());
    edited.remove(7);
    Practice p = edited.get(3);
    edited.add(
        new Practice(
            "NEW01",
            "new",
            p.pcnCode(),
            p.pcnName(),
            1000L,
            GeoUtils.point(p.location().getX() + 700, p.location().getY() + 300),
            true));
    VoronoiCatchments.Redrawn r = VORONOI.redraw(base, edited);
    CellOverlay updated = before.update(r.drawn().cells(), r.origin());
    CellOverlay fresh = CellOverlay.of(r.drawn().cells(), areas);
    int kept = 0;
    for (int c = 0; c < fresh.size(); c++) {
      assertThat(updated.areasOf(c)).as("cell %d", c).containsExactly(fresh.areasOf(c));
      assertThat(updated.areasM2Of(c)).as("cell %d", c).containsExactly(fresh.areasM2Of(c));
      assertThat(updated.wholeArea(c)).isEqualTo(fresh.wholeArea(c));
      kept += r.origin()[c] >= 0 ? 1 : 0;
    }
    assertThat(kept).isGreaterThan(fresh.size() / 2);
  }

  @Test
  void handCheckedStripCells() {
    // the strip catchments as one cell each: only B crosses the district edge
    List<Geometry> cells = StripFixture.CATCHMENTS.stream().map(Catchment::geometry).toList();
    CellOverlay overlay = CellOverlay.of(cells, StripFixture.DISTRICTS);
    // A lies in D1 (index 1 of the layer) but shares its edges: not properly inside, one piece
    assertThat(overlay.wholeArea(0)).isEqualTo(-1);
    assertThat(overlay.areasOf(0)).containsExactly(1);
    assertThat(overlay.areasM2Of(0)).containsExactly(10000.0);
    assertThat(overlay.wholeArea(1)).isEqualTo(-1);
    assertThat(overlay.areasOf(1)).containsExactly(0, 1);
    assertThat(overlay.areasM2Of(1)).containsExactly(5000.0, 5000.0);
    AreaIndex areas = AreaIndex.of(StripFixture.DISTRICTS, null);
    assertThat(areas.first(120, 50)).isEqualTo(1);
    assertThat(areas.first(180, 50)).isEqualTo(0);
    assertThat(areas.first(150, 50)).as("on the edge: the first area covering it").isEqualTo(0);
    assertThat(areas.first(1_000, 50)).isEqualTo(-1);
    Map<String, int[]> cellsByPcn =
        Map.of("A", new int[] {0}, "B", new int[] {1}, "C", new int[] {2});
    assertThat(overlay.pairs(StripFixture.CATCHMENTS, cellsByPcn))
        .extracting(
            p -> p.pcnCode() + "-" + p.areaCode() + ":" + p.areaM2() + ":" + p.shareOfPcnArea())
        .containsExactly(
            "A-D1:10000.0:1.0", "B-D1:5000.0:0.5", "B-D2:5000.0:0.5", "C-D2:10000.0:1.0");
  }
}
