package org.pcnatlas.catchment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.pcnatlas.geo.ConvexClip;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Practice;

/**
 * Nearest-practice catchments: the Voronoi cell of each practice site, clipped to the study area
 * and dissolved per PCN.
 *
 * <p>Practices at one location share one cell, listed for each of them; when they belong to
 * different PCNs the cell is in each PCN's catchment (the catchments then overlap there, {@code
 * overlapping} is true and a note names the site). The unallocated pseudo-PCN {@code U} is a PCN
 * like any other, so the catchments cover the study area.
 *
 * <p>Edge matching: the Voronoi vertices are rounded to {@link GeoUtils#MILLIMETRE} once, before
 * clipping, so neighbouring cells share identical vertices. Clipping a cell that crosses the study
 * area boundary adds the points where cell edges cross it; both neighbours compute such a point
 * from the same two segments with the same (symmetric) formula, so they get the same value. Those
 * points are kept as computed rather than rounded, so that the catchments end exactly on the
 * boundary and tile the study area. The cells of a PCN are then dissolved with {@code
 * CoverageUnion}.
 */
public final class VoronoiCatchments implements CatchmentMethod {
  /** The method's name. */
  public static final String NAME = "voronoi";

  /**
   * The diagram is built over the envelope of the study area and the sites, grown by this fraction
   * of its larger side.
   */
  static final double CLIP_MARGIN_FRACTION = 0.25;

  /**
   * Four guard sites sit this many times the larger side of that envelope from its centre, so the
   * triangulation's frame never truncates a cell inside the envelope (a point there is nearer a
   * practice, at most 1.42 sides away, than a guard, at least 2.5 sides away).
   */
  static final double GUARD_DISTANCE_FACTOR = 3.0;

  /** The smallest envelope side used for the margin and guards (a single site has none). */
  static final double MIN_EXTENT = 1_000;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CatchmentSet compute(List<Practice> practices, Geometry region) {
    return draw(practices, region).catchments();
  }

  /**
   * The cells and the catchments dissolved from them.
   *
   * @param fellBack per PCN, true when its cells did not dissolve as an exact coverage (noted)
   */
  public record Drawn(VoronoiCells cells, CatchmentSet catchments, Map<String, Boolean> fellBack) {
    public Drawn {
      fellBack = Map.copyOf(fellBack);
    }
  }

  /**
   * What {@link #redraw} produced.
   *
   * @param drawn equal to {@link #draw} on the new practices
   * @param origin per new cell, the index of the same cell in the previous cells, or -1
   * @param changedPcns PCNs whose catchment geometry is not the previous one's: changed, new or
   *     gone
   * @param cellsRedrawn cells drawn again
   * @param pcnsDissolved PCNs dissolved again
   * @param full true when the edit moved the diagram's frame and every cell was drawn again
   */
  public record Redrawn(
      Drawn drawn,
      int[] origin,
      Set<String> changedPcns,
      int cellsRedrawn,
      int pcnsDissolved,
      boolean full) {
    public Redrawn {
      changedPcns = Set.copyOf(changedPcns);
    }
  }

  /** {@link #cells}, then {@link #dissolved}. */
  public Drawn draw(List<Practice> practices, Geometry region) {
    return dissolved(cells(practices, region));
  }

  /** The cells dissolved per PCN with {@code CoverageUnion} ({@link #dissolve}), kept with them. */
  public Drawn dissolved(VoronoiCells cells) {
    Map<String, Boolean> fellBack = new TreeMap<>();
    List<Catchment> pcns = dissolveAll(cells, fellBack);
    return new Drawn(cells, assemble(cells, pcns, fellBack), fellBack);
  }

  /**
   * The catchments of another practice list over the same study area, equal to {@link #draw} on it:
   * the cells updated ({@link VoronoiCells#update}), and only the PCNs whose cells changed
   * dissolved again; every other PCN keeps its previous geometry.
   */
  public Redrawn redraw(Drawn previous, List<Practice> practices) {
    VoronoiCells.Update u = previous.cells().update(practices);
    VoronoiCells cells = u.cells();
    Map<String, Catchment> before = new TreeMap<>();
    previous.catchments().pcns().forEach(c -> before.put(c.pcnCode(), c));
    Map<String, List<Practice>> byPcn = Catchments.byPcn(practices);
    List<String> redo = byPcn.keySet().stream().filter(u.changedPcns()::contains).toList();
    Map<String, int[]> cellsOf = cells.cellsByPcn();
    Catchments.Dissolved[] dissolved = dissolve(cells, redo, cellsOf);
    Map<String, Boolean> fellBack = new TreeMap<>();
    List<Catchment> pcns = new ArrayList<>(byPcn.size());
    int r = 0;
    for (Map.Entry<String, List<Practice>> e : byPcn.entrySet()) {
      String code = e.getKey();
      Geometry g;
      if (u.changedPcns().contains(code)) {
        g = dissolved[r].geometry();
        fellBack.put(code, dissolved[r].fellBack());
        r++;
      } else {
        g = before.get(code).geometry();
        fellBack.put(code, previous.fellBack().get(code));
      }
      List<Practice> members = e.getValue();
      pcns.add(
          new Catchment(code, Catchments.pcnName(code, members), Catchments.codes(members), g));
    }
    Drawn drawn = new Drawn(cells, assemble(cells, pcns, fellBack), fellBack);
    return new Redrawn(drawn, u.origin(), u.changedPcns(), u.cellsRedrawn(), redo.size(), u.full());
  }

  /**
   * The first half of {@link #compute}: the Voronoi cell of each distinct practice site, clipped to
   * the study area. Only the cells that the prepared study area does not properly contain are
   * intersected with it; they are flagged as {@link VoronoiCells#crossesBoundary(int) crossing the
   * boundary}.
   */
  public VoronoiCells cells(List<Practice> practices, Geometry region) {
    return VoronoiCells.of(practices, region);
  }

  /**
   * The second half of {@link #compute}: the cells dissolved per PCN with {@code CoverageUnion}.
   */
  public CatchmentSet dissolve(VoronoiCells cells) {
    Map<String, Boolean> fellBack = new TreeMap<>();
    return assemble(cells, dissolveAll(cells, fellBack), fellBack);
  }

  /** One catchment per PCN: the union of its practices' distinct cells. */
  private static List<Catchment> dissolveAll(VoronoiCells cells, Map<String, Boolean> fellBack) {
    Map<String, List<Practice>> byPcn = Catchments.byPcn(cells.practices());
    List<String> codes = new ArrayList<>(byPcn.keySet());
    Catchments.Dissolved[] dissolved = dissolve(cells, codes, cells.cellsByPcn());
    List<Catchment> pcns = new ArrayList<>();
    for (int k = 0; k < codes.size(); k++) {
      String code = codes.get(k);
      List<Practice> members = byPcn.get(code);
      fellBack.put(code, dissolved[k].fellBack());
      pcns.add(
          new Catchment(
              code,
              Catchments.pcnName(code, members),
              Catchments.codes(members),
              dissolved[k].geometry()));
    }
    return pcns;
  }

  /** The PCNs' cells dissolved, in parallel, each from its cells in site order. */
  private static Catchments.Dissolved[] dissolve(
      VoronoiCells cells, List<String> codes, Map<String, int[]> cellsOf) {
    Catchments.Dissolved[] dissolved = new Catchments.Dissolved[codes.size()];
    IntStream.range(0, codes.size())
        .parallel()
        .forEach(
            k -> {
              int[] is = cellsOf.getOrDefault(codes.get(k), new int[0]);
              List<Geometry> parts = new ArrayList<>(is.length);
              for (int i : is) {
                parts.add(cells.cell(i));
              }
              dissolved[k] = Catchments.dissolveCoverage(parts);
            });
    return dissolved;
  }

  /** The catchment set with its notes (PCNs in code order). */
  private static CatchmentSet assemble(
      VoronoiCells cells, List<Catchment> pcns, Map<String, Boolean> fellBack) {
    List<String> notes = new ArrayList<>();
    if (cells.repairedCells() > 0) {
      notes.add(
          cells.repairedCells()
              + " Voronoi cells were invalid after rounding to the millimetre and were repaired");
    }
    // one pass over the sites, no map from practice to site: this runs for every scenario change
    List<Site> sites = cells.sites();
    PracticeCatchment[] byCode = new PracticeCatchment[cells.practices().size()];
    int k = 0;
    for (int i = 0; i < sites.size(); i++) {
      for (Practice p : sites.get(i).practices()) {
        byCode[k++] = new PracticeCatchment(p.code(), p.pcnCode(), cells.cell(i));
      }
    }
    Arrays.sort(byCode, Comparator.comparing(PracticeCatchment::practiceCode));
    for (Catchment c : pcns) {
      if (Boolean.TRUE.equals(fellBack.get(c.pcnCode()))) {
        notes.add(
            "the cells of PCN "
                + c.pcnCode()
                + " did not dissolve as an exact coverage; they were unioned with OverlayNG instead");
      }
      if (c.geometry().isEmpty()) {
        notes.add("PCN " + c.pcnCode() + " has no area in the study area");
      }
    }
    boolean overlapping = noteSharedSites(sites, notes);
    if (!cells.outsidePractices().isEmpty()) {
      notes.add(
          "practices outside the study area keep the part of their cell inside it: "
              + String.join(", ", cells.outsidePractices()));
    }
    return new CatchmentSet(NAME, pcns, Arrays.asList(byCode), overlapping, notes);
  }

  /**
   * Where the diagram of some sites is drawn: the envelope of the study area and the sites, the
   * four guard sites round it and the envelope the cells are cut to. Two sets of sites with the
   * same extent have the same guards and clip envelope.
   */
  record Frame(Envelope extent, List<Coordinate> guards, Envelope clip) {
    static Frame of(Envelope regionEnvelope, List<Site> sites) {
      Envelope extent = new Envelope(regionEnvelope);
      for (Site s : sites) {
        extent.expandToInclude(s.location());
      }
      double side = Math.max(MIN_EXTENT, Math.max(extent.getWidth(), extent.getHeight()));
      Envelope clip = new Envelope(extent);
      clip.expandBy(side * CLIP_MARGIN_FRACTION);
      return new Frame(extent, guardSites(extent.centre(), side * GUARD_DISTANCE_FACTOR), clip);
    }
  }

  private static List<Coordinate> guardSites(Coordinate centre, double distance) {
    double d = GeoUtils.MILLIMETRE.makePrecise(distance);
    double x = GeoUtils.MILLIMETRE.makePrecise(centre.x);
    double y = GeoUtils.MILLIMETRE.makePrecise(centre.y);
    return List.of(
        new Coordinate(x - d, y),
        new Coordinate(x + d, y),
        new Coordinate(x, y - d),
        new Coordinate(x, y + d));
  }

  /**
   * The cell with its vertices rounded to the millimetre and repeated vertices removed; cells share
   * their Voronoi vertices, so neighbours round them identically.
   */
  static Geometry rounded(Polygon cell, AtomicInteger repaired) {
    Coordinate[] shell = cell.getExteriorRing().getCoordinates();
    Coordinate[] ring = new Coordinate[shell.length];
    for (int i = 0; i < shell.length; i++) {
      ring[i] =
          new Coordinate(
              GeoUtils.MILLIMETRE.makePrecise(shell[i].x),
              GeoUtils.MILLIMETRE.makePrecise(shell[i].y));
    }
    Coordinate[] distinct = CoordinateArrays.removeRepeatedPoints(ring);
    if (distinct.length < 4) {
      return Catchments.empty();
    }
    Polygon polygon = GeoUtils.FACTORY.createPolygon(distinct);
    // a convex ring turning once is simple: valid without the full check
    if (ConvexClip.of(polygon) != null || polygon.isValid()) {
      return polygon;
    }
    repaired.incrementAndGet();
    return Catchments.polygonal(GeometryFixer.fix(polygon));
  }

  /** Notes practices sharing a site; true when a site is shared by practices of several PCNs. */
  static boolean noteSharedSites(List<Site> sites, List<String> notes) {
    boolean overlapping = false;
    int samePcn = 0;
    for (Site s : sites) {
      if (s.practices().size() < 2) {
        continue;
      }
      if (s.pcnCodes().size() > 1) {
        overlapping = true;
        notes.add(
            "practices "
                + String.join(", ", s.practiceCodes())
                + " share one site but belong to PCNs "
                + String.join(", ", s.pcnCodes())
                + "; their cell is in the catchment of each of these PCNs");
      } else {
        samePcn++;
      }
    }
    if (samePcn > 0) {
      notes.add(
          samePcn
              + " sites are shared by several practices of one PCN; each practice is listed with"
              + " the shared cell");
    }
    return overlapping;
  }
}
