package org.pcnatlas.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.pcnatlas.coverage.UnitPoints;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.overlay.AreaGroups;
import org.pcnatlas.overlay.AreaIndex;

/**
 * The first stage, shared by every method: the area layers catchments are compared with (districts,
 * their network areas when grouped, then the other layers), each indexed once ({@link AreaIndex}),
 * and the area of each layer that holds each population unit (the first area in layer order whose
 * polygon covers the unit's point). A unit's network area is its district's group, so network areas
 * need no point test.
 *
 * <p>{@link #with} gives the layers of a scenario over the same data: everything is kept, except
 * that regrouped districts dissolve again the network areas whose districts changed (only those).
 */
final class AreaLayers {
  final UnitPoints units;
  final AreaLayer districts;

  /** The network areas, or null when the districts are not grouped. */
  final AreaLayer networkAreas;

  final List<AreaLayer> others;

  /** Districts, network areas (when grouped), then the others: the order of every output. */
  final List<AreaLayer> layers;

  final Map<String, AreaIndex> index;

  /** Per layer name, per unit, the index of the area holding it in that layer, or -1. */
  final Map<String, int[]> areaOf;

  /** Per district (by index), the index of its network area; null when not grouped. */
  final int[] groupOf;

  /** Layers whose areas were drawn again for this run (a regroup: the network areas). */
  final int redrawn;

  private AreaLayers(
      UnitPoints units,
      AreaLayer districts,
      AreaLayer networkAreas,
      List<AreaLayer> others,
      Map<String, AreaIndex> index,
      Map<String, int[]> areaOf,
      int[] groupOf,
      int redrawn) {
    this.units = units;
    this.districts = districts;
    this.networkAreas = networkAreas;
    this.others = List.copyOf(others);
    List<AreaLayer> all = new ArrayList<>();
    all.add(districts);
    if (networkAreas != null) {
      all.add(networkAreas);
    }
    all.addAll(others);
    this.layers = List.copyOf(all);
    this.index = index;
    this.areaOf = areaOf;
    this.groupOf = groupOf;
    this.redrawn = redrawn;
  }

  static AreaLayers of(AnalysisInputs in, StageTimer timer) {
    UnitPoints units = timer.time("units", () -> UnitPoints.of(in.population()));
    AreaLayer network =
        in.grouped()
            ? timer.time(
                "network_areas", () -> AreaGroups.dissolve(in.districts(), Analysis.NETWORK_AREAS))
            : null;
    List<AreaLayer> placed = new ArrayList<>();
    placed.add(in.districts());
    placed.addAll(in.otherLayers());
    Map<String, AreaIndex> index = new LinkedHashMap<>();
    timer.time(
        "areas",
        () -> {
          for (AreaLayer layer : placed) {
            index.put(layer.name(), AreaIndex.of(layer, in.region()));
          }
          if (network != null) {
            index.put(network.name(), AreaIndex.of(network, null));
          }
          return null;
        });
    Map<String, int[]> areaOf = new HashMap<>();
    int[] groupOf =
        timer.time(
            "units.areas",
            () -> {
              for (AreaLayer layer : placed) {
                areaOf.put(layer.name(), place(index.get(layer.name()), units));
              }
              if (network == null) {
                return null;
              }
              int[] groups = groupOf(in.districts(), network);
              areaOf.put(network.name(), regrouped(areaOf.get(Analysis.DISTRICTS), groups));
              return groups;
            });
    return new AreaLayers(
        units, in.districts(), network, in.otherLayers(), index, areaOf, groupOf, 0);
  }

  /**
   * The layers of a scenario's inputs over the same data (the same district geometries, other
   * layers and population; only the districts' groups may differ).
   */
  AreaLayers with(AnalysisInputs in, StageTimer timer) {
    if (in.districts() == districts || sameGroups(in.districts(), districts)) {
      return in.districts() == districts
          ? this
          : new AreaLayers(units, in.districts(), networkAreas, others, index, areaOf, groupOf, 0);
    }
    return timer.time(
        "network_areas",
        () -> {
          Map<String, AreaIndex> ix = new LinkedHashMap<>(index);
          Map<String, int[]> at = new HashMap<>(areaOf);
          ix.remove(Analysis.NETWORK_AREAS);
          at.remove(Analysis.NETWORK_AREAS);
          AreaLayer network = null;
          int[] groups = null;
          int redrawn = 0;
          if (in.grouped()) {
            network =
                networkAreas == null
                    ? AreaGroups.dissolve(in.districts(), Analysis.NETWORK_AREAS)
                    : AreaGroups.regroup(
                        in.districts(), Analysis.NETWORK_AREAS, districts, networkAreas);
            redrawn = 1;
            ix.put(network.name(), AreaIndex.of(network, null));
            groups = groupOf(in.districts(), network);
            at.put(network.name(), regrouped(areaOf.get(Analysis.DISTRICTS), groups));
          }
          return new AreaLayers(units, in.districts(), network, others, ix, at, groups, redrawn);
        });
  }

  private static boolean sameGroups(AreaLayer a, AreaLayer b) {
    if (a.areas().size() != b.areas().size()) {
      return false;
    }
    for (int i = 0; i < a.areas().size(); i++) {
      Area x = a.areas().get(i);
      Area y = b.areas().get(i);
      if (!x.code().equals(y.code()) || !java.util.Objects.equals(x.group(), y.group())) {
        return false;
      }
    }
    return true;
  }

  private static int[] place(AreaIndex ix, UnitPoints units) {
    int[] out = new int[units.size()];
    IntStream.range(0, out.length)
        .parallel()
        .forEach(u -> out[u] = ix.first(units.x(u), units.y(u)));
    return out;
  }

  private static int[] groupOf(AreaLayer districts, AreaLayer network) {
    Map<String, Integer> byCode = new HashMap<>();
    for (int g = 0; g < network.areas().size(); g++) {
      byCode.put(network.areas().get(g).code(), g);
    }
    int[] out = new int[districts.areas().size()];
    for (int d = 0; d < out.length; d++) {
      out[d] = byCode.get(districts.areas().get(d).group());
    }
    return out;
  }

  private static int[] regrouped(int[] district, int[] groupOf) {
    int[] out = new int[district.length];
    for (int u = 0; u < out.length; u++) {
      out[u] = district[u] < 0 ? -1 : groupOf[district[u]];
    }
    return out;
  }

  AreaIndex index(String layer) {
    return index.get(layer);
  }
}
