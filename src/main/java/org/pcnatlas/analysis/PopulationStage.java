package org.pcnatlas.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.Site;
import org.pcnatlas.catchment.VoronoiCells;
import org.pcnatlas.coverage.CellPlacement;
import org.pcnatlas.coverage.CoverPlacement;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.coverage.UnitPoints;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.overlay.AlignmentPair;

/**
 * The population stage of one method: which PCNs hold each population unit, and so the residents of
 * each PCN and of each (PCN, area) pair, the area being the one that holds the unit in that layer
 * ({@link AreaLayers}). Population-weighted centroids count whole:
 *
 * <ul>
 *   <li>{@code voronoi}: the unit's nearest practice site's cell ({@link CellPlacement}); the units
 *       of a cell shared by practices of several PCNs count in each.
 *   <li>any other method: every catchment covering the unit's point ({@link CoverPlacement}); on a
 *       coverage, only the first by PCN code.
 * </ul>
 *
 * <p>Unit polygons are area-weighted ({@link PopulationAllocation}, with the pairs' polygons), in
 * full each run. After a redraw, only the units the change can move are placed again, and only the
 * PCNs whose units may differ are summed again.
 */
final class PopulationStage {
  private PopulationStage() {}

  /**
   * The residents.
   *
   * @param byPcn residents per PCN code (every PCN with a catchment, 0 when none)
   * @param byArea per layer, per PCN, residents per area index (areas with residents only)
   * @param outside codes of the units in no catchment, in input order
   * @param inSeveral codes of the units counted in more than one PCN, in input order
   * @param dirty PCNs whose figures here may differ from the previous run's
   * @param placed units placed in this run
   */
  record Residents(
      PopulationAllocation.Mode mode,
      Map<String, Double> byPcn,
      Map<String, Map<String, Map<Integer, Double>>> byArea,
      List<String> outside,
      List<String> inSeveral,
      double input,
      double assigned,
      Set<String> dirty,
      int placed,
      CellPlacement cells,
      CoverPlacement cover,
      ProfileSums profiles) {}

  /**
   * The sums of the units' profile vectors ({@link Profiles}), weighted as the residents are, when
   * the inputs have unit attributes.
   *
   * @param vectors per unit (input order), its vector; kept for reruns (the units never change)
   * @param byPcn per PCN code, the sums of its units
   * @param byArea per layer, per PCN, per area index, the sums of the units of that pair
   */
  record ProfileSums(
      Profiles profiles,
      double[][] vectors,
      Map<String, double[]> byPcn,
      Map<String, Map<String, Map<Integer, double[]>>> byArea) {
    /** The figures of a PCN (empty when there is no profile). */
    Map<String, Double> ofPcn(String code) {
      double[] v = byPcn.get(code);
      return v == null ? profiles.empty() : profiles.figures(v);
    }
  }

  /** The units' profile vectors: from the previous run (the same units), or made now. */
  private static double[][] vectors(Profiles profiles, Residents previous, AnalysisInputs in) {
    if (previous != null && previous.profiles() != null) {
      return previous.profiles().vectors();
    }
    return profiles.vectors(in.population());
  }

  /**
   * Sums the profile vectors of the units per PCN and per pair, each unit counted whole in every
   * PCN that holds it (as its residents are), in the pair of the area holding its point.
   */
  private static ProfileSums pointSums(
      AnalysisInputs in, AreaLayers layers, List<List<String>> holders, Residents previous) {
    Profiles profiles = Profiles.of(in.profile());
    if (profiles == null) {
      return null;
    }
    double[][] vectors = vectors(profiles, previous, in);
    Map<String, double[]> byPcn = new HashMap<>();
    Map<String, Map<String, Map<Integer, double[]>>> byArea = new HashMap<>();
    for (AreaLayer layer : layers.layers) {
      byArea.put(layer.name(), new HashMap<>());
    }
    int w = profiles.width();
    for (int u = 0; u < holders.size(); u++) {
      for (String code : holders.get(u)) {
        Profiles.add(byPcn.computeIfAbsent(code, k -> new double[w]), vectors[u], 1);
        for (AreaLayer layer : layers.layers) {
          int a = layers.areaOf.get(layer.name())[u];
          if (a >= 0) {
            Profiles.add(
                byArea
                    .get(layer.name())
                    .computeIfAbsent(code, k -> new HashMap<>())
                    .computeIfAbsent(a, k -> new double[w]),
                vectors[u],
                1);
          }
        }
      }
    }
    return new ProfileSums(profiles, vectors, byPcn, byArea);
  }

  static Residents residents(
      CatchmentStage.Drawn drawn,
      AreaLayers layers,
      Map<String, PairStage.LayerPairs> pairs,
      Residents previous,
      Set<String> regrouped,
      AnalysisInputs in,
      StageTimer timer) {
    return timer.time(
        drawn.method().name() + ".population",
        () -> {
          if (in.populationMode() == PopulationAllocation.Mode.AREA_WEIGHTED) {
            return areaWeighted(drawn, layers, pairs, in);
          }
          UnitPoints units = layers.units;
          int n = units.size();
          Map<String, int[]> unitsOf = new HashMap<>();
          Set<String> dirty;
          CellPlacement cells = null;
          CoverPlacement cover = null;
          int placed;
          // who holds each unit, and the PCNs whose units may differ from the previous run's
          List<List<String>> holders = new ArrayList<>(n);
          if (drawn.voronoi() != null) {
            VoronoiCells vc = drawn.voronoi().cells();
            cells =
                previous != null && previous.cells() != null && drawn.origin() != null
                    ? previous.cells().update(vc, drawn.origin(), units)
                    : CellPlacement.of(vc, units);
            placed = cells.placedAgain();
            List<Site> sites = vc.sites();
            List<List<String>> pcnsOfCell = new ArrayList<>(sites.size());
            sites.forEach(site -> pcnsOfCell.add(site.pcnCodes()));
            dirty = new TreeSet<>(drawn.changed());
            if (previous != null) {
              for (int c = 0; c < cells.cells(); c++) {
                if (cells.changed(c)) {
                  dirty.addAll(pcnsOfCell.get(c));
                }
              }
            }
            if (previous == null) {
              dirty.addAll(drawn.byCode().keySet());
            }
            dirty.addAll(regrouped);
            for (Map.Entry<String, int[]> e : vc.cellsByPcn().entrySet()) {
              if (dirty.contains(e.getKey())) {
                unitsOf.put(e.getKey(), unitsOfCells(cells, e.getValue()));
              }
            }
            for (int u = 0; u < n; u++) {
              int c = cells.cellOf(u);
              holders.add(c < 0 ? List.of() : pcnsOfCell.get(c));
            }
          } else {
            cover =
                previous != null && previous.cover() != null
                    ? previous
                        .cover()
                        .update(drawn.set().pcns(), drawn.changed(), drawn.exclusive(), units)
                    : CoverPlacement.of(drawn.set().pcns(), drawn.exclusive(), units);
            placed = cover.placedAgain();
            dirty = new TreeSet<>(cover.dirty());
            if (previous == null) {
              dirty.addAll(drawn.byCode().keySet());
            }
            dirty.addAll(regrouped);
            for (String code : drawn.byCode().keySet()) {
              if (dirty.contains(code)) {
                unitsOf.put(code, cover.unitsOf(code));
              }
            }
            for (int u = 0; u < n; u++) {
              holders.add(cover.pcnsOf(u));
            }
          }
          dirty.retainAll(drawn.byCode().keySet());
          return sum(drawn, layers, previous, unitsOf, dirty, holders, placed, cells, cover, in);
        });
  }

  /** The units of some cells, ascending. */
  private static int[] unitsOfCells(CellPlacement cells, int[] of) {
    int total = 0;
    for (int c : of) {
      total += cells.unitsOf(c).length;
    }
    int[] out = new int[total];
    int k = 0;
    for (int c : of) {
      int[] us = cells.unitsOf(c);
      System.arraycopy(us, 0, out, k, us.length);
      k += us.length;
    }
    java.util.Arrays.sort(out);
    return out;
  }

  private static Residents sum(
      CatchmentStage.Drawn drawn,
      AreaLayers layers,
      Residents previous,
      Map<String, int[]> unitsOf,
      Set<String> dirty,
      List<List<String>> holders,
      int placed,
      CellPlacement cells,
      CoverPlacement cover,
      AnalysisInputs in) {
    UnitPoints units = layers.units;
    Map<String, Double> byPcn = new TreeMap<>();
    Map<String, Map<String, Map<Integer, Double>>> byArea = new HashMap<>();
    for (AreaLayer layer : layers.layers) {
      byArea.put(layer.name(), new HashMap<>());
    }
    for (Catchment c : drawn.set().pcns()) {
      String code = c.pcnCode();
      int[] us = unitsOf.get(code);
      if (us == null) { // kept from the previous run
        byPcn.put(code, previous.byPcn().get(code));
        for (AreaLayer layer : layers.layers) {
          Map<Integer, Double> old = previous.byArea().get(layer.name()).get(code);
          if (old != null) {
            byArea.get(layer.name()).put(code, old);
          }
        }
        continue;
      }
      long people = 0;
      for (int u : us) {
        people += units.people(u);
      }
      byPcn.put(code, (double) people);
      for (AreaLayer layer : layers.layers) {
        int[] areaOf = layers.areaOf.get(layer.name());
        Map<Integer, Long> at = new TreeMap<>();
        for (int u : us) {
          if (areaOf[u] >= 0) {
            at.merge(areaOf[u], units.people(u), Long::sum);
          }
        }
        if (!at.isEmpty()) {
          Map<Integer, Double> d = new TreeMap<>();
          at.forEach((a, v) -> d.put(a, (double) v));
          byArea.get(layer.name()).put(code, Collections.unmodifiableMap(d));
        }
      }
    }
    List<String> outside = new ArrayList<>();
    List<String> inSeveral = new ArrayList<>();
    double input = 0;
    double assigned = 0;
    for (int u = 0; u < units.size(); u++) {
      long people = units.people(u);
      input += people;
      List<String> h = holders.get(u);
      if (h.isEmpty()) {
        outside.add(units.units().get(u).code());
      } else {
        assigned += people;
        if (h.size() > 1) {
          inSeveral.add(units.units().get(u).code());
        }
      }
    }
    return new Residents(
        PopulationAllocation.Mode.POINTS,
        byPcn,
        byArea,
        outside,
        inSeveral,
        input,
        assigned,
        dirty,
        placed,
        cells,
        cover,
        pointSums(in, layers, holders, previous));
  }

  /** Unit polygons shared out by area, with the polygons of the catchments and the pairs. */
  private static Residents areaWeighted(
      CatchmentStage.Drawn drawn,
      AreaLayers layers,
      Map<String, PairStage.LayerPairs> pairs,
      AnalysisInputs in) {
    List<AlignmentPair> all = new ArrayList<>();
    Map<String, Map<String, Integer>> areaIndex = new HashMap<>();
    for (AreaLayer layer : layers.layers) {
      Map<String, Integer> ix = new HashMap<>();
      for (int a = 0; a < layer.areas().size(); a++) {
        ix.put(layer.areas().get(a).code(), a);
      }
      areaIndex.put(layer.name(), ix);
      PairStage.LayerPairs lp = pairs.get(layer.name());
      for (Catchment c : drawn.set().pcns()) {
        all.addAll(lp.pairs().getOrDefault(c.pcnCode(), List.of()));
      }
    }
    Profiles profiles = Profiles.of(in.profile());
    ProfileSums sums = null;
    PopulationAllocation.Shares sink = null;
    if (profiles != null) {
      // the same shares as the residents: each unit's vector times its share of each catchment/pair
      double[][] vectors = profiles.vectors(in.population());
      List<Catchment> cs = drawn.set().pcns();
      Map<String, double[]> byPcn = new HashMap<>();
      Map<String, Map<String, Map<Integer, double[]>>> pieces = new HashMap<>();
      for (AreaLayer layer : layers.layers) {
        pieces.put(layer.name(), new HashMap<>());
      }
      int w = profiles.width();
      sink =
          (u, catchmentShares, pairShares) -> {
            for (int i = 0; i < catchmentShares.length; i++) {
              if (catchmentShares[i] > 0) {
                Profiles.add(
                    byPcn.computeIfAbsent(cs.get(i).pcnCode(), k -> new double[w]),
                    vectors[u],
                    catchmentShares[i]);
              }
            }
            for (int i = 0; i < pairShares.length; i++) {
              if (pairShares[i] > 0) {
                AlignmentPair p = all.get(i);
                Profiles.add(
                    pieces
                        .get(p.areaLayer())
                        .computeIfAbsent(p.pcnCode(), k -> new HashMap<>())
                        .computeIfAbsent(
                            areaIndex.get(p.areaLayer()).get(p.areaCode()), k -> new double[w]),
                    vectors[u],
                    pairShares[i]);
              }
            }
          };
      sums = new ProfileSums(profiles, vectors, byPcn, pieces);
    }
    PopulationAllocation.Result r =
        PopulationAllocation.allocate(
            drawn.set().pcns(), all, in.population(), in.populationMode(), drawn.exclusive(), sink);
    Map<String, Map<String, Map<Integer, Double>>> byArea = new HashMap<>();
    for (AreaLayer layer : layers.layers) {
      byArea.put(layer.name(), new HashMap<>());
    }
    for (int i = 0; i < all.size(); i++) {
      AlignmentPair p = all.get(i);
      double v = r.byPair().get(i);
      if (v > 0) {
        byArea
            .get(p.areaLayer())
            .computeIfAbsent(p.pcnCode(), k -> new TreeMap<>())
            .merge(areaIndex.get(p.areaLayer()).get(p.areaCode()), v, Double::sum);
      }
    }
    return new Residents(
        r.mode(),
        r.byPcn(),
        byArea,
        r.outside(),
        r.inSeveral(),
        r.input(),
        r.assigned(),
        new TreeSet<>(drawn.byCode().keySet()),
        in.population().size(),
        null,
        null,
        sums);
  }
}
