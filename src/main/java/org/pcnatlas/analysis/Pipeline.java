package org.pcnatlas.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.CatchmentMethod;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;

/**
 * The one pipeline every command runs ({@code analyse}, {@code serve}, every scenario recompute and
 * the peer benchmark): a small graph of named, timed stages, each a function of its inputs.
 *
 * <pre>
 * inputs -> layers (districts, network areas, other layers, indexed; each unit's area per layer)
 *   per method: catchments (voronoi: cells, then dissolve) -> pairs per layer -> population
 *               -> figures -> coverage (gaps, overlaps)
 * </pre>
 *
 * <p>{@link #run} runs every stage on everything. {@link #rerun} runs the same stages on a
 * scenario's changed inputs from a previous run's outputs: each stage is told what changed in its
 * inputs (which PCNs' catchments, which cells, whether districts were regrouped) and does again
 * only what depends on it; the result equals {@link #run} on the same inputs.
 */
public final class Pipeline {
  private Pipeline() {}

  /** Every stage, every method. */
  public static AnalysisResult run(AnalysisInputs in) {
    StageTimer timer = new StageTimer();
    AreaLayers layers = AreaLayers.of(in, timer);
    List<AnalysisResult.MethodResult> results = new ArrayList<>();
    for (CatchmentMethod method : in.methods()) {
      results.add(method(in, method, layers, null, null, true, timer));
    }
    return new AnalysisResult(
        in,
        layers.layers,
        results,
        timer.seconds(),
        in.report(),
        new AnalysisResult.Stages(layers));
  }

  /**
   * What a rerun did.
   *
   * @param fallback why every stage was run whole instead, or null
   * @param cellsRebuilt Voronoi cells drawn again
   * @param pcnsChanged PCNs whose catchment geometry changed (new and removed ones included)
   * @param pcnsDissolved PCN catchments dissolved again
   * @param unitsReallocated population units placed again
   * @param figuresRecomputed PCNs whose figures were computed again
   * @param layersRecomputed area layers whose areas were drawn again (regrouped network areas)
   */
  public record Stats(
      String fallback,
      int cellsRebuilt,
      int pcnsChanged,
      int pcnsDissolved,
      int unitsReallocated,
      int figuresRecomputed,
      int layersRecomputed) {}

  /**
   * One method's result on changed inputs: what {@link #run} gives for them, without the coverage
   * checks (null), with the layers compared and the seconds per stage.
   */
  public record Rerun(
      AnalysisResult.MethodResult result,
      List<AreaLayer> layers,
      Map<String, Double> timings,
      Stats stats) {}

  /**
   * The one method of {@code changed} (named as one of the baseline's) recomputed from the
   * baseline's stages. Inputs that differ from the baseline's in anything but the practices, the
   * PCNs, the districts' groups and the method's own inputs (study area, population, population
   * mode, size bands, other layers, district geometries) are run whole; {@link Stats#fallback()}
   * says why.
   *
   * @throws IllegalArgumentException when the inputs hold not exactly one method or one the
   *     baseline did not run
   */
  public static Rerun rerun(AnalysisResult baseline, AnalysisInputs changed) {
    if (changed.methods().size() != 1) {
      throw new IllegalArgumentException(
          "a scenario is recomputed one method at a time, got " + changed.methods().size());
    }
    CatchmentMethod method = changed.methods().get(0);
    AnalysisResult.MethodResult before =
        baseline.methods().stream()
            .filter(r -> r.method().equals(method.name()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the baseline has no method " + method.name() + " to recompute"));
    String reason = incompatibility(changed, baseline.inputs());
    if (reason == null && (baseline.stages() == null || before.stages() == null)) {
      reason = "the baseline kept no stage outputs";
    }
    StageTimer timer = new StageTimer();
    if (reason != null) {
      AreaLayers layers = AreaLayers.of(changed, timer);
      AnalysisResult.MethodResult r = method(changed, method, layers, null, null, false, timer);
      return new Rerun(r, layers.layers, timer.seconds(), new Stats(reason, 0, 0, 0, 0, 0, 0));
    }
    AreaLayers layersBefore = baseline.stages().layers;
    AreaLayers layers = layersBefore.with(changed, timer);
    AnalysisResult.MethodStages stages = before.stages();
    AnalysisResult.MethodResult r =
        method(changed, method, layers, stages, layersBefore, false, timer);
    AnalysisResult.MethodStages now = r.stages();
    Stats stats =
        new Stats(
            null,
            now.drawn.origin() == null ? 0 : now.drawn.cellsRedrawn(),
            now.drawn.changed().size(),
            now.drawn.pcnsDissolved(),
            now.residents.placed(),
            now.figured.redone().size(),
            layers.redrawn);
    return new Rerun(r, layers.layers, timer.seconds(), stats);
  }

  /** One method through every stage, from the previous run's stages when given. */
  private static AnalysisResult.MethodResult method(
      AnalysisInputs in,
      CatchmentMethod method,
      AreaLayers layers,
      AnalysisResult.MethodStages before,
      AreaLayers layersBefore,
      boolean coverage,
      StageTimer timer) {
    CatchmentStage.Drawn drawn =
        before == null
            ? CatchmentStage.draw(method, in, timer)
            : CatchmentStage.redraw(before.drawn, method, in, timer);
    boolean regrouped = layersBefore != null && layers.networkAreas != layersBefore.networkAreas;
    Set<String> touched =
        regrouped ? regroupTouched(layers, layersBefore, before, drawn) : Set.of();
    Map<String, PairStage.LayerPairs> pairs =
        PairStage.pairs(drawn, layers, before == null ? null : before.pairs, touched, timer);
    PopulationStage.Residents residents =
        PopulationStage.residents(
            drawn, layers, pairs, before == null ? null : before.residents, touched, in, timer);
    FigureStage.Figured figured =
        FigureStage.figures(
            drawn,
            layers,
            pairs,
            residents,
            before == null ? null : before.drawn,
            before == null ? null : before.figured,
            touched,
            in,
            timer);
    AnalysisResult.MethodStages stages =
        new AnalysisResult.MethodStages(drawn, pairs, residents, figured);
    // the outputs, in the order every exporter reads them
    Map<String, List<Figures.PopulatedPair>> populated = new java.util.LinkedHashMap<>();
    List<Double> byPair = new ArrayList<>();
    for (AreaLayer layer : layers.layers) {
      Map<String, List<Figures.PopulatedPair>> byPcn = figured.joined().get(layer.name());
      List<Figures.PopulatedPair> all = new ArrayList<>();
      for (String code : drawn.byCode().keySet()) {
        List<Figures.PopulatedPair> ps = byPcn.get(code);
        if (ps != null) {
          all.addAll(ps);
        }
      }
      all.forEach(p -> byPair.add(p.population()));
      populated.put(layer.name(), List.copyOf(all));
    }
    PopulationAllocation.Result population =
        new PopulationAllocation.Result(
            residents.mode(),
            residents.byPcn(),
            byPair,
            residents.outside(),
            residents.inSeveral(),
            residents.input(),
            residents.assigned());
    List<PcnFigures> figures = new ArrayList<>(figured.figures().values());
    CoverageStage.Coverage checked =
        coverage ? CoverageStage.check(drawn, residents, in, layers, timer) : null;
    return new AnalysisResult.MethodResult(
        drawn.set(),
        figures,
        populated,
        population,
        checked == null ? null : checked.check(),
        checked == null ? List.of() : checked.gaps(),
        checked == null ? List.of() : checked.overlaps(),
        stages);
  }

  /**
   * The PCNs a regroup of districts touches: those with area or residents in a district whose
   * network area changed (their network-area pairs and figures change), or every PCN when the
   * network areas themselves were added, removed or renamed (their order, hence every index,
   * moves).
   */
  private static Set<String> regroupTouched(
      AreaLayers layers,
      AreaLayers layersBefore,
      AnalysisResult.MethodStages before,
      CatchmentStage.Drawn drawn) {
    Set<String> all = drawn.byCode().keySet();
    if (layers.networkAreas == null
        || layersBefore.networkAreas == null
        || !codes(layers.networkAreas).equals(codes(layersBefore.networkAreas))) {
      return all;
    }
    Set<Integer> moved = new java.util.HashSet<>();
    for (int d = 0; d < layers.groupOf.length; d++) {
      if (layers.groupOf[d] != layersBefore.groupOf[d]) {
        moved.add(d);
      }
    }
    Set<String> touched = new java.util.TreeSet<>();
    PairStage.LayerPairs districts = before.pairs.get(Analysis.DISTRICTS);
    districts
        .sums()
        .forEach(
            (pcn, sums) -> {
              for (int j = 0; j < sums.size(); j++) {
                if (moved.contains(sums.area(j))) {
                  touched.add(pcn);
                  return;
                }
              }
            });
    before
        .residents
        .byArea()
        .get(Analysis.DISTRICTS)
        .forEach(
            (pcn, people) -> {
              if (people.keySet().stream().anyMatch(moved::contains)) {
                touched.add(pcn);
              }
            });
    touched.retainAll(all);
    return touched;
  }

  private static List<String> codes(AreaLayer layer) {
    return layer.areas().stream().map(Area::code).toList();
  }

  /** Why the changed inputs cannot be rerun from the baseline's stages, or null when they can. */
  private static String incompatibility(AnalysisInputs in, AnalysisInputs base) {
    if (!sameGeometry(in.region(), base.region())) {
      return "the study area differs from the baseline's";
    }
    if (in.population() != base.population() && !sameElements(in.population(), base.population())) {
      return "the population differs from the baseline's";
    }
    if (in.populationMode() != base.populationMode()) {
      return "the population mode differs from the baseline's";
    }
    if (!in.sizeBands().equals(base.sizeBands())) {
      return "the size bands differ from the baseline's";
    }
    if (in.otherLayers() != base.otherLayers()
        && !sameElements(in.otherLayers(), base.otherLayers())
        && !in.otherLayers().equals(base.otherLayers())) {
      return "the other area layers differ from the baseline's";
    }
    List<Area> a = in.districts().areas();
    List<Area> b = base.districts().areas();
    if (a.size() != b.size()) {
      return "the districts differ from the baseline's";
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).code().equals(b.get(i).code())
          || !Objects.equals(a.get(i).name(), b.get(i).name())
          || !sameGeometry(a.get(i).geometry(), b.get(i).geometry())) {
        return "district " + a.get(i).code() + " differs from the baseline's";
      }
    }
    return null;
  }

  private static boolean sameGeometry(Geometry a, Geometry b) {
    return a == b || a.equalsExact(b);
  }

  private static <T> boolean sameElements(List<T> a, List<T> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }
}
