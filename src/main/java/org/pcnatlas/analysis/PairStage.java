package org.pcnatlas.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.Catchments;
import org.pcnatlas.catchment.VoronoiCells;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.overlay.AlignmentPair;
import org.pcnatlas.overlay.AreaIndex;
import org.pcnatlas.overlay.CellOverlay;
import org.pcnatlas.overlay.Overlay;

/**
 * The pair stage of one method: per area layer, the area each PCN's catchment shares with each
 * area, and the (PCN, area) pairs of at least {@link Overlay#MIN_AREA_M2}.
 *
 * <ul>
 *   <li>{@code voronoi}: the cells are overlaid, not the catchments ({@link CellOverlay}: a cell
 *       inside one area counts whole, only cells crossing an area edge are clipped), summed per
 *       PCN; a pair's polygon is drawn only when an output asks for it (the catchment itself when
 *       all its cells lie inside the area).
 *   <li>any other method: each catchment with the candidate areas of the layer's index (prepared
 *       {@code intersects} and {@code containsProperly} before any overlay), in parallel.
 *   <li>network areas: a district belongs to one network area, so a PCN's area in a network area is
 *       the sum of its areas in that network area's districts: no overlay at all.
 * </ul>
 *
 * <p>After a redraw, only the PCNs whose catchment changed are overlaid again (the cells kept keep
 * their pieces); the others keep their pairs. After a regroup, only the network-area sums are made
 * again, from the district sums.
 */
final class PairStage {
  private PairStage() {}

  /**
   * One method's pairs with one layer.
   *
   * @param sums per PCN, the area it shares with each area (before the 1 m² filter)
   * @param pairs per PCN, its pairs of at least 1 m², by area code
   * @param cells the cell overlay (voronoi, layers overlaid), else null
   */
  record LayerPairs(
      String layer,
      Map<String, Overlay.Sums> sums,
      Map<String, List<AlignmentPair>> pairs,
      CellOverlay cells) {}

  /**
   * The pairs of every layer, in layer order.
   *
   * @param previous the previous run's pairs (null: none), for a redraw
   * @param regrouped the PCNs a regroup of the districts touches (their network-area pairs are
   *     summed again)
   */
  static Map<String, LayerPairs> pairs(
      CatchmentStage.Drawn drawn,
      AreaLayers layers,
      Map<String, LayerPairs> previous,
      Set<String> regrouped,
      StageTimer timer) {
    String m = drawn.method().name();
    return timer.time(
        m + ".pairs",
        () -> {
          Set<String> todo = previous == null ? drawn.byCode().keySet() : changedPresent(drawn);
          Map<String, LayerPairs> out = new LinkedHashMap<>();
          for (AreaLayer layer : layers.layers) {
            if (layer == layers.networkAreas) {
              Set<String> network;
              if (previous == null || !previous.containsKey(layer.name())) {
                network = drawn.byCode().keySet();
              } else {
                network = new TreeSet<>(todo);
                network.addAll(regrouped);
              }
              out.put(
                  layer.name(),
                  networkPairs(
                      drawn,
                      layers,
                      out.get(Analysis.DISTRICTS),
                      previous == null ? null : previous.get(layer.name()),
                      network));
            } else {
              out.put(
                  layer.name(),
                  overlaid(
                      drawn,
                      layers.index(layer.name()),
                      previous == null ? null : previous.get(layer.name()),
                      todo));
            }
          }
          return out;
        });
  }

  private static Set<String> changedPresent(CatchmentStage.Drawn drawn) {
    Set<String> out = new TreeSet<>(drawn.changed());
    out.retainAll(drawn.byCode().keySet());
    return out;
  }

  /** A layer overlaid with the catchments (or their cells) of the PCNs {@code todo}. */
  private static LayerPairs overlaid(
      CatchmentStage.Drawn drawn, AreaIndex index, LayerPairs before, Set<String> todo) {
    String name = index.layer().name();
    List<String> codes = new ArrayList<>(todo);
    Overlay.Sums[] sums = new Overlay.Sums[codes.size()];
    List<List<AlignmentPair>> pairs = new ArrayList<>(Collections.nCopies(codes.size(), null));
    CellOverlay cells = null;
    if (drawn.voronoi() != null) {
      VoronoiCells vc = drawn.voronoi().cells();
      cells =
          before != null && before.cells() != null && drawn.origin() != null
              ? before.cells().update(vc, drawn.origin())
              : CellOverlay.of(vc, index);
      CellOverlay overlay = cells;
      Map<String, int[]> cellsOf = vc.cellsByPcn();
      IntStream.range(0, codes.size())
          .parallel()
          .forEach(
              k -> {
                Catchment c = drawn.byCode().get(codes.get(k));
                int[] is = cellsOf.getOrDefault(c.pcnCode(), new int[0]);
                sums[k] = overlay.sums(is);
                pairs.set(
                    k,
                    pairsOf(
                        c,
                        name,
                        index,
                        sums[k],
                        a -> {
                          if (overlay.allWhole(is, a)) {
                            return () -> c.geometry();
                          }
                          // one overlay of the catchment with the piece of the area around it:
                          // cheaper than one per crossing cell
                          return () ->
                              Overlay.intersection(
                                  c.geometry(), index.pieces(a).pieceFor(c.geometry()));
                        },
                        null));
              });
    } else {
      IntStream.range(0, codes.size())
          .parallel()
          .forEach(
              k -> {
                Catchment c = drawn.byCode().get(codes.get(k));
                List<Overlay.Piece> pieces = Overlay.pieces(c.geometry(), index);
                int[] as = new int[pieces.size()];
                double[] ms = new double[pieces.size()];
                Map<Integer, Geometry> geometry = new HashMap<>();
                for (int j = 0; j < as.length; j++) {
                  as[j] = pieces.get(j).area();
                  ms[j] = pieces.get(j).m2();
                  geometry.put(as[j], pieces.get(j).geometry());
                }
                sums[k] = new Overlay.Sums(as, ms);
                pairs.set(k, pairsOf(c, name, index, sums[k], null, geometry));
              });
    }
    return assemble(name, drawn, before, codes, sums, pairs, cells);
  }

  /** The network-area pairs of the PCNs {@code todo}, from their district sums. */
  private static LayerPairs networkPairs(
      CatchmentStage.Drawn drawn,
      AreaLayers layers,
      LayerPairs districts,
      LayerPairs before,
      Set<String> todo) {
    AreaLayer network = layers.networkAreas;
    AreaIndex index = layers.index(network.name());
    int[] groupOf = layers.groupOf;
    List<String> codes = new ArrayList<>(todo);
    Overlay.Sums[] sums = new Overlay.Sums[codes.size()];
    List<List<AlignmentPair>> pairs = new ArrayList<>(Collections.nCopies(codes.size(), null));
    for (int k = 0; k < codes.size(); k++) {
      Catchment c = drawn.byCode().get(codes.get(k));
      Overlay.Sums d = districts.sums().get(c.pcnCode());
      double[] byGroup = new double[network.areas().size()];
      boolean[] met = new boolean[byGroup.length];
      int count = 0;
      for (int j = 0; j < d.size(); j++) {
        int g = groupOf[d.area(j)];
        byGroup[g] += d.m2(j);
        if (!met[g]) {
          met[g] = true;
          count++;
        }
      }
      int[] as = new int[count];
      double[] ms = new double[count];
      int n = 0;
      for (int g = 0; g < byGroup.length; g++) {
        if (met[g]) {
          as[n] = g;
          ms[n++] = byGroup[g];
        }
      }
      sums[k] = new Overlay.Sums(as, ms);
      boolean oneGroup = count == 1;
      pairs.set(
          k,
          pairsOf(
              c,
              network.name(),
              index,
              sums[k],
              a -> {
                if (oneGroup) {
                  return () -> c.geometry();
                }
                List<AlignmentPair> inDistricts =
                    districts.pairs().getOrDefault(c.pcnCode(), List.of());
                String group = network.areas().get(a).code();
                return () -> districtsIn(inDistricts, layers.districts, group);
              },
              null));
    }
    return assemble(network.name(), drawn, before, codes, sums, pairs, null);
  }

  /** The part of a PCN's catchment in a network area: its district pairs there, dissolved. */
  static Geometry districtsIn(List<AlignmentPair> pairs, AreaLayer districts, String group) {
    Map<String, String> groupOf = new HashMap<>();
    districts.areas().forEach(d -> groupOf.put(d.code(), d.group()));
    List<Geometry> parts = new ArrayList<>();
    for (AlignmentPair p : pairs) {
      if (group.equals(groupOf.get(p.areaCode()))) {
        parts.add(p.geometry());
      }
    }
    return Catchments.dissolveCoverage(parts).geometry();
  }

  /** A way to draw a pair's polygon, per area index. */
  private interface Drawer {
    Supplier<Geometry> of(int area);
  }

  /**
   * The pairs of one PCN of at least 1 m², by area code: polygons known ({@code geometry}) or drawn
   * on demand ({@code drawer}).
   */
  private static List<AlignmentPair> pairsOf(
      Catchment c,
      String layer,
      AreaIndex index,
      Overlay.Sums sums,
      Drawer drawer,
      Map<Integer, Geometry> geometry) {
    double total = c.geometry().getArea();
    List<AlignmentPair> out = new ArrayList<>();
    for (int j = 0; j < sums.size(); j++) {
      double m2 = sums.m2(j);
      if (m2 < Overlay.MIN_AREA_M2 || !(total > 0)) {
        continue;
      }
      int a = sums.area(j);
      Area area = index.area(a);
      out.add(
          geometry != null
              ? new AlignmentPair(
                  c.pcnCode(), layer, area.code(), area.name(), geometry.get(a), m2, m2 / total)
              : AlignmentPair.lazy(
                  c.pcnCode(), layer, area.code(), area.name(), drawer.of(a), m2, m2 / total));
    }
    out.sort(Comparator.comparing(AlignmentPair::areaCode));
    return List.copyOf(out);
  }

  /** The PCNs done now, and the others as they were before. */
  private static LayerPairs assemble(
      String layer,
      CatchmentStage.Drawn drawn,
      LayerPairs before,
      List<String> codes,
      Overlay.Sums[] sums,
      List<List<AlignmentPair>> pairs,
      CellOverlay cells) {
    Map<String, Overlay.Sums> s = new HashMap<>();
    Map<String, List<AlignmentPair>> p = new HashMap<>();
    if (before != null) {
      for (String code : drawn.byCode().keySet()) {
        Overlay.Sums old = before.sums().get(code);
        if (old != null) {
          s.put(code, old);
          p.put(code, before.pairs().get(code));
        }
      }
    }
    for (int k = 0; k < codes.size(); k++) {
      s.put(codes.get(k), sums[k]);
      p.put(codes.get(k), pairs.get(k));
    }
    return new LayerPairs(layer, s, p, cells);
  }
}
