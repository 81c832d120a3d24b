package org.pcnatlas.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.PcnFigures;
import org.pcnatlas.api.DemoCatalogue;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.ProfileSpec;
import org.pcnatlas.model.UnitAttributes;

/** A scenario's comparison shows the profile before and after, as each run computes it. */
class ScenarioProfileTest {
  @Test
  void comparison_gives_core20_65plus_and_mean_score_before_and_after_per_changed_pcn() {
    AnalysisInputs demo = DemoCatalogue.get().result().inputs();
    SplittableRandom random = new SplittableRandom(13);
    Map<String, double[]> rows = new HashMap<>();
    for (PopulationUnit u : demo.population()) {
      long over65 = random.nextLong(0, u.population() + 1);
      rows.put(
          u.code(),
          new double[] {
            random.nextInt(1, 11), random.nextDouble(0, 80), over65, u.population() - over65
          });
    }
    UnitAttributes attributes =
        new UnitAttributes(
            List.of(
                new UnitAttributes.Column("IMD_decile", UnitAttributes.Kind.DECILE, "t"),
                new UnitAttributes.Column("IMD_score", UnitAttributes.Kind.MEAN, "t"),
                new UnitAttributes.Column("age_65_plus", UnitAttributes.Kind.COUNT, "t"),
                new UnitAttributes.Column("age_0_64", UnitAttributes.Kind.COUNT, "t")),
            rows);
    AnalysisInputs baseline =
        demo.withMethods(List.of(new VoronoiCatchments()))
            .withProfile(new ProfileSpec(attributes, List.of()));
    AnalysisResult base = Analysis.run(baseline);
    AnalysisResult.MethodResult m = base.methods().get(0);
    // move a practice: its old and new PCN change
    var moved = baseline.practices().get(0);
    String to =
        baseline.pcns().stream()
            .map(p -> p.code())
            .filter(c -> !c.equals(moved.pcnCode()) && !c.equals("U"))
            .findFirst()
            .orElseThrow();
    AnalysisInputs changed =
        ScenarioApply.apply(baseline, List.of(new Change.MovePractice(moved.code(), to)))
            .get("voronoi");
    ScenarioMethodResult after = IncrementalAnalysis.full(changed);
    ScenarioMethodResult incremental = IncrementalAnalysis.of(base).recompute(changed);
    assertThat(ScenarioResults.differences(incremental, after, 3)).isEmpty();
    Comparison c = Comparison.of("voronoi", m.pcns(), m.pairs(), after, baseline.districts());
    Map<String, PcnFigures> afterByCode = new HashMap<>();
    after.pcns().forEach(f -> afterByCode.put(f.pcnCode(), f));
    Map<String, PcnFigures> beforeByCode = new HashMap<>();
    m.pcns().forEach(f -> beforeByCode.put(f.pcnCode(), f));
    List<Map<String, Object>> rowsChanged = c.changedPcns();
    assertThat(rowsChanged).extracting(r -> r.get("pcn_code")).contains(moved.pcnCode(), to);
    for (Map<String, Object> r : rowsChanged) {
      String code = (String) r.get("pcn_code");
      for (String f : List.of("core20_share", "share_65_plus", "imd_mean_score")) {
        assertThat(((Number) r.get(f + "_before")).doubleValue())
            .as(code + " " + f)
            .isCloseTo(beforeByCode.get(code).profile().get(f), within(1e-6));
        assertThat(((Number) r.get(f + "_after")).doubleValue())
            .as(code + " " + f)
            .isCloseTo(afterByCode.get(code).profile().get(f), within(1e-6));
      }
    }
    assertThat(rowsChanged.get(0).get("core20_share_before"))
        .isNotEqualTo(rowsChanged.get(0).get("core20_share_after"));
  }
}
