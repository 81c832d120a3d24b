package org.pcnatlas.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.Figures;
import org.pcnatlas.analysis.PcnFigures;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.CatchmentMethod;
import org.pcnatlas.catchment.CatchmentSet;
import org.pcnatlas.catchment.IncrementalVoronoi;
import org.pcnatlas.catchment.RegistrationCatchments;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.overlay.AlignmentPair;
import org.pcnatlas.overlay.AreaGroups;
import org.pcnatlas.overlay.Overlay;

/**
 * Recomputes one method's analysis under a scenario from the baseline, doing again only what the
 * scenario's changes touch; the result equals {@link #full} on the same inputs.
 *
 * <p>Per method (prepared on first use, then immutable): the catchments with what redrawing them
 * needs, the (PCN, area) pairs per PCN and layer, and for every population unit the catchments
 * covering its point and, per covering PCN and layer, the first pair covering it. A recompute then:
 *
 * <ol>
 *   <li>redraws the catchments: {@code voronoi} with {@link IncrementalVoronoi} (only the cells
 *       whose Delaunay neighbourhood changed, only the PCNs owning changed cells dissolved again);
 *       {@code registration} and {@code registration-min-share} with {@link
 *       RegistrationCatchments#computed} (the assignment table again, the dissolves of catchments
 *       whose LSOAs did not change reused); any other method ({@code distance}, {@code given}) is
 *       computed whole and its PCNs compared with the baseline's geometry by geometry;
 *   <li>overlays only the changed PCNs with each layer ({@link Overlay.Prepared}, layers indexed
 *       once); when the districts' network areas were regrouped, the network areas are dissolved
 *       again ({@link AreaGroups#dissolve}) and every PCN is overlaid with them;
 *   <li>re-allocates only the units that an old or a new geometry of a changed PCN covers (and,
 *       when the catchments start or stop overlapping, the units covered by several), with {@link
 *       PopulationAllocation#allocate}'s rules: on a coverage a point goes to the first covering
 *       catchment by PCN code, and within a PCN to its first pair by area code. Populations are
 *       whole numbers, so the totals are updated by subtracting and adding exactly. In {@link
 *       PopulationAllocation.Mode#AREA_WEIGHTED} mode the population is allocated again in full;
 *   <li>computes the {@link Figures} of the PCNs whose catchment, members, registered list,
 *       residents or pairs changed, and keeps the others.
 * </ol>
 *
 * <p>Inputs that differ from the baseline in anything but the practices, the PCNs, the districts'
 * groups and the method instance (study area, population, population mode, size bands, other
 * layers, district geometries) are computed in full; {@link Stats#fallback()} says why.
 */
public final class IncrementalAnalysis {
  private final AnalysisInputs base;
  private final AnalysisResult baseline;
  private final Map<String, Overlay.Prepared> prepared = new LinkedHashMap<>();
  private final Point[] places;
  private final STRtree unitIndex = new STRtree();
  private final Map<String, String> baseGroups;
  private final Map<String, MethodState> states = new ConcurrentHashMap<>();

  /**
   * What a recompute did.
   *
   * @param fallback why the whole analysis was run instead, or null
   * @param cellsRebuilt Voronoi cells drawn again
   * @param pcnsChanged PCNs whose catchment geometry changed (new and removed ones included)
   * @param pcnsDissolved PCN catchments dissolved again
   * @param unitsReallocated population units placed again
   * @param figuresRecomputed PCNs whose figures were computed again
   * @param layersRecomputed area layers overlaid with every catchment (regrouped network areas)
   */
  public record Stats(
      String fallback,
      int cellsRebuilt,
      int pcnsChanged,
      int pcnsDissolved,
      int unitsReallocated,
      int figuresRecomputed,
      int layersRecomputed) {}

  /** A result with what computing it took. */
  public record Recomputed(ScenarioMethodResult result, Stats stats) {}

  private IncrementalAnalysis(AnalysisResult baseline) {
    this.baseline = baseline;
    this.base = baseline.inputs();
    for (AreaLayer layer : baseline.layers()) {
      prepared.put(layer.name(), Overlay.prepare(layer));
    }
    List<PopulationUnit> units = base.population();
    this.places = new Point[units.size()];
    for (int u = 0; u < units.size(); u++) {
      places[u] = PopulationAllocation.place(units.get(u));
      unitIndex.insert(places[u].getEnvelopeInternal(), u);
    }
    unitIndex.build();
    this.baseGroups = groups(base.districts());
  }

  /** Keeps what recomputing needs from the baseline run; methods are prepared on first use. */
  public static IncrementalAnalysis of(AnalysisResult baseline) {
    return new IncrementalAnalysis(Objects.requireNonNull(baseline, "baseline"));
  }

  /** The reference: {@link Analysis#run} on the changed inputs, projected onto the record. */
  public static ScenarioMethodResult full(AnalysisInputs changed) {
    AnalysisResult r = Analysis.run(changed);
    AnalysisResult.MethodResult m = r.methods().get(0);
    return new ScenarioMethodResult(
        m.catchments(), m.pcns(), r.layers(), m.pairs(), m.population());
  }

  /**
   * The method's result on the changed inputs (one method, named as one of the baseline's).
   *
   * @throws IllegalArgumentException when the inputs hold not exactly one method or one the
   *     baseline did not run
   */
  public ScenarioMethodResult recompute(AnalysisInputs changed) {
    return recomputeWithStats(changed).result();
  }

  /** {@link #recompute} with what it took. */
  public Recomputed recomputeWithStats(AnalysisInputs changed) {
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
    String reason = incompatibility(changed);
    if (reason != null) {
      return new Recomputed(full(changed), new Stats(reason, 0, 0, 0, 0, 0, 0));
    }
    MethodState state =
        states.computeIfAbsent(method.name(), k -> new MethodState(before, base.methods()));
    return state.recompute(changed, method);
  }

  /** Why the changed inputs cannot be recomputed from the baseline, or null when they can. */
  private String incompatibility(AnalysisInputs in) {
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

  private static Map<String, String> groups(AreaLayer districts) {
    Map<String, String> out = new HashMap<>();
    districts.areas().forEach(a -> out.put(a.code(), a.group()));
    return out;
  }

  /** The first pair of each PCN per layer covering each unit, for one method. */
  private final class MethodState {
    private final String name;
    private final IncrementalVoronoi voronoi;
    private final RegistrationCatchments.Computed registration;
    private final Map<String, Catchment> catchments = new TreeMap<>();
    private final boolean exclusive;

    /** Per layer name, per PCN code, its pairs with population, by area code. */
    private final Map<String, Map<String, List<Figures.PopulatedPair>>> pairs = new HashMap<>();

    private final PopulationAllocation.Result population;
    private final Map<String, PcnFigures> figures = new HashMap<>();
    private final Map<String, Pcn> pcns = new HashMap<>();

    /** Per unit, the PCNs whose catchment covers its point, by code. */
    private final String[][] cover;

    /** Per unit, per covering PCN (as in cover), per baseline layer: the first pair's area. */
    private final String[][][] firstArea;

    /** Per PCN, the units its catchment covers. */
    private final Map<String, int[]> unitsOf = new HashMap<>();

    private final List<String> layerNames;

    MethodState(AnalysisResult.MethodResult before, List<CatchmentMethod> methods) {
      this.name = before.method();
      CatchmentMethod method =
          methods.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
      CatchmentSet set;
      if (method instanceof VoronoiCatchments) {
        voronoi = IncrementalVoronoi.of(base.practices(), base.region());
        registration = null;
        set = voronoi.baseline();
      } else if (method instanceof RegistrationCatchments r) {
        voronoi = null;
        registration = r.computed(base.practices(), base.region(), null);
        set = registration.catchments();
      } else {
        voronoi = null;
        registration = null;
        set = before.catchments();
      }
      set.pcns().forEach(c -> catchments.put(c.pcnCode(), c));
      exclusive = !set.overlapping();
      population = before.population();
      before.pcns().forEach(f -> figures.put(f.pcnCode(), f));
      base.pcns().forEach(p -> pcns.put(p.code(), p));
      layerNames = baseline.layers().stream().map(AreaLayer::name).toList();
      before
          .pairs()
          .forEach(
              (layer, list) -> {
                Map<String, List<Figures.PopulatedPair>> byPcn = new HashMap<>();
                list.forEach(
                    p -> byPcn.computeIfAbsent(p.pair().pcnCode(), k -> new ArrayList<>()).add(p));
                pairs.put(layer, byPcn);
              });
      // which catchments cover each unit, and per covering PCN and layer the first pair
      List<Catchment> list = set.pcns();
      PopulationAllocation.Covering covering =
          new PopulationAllocation.Covering(list.stream().map(Catchment::geometry).toList());
      List<List<AlignmentPair>> layerPairs = new ArrayList<>();
      List<PopulationAllocation.Covering> pairCovering = new ArrayList<>();
      for (String layer : layerNames) {
        List<AlignmentPair> ps =
            before.pairs().get(layer).stream().map(Figures.PopulatedPair::pair).toList();
        layerPairs.add(ps);
        pairCovering.add(
            new PopulationAllocation.Covering(ps.stream().map(AlignmentPair::geometry).toList()));
      }
      int n = places.length;
      cover = new String[n][];
      firstArea = new String[n][][];
      Map<String, List<Integer>> units = new HashMap<>();
      IntStream.range(0, n)
          .parallel()
          .forEach(
              u -> {
                int[] is = covering.covering(places[u]);
                String[] codes = new String[is.length];
                String[][] first = new String[is.length][layerNames.size()];
                for (int k = 0; k < is.length; k++) {
                  codes[k] = list.get(is[k]).pcnCode();
                }
                for (int j = 0; j < layerNames.size(); j++) {
                  for (int pi : pairCovering.get(j).covering(places[u])) {
                    AlignmentPair p = layerPairs.get(j).get(pi);
                    int k = Arrays.asList(codes).indexOf(p.pcnCode());
                    if (k >= 0 && first[k][j] == null) {
                      first[k][j] = p.areaCode();
                    }
                  }
                }
                cover[u] = codes;
                firstArea[u] = first;
              });
      for (int u = 0; u < n; u++) {
        for (String c : cover[u]) {
          units.computeIfAbsent(c, k -> new ArrayList<>()).add(u);
        }
      }
      units.forEach((c, us) -> unitsOf.put(c, us.stream().mapToInt(Integer::intValue).toArray()));
    }

    Recomputed recompute(AnalysisInputs in, CatchmentMethod method) {
      // 1. catchments
      CatchmentSet set;
      Set<String> changed = new HashSet<>();
      int cellsRebuilt = 0;
      int dissolved;
      if (voronoi != null && method instanceof VoronoiCatchments) {
        IncrementalVoronoi.Update u = voronoi.update(in.practices());
        set = u.catchments();
        changed.addAll(u.changedPcns());
        cellsRebuilt = u.cellsRebuilt();
        dissolved = u.pcnsDissolved();
      } else if (registration != null && method instanceof RegistrationCatchments r) {
        RegistrationCatchments.Computed c = r.computed(in.practices(), in.region(), registration);
        set = c.catchments();
        changed.addAll(registration.pcns().keySet());
        changed.removeAll(c.pcns().keySet());
        c.pcns()
            .forEach(
                (pcn, d) -> {
                  if (registration.pcns().get(pcn) != d) {
                    changed.add(pcn);
                  }
                });
        dissolved = changed.size();
      } else {
        set = method.compute(in.practices(), in.region());
        changed.addAll(catchments.keySet());
        for (Catchment c : set.pcns()) {
          Catchment old = catchments.get(c.pcnCode());
          if (old != null && old.geometry().equalsExact(c.geometry())) {
            changed.remove(c.pcnCode());
          } else {
            changed.add(c.pcnCode());
          }
        }
        dissolved = set.pcns().size();
      }
      boolean nowExclusive = !set.overlapping();

      // 2. layers and pairs
      List<AreaLayer> layers = new ArrayList<>();
      Set<String> redoneLayers = new HashSet<>();
      layers.add(in.districts());
      if (in.grouped()) {
        if (base.grouped() && groups(in.districts()).equals(baseGroups)) {
          layers.add(baseline.layers().get(1));
        } else {
          layers.add(AreaGroups.dissolve(in.districts(), Analysis.NETWORK_AREAS));
          redoneLayers.add(Analysis.NETWORK_AREAS);
        }
      }
      layers.addAll(in.otherLayers().isEmpty() ? List.of() : otherLayers());
      List<Catchment> changedCatchments =
          set.pcns().stream().filter(c -> changed.contains(c.pcnCode())).toList();
      Map<String, List<AlignmentPair>> newPairs = new LinkedHashMap<>();
      Map<String, Map<String, List<AlignmentPair>>> changedPairs = new HashMap<>();
      for (AreaLayer layer : layers) {
        boolean all = redoneLayers.contains(layer.name());
        Overlay.Prepared index = all ? Overlay.prepare(layer) : prepared.get(layer.name());
        List<AlignmentPair> fresh = index.pairs(all ? set.pcns() : changedCatchments);
        Map<String, List<AlignmentPair>> freshByPcn = new HashMap<>();
        fresh.forEach(p -> freshByPcn.computeIfAbsent(p.pcnCode(), k -> new ArrayList<>()).add(p));
        changedPairs.put(layer.name(), freshByPcn);
        List<AlignmentPair> out = new ArrayList<>();
        Map<String, List<Figures.PopulatedPair>> old = pairs.get(layer.name());
        for (Catchment c : set.pcns()) {
          if (all || changed.contains(c.pcnCode())) {
            out.addAll(freshByPcn.getOrDefault(c.pcnCode(), List.of()));
          } else {
            old.getOrDefault(c.pcnCode(), List.of()).forEach(p -> out.add(p.pair()));
          }
        }
        newPairs.put(layer.name(), out);
      }

      // 3. population
      int reallocated;
      PopulationAllocation.Result pop;
      if (in.populationMode() != PopulationAllocation.Mode.POINTS) {
        List<AlignmentPair> all = newPairs.values().stream().flatMap(List::stream).toList();
        pop =
            PopulationAllocation.allocate(
                set.pcns(), all, in.population(), in.populationMode(), nowExclusive);
        reallocated = places.length;
      } else {
        Reallocation r =
            new Reallocation(set, changed, nowExclusive, newPairs, changedPairs, redoneLayers);
        pop = r.result();
        reallocated = r.units();
      }
      Map<String, List<Figures.PopulatedPair>> populated = new LinkedHashMap<>();
      int offset = 0;
      for (Map.Entry<String, List<AlignmentPair>> e : newPairs.entrySet()) {
        List<AlignmentPair> ps = e.getValue();
        List<Figures.PopulatedPair> out = new ArrayList<>(ps.size());
        for (int i = 0; i < ps.size(); i++) {
          out.add(new Figures.PopulatedPair(ps.get(i), pop.byPair().get(offset + i)));
        }
        populated.put(e.getKey(), out);
        offset += ps.size();
      }

      // 4. figures
      Map<String, Pcn> nowPcns = new HashMap<>();
      in.pcns().forEach(p -> nowPcns.put(p.code(), p));
      Set<String> dirty = new HashSet<>(changed);
      boolean allDirty =
          redoneLayers.contains(Analysis.NETWORK_AREAS) || in.grouped() != base.grouped();
      Map<String, List<Figures.PopulatedPair>> districtsByPcn =
          byPcn(populated.get(Analysis.DISTRICTS));
      Map<String, List<Figures.PopulatedPair>> networkByPcn =
          in.grouped() ? byPcn(populated.get(Analysis.NETWORK_AREAS)) : Map.of();
      for (Catchment c : set.pcns()) {
        String code = c.pcnCode();
        Catchment old = catchments.get(code);
        if (allDirty
            || old == null
            || !figures.containsKey(code)
            || !old.pcnName().equals(c.pcnName())
            || !old.practiceCodes().equals(c.practiceCodes())
            || !Objects.equals(pcns.get(code), nowPcns.get(code))
            || !Objects.equals(population.byPcn().get(code), pop.byPcn().get(code))
            || !samePopulations(pairs.get(Analysis.DISTRICTS), districtsByPcn, code)
            || (in.grouped()
                && !samePopulations(pairs.get(Analysis.NETWORK_AREAS), networkByPcn, code))) {
          dirty.add(code);
        }
      }
      List<Catchment> dirtyCatchments =
          set.pcns().stream().filter(c -> dirty.contains(c.pcnCode())).toList();
      List<PcnFigures> computed =
          Figures.compute(
              name,
              in.pcns(),
              dirtyCatchments,
              pop,
              pairsOf(districtsByPcn, dirty),
              in.grouped() ? pairsOf(networkByPcn, dirty) : null,
              in.sizeBands());
      Map<String, PcnFigures> byCode = new HashMap<>();
      computed.forEach(f -> byCode.put(f.pcnCode(), f));
      List<PcnFigures> out = new ArrayList<>();
      for (Catchment c : set.pcns()) {
        out.add(dirty.contains(c.pcnCode()) ? byCode.get(c.pcnCode()) : figures.get(c.pcnCode()));
      }
      ScenarioMethodResult result = new ScenarioMethodResult(set, out, layers, populated, pop);
      Stats stats =
          new Stats(
              null,
              cellsRebuilt,
              changed.size(),
              dissolved,
              reallocated,
              dirtyCatchments.size(),
              redoneLayers.size());
      return new Recomputed(result, stats);
    }

    private List<AreaLayer> otherLayers() {
      return baseline.layers().subList(base.grouped() ? 2 : 1, baseline.layers().size());
    }

    private boolean samePopulations(
        Map<String, List<Figures.PopulatedPair>> old,
        Map<String, List<Figures.PopulatedPair>> now,
        String pcn) {
      List<Figures.PopulatedPair> a = old == null ? null : old.get(pcn);
      List<Figures.PopulatedPair> b = now.get(pcn);
      if (a == null || b == null) {
        return a == b;
      }
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).population() != b.get(i).population()
            || !a.get(i).pair().areaCode().equals(b.get(i).pair().areaCode())) {
          return false;
        }
      }
      return true;
    }

    /**
     * The population of the changed inputs, placing again only the units that an old or new
     * geometry of a changed PCN covers (all of them for a layer overlaid again).
     */
    private final class Reallocation {
      private final PopulationAllocation.Result result;
      private final int units;

      Reallocation(
          CatchmentSet set,
          Set<String> changed,
          boolean nowExclusive,
          Map<String, List<AlignmentPair>> newPairs,
          Map<String, Map<String, List<AlignmentPair>>> changedPairs,
          Set<String> redoneLayers) {
        List<PopulationUnit> unitList = base.population();
        // the units to place again
        Set<Integer> affected = new HashSet<>();
        for (String pcn : changed) {
          for (int u : unitsOf.getOrDefault(pcn, new int[0])) {
            affected.add(u);
          }
        }
        if (nowExclusive != exclusive) {
          for (int u = 0; u < cover.length; u++) {
            if (cover[u].length > 1) {
              affected.add(u);
            }
          }
        }
        List<Catchment> newGeoms =
            set.pcns().stream()
                .filter(c -> changed.contains(c.pcnCode()) && !c.geometry().isEmpty())
                .toList();
        Map<Integer, List<String>> newCover = new HashMap<>();
        for (Catchment c : newGeoms) {
          PreparedGeometry pg = PreparedGeometryFactory.prepare(c.geometry());
          @SuppressWarnings("unchecked")
          List<Integer> candidates = unitIndex.query(c.geometry().getEnvelopeInternal());
          for (int u : candidates) {
            if (pg.covers(places[u])) {
              affected.add(u);
              newCover.computeIfAbsent(u, k -> new ArrayList<>()).add(c.pcnCode());
            }
          }
        }
        // prepared pairs of changed PCNs (and of every PCN in a layer overlaid again)
        Map<String, Map<String, List<PreparedPair>>> preparedPairs = new HashMap<>();
        changedPairs.forEach(
            (layer, byPcn) -> {
              Map<String, List<PreparedPair>> m = new HashMap<>();
              byPcn.forEach(
                  (pcn, ps) ->
                      m.put(
                          pcn,
                          ps.stream()
                              .map(
                                  p ->
                                      new PreparedPair(
                                          p.areaCode(),
                                          PreparedGeometryFactory.prepare(p.geometry())))
                              .toList()));
              preparedPairs.put(layer, m);
            });
        Map<String, Double> byPcn = new TreeMap<>();
        for (Catchment c : set.pcns()) {
          Double before = population.byPcn().get(c.pcnCode());
          byPcn.put(c.pcnCode(), before == null || changed.contains(c.pcnCode()) ? 0.0 : before);
        }
        // pair deltas: layer -> pcn -> area -> population
        Map<String, Map<String, Map<String, Double>>> delta = new HashMap<>();
        boolean[] outside = new boolean[cover.length];
        boolean[] several = new boolean[cover.length];
        Set<String> outsideBefore = new HashSet<>(population.outside());
        Set<String> severalBefore = new HashSet<>(population.inSeveral());
        for (int u = 0; u < cover.length; u++) {
          outside[u] = outsideBefore.contains(unitList.get(u).code());
          several[u] = severalBefore.contains(unitList.get(u).code());
        }
        double assigned = population.assigned();
        List<String> layerOrder = new ArrayList<>(newPairs.keySet());
        int[] sorted = affected.stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int u : sorted) {
          double people = unitList.get(u).population();
          String[] oldCover = cover[u];
          List<String> nowCover = new ArrayList<>();
          for (String c : oldCover) {
            if (!changed.contains(c)) {
              nowCover.add(c);
            }
          }
          nowCover.addAll(newCover.getOrDefault(u, List.of()));
          nowCover.sort(null);
          List<Integer> oldChosen = chosen(oldCover.length, exclusive);
          List<String> nowChosen =
              nowExclusive && nowCover.size() > 1 ? nowCover.subList(0, 1) : nowCover;
          // take the old placement out (only where the baseline's figures are reused)
          if (!oldChosen.isEmpty()) {
            assigned -= people;
          }
          for (int k : oldChosen) {
            String pcn = oldCover[k];
            if (changed.contains(pcn)) {
              continue;
            }
            byPcn.computeIfPresent(pcn, (key, v) -> v - people);
            for (int j = 0; j < layerNames.size(); j++) {
              String layer = layerNames.get(j);
              String area = firstArea[u][k][j];
              if (area != null && !redoneLayers.contains(layer) && newPairs.containsKey(layer)) {
                add(delta, layer, pcn, area, -people);
              }
            }
          }
          // and the new one in
          if (!nowChosen.isEmpty()) {
            assigned += people;
          }
          outside[u] = nowChosen.isEmpty();
          several[u] = nowChosen.size() > 1;
          for (String pcn : nowChosen) {
            byPcn.merge(pcn, people, Double::sum);
            for (String layer : layerOrder) {
              if (redoneLayers.contains(layer)) {
                continue;
              }
              String area = firstAreaNow(u, pcn, layer, changed, preparedPairs);
              if (area != null) {
                add(delta, layer, pcn, area, people);
              }
            }
          }
        }
        // a layer overlaid again: every unit placed in it afresh
        Set<Integer> affectedSet = affected;
        for (String layer : redoneLayers) {
          for (int u = 0; u < cover.length; u++) {
            List<String> now;
            if (affectedSet.contains(u)) {
              List<String> nowCover = new ArrayList<>();
              for (String c : cover[u]) {
                if (!changed.contains(c)) {
                  nowCover.add(c);
                }
              }
              nowCover.addAll(newCover.getOrDefault(u, List.of()));
              nowCover.sort(null);
              now = nowExclusive && nowCover.size() > 1 ? nowCover.subList(0, 1) : nowCover;
            } else {
              now = new ArrayList<>();
              for (int k : chosen(cover[u].length, exclusive)) {
                now.add(cover[u][k]);
              }
            }
            for (String pcn : now) {
              String area = firstPrepared(preparedPairs.get(layer).get(pcn), places[u]);
              if (area != null) {
                add(delta, layer, pcn, area, unitList.get(u).population());
              }
            }
          }
        }
        List<Double> byPair = new ArrayList<>();
        for (Map.Entry<String, List<AlignmentPair>> e : newPairs.entrySet()) {
          String layer = e.getKey();
          Map<String, List<Figures.PopulatedPair>> old = pairs.get(layer);
          Map<String, Map<String, Double>> d = delta.getOrDefault(layer, Map.of());
          for (AlignmentPair p : e.getValue()) {
            double v = 0;
            if (!redoneLayers.contains(layer) && !changed.contains(p.pcnCode()) && old != null) {
              v = oldPopulation(old, p);
            }
            Double change = d.getOrDefault(p.pcnCode(), Map.of()).get(p.areaCode());
            byPair.add(change == null ? v : v + change);
          }
        }
        List<String> out = new ArrayList<>();
        List<String> sev = new ArrayList<>();
        for (int u = 0; u < cover.length; u++) {
          if (outside[u]) {
            out.add(unitList.get(u).code());
          }
          if (several[u]) {
            sev.add(unitList.get(u).code());
          }
        }
        this.result =
            new PopulationAllocation.Result(
                PopulationAllocation.Mode.POINTS,
                byPcn,
                byPair,
                out,
                sev,
                population.input(),
                assigned);
        this.units = sorted.length;
      }

      PopulationAllocation.Result result() {
        return result;
      }

      int units() {
        return units;
      }

      private List<Integer> chosen(int covering, boolean exclusiveRule) {
        if (covering == 0) {
          return List.of();
        }
        if (exclusiveRule) {
          return List.of(0);
        }
        return IntStream.range(0, covering).boxed().toList();
      }

      private String firstAreaNow(
          int u,
          String pcn,
          String layer,
          Set<String> changed,
          Map<String, Map<String, List<PreparedPair>>> preparedPairs) {
        if (changed.contains(pcn)) {
          return firstPrepared(preparedPairs.get(layer).get(pcn), places[u]);
        }
        int k = Arrays.asList(cover[u]).indexOf(pcn);
        int j = layerNames.indexOf(layer);
        if (k < 0 || j < 0) {
          throw new IllegalStateException(
              "unit " + u + " is newly placed in unchanged PCN " + pcn + " or layer " + layer);
        }
        return firstArea[u][k][j];
      }

      private double oldPopulation(Map<String, List<Figures.PopulatedPair>> old, AlignmentPair p) {
        for (Figures.PopulatedPair pp : old.getOrDefault(p.pcnCode(), List.of())) {
          if (pp.pair().areaCode().equals(p.areaCode())) {
            return pp.population();
          }
        }
        return 0;
      }
    }
  }

  private record PreparedPair(String areaCode, PreparedGeometry geometry) {}

  private static String firstPrepared(List<PreparedPair> pairs, Point p) {
    if (pairs == null) {
      return null;
    }
    for (PreparedPair pp : pairs) {
      if (pp.geometry().covers(p)) {
        return pp.areaCode();
      }
    }
    return null;
  }

  private static void add(
      Map<String, Map<String, Map<String, Double>>> delta,
      String layer,
      String pcn,
      String area,
      double people) {
    delta
        .computeIfAbsent(layer, k -> new HashMap<>())
        .computeIfAbsent(pcn, k -> new HashMap<>())
        .merge(area, people, Double::sum);
  }

  private static Map<String, List<Figures.PopulatedPair>> byPcn(List<Figures.PopulatedPair> list) {
    Map<String, List<Figures.PopulatedPair>> out = new HashMap<>();
    if (list != null) {
      list.forEach(p -> out.computeIfAbsent(p.pair().pcnCode(), k -> new ArrayList<>()).add(p));
    }
    return out;
  }

  private static List<Figures.PopulatedPair> pairsOf(
      Map<String, List<Figures.PopulatedPair>> byPcn, Set<String> pcns) {
    List<Figures.PopulatedPair> out = new ArrayList<>();
    byPcn.forEach(
        (pcn, ps) -> {
          if (pcns.contains(pcn)) {
            out.addAll(ps);
          }
        });
    return out;
  }
}
