package org.pcnatlas.catchment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Triangle;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Practice;

/**
 * Voronoi catchments before the dissolve ({@link VoronoiCatchments#cells}): one cell per distinct
 * practice site, in the order of {@link #sites()} (x, then y), clipped to the study area, with the
 * Delaunay triangulation they came from.
 *
 * <p>The cells tile the study area (neighbours share their vertices), so they can stand in for the
 * PCN catchments wherever only areas and point membership matter: a PCN's catchment is the union of
 * {@link #cellsOf(String) its cells}, and the cell holding a point is the one of its {@link
 * #nearest() nearest site}. A cell that the study area does not properly contain {@link
 * #crossesBoundary(int) crosses the boundary}; the others lie wholly inside it.
 *
 * <p>{@link #update} gives the cells of another practice list over the same study area, drawing
 * again only what the edit touches. An edit adds sites, removes sites and changes which practices
 * (hence PCNs) sit at a site. Only the cells of sites whose Delaunay neighbourhood changes are
 * drawn again: the old neighbours of a removed site, and the vertices of the old Delaunay triangles
 * whose circumcircle holds an added site (a little tolerance makes this set larger, never smaller),
 * plus the added sites. Those cells are drawn from a local triangulation of the redrawn sites,
 * their old neighbours and the same four guard sites in the same clip envelope as the whole diagram
 * (a site's cell depends only on its Delaunay neighbours, all of which are in the local set),
 * rounded and clipped to the study area exactly as the whole diagram's. An edit that changes the
 * extent of the study area and the sites (a site added or removed outside the study area's
 * envelope) moves the guard sites; then every cell is drawn again ({@link Update#full()}).
 *
 * <p>A Voronoi vertex is the circumcentre of a Delaunay triangle, computed from the triangle's
 * corners in the order the triangulation meets them; a local triangulation may meet them in another
 * order, which can change the last bit of the circumcentre before it is rounded to the millimetre.
 * The rounded vertices are then the same except when the circumcentre lies within about 1e-10 m of
 * a half millimetre, so redrawn cells equal the whole diagram's (after normalisation) in practice;
 * the tests compare exactly.
 *
 * <p>Immutable; {@link #update} may be called from many threads. Cells made by an update keep the
 * triangulation of the diagram drawn whole ({@link #root}): a further update starts from there.
 */
public final class VoronoiCells {
  /** Relative slack of the circumcircle test that finds the triangles an added site breaks. */
  private static final double CIRCLE_TOLERANCE = 1e-9;

  private final List<Practice> practices;
  private final List<Site> sites;
  private final Region area;
  private final Geometry[] unclipped;
  private final Geometry[] cells;
  private final boolean[] crossing;
  private final boolean[] repaired;
  private final boolean[] covered;
  private final List<String> outsidePractices;
  private final Map<String, int[]> cellsByPcn;
  private final VoronoiCells root;

  /** The triangulation of a diagram drawn whole; null for cells made by an update. */
  private final Triangulation triangulation;

  private NearestPractice nearest;
  private Map<String, Integer> siteOfPractice;

  /**
   * The triangulation the whole diagram was drawn from.
   *
   * @param vertices the sites (0..n-1), then the four guards (n..n+3)
   * @param neighbours per vertex, its Delaunay neighbours in order round it; -1 for a vertex of the
   *     triangulation's frame
   */
  private record Triangulation(
      VoronoiCatchments.Frame frame,
      Coordinate[] vertices,
      int[][] neighbours,
      Map<Coordinate, Integer> siteIndex) {}

  /**
   * What an update produced.
   *
   * @param cells the cells of the new practices, equal to {@link VoronoiCatchments#cells} on them
   * @param origin per new cell, the index of the same cell (the same geometry object) in the cells
   *     updated, or -1 when it was drawn again or its site is new
   * @param changedPcns PCNs whose cells changed: a cell gained, lost or drawn again
   * @param cellsRedrawn cells drawn again (all of them when {@code full})
   * @param full true when the edit moved the diagram's frame and every cell was drawn again
   */
  public record Update(
      VoronoiCells cells, int[] origin, Set<String> changedPcns, int cellsRedrawn, boolean full) {
    public Update {
      changedPcns = Set.copyOf(changedPcns);
    }
  }

  private VoronoiCells(
      List<Practice> practices,
      List<Site> sites,
      Region area,
      Geometry[] unclipped,
      Geometry[] cells,
      boolean[] crossing,
      boolean[] repaired,
      boolean[] covered,
      VoronoiCells root,
      Triangulation triangulation) {
    this.practices = List.copyOf(practices);
    this.sites = List.copyOf(sites);
    this.area = area;
    this.unclipped = unclipped;
    this.cells = cells;
    this.crossing = crossing;
    this.repaired = repaired;
    this.covered = covered;
    this.root = root == null ? this : root;
    this.triangulation = triangulation;
    Map<String, List<Integer>> byPcn = new TreeMap<>();
    List<String> outside = new ArrayList<>();
    for (int i = 0; i < sites.size(); i++) {
      for (Practice p : sites.get(i).practices()) {
        if (!covered[i]) {
          outside.add(p.code());
        }
      }
      for (String pcn : sites.get(i).pcnCodes()) {
        byPcn.computeIfAbsent(pcn, k -> new ArrayList<>()).add(i);
      }
    }
    outside.sort(null);
    this.outsidePractices = List.copyOf(outside);
    Map<String, int[]> cellsOf = new TreeMap<>();
    byPcn.forEach((pcn, is) -> cellsOf.put(pcn, is.stream().mapToInt(Integer::intValue).toArray()));
    this.cellsByPcn = java.util.Collections.unmodifiableMap(cellsOf);
  }

  /** The cells of these practices' sites over the study area, the whole diagram drawn. */
  static VoronoiCells of(List<Practice> practices, Geometry region) {
    Catchments.requireUniqueCodes(practices);
    Region area = Region.of(region);
    List<Site> sites = Site.of(practices);
    int n = sites.size();
    VoronoiCatchments.Frame frame = VoronoiCatchments.Frame.of(area.envelope(), sites);
    Map<Coordinate, Integer> siteIndex = new HashMap<>();
    List<Coordinate> coords = new ArrayList<>(n + 4);
    for (int i = 0; i < n; i++) {
      siteIndex.put(sites.get(i).location(), i);
      coords.add(sites.get(i).location());
    }
    coords.addAll(frame.guards());
    Coordinate[] vertices = coords.toArray(Coordinate[]::new);
    Map<Coordinate, Integer> vertexIndex = new HashMap<>(siteIndex);
    for (int g = 0; g < 4; g++) {
      vertexIndex.put(frame.guards().get(g), n + g);
    }
    VoronoiDiagram.Triangulated t =
        n == 0
            ? new VoronoiDiagram.Triangulated(GeoUtils.FACTORY.createGeometryCollection(), Map.of())
            : VoronoiDiagram.triangulated(coords, frame.clip(), GeoUtils.FACTORY);
    int[][] neighbours = new int[n + 4][];
    for (int v = 0; v < n + 4; v++) {
      Coordinate[] round = t.neighbours().get(vertices[v]);
      int[] is = new int[round == null ? 0 : round.length];
      for (int k = 0; k < is.length; k++) {
        is[k] = round[k] == null ? -1 : vertexIndex.getOrDefault(round[k], -1);
      }
      neighbours[v] = is;
    }
    Drawing d = new Drawing(n);
    Geometry diagram = t.cells();
    IntStream.range(0, diagram.getNumGeometries())
        .parallel()
        .forEach(
            k -> {
              Geometry cell = diagram.getGeometryN(k);
              Integer i = siteIndex.get((Coordinate) cell.getUserData());
              if (i != null) { // null: a guard's cell
                d.draw(i, (Polygon) cell, area);
              }
            });
    for (int i = 0; i < n; i++) {
      if (d.cells[i] == null) {
        throw new IllegalStateException(
            "the Voronoi diagram has no cell for the site of practice "
                + sites.get(i).practiceCodes().get(0));
      }
    }
    boolean[] covered = new boolean[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> covered[i] = area.covers(GeoUtils.FACTORY.createPoint(sites.get(i).location())));
    return new VoronoiCells(
        practices,
        sites,
        area,
        d.unclipped,
        d.cells,
        d.crossing,
        d.repaired,
        covered,
        null,
        new Triangulation(frame, vertices, neighbours, siteIndex));
  }

  /** Cells being drawn, in site order. */
  private static final class Drawing {
    final Geometry[] unclipped;
    final Geometry[] cells;
    final boolean[] crossing;
    final boolean[] repaired;

    Drawing(int n) {
      unclipped = new Geometry[n];
      cells = new Geometry[n];
      crossing = new boolean[n];
      repaired = new boolean[n];
    }

    /**
     * The diagram's cell rounded to the millimetre (vertices shared by neighbours round alike),
     * then clipped: only a cell the study area does not properly contain is intersected with it.
     */
    void draw(int i, Polygon diagramCell, Region area) {
      AtomicInteger fixed = new AtomicInteger();
      Geometry cell = VoronoiCatchments.rounded(diagramCell, fixed);
      unclipped[i] = cell;
      crossing[i] = !area.containsProperly(cell);
      cells[i] = crossing[i] ? area.clip(cell) : cell;
      repaired[i] = fixed.get() > 0;
    }
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
    return area.geometry();
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

  /** True when the study area covers site {@code i} (interior or boundary). */
  public boolean siteInside(int i) {
    return covered[i];
  }

  /** True when the study area covers the point (x, y): interior or boundary. */
  public boolean inStudyArea(double x, double y) {
    return area.covers(GeoUtils.FACTORY.createPoint(new Coordinate(x, y)));
  }

  /** The clipped cell of the practice's site. */
  public Geometry cellOf(String practiceCode) {
    Integer i = siteOfPractice().get(practiceCode);
    if (i == null) {
      throw new IllegalArgumentException("no practice " + practiceCode);
    }
    return cells[i];
  }

  /** Practice code -> site index, made on first use (an update does not need it). */
  private synchronized Map<String, Integer> siteOfPractice() {
    if (siteOfPractice == null) {
      Map<String, Integer> m = new HashMap<>();
      for (int i = 0; i < sites.size(); i++) {
        for (Practice p : sites.get(i).practices()) {
          m.put(p.code(), i);
        }
      }
      siteOfPractice = m;
    }
    return siteOfPractice;
  }

  /**
   * The cells of each PCN (site indices, ascending), PCNs sorted by code: a read-only view (the
   * arrays are the cells' own; do not modify them).
   */
  public Map<String, int[]> cellsByPcn() {
    return cellsByPcn;
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
    int n = 0;
    for (boolean r : repaired) {
      n += r ? 1 : 0;
    }
    return n;
  }

  /** Codes of the practices whose site lies outside the study area, sorted. */
  public List<String> outsidePractices() {
    return outsidePractices;
  }

  /** The cells whose triangulation this is, or whose triangulation an update started from. */
  public VoronoiCells root() {
    return root;
  }

  /**
   * The Delaunay neighbours of site {@code i} (site indices, in order round it; the guard sites and
   * the triangulation's frame left out): the sites whose cells share an edge or a vertex with its
   * cell before clipping.
   *
   * @throws IllegalStateException for cells made by an update (see {@link #root})
   */
  public int[] neighbours(int i) {
    if (triangulation == null) {
      throw new IllegalStateException("cells made by an update keep no triangulation; see root()");
    }
    return IntStream.of(triangulation.neighbours()[i]).filter(v -> v >= 0 && v < size()).toArray();
  }

  // ---- updates ----

  /**
   * The cells of another practice list over the same study area, equal to {@link
   * VoronoiCatchments#cells} on it, drawing again only the cells whose Delaunay neighbourhood the
   * edit changes; {@link Update#origin()} relates the new cells to these.
   */
  public Update update(List<Practice> edited) {
    Catchments.requireUniqueCodes(edited);
    VoronoiCells base = root;
    Triangulation tri = base.triangulation;
    List<Site> now = Site.of(edited);
    if (now.isEmpty()
        || base.sites.isEmpty()
        || !VoronoiCatchments.Frame.of(area.envelope(), now).equals(tri.frame())) {
      VoronoiCells whole = of(edited, area.geometry());
      int[] origin = origin(whole);
      return new Update(whole, origin, changedPcns(whole, origin), whole.size(), true);
    }
    int n = base.sites.size();
    int m = now.size();
    int[] oldOf = new int[m];
    BitSet kept = new BitSet(n);
    List<Integer> added = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      Integer i = tri.siteIndex().get(now.get(j).location());
      oldOf[j] = i == null ? -1 : i;
      if (i == null) {
        added.add(j);
      } else {
        kept.set(i);
      }
    }
    // the old vertices whose neighbourhood changes
    Set<Integer> touched = new HashSet<>();
    for (int i = kept.nextClearBit(0); i < n; i = kept.nextClearBit(i + 1)) {
      for (int v : tri.neighbours()[i]) {
        touched.add(v);
      }
    }
    for (int j : added) {
      touched.addAll(base.conflicts(now.get(j).location()));
    }
    touched.remove(-1);
    Drawing d = new Drawing(m);
    List<Integer> redraw = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      int i = oldOf[j];
      if (i < 0 || touched.contains(i)) {
        redraw.add(j);
      } else {
        base.copy(i, d, j);
      }
    }
    Map<Integer, Polygon> raw = base.rebuild(now, redraw, kept, touched);
    redraw.parallelStream()
        .forEach(
            j -> {
              d.draw(j, raw.get(j), area);
              int i = oldOf[j];
              if (i >= 0 && d.unclipped[j].equalsExact(base.unclipped[i])) {
                base.copy(i, d, j); // the same cell: keep the one drawn whole
              }
            });
    boolean[] nowCovered = new boolean[m];
    for (int j = 0; j < m; j++) {
      nowCovered[j] =
          oldOf[j] >= 0
              ? base.covered[oldOf[j]]
              : area.covers(GeoUtils.FACTORY.createPoint(now.get(j).location()));
    }
    VoronoiCells updated =
        new VoronoiCells(
            edited,
            now,
            area,
            d.unclipped,
            d.cells,
            d.crossing,
            d.repaired,
            nowCovered,
            base,
            null);
    int[] origin;
    if (this == base) {
      // a cell kept is the one drawn whole, at the same site index
      origin = new int[m];
      for (int j = 0; j < m; j++) {
        origin[j] = oldOf[j] >= 0 && d.cells[j] == cells[oldOf[j]] ? oldOf[j] : -1;
      }
    } else {
      origin = origin(updated);
    }
    return new Update(updated, origin, changedPcns(updated, origin), redraw.size(), false);
  }

  private void copy(int i, Drawing d, int j) {
    d.unclipped[j] = unclipped[i];
    d.cells[j] = cells[i];
    d.crossing[j] = crossing[i];
    d.repaired[j] = repaired[i];
  }

  /** Per cell of {@code now}, the index of the same cell object among these cells, or -1. */
  private int[] origin(VoronoiCells now) {
    Map<Geometry, Integer> mine = new IdentityHashMap<>(cells.length * 2);
    for (int i = 0; i < cells.length; i++) {
      mine.put(cells[i], i);
    }
    int[] origin = new int[now.size()];
    for (int j = 0; j < origin.length; j++) {
      Integer i = mine.get(now.cells[j]);
      // the same cell object for the same site (an empty cell object may be shared)
      origin[j] =
          i != null && sites.get(i).location().equals2D(now.sites.get(j).location()) ? i : -1;
    }
    return origin;
  }

  /**
   * The PCNs whose catchment may differ between these cells and {@code now}: a PCN's cells are the
   * sites holding one of its practices, so only the PCNs of sites added, removed, drawn again or
   * changing hands can change.
   */
  private Set<String> changedPcns(VoronoiCells now, int[] origin) {
    boolean[] stays = new boolean[size()];
    Set<String> changed = new TreeSet<>();
    for (int j = 0; j < now.size(); j++) {
      List<String> pcnsNow = now.sites.get(j).pcnCodes();
      int i = origin[j];
      if (i < 0) {
        changed.addAll(pcnsNow);
        continue;
      }
      stays[i] = true;
      List<String> pcnsBefore = sites.get(i).pcnCodes();
      if (!pcnsNow.equals(pcnsBefore)) {
        changed.addAll(pcnsNow);
        changed.addAll(pcnsBefore);
      }
    }
    for (int i = 0; i < stays.length; i++) {
      if (!stays[i]) {
        changed.addAll(sites.get(i).pcnCodes());
      }
    }
    return changed;
  }

  // ---- the local triangulation ----

  /**
   * The vertices of the old Delaunay triangles whose circumcircle holds {@code c} (with a little
   * slack): the sites whose cells an added site at {@code c} takes from. The triangles breaking are
   * connected and one of them has the nearest old site as a corner; a walk from there visits them
   * all.
   */
  private Set<Integer> conflicts(Coordinate c) {
    Coordinate[] vertices = triangulation.vertices();
    int[][] neighbours = triangulation.neighbours();
    Set<Integer> found = new HashSet<>();
    int start = nearest().nearestIndex(c.x, c.y);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    Set<Integer> visited = new HashSet<>();
    queue.add(start);
    visited.add(start);
    found.add(start);
    while (!queue.isEmpty()) {
      int v = queue.poll();
      int[] round = neighbours[v];
      for (int k = 0; k < round.length; k++) {
        int u = round[k];
        int w = round[(k + 1) % round.length];
        if (u < 0 || w < 0 || !inCircle(vertices[v], vertices[u], vertices[w], c)) {
          continue;
        }
        found.add(v);
        for (int x : new int[] {u, w}) {
          found.add(x);
          if (visited.add(x)) {
            queue.add(x);
          }
        }
      }
    }
    return found;
  }

  private static boolean inCircle(Coordinate a, Coordinate b, Coordinate c, Coordinate p) {
    Coordinate centre = Triangle.circumcentreDD(a, b, c);
    double r2 = distanceSq(centre, a);
    return distanceSq(centre, p) <= r2 * (1 + CIRCLE_TOLERANCE) + 1e-6;
  }

  private static double distanceSq(Coordinate a, Coordinate b) {
    double dx = a.x - b.x;
    double dy = a.y - b.y;
    return dx * dx + dy * dy;
  }

  /**
   * The Voronoi cells (as the diagram gives them, before rounding) of the sites {@code redraw}
   * (indices into {@code now}), from a triangulation of those sites, the old neighbours of each
   * that remain, the old sites whose neighbourhood changed, and the guards.
   */
  private Map<Integer, Polygon> rebuild(
      List<Site> now, List<Integer> redraw, BitSet kept, Set<Integer> touched) {
    Map<Integer, Polygon> out = new HashMap<>();
    if (redraw.isEmpty()) {
      return out;
    }
    int n = sites.size();
    Coordinate[] vertices = triangulation.vertices();
    Set<Coordinate> local = new HashSet<>(triangulation.frame().guards());
    Map<Coordinate, Integer> wanted = new HashMap<>();
    for (int j : redraw) {
      Coordinate c = now.get(j).location();
      wanted.put(c, j);
      local.add(c);
      Integer i = triangulation.siteIndex().get(c);
      if (i != null) {
        for (int v : triangulation.neighbours()[i]) {
          if (v >= 0 && (v >= n || kept.get(v))) {
            local.add(vertices[v]);
          }
        }
      }
    }
    for (int v : touched) {
      if (v >= n || kept.get(v)) {
        local.add(vertices[v]);
      }
    }
    Geometry diagram = VoronoiDiagram.cells(local, triangulation.frame().clip(), GeoUtils.FACTORY);
    for (int k = 0; k < diagram.getNumGeometries(); k++) {
      Geometry cell = diagram.getGeometryN(k);
      Integer j = wanted.get((Coordinate) cell.getUserData());
      if (j != null) {
        out.put(j, (Polygon) cell);
      }
    }
    for (int j : redraw) {
      if (!out.containsKey(j)) {
        throw new IllegalStateException(
            "the local Voronoi diagram has no cell for the site of practice "
                + now.get(j).practiceCodes().get(0));
      }
    }
    return out;
  }
}
