package org.pcnatlas.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcnatlas.coverage.CellPopulation;
import org.pcnatlas.overlay.PairArea;

class BenchPipelineTest {
  private static PairArea area(String pcn, String district, double m2, double share) {
    return new PairArea(pcn, "districts", district, district, m2, share);
  }

  private static CellPopulation.Result people(CellPopulation.PairPopulation... pairs) {
    return new CellPopulation.Result(
        Map.of(), List.of(pairs), List.of(), List.of(), List.of(), 0, 0);
  }

  @Test
  void pairsAreTheFullOuterJoinOfAreasAndResidents() {
    List<BenchPipeline.PairRow> rows =
        BenchPipeline.join(
            List.of(
                area("P1", "D1", 100, 0.25),
                area("P1", "D2", 300, 0.75),
                area("P3", "D1", 50, 1.0)),
            people(
                new CellPopulation.PairPopulation("P1", "D2", 7),
                new CellPopulation.PairPopulation("P2", "D1", 5), // residents, area under 1 m²
                new CellPopulation.PairPopulation("P3", "D1", 9),
                new CellPopulation.PairPopulation("P4", "D9", 1)));
    assertThat(rows)
        .containsExactly(
            new BenchPipeline.PairRow("P1", "D1", 100, 0.25, 0),
            new BenchPipeline.PairRow("P1", "D2", 300, 0.75, 7),
            new BenchPipeline.PairRow("P2", "D1", 0, 0, 5),
            new BenchPipeline.PairRow("P3", "D1", 50, 1.0, 9),
            new BenchPipeline.PairRow("P4", "D9", 0, 0, 1));
  }

  @Test
  void joinOfNothingIsNothing() {
    assertThat(BenchPipeline.join(List.of(), people())).isEmpty();
    assertThat(BenchPipeline.join(List.of(area("A", "B", 2, 1)), people()))
        .containsExactly(new BenchPipeline.PairRow("A", "B", 2, 1, 0));
  }
}
