package org.pcnatlas.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.catchment.VoronoiCells;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;
import org.pcnatlas.overlay.AlignmentPair;
import org.pcnatlas.overlay.CellOverlay;
import org.pcnatlas.overlay.Overlay;
import org.pcnatlas.testing.RandomWorkload;

class CellPopulationTest {
  private static final VoronoiCatchments VORONOI = new VoronoiCatchments();

  /** Nearest practice against point-in-polygon on the catchments and their pairs, the reference. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void givesThePopulationOfPointInPolygon(long seed) {
    RandomWorkload w = RandomWorkload.generate(seed, 300, 40, 8, 3_000);
    VoronoiCells cells = VORONOI.cells(w.practices(), w.region());
    List<Catchment> catchments = VORONOI.dissolve(cells).pcns();
    CellOverlay overlay = CellOverlay.of(cells.geometries(), w.districts());
    CellPopulation.Result ours = CellPopulation.allocate(cells, overlay, w.region(), w.units());

    List<AlignmentPair> pairs = Overlay.pairs(catchments, w.districts());
    PopulationAllocation.Result reference =
        PopulationAllocation.allocate(
            catchments, pairs, w.units(), PopulationAllocation.Mode.POINTS, true);

    Map<String, Long> expectedByPcn = new HashMap<>();
    reference.byPcn().forEach((k, v) -> expectedByPcn.put(k, Math.round(v)));
    assertThat(ours.byPcn()).isEqualTo(expectedByPcn);
    Map<String, Long> expectedByPair = new HashMap<>();
    for (int i = 0; i < pairs.size(); i++) {
      long n = Math.round(reference.byPair().get(i));
      if (n > 0) {
        expectedByPair.put(pairs.get(i).pcnCode() + "/" + pairs.get(i).areaCode(), n);
      }
    }
    Map<String, Long> actualByPair = new HashMap<>();
    ours.byPair().forEach(p -> actualByPair.put(p.pcnCode() + "/" + p.areaCode(), p.population()));
    assertThat(actualByPair).isEqualTo(expectedByPair);
    assertThat(ours.outside()).containsExactlyInAnyOrderElementsOf(reference.outside());
    assertThat(ours.input()).isEqualTo((long) reference.input());
    assertThat(ours.assigned()).isEqualTo((long) reference.assigned());
    // conserved: assigned + outside = input
    long outside =
        w.units().stream()
            .filter(u -> ours.outside().contains(u.code()))
            .mapToLong(PopulationUnit::population)
            .sum();
    assertThat(ours.assigned() + outside).isEqualTo(ours.input());
    assertThat(ours.outside()).isNotEmpty();
    assertThat(ours.outsideAreas()).containsAll(ours.outside());
    assertThat(ours.byPair())
        .extracting(p -> p.pcnCode() + "/" + p.areaCode())
        .isSortedAccordingTo(String::compareTo);
  }

  @Test
  void aSiteOfTwoPcnsCountsItsResidentsInBoth() {
    RandomWorkload w = RandomWorkload.generate(5, 50, 5, 3, 500);
    List<Practice> practices = new ArrayList<>(w.practices());
    Practice first = practices.get(0);
    practices.add(new Practice("X0001", "Twin", "UTWIN", "Twin PCN", 1L, first.location(), true));
    VoronoiCells cells = VORONOI.cells(practices, w.region());
    CellOverlay overlay = CellOverlay.of(cells.geometries(), w.districts());
    CellPopulation.Result result = CellPopulation.allocate(cells, overlay, w.region(), w.units());

    int shared = cells.cellsOf("UTWIN")[0];
    List<PopulationUnit> inShared =
        w.units().stream()
            .filter(u -> !result.outside().contains(u.code()))
            .filter(
                u ->
                    cells.nearest().nearestIndex(u.centroid().getX(), u.centroid().getY())
                        == shared)
            .toList();
    assertThat(inShared).isNotEmpty();
    assertThat(result.byPcn().get("UTWIN"))
        .isEqualTo(inShared.stream().mapToLong(PopulationUnit::population).sum());
    assertThat(result.inSeveral())
        .containsExactlyInAnyOrderElementsOf(inShared.stream().map(PopulationUnit::code).toList());
    long counted = result.byPcn().values().stream().mapToLong(Long::longValue).sum();
    long twice = inShared.stream().mapToLong(PopulationUnit::population).sum();
    assertThat(counted).isEqualTo(result.assigned() + twice);
  }

  @Test
  void theOverlayMustBeOfTheSameCells() {
    RandomWorkload w = RandomWorkload.generate(6, 30, 3, 3, 10);
    VoronoiCells cells = VORONOI.cells(w.practices(), w.region());
    CellOverlay other = CellOverlay.of(cells.geometries().subList(0, 3), w.districts());
    assertThatThrownBy(() -> CellPopulation.allocate(cells, other, w.region(), w.units()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
