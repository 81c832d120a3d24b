package org.pcnatlas.catchment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.model.Practice;

/**
 * Voronoi catchments before the dissolve ({@link VoronoiCatchments#cells}): one cell per distinct
 * practice site, in the order of {@link #sites()} (x, then y), clipped to the study area.
 *
 * <p>The cells tile the study area (neighbours share their vertices), so they can stand in for the
 * PCN catchments wherever only areas and point membership matter: a PCN's catchment is the union of
 * {@link #cellsOf(String) its cells}, and the cell holding a point is the one of its {@link
 * #nearest() nearest site}. A cell that the study area does not properly contain {@link
 * #crossesBoundary(int) crosses the boundary}; the others lie wholly inside it.
 */
public final class VoronoiCells {
  private final List<Practice> practices;
  private final List<Site> sites;
  private final Geometry region;
  private final Geometry[] unclipped;
  private final Geometry[] cells;
  private final boolean[] crossing;
  private final int repairedCells;
  private final List<String> outsidePractices;
  private final Map<String, Integer> siteOfPractice = new HashMap<>();
  private final Map<String, int[]> cellsByPcn;
  private NearestPractice nearest;

  VoronoiCells(
      List<Practice> practices,
      List<Site> sites,
      Geometry region,
      Geometry[] unclipped,
      Geometry[] cells,
      boolean[] crossing,
      int repairedCells,
      List<String> outsidePractices) {
    this.practices = List.copyOf(practices);
    this.sites = List.copyOf(sites);
    this.region = region;
    this.unclipped = unclipped;
    this.cells = cells;
    this.crossing = crossing;
    this.repairedCells = repairedCells;
    this.outsidePractices = List.copyOf(outsidePractices);
    Map<String, List<Integer>> byPcn = new TreeMap<>();
    for (int i = 0; i < sites.size(); i++) {
      for (Practice p : sites.get(i).practices()) {
        siteOfPractice.put(p.code(), i);
      }
      for (String pcn : sites.get(i).pcnCodes()) {
        byPcn.computeIfAbsent(pcn, k -> new ArrayList<>()).add(i);
      }
    }
    Map<String, int[]> cellsOf = new TreeMap<>();
    byPcn.forEach((pcn, is) -> cellsOf.put(pcn, is.stream().mapToInt(Integer::intValue).toArray()));
    this.cellsByPcn = cellsOf;
  }

  /** The practices the cells were drawn for, in input order. */
  public List<Practice> practices() {
    return practices;
  }

  /** The distinct practice sites, sorted by x then y; site {@code i} owns cell {@code i}. */
  public List<Site> sites() {
    return sites;
  }

  /** The number of cells (= distinct sites). */
  public int size() {
    return cells.length;
  }

  /** The clipped cell of site {@code i} (an empty MultiPolygon when none of it is in the area). */
  public Geometry cell(int i) {
    return cells[i];
  }

  /**
   * The cell of site {@code i} before clipping: the Voronoi cell with its vertices rounded to the
   * millimetre (convex unless rounding or repair made it not), the same geometry as {@link #cell}
   * for a cell that does not cross the boundary.
   */
  public Geometry unclippedCell(int i) {
    return unclipped[i];
  }

  /** The study area the cells were clipped to. */
  public Geometry region() {
    return region;
  }

  /** The clipped cells, in site order. */
  public List<Geometry> geometries() {
    return Arrays.asList(cells.clone());
  }

  /**
   * True when the cell of site {@code i} was not properly inside the study area, so it was clipped
   * (it crosses the boundary, touches it, or lies outside): only a point in such a cell can fall
   * outside the study area.
   */
  public boolean crossesBoundary(int i) {
    return crossing[i];
  }

  /** The clipped cell of the practice's site. */
  public Geometry cellOf(String practiceCode) {
    Integer i = siteOfPractice.get(practiceCode);
    if (i == null) {
      throw new IllegalArgumentException("no practice " + practiceCode);
    }
    return cells[i];
  }

  /** The cells of each PCN (site indices, ascending), PCNs sorted by code. */
  public Map<String, int[]> cellsByPcn() {
    Map<String, int[]> copy = new TreeMap<>();
    cellsByPcn.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  /** The cells of one PCN (site indices, ascending); empty for an unknown PCN. */
  public int[] cellsOf(String pcnCode) {
    int[] is = cellsByPcn.get(pcnCode);
    return is == null ? new int[0] : is.clone();
  }

  /** The nearest-site index over the same sites: its site indices are the cell indices. */
  public synchronized NearestPractice nearest() {
    if (nearest == null) {
      nearest = NearestPractice.ofSites(sites);
    }
    return nearest;
  }

  /** Cells that were invalid after rounding their vertices to the millimetre and were repaired. */
  public int repairedCells() {
    return repairedCells;
  }

  /** Codes of the practices whose site lies outside the study area, sorted. */
  public List<String> outsidePractices() {
    return outsidePractices;
  }
}
