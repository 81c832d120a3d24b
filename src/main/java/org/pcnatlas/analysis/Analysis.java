package org.pcnatlas.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.CatchmentMethod;
import org.pcnatlas.catchment.CatchmentSet;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.overlay.AlignmentPair;
import org.pcnatlas.overlay.AreaGroups;
import org.pcnatlas.overlay.CoverageCheck;
import org.pcnatlas.overlay.Overlay;

/**
 * The one place that orders the stages: for each method, catchments -> overlay with every area
 * layer -> population -> figures -> coverage checks. Pure: the same inputs give the same result.
 */
public final class Analysis {
  /** The name of the district layer in pairs and outputs. */
  public static final String DISTRICTS = "districts";

  /** The name of the network-area layer (districts dissolved by their group). */
  public static final String NETWORK_AREAS = "network-areas";

  private Analysis() {}

  public static AnalysisResult run(AnalysisInputs in) {
    Map<String, Double> timings = new LinkedHashMap<>();
    List<AreaLayer> layers = new ArrayList<>();
    layers.add(in.districts());
    if (in.grouped()) {
      layers.add(
          time(timings, "network_areas", () -> AreaGroups.dissolve(in.districts(), NETWORK_AREAS)));
    }
    layers.addAll(in.otherLayers());
    List<AnalysisResult.MethodResult> results = new ArrayList<>();
    for (CatchmentMethod method : in.methods()) {
      results.add(runMethod(in, method, layers, timings));
    }
    return new AnalysisResult(in, layers, results, timings, in.report());
  }

  private static AnalysisResult.MethodResult runMethod(
      AnalysisInputs in,
      CatchmentMethod method,
      List<AreaLayer> layers,
      Map<String, Double> timings) {
    String m = method.name();
    CatchmentSet set =
        time(timings, m + ".catchments", () -> method.compute(in.practices(), in.region()));
    boolean coverage = !set.overlapping();
    List<AlignmentPair> allPairs = new ArrayList<>();
    Map<String, List<AlignmentPair>> byLayer = new LinkedHashMap<>();
    time(
        timings,
        m + ".overlay",
        () -> {
          for (AreaLayer layer : layers) {
            List<AlignmentPair> pairs = Overlay.pairs(set.pcns(), layer);
            byLayer.put(layer.name(), pairs);
            allPairs.addAll(pairs);
          }
          return null;
        });
    PopulationAllocation.Result population =
        time(
            timings,
            m + ".population",
            () ->
                PopulationAllocation.allocate(
                    set.pcns(), allPairs, in.population(), in.populationMode(), coverage));
    Map<String, List<Figures.PopulatedPair>> populated = new LinkedHashMap<>();
    int offset = 0;
    for (Map.Entry<String, List<AlignmentPair>> e : byLayer.entrySet()) {
      int start = offset;
      List<AlignmentPair> pairs = e.getValue();
      populated.put(
          e.getKey(),
          IntStream.range(0, pairs.size())
              .mapToObj(
                  i -> new Figures.PopulatedPair(pairs.get(i), population.byPair().get(start + i)))
              .toList());
      offset += pairs.size();
    }
    List<PcnFigures> figures =
        time(
            timings,
            m + ".figures",
            () ->
                Figures.compute(
                    m,
                    in.pcns(),
                    set.pcns(),
                    population,
                    populated.get(DISTRICTS),
                    populated.get(NETWORK_AREAS),
                    in.sizeBands()));
    CoverageCheck.Result check =
        time(
            timings, m + ".coverage", () -> CoverageCheck.check(set.pcns(), in.region(), coverage));
    List<Double> gapPopulation =
        populationIn(check.gaps().stream().map(CoverageCheck.Gap::geometry).toList(), in);
    List<Double> overlapPopulation =
        populationIn(
            check.overlaps().stream().map(CoverageCheck.OverlapPart::geometry).toList(), in);
    return new AnalysisResult.MethodResult(
        set, figures, populated, population, check, gapPopulation, overlapPopulation);
  }

  private static List<Double> populationIn(List<Geometry> polygons, AnalysisInputs in) {
    double[] p = PopulationAllocation.within(polygons, in.population(), in.populationMode());
    return Arrays.stream(p).boxed().toList();
  }

  static <T> T time(Map<String, Double> timings, String stage, Supplier<T> work) {
    long start = System.nanoTime();
    T result = work.get();
    timings.merge(stage, (System.nanoTime() - start) / 1e9, Double::sum);
    return result;
  }
}
