package org.pcnatlas.scenario;

import java.util.List;
import java.util.Map;
import org.pcnatlas.analysis.Figures;
import org.pcnatlas.analysis.PcnFigures;
import org.pcnatlas.catchment.CatchmentSet;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.model.AreaLayer;

/**
 * One method's result under a scenario: what a comparison with the baseline and the scenario's map
 * layers need. The same figures as {@code AnalysisResult.MethodResult} of a full run on the
 * scenario's inputs, without the coverage checks (gaps and overlaps are not recomputed per change).
 *
 * @param layers the area layers compared (districts, network areas as regrouped, the others)
 * @param pairs per area layer name, every (PCN, area) pair with its population
 */
public record ScenarioMethodResult(
    CatchmentSet catchments,
    List<PcnFigures> pcns,
    List<AreaLayer> layers,
    Map<String, List<Figures.PopulatedPair>> pairs,
    PopulationAllocation.Result population) {
  public ScenarioMethodResult {
    pcns = List.copyOf(pcns);
    layers = List.copyOf(layers);
  }

  /** The part of a method's result a scenario compares. */
  public static ScenarioMethodResult of(
      org.pcnatlas.analysis.AnalysisResult.MethodResult m, List<AreaLayer> layers) {
    return new ScenarioMethodResult(m.catchments(), m.pcns(), layers, m.pairs(), m.population());
  }

  public String method() {
    return catchments.method();
  }
}
