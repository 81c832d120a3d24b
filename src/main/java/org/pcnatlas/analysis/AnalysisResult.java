package org.pcnatlas.analysis;

import java.util.List;
import java.util.Map;
import org.pcnatlas.catchment.CatchmentSet;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.overlay.CoverageCheck;

/**
 * The immutable result of one analysis run, read by the exporters and the web service.
 *
 * @param layers the area layers compared with the catchments: districts, network areas (when
 *     grouped), then the others
 * @param methods one result per catchment method, in the order run
 * @param timings seconds per stage, in the order run
 */
public record AnalysisResult(
    AnalysisInputs inputs,
    List<AreaLayer> layers,
    List<MethodResult> methods,
    Map<String, Double> timings,
    LoadReport report) {

  /**
   * One method's catchments and what follows from them.
   *
   * @param pairs per area layer name, every (PCN, area) pair with its population
   * @param gapPopulation residents in each gap, in the order of {@code coverage.gaps()}
   * @param overlapPopulation residents in each overlap, in the order of {@code coverage.overlaps()}
   */
  public record MethodResult(
      CatchmentSet catchments,
      List<PcnFigures> pcns,
      Map<String, List<Figures.PopulatedPair>> pairs,
      PopulationAllocation.Result population,
      CoverageCheck.Result coverage,
      List<Double> gapPopulation,
      List<Double> overlapPopulation) {
    public MethodResult {
      gapPopulation = List.copyOf(gapPopulation);
      overlapPopulation = List.copyOf(overlapPopulation);
    }

    public String method() {
      return catchments.method();
    }
  }
}
