package org.pcnatlas.catchment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
 * Voronoi catchments kept up to date under edits of the practice list: the baseline's cells, their
 * Delaunay neighbourhoods and dissolves, and {@link #update} giving the {@link CatchmentSet} that
 * {@link VoronoiCatchments#compute} gives for another practice list, recomputing only what the edit
 * touches.
 *
 * <p>An edit adds sites, removes sites and changes which practices (hence PCNs) sit at a site. Only
 * the cells of sites whose Delaunay neighbourhood changes are rebuilt: the old neighbours of a
 * removed site, and the vertices of the old Delaunay triangles whose circumcircle holds an added
 * site (a little tolerance makes this set larger, never smaller), plus the added sites. Those cells
 * are drawn from a local triangulation of the rebuilt sites, their old neighbours and the same four
 * guard sites in the same clip envelope as the whole diagram (a site's cell depends only on its
 * Delaunay neighbours, all of which are in the local set), rounded and clipped to the study area
 * exactly as {@link VoronoiCatchments#cells} does. Only the PCNs whose cells changed (a cell
 * rebuilt, or a cell gained or lost) are dissolved again, from their cells in site order as the
 * full computation does; the other PCNs keep their baseline geometry.
 *
 * <p>A Voronoi vertex is the circumcentre of a Delaunay triangle, computed from the triangle's
 * corners in the order the triangulation meets them; a local triangulation may meet them in another
 * order, which can change the last bit of the circumcentre before it is rounded to the millimetre.
 * The rounded vertices are then the same except when the circumcentre lies within about 1e-10 m of
 * a half millimetre, so rebuilt cells equal the full computation's (after normalisation) in
 * practice; the tests compare exactly and report the tolerance they needed.
 *
 * <p>An edit that changes the extent of the study area and the sites (a site added or removed
 * outside the study area's envelope) moves the guard sites; then the cells are all drawn again
 * ({@link Update#full()}). Immutable once built; {@link #update} may be called from many threads.
 */
public final class IncrementalVoronoi {
  /** Relative slack of the circumcircle test that finds the triangles an added site breaks. */
  private static final double CIRCLE_TOLERANCE = 1e-9;

  private final Region area;
  private final VoronoiCatchments.Frame frame;
  private final List<Site> sites;
  private final Map<Coordinate, Integer> siteIndex = new HashMap<>();
  private final Cell[] cells;
  private final boolean[] covered;

  /** Triangulation vertices: the sites (0..n-1), then the four guards (n..n+3). */
  private final Coordinate[] vertices;

  /** Neighbours round each vertex, in order; -1 for a vertex of the triangulation frame. */
  private final int[][] neighbours;

  private final Map<String, Catchment> catchments;
  private final Map<String, Boolean> fellBack;
  private final CatchmentSet baseline;
  private final NearestPractice nearest;

  /**
   * What an update produced.
   *
   * @param catchments the same as {@link VoronoiCatchments#compute} on the new practices
   * @param changedPcns PCNs whose catchment geometry is not the baseline's: changed, new or gone
   * @param cellsRebuilt cells drawn again (all of them when {@code full})
   * @param pcnsDissolved PCNs dissolved again
   * @param full true when the edit moved the diagram's frame and every cell was drawn again
   */
  public record Update(
      CatchmentSet catchments,
      Set<String> changedPcns,
      int cellsRebuilt,
      int pcnsDissolved,
      boolean full) {
    public Update {
      changedPcns = Set.copyOf(changedPcns);
    }
  }

  /**
   * One site's cell as {@link VoronoiCatchments#cells} draws it.
   *
   * @param unclipped the Voronoi cell with vertices rounded to the millimetre
   * @param clipped its part in the study area
   * @param crossing true when it was not properly inside the study area, so it was clipped
   * @param repaired true when rounding made it invalid and it was repaired
   */
  private record Cell(Geometry unclipped, Geometry clipped, boolean crossing, boolean repaired) {}

  private IncrementalVoronoi(List<Practice> practices, Geometry region) {
    Catchments.requireUniqueCodes(practices);
    this.area = Region.of(region);
    this.sites = Site.of(practices);
    int n = sites.size();
    this.frame = VoronoiCatchments.Frame.of(area.envelope(), sites);
    List<Coordinate> coords = new ArrayList<>(n + 4);
    for (int i = 0; i < n; i++) {
      siteIndex.put(sites.get(i).location(), i);
      coords.add(sites.get(i).location());
    }
    coords.addAll(frame.guards());
    this.vertices = coords.toArray(Coordinate[]::new);
    Map<Coordinate, Integer> vertexIndex = new HashMap<>(siteIndex);
    for (int g = 0; g < 4; g++) {
      vertexIndex.put(frame.guards().get(g), n + g);
    }
    VoronoiDiagram.Triangulated t =
        n == 0
            ? new VoronoiDiagram.Triangulated(GeoUtils.FACTORY.createGeometryCollection(), Map.of())
            : VoronoiDiagram.triangulated(coords, frame.clip(), GeoUtils.FACTORY);
    this.neighbours = new int[n + 4][];
    for (int v = 0; v < n + 4; v++) {
      Coordinate[] round = t.neighbours().get(vertices[v]);
      int[] is = new int[round == null ? 0 : round.length];
      for (int k = 0; k < is.length; k++) {
        is[k] = round[k] == null ? -1 : vertexIndex.getOrDefault(round[k], -1);
      }
      neighbours[v] = is;
    }
    this.cells = new Cell[n];
    Geometry diagram = t.cells();
    IntStream.range(0, diagram.getNumGeometries())
        .parallel()
        .forEach(
            k -> {
              Geometry cell = diagram.getGeometryN(k);
              Integer i = siteIndex.get((Coordinate) cell.getUserData());
              if (i != null) {
                cells[i] = draw((Polygon) cell);
              }
            });
    this.covered = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (cells[i] == null) {
        throw new IllegalStateException(
            "the Voronoi diagram has no cell for the site of practice "
                + sites.get(i).practiceCodes().get(0));
      }
      covered[i] = area.covers(GeoUtils.FACTORY.createPoint(sites.get(i).location()));
    }
    this.nearest = n == 0 ? null : NearestPractice.ofSites(sites);
    Map<String, List<Coordinate>> cellSitesByPcn = cellSitesByPcn(sites);
    Map<String, List<Practice>> byPcn = Catchments.byPcn(practices);
    List<String> codes = new ArrayList<>(byPcn.keySet());
    Catchments.Dissolved[] dissolved = dissolveAll(codes, cellSitesByPcn, siteIndex, cells);
    this.catchments = new TreeMap<>();
    this.fellBack = new TreeMap<>();
    for (int k = 0; k < codes.size(); k++) {
      String code = codes.get(k);
      List<Practice> members = byPcn.get(code);
      catchments.put(
          code,
          new Catchment(
              code,
              Catchments.pcnName(code, members),
              Catchments.codes(members),
              dissolved[k].geometry()));
      fellBack.put(code, dissolved[k].fellBack());
    }
    this.baseline = assemble(practices, sites, cells, covered, catchments, fellBack);
  }

  /** The baseline: these practices' cells, neighbourhoods and catchments. */
  public static IncrementalVoronoi of(List<Practice> practices, Geometry region) {
    return new IncrementalVoronoi(practices, region);
  }

  /** The baseline's catchments, equal to {@link VoronoiCatchments#compute} on its practices. */
  public CatchmentSet baseline() {
    return baseline;
  }

  /** The catchments of another practice list over the same study area. */
  public Update update(List<Practice> practices) {
    Catchments.requireUniqueCodes(practices);
    List<Site> now = Site.of(practices);
    if (now.isEmpty()
        || sites.isEmpty()
        || !VoronoiCatchments.Frame.of(area.envelope(), now).equals(frame)) {
      return fullUpdate(practices);
    }
    int n = sites.size();
    int m = now.size();
    int[] oldOf = new int[m];
    BitSet kept = new BitSet(n);
    List<Integer> added = new ArrayList<>();
    Map<Coordinate, Integer> nowIndex = new HashMap<>();
    for (int j = 0; j < m; j++) {
      Coordinate c = now.get(j).location();
      nowIndex.put(c, j);
      Integer i = siteIndex.get(c);
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
      for (int v : neighbours[i]) {
        touched.add(v);
      }
    }
    for (int j : added) {
      touched.addAll(conflicts(now.get(j).location()));
    }
    touched.remove(-1);
    Cell[] nowCells = new Cell[m];
    List<Integer> redraw = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      int i = oldOf[j];
      if (i < 0 || touched.contains(i)) {
        redraw.add(j);
      } else {
        nowCells[j] = cells[i];
      }
    }
    Map<Integer, Polygon> raw = rebuild(now, redraw, kept, touched);
    boolean[] redrawn = new boolean[m];
    redraw.parallelStream()
        .forEach(
            j -> {
              Cell cell = draw(raw.get(j));
              int i = oldOf[j];
              if (i >= 0 && cell.unclipped().equalsExact(cells[i].unclipped())) {
                nowCells[j] = cells[i]; // the same cell: keep the baseline's
              } else {
                nowCells[j] = cell;
                redrawn[j] = true;
              }
            });
    // PCNs whose catchment changes: a cell gained, lost or redrawn. A PCN's cells are the sites
    // holding one of its practices, so only the PCNs of sites added, removed, redrawn or changing
    // hands can change; the sites are walked once, without regrouping every PCN's cells.
    Set<String> changed = new TreeSet<>();
    for (int i = kept.nextClearBit(0); i < n; i = kept.nextClearBit(i + 1)) {
      changed.addAll(sites.get(i).pcnCodes());
    }
    for (int j = 0; j < m; j++) {
      int i = oldOf[j];
      List<String> pcnsNow = now.get(j).pcnCodes();
      if (i < 0 || redrawn[j]) {
        changed.addAll(pcnsNow);
        if (i >= 0) {
          changed.addAll(sites.get(i).pcnCodes());
        }
      } else {
        List<String> pcnsBefore = sites.get(i).pcnCodes();
        if (!pcnsNow.equals(pcnsBefore)) {
          changed.addAll(pcnsNow);
          changed.addAll(pcnsBefore);
        }
      }
    }
    Map<String, List<Coordinate>> nowByPcn = new HashMap<>();
    for (Site site : now) {
      for (String pcn : site.pcnCodes()) {
        if (changed.contains(pcn)) {
          nowByPcn.computeIfAbsent(pcn, k -> new ArrayList<>()).add(site.location());
        }
      }
    }
    Map<String, List<Practice>> byPcn = Catchments.byPcn(practices);
    List<String> redo = byPcn.keySet().stream().filter(changed::contains).toList();
    Catchments.Dissolved[] dissolved = dissolveAll(redo, nowByPcn, nowIndex, nowCells);
    Map<String, Catchment> pcns = new TreeMap<>();
    Map<String, Boolean> fell = new HashMap<>();
    int r = 0;
    for (Map.Entry<String, List<Practice>> e : byPcn.entrySet()) {
      String code = e.getKey();
      Geometry g;
      if (changed.contains(code)) {
        g = dissolved[r].geometry();
        fell.put(code, dissolved[r].fellBack());
        r++;
      } else {
        g = catchments.get(code).geometry();
        fell.put(code, fellBack.get(code));
      }
      List<Practice> members = e.getValue();
      pcns.put(
          code,
          new Catchment(code, Catchments.pcnName(code, members), Catchments.codes(members), g));
    }
    boolean[] nowCovered = new boolean[m];
    for (int j = 0; j < m; j++) {
      nowCovered[j] =
          oldOf[j] >= 0
              ? covered[oldOf[j]]
              : area.covers(GeoUtils.FACTORY.createPoint(now.get(j).location()));
    }
    CatchmentSet set = assemble(practices, now, nowCells, nowCovered, pcns, fell);
    return new Update(set, changed, redraw.size(), redo.size(), false);
  }

  // ---- the local triangulation ----

  /**
   * The vertices of the old Delaunay triangles whose circumcircle holds {@code c} (with a little
   * slack): the sites whose cells an added site at {@code c} takes from. The triangles breaking are
   * connected and one of them has the nearest old site as a corner; a walk from there visits them
   * all.
   */
  private Set<Integer> conflicts(Coordinate c) {
    Set<Integer> found = new HashSet<>();
    int start = nearest.nearestIndex(c.x, c.y);
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
    Set<Coordinate> local = new HashSet<>(frame.guards());
    Map<Coordinate, Integer> wanted = new HashMap<>();
    for (int j : redraw) {
      Coordinate c = now.get(j).location();
      wanted.put(c, j);
      local.add(c);
      Integer i = siteIndex.get(c);
      if (i != null) {
        addNeighbours(i, kept, local);
      }
    }
    for (int v : touched) {
      if (v >= n || kept.get(v)) {
        local.add(vertices[v]);
      }
    }
    Geometry diagram = VoronoiDiagram.cells(local, frame.clip(), GeoUtils.FACTORY);
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

  private void addNeighbours(int i, BitSet kept, Set<Coordinate> local) {
    int n = sites.size();
    for (int v : neighbours[i]) {
      if (v >= 0 && (v >= n || kept.get(v))) {
        local.add(vertices[v]);
      }
    }
  }

  // ---- cells, dissolves and the set ----

  /** A diagram cell rounded and clipped as {@link VoronoiCatchments#cells} does. */
  private Cell draw(Polygon diagramCell) {
    AtomicInteger fixed = new AtomicInteger();
    Geometry cell = VoronoiCatchments.rounded(diagramCell, fixed);
    boolean crossing = !area.containsProperly(cell);
    return new Cell(cell, crossing ? area.clip(cell) : cell, crossing, fixed.get() > 0);
  }

  private Update fullUpdate(List<Practice> practices) {
    CatchmentSet set = new VoronoiCatchments().compute(practices, area.geometry());
    Set<String> changed = new TreeSet<>(catchments.keySet());
    set.pcns().forEach(c -> changed.add(c.pcnCode()));
    return new Update(set, changed, Site.of(practices).size(), set.pcns().size(), true);
  }

  private static Map<String, List<Coordinate>> cellSitesByPcn(List<Site> sites) {
    Map<String, List<Coordinate>> out = new TreeMap<>();
    for (Site s : sites) {
      for (String pcn : s.pcnCodes()) {
        out.computeIfAbsent(pcn, k -> new ArrayList<>()).add(s.location());
      }
    }
    return out;
  }

  private static Catchments.Dissolved[] dissolveAll(
      List<String> codes,
      Map<String, List<Coordinate>> cellSites,
      Map<Coordinate, Integer> index,
      Cell[] cells) {
    Catchments.Dissolved[] dissolved = new Catchments.Dissolved[codes.size()];
    IntStream.range(0, codes.size())
        .parallel()
        .forEach(
            k -> {
              List<Geometry> parts =
                  cellSites.getOrDefault(codes.get(k), List.of()).stream()
                      .map(c -> cells[index.get(c)].clipped())
                      .toList();
              dissolved[k] = Catchments.dissolveCoverage(parts);
            });
    return dissolved;
  }

  /** The catchment set with its notes, as {@link VoronoiCatchments#dissolve} words them. */
  private static CatchmentSet assemble(
      List<Practice> practices,
      List<Site> sites,
      Cell[] cells,
      boolean[] covered,
      Map<String, Catchment> pcns,
      Map<String, Boolean> fellBack) {
    List<String> notes = new ArrayList<>();
    long repaired = IntStream.range(0, cells.length).filter(i -> cells[i].repaired()).count();
    if (repaired > 0) {
      notes.add(
          repaired
              + " Voronoi cells were invalid after rounding to the millimetre and were repaired");
    }
    // one pass over the sites, no map from practice to site: this runs for every scenario change
    PracticeCatchment[] byCode = new PracticeCatchment[practices.size()];
    List<String> outside = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < sites.size(); i++) {
      for (Practice p : sites.get(i).practices()) {
        byCode[k++] = new PracticeCatchment(p.code(), p.pcnCode(), cells[i].clipped());
        if (!covered[i]) {
          outside.add(p.code());
        }
      }
    }
    Arrays.sort(byCode, Comparator.comparing(PracticeCatchment::practiceCode));
    List<PracticeCatchment> practiceCatchments = Arrays.asList(byCode);
    Collections.sort(outside);
    for (Catchment c : pcns.values()) {
      if (fellBack.get(c.pcnCode())) {
        notes.add(
            "the cells of PCN "
                + c.pcnCode()
                + " did not dissolve as an exact coverage; they were unioned with OverlayNG instead");
      }
      if (c.geometry().isEmpty()) {
        notes.add("PCN " + c.pcnCode() + " has no area in the study area");
      }
    }
    boolean overlapping = VoronoiCatchments.noteSharedSites(sites, notes);
    if (!outside.isEmpty()) {
      notes.add(
          "practices outside the study area keep the part of their cell inside it: "
              + String.join(", ", outside));
    }
    return new CatchmentSet(
        VoronoiCatchments.NAME,
        new ArrayList<>(pcns.values()),
        practiceCatchments,
        overlapping,
        notes);
  }
}
