package org.pcnatlas.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.catchment.NearestPractice;
import org.pcnatlas.catchment.VoronoiCells;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.overlay.CellOverlay;

/**
 * Resident population per PCN and per (PCN, area) for Voronoi catchments, by population-weighted
 * centroid, without a point-in-polygon test against the catchments.
 *
 * <p>The Voronoi cell holding a centroid is the one of its nearest practice site ({@link
 * NearestPractice}, a 2-d tree), so the unit goes to that cell's PCN(s). Only when that cell
 * crosses the study area boundary is the centroid tested against the study area (a centroid outside
 * it, or on its edge, is in no catchment). The area holding the centroid comes from the cell
 * overlay: a cell inside one area gives it at once, otherwise only the cell's own areas are tested
 * ({@link CellOverlay#areaContaining}). The result is the one a "catchment contains the centroid"
 * and "area contains the centroid" test gives, except for centroids exactly on a cell edge, which
 * go to the nearest site first in site order (one PCN only, as on a coverage).
 *
 * <p>Units are never dropped: those outside every catchment and those outside every area are
 * listed, so population is conserved.
 */
public final class CellPopulation {
  /** The population of one (PCN, area) pair. */
  public record PairPopulation(String pcnCode, String areaCode, long population) {}

  /**
   * The allocation.
   *
   * @param byPcn population per PCN code (every PCN of the cells present, 0 when none)
   * @param byPair population per (PCN, area) pair with at least one unit, sorted by PCN code then
   *     area code
   * @param outside codes of the units in no catchment (outside the study area or on its edge)
   * @param outsideAreas codes of the units in no area of the layer
   * @param inSeveral codes of the units counted in more than one PCN (a site shared by practices of
   *     several PCNs)
   * @param input total population of the units
   * @param assigned population in at least one catchment, each unit counted once
   */
  public record Result(
      Map<String, Long> byPcn,
      List<PairPopulation> byPair,
      List<String> outside,
      List<String> outsideAreas,
      List<String> inSeveral,
      long input,
      long assigned) {}

  private CellPopulation() {}

  /**
   * Allocates the units.
   *
   * @param cells the Voronoi cells
   * @param overlay the same cells overlaid with an area layer ({@link CellOverlay#of})
   * @param region the study area the cells were clipped to
   */
  public static Result allocate(
      VoronoiCells cells, CellOverlay overlay, Geometry region, List<PopulationUnit> units) {
    if (overlay.size() != cells.size()) {
      throw new IllegalArgumentException(
          "the overlay has " + overlay.size() + " cells, not " + cells.size());
    }
    List<String> pcnCodes = new ArrayList<>(cells.cellsByPcn().keySet());
    int[][] pcnsOfCell = pcnsOfCell(cells, pcnCodes);
    NearestPractice nearest = cells.nearest();
    IndexedPointInAreaLocator inRegion = new IndexedPointInAreaLocator(region);
    int n = units.size();
    int[] cellOf = new int[n];
    int[] areaOf = new int[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            u -> {
              Point p = centroid(units.get(u));
              double x = p.getX();
              double y = p.getY();
              int cell = nearest.nearestIndex(x, y);
              if (cells.crossesBoundary(cell)
                  && inRegion.locate(new Coordinate(x, y)) != Location.INTERIOR) {
                cellOf[u] = -1;
                areaOf[u] = -1;
                return;
              }
              cellOf[u] = cell;
              areaOf[u] = overlay.areaContaining(cell, x, y);
            });

    int areas = overlay.layer().areas().size();
    long[] byPcn = new long[pcnCodes.size()];
    Map<Long, long[]> byPair = new HashMap<>();
    List<String> outside = new ArrayList<>();
    List<String> outsideAreas = new ArrayList<>();
    List<String> inSeveral = new ArrayList<>();
    long input = 0;
    long assigned = 0;
    for (int u = 0; u < n; u++) {
      PopulationUnit unit = units.get(u);
      long people = unit.population();
      input += people;
      if (areaOf[u] < 0) {
        outsideAreas.add(unit.code());
      }
      if (cellOf[u] < 0) {
        outside.add(unit.code());
        continue;
      }
      assigned += people;
      int[] pcns = pcnsOfCell[cellOf[u]];
      if (pcns.length > 1) {
        inSeveral.add(unit.code());
      }
      for (int k : pcns) {
        byPcn[k] += people;
        if (areaOf[u] >= 0) {
          byPair.computeIfAbsent((long) k * areas + areaOf[u], key -> new long[1])[0] += people;
        }
      }
    }
    Map<String, Long> perPcn = new TreeMap<>();
    for (int k = 0; k < byPcn.length; k++) {
      perPcn.put(pcnCodes.get(k), byPcn[k]);
    }
    List<PairPopulation> pairs = new ArrayList<>(byPair.size());
    byPair.forEach(
        (key, people) ->
            pairs.add(
                new PairPopulation(
                    pcnCodes.get((int) (key / areas)),
                    overlay.layer().areas().get((int) (key % areas)).code(),
                    people[0])));
    pairs.sort(
        Comparator.comparing(PairPopulation::pcnCode).thenComparing(PairPopulation::areaCode));
    return new Result(perPcn, pairs, outside, outsideAreas, inSeveral, input, assigned);
  }

  /** The PCN indices (into the sorted PCN codes) of each cell's site. */
  private static int[][] pcnsOfCell(VoronoiCells cells, List<String> pcnCodes) {
    int[][] out = new int[cells.size()][];
    Arrays.setAll(out, i -> new int[0]);
    Map<String, int[]> cellsOf = cells.cellsByPcn();
    for (int k = 0; k < pcnCodes.size(); k++) {
      for (int cell : cellsOf.get(pcnCodes.get(k))) {
        int[] old = out[cell];
        out[cell] = Arrays.copyOf(old, old.length + 1);
        out[cell][old.length] = k;
      }
    }
    return out;
  }

  private static Point centroid(PopulationUnit u) {
    return u.centroid() != null ? u.centroid() : u.polygon().getInteriorPoint();
  }
}
