package org.pcnatlas.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;

/**
 * Regrouping a district dissolves again only the two network areas it leaves and joins, and only
 * the PCNs with area or residents in that district are summed and figured again; the result is the
 * full run's.
 */
class RegroupTest {
  @Test
  void regroupingOneDistrictRedoesOnlyThePcnsInIt() {
    AnalysisInputs county = IncrementalAnalysisTest.county(7, 2_000, 300, 20, 20_000);
    org.pcnatlas.analysis.AnalysisResult baseline = Analysis.run(county);
    IncrementalAnalysis engine = IncrementalAnalysis.of(baseline);
    ScenarioEdits edits = new ScenarioEdits(county, null, Map.of());
    List<String> districts = new ArrayList<>(edits.groups().keySet());
    // the PCNs with area or residents in the district regrouped
    long inIt =
        baseline.methods().get(0).pairs().get(Analysis.DISTRICTS).stream()
            .filter(p -> p.pair().areaCode().equals(districts.get(0)))
            .map(p -> p.pair().pcnCode())
            .distinct()
            .count();
    String from = edits.groups().get(districts.get(0));
    String to = edits.groups().values().stream().filter(g -> !g.equals(from)).findFirst().get();
    edits.regroup(districts.get(0), to);
    AnalysisInputs changed = edits.inputs("voronoi");
    IncrementalAnalysis.Recomputed r = engine.recomputeWithStats(changed);
    assertThat(ScenarioResults.differences(r.result(), IncrementalAnalysis.full(changed), 10))
        .isEmpty();
    assertThat(r.stats().fallback()).isNull();
    assertThat(r.stats().layersRecomputed()).isEqualTo(1);
    assertThat(r.stats().figuresRecomputed()).isEqualTo(inIt).isLessThan(r.result().pcns().size());
    assertThat(r.stats().cellsRebuilt()).isZero();
  }

  @Test
  void aNewNetworkAreaRedoesEveryPcnAndStillEqualsTheFullRun() {
    AnalysisInputs county = IncrementalAnalysisTest.county(8, 600, 80, 9, 5_000);
    IncrementalAnalysis engine = IncrementalAnalysis.of(Analysis.run(county));
    ScenarioEdits edits = new ScenarioEdits(county, null, Map.of());
    String district = edits.groups().keySet().iterator().next();
    edits.regroup(district, "A new network area");
    AnalysisInputs changed = edits.inputs("voronoi");
    IncrementalAnalysis.Recomputed r = engine.recomputeWithStats(changed);
    assertThat(ScenarioResults.differences(r.result(), IncrementalAnalysis.full(changed), 10))
        .isEmpty();
    assertThat(r.stats().figuresRecomputed()).isEqualTo(r.result().pcns().size());
  }
}
