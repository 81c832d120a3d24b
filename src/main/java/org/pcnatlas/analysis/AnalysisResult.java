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
 * @param stages what {@link Pipeline#rerun} starts from (the stages' outputs shared by every
 *     method), or null for a result put together from other results
 */
public record AnalysisResult(
    AnalysisInputs inputs,
    List<AreaLayer> layers,
    List<MethodResult> methods,
    Map<String, Double> timings,
    LoadReport report,
    Stages stages) {

  /** A result without the stages' outputs (a rerun then starts from a run of its own). */
  public AnalysisResult(
      AnalysisInputs inputs,
      List<AreaLayer> layers,
      List<MethodResult> methods,
      Map<String, Double> timings,
      LoadReport report) {
    this(inputs, layers, methods, timings, report, null);
  }

  /**
   * The codes of the population units that no area of the layer holds (their point lies outside
   * every area), in input order; empty when the stages were not kept.
   */
  public List<String> unitsOutside(String layer) {
    if (stages == null || !stages.layers.areaOf.containsKey(layer)) {
      return List.of();
    }
    int[] areaOf = stages.layers.areaOf.get(layer);
    List<String> out = new java.util.ArrayList<>();
    for (int u = 0; u < areaOf.length; u++) {
      if (areaOf[u] < 0) {
        out.add(stages.layers.units.units().get(u).code());
      }
    }
    return out;
  }

  /**
   * The profile of each area of a layer ({@link Profiles}): the units whose point the area holds
   * (polygons: an interior point, as everywhere), whatever the catchments; by area code, empty when
   * there are no unit attributes or the stages were not kept.
   */
  public Map<String, Map<String, Double>> areaProfiles(String layer) {
    Profiles profiles = Profiles.of(inputs.profile());
    if (profiles == null || stages == null || !stages.layers.areaOf.containsKey(layer)) {
      return Map.of();
    }
    int[] areaOf = stages.layers.areaOf.get(layer);
    AreaLayer areas = layers.stream().filter(l -> l.name().equals(layer)).findFirst().orElse(null);
    if (areas == null) {
      return Map.of();
    }
    double[][] vectors = profileVectors(profiles);
    double[][] sums = new double[areas.areas().size()][profiles.width()];
    for (int u = 0; u < areaOf.length; u++) {
      if (areaOf[u] >= 0) {
        Profiles.add(sums[areaOf[u]], vectors[u], 1);
      }
    }
    Map<String, Map<String, Double>> out = new java.util.LinkedHashMap<>();
    for (int a = 0; a < sums.length; a++) {
      out.put(areas.areas().get(a).code(), profiles.figures(sums[a]));
    }
    return out;
  }

  /** The units' profile vectors (input order): those the population stage made, else made now. */
  double[][] profileVectors(Profiles profiles) {
    for (MethodResult m : methods) {
      if (m.stages() != null && m.stages().residents.profiles() != null) {
        return m.stages().residents.profiles().vectors();
      }
    }
    return profiles.vectors(inputs.population());
  }

  /** The outputs of the stages every method shares, kept for reruns; opaque. */
  public static final class Stages {
    final AreaLayers layers;

    Stages(AreaLayers layers) {
      this.layers = layers;
    }
  }

  /**
   * One method's catchments and what follows from them.
   *
   * @param pairs per area layer name, every (PCN, area) pair with its population
   * @param gapPopulation residents in each gap, in the order of {@code coverage.gaps()}
   * @param overlapPopulation residents in each overlap, in the order of {@code coverage.overlaps()}
   * @param stages the outputs of this method's stages, kept for reruns (null when not kept)
   */
  public record MethodResult(
      CatchmentSet catchments,
      List<PcnFigures> pcns,
      Map<String, List<Figures.PopulatedPair>> pairs,
      PopulationAllocation.Result population,
      CoverageCheck.Result coverage,
      List<Double> gapPopulation,
      List<Double> overlapPopulation,
      MethodStages stages) {
    public MethodResult {
      gapPopulation = List.copyOf(gapPopulation);
      overlapPopulation = List.copyOf(overlapPopulation);
    }

    public String method() {
      return catchments.method();
    }
  }

  /** The outputs of one method's stages, kept for reruns; opaque. */
  public static final class MethodStages {
    final CatchmentStage.Drawn drawn;
    final Map<String, PairStage.LayerPairs> pairs;
    final PopulationStage.Residents residents;
    final FigureStage.Figured figured;

    /** The Voronoi cells drawn (distinct practice sites), 0 for other methods. */
    public int cells() {
      return drawn.voronoi() == null ? 0 : drawn.voronoi().cells().size();
    }

    MethodStages(
        CatchmentStage.Drawn drawn,
        Map<String, PairStage.LayerPairs> pairs,
        PopulationStage.Residents residents,
        FigureStage.Figured figured) {
      this.drawn = drawn;
      this.pairs = pairs;
      this.residents = residents;
      this.figured = figured;
    }
  }
}
