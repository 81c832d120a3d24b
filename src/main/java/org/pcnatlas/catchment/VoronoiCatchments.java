package org.pcnatlas.catchment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    return dissolve(cells(practices, region));
  }

  /**
   * The first half of {@link #compute}: the Voronoi cell of each distinct practice site, clipped to
   * the study area. Only the cells that the prepared study area does not properly contain are
   * intersected with it; they are flagged as {@link VoronoiCells#crossesBoundary(int) crossing the
   * boundary}.
   */
  public VoronoiCells cells(List<Practice> practices, Geometry region) {
    Region area = Region.of(region);
    Catchments.requireUniqueCodes(practices);
    List<Site> sites = Site.of(practices);
    AtomicInteger repaired = new AtomicInteger();
    Geometry[] cells = cells(sites, area.envelope(), repaired);
    Geometry[] clipped = new Geometry[cells.length];
    boolean[] crossing = new boolean[cells.length];
    IntStream.range(0, cells.length)
        .parallel()
        .forEach(
            i -> {
              crossing[i] = !area.containsProperly(cells[i]);
              clipped[i] = crossing[i] ? area.clip(cells[i]) : cells[i];
            });
    List<String> outside =
        practices.parallelStream()
            .filter(p -> !area.covers(p.location()))
            .map(Practice::code)
            .sorted()
            .toList();
    return new VoronoiCells(
        practices, sites, region, cells, clipped, crossing, repaired.get(), outside);
  }

  /**
   * The second half of {@link #compute}: the cells dissolved per PCN with {@code CoverageUnion}.
   */
  public CatchmentSet dissolve(VoronoiCells cells) {
    List<Practice> practices = cells.practices();
    List<String> notes = new ArrayList<>();
    if (cells.repairedCells() > 0) {
      notes.add(
          cells.repairedCells()
              + " Voronoi cells were invalid after rounding to the millimetre and were repaired");
    }
    List<PracticeCatchment> practiceCatchments =
        practices.stream()
            .sorted(Comparator.comparing(Practice::code))
            .map(p -> new PracticeCatchment(p.code(), p.pcnCode(), cells.cellOf(p.code())))
            .toList();
    List<Catchment> pcns = dissolve(cells, notes);
    boolean overlapping = noteSharedSites(cells.sites(), notes);
    if (!cells.outsidePractices().isEmpty()) {
      notes.add(
          "practices outside the study area keep the part of their cell inside it: "
              + String.join(", ", cells.outsidePractices()));
    }
    return new CatchmentSet(NAME, pcns, practiceCatchments, overlapping, notes);
  }

  /**
   * The Voronoi cell of each site, in site order, with vertices rounded to the millimetre. Cells
   * are matched to sites through the {@code userData} the builder sets (the site coordinate).
   */
  static Geometry[] cells(List<Site> sites, Envelope regionEnvelope, AtomicInteger repaired) {
    Geometry[] cells = new Geometry[sites.size()];
    if (sites.isEmpty()) {
      return cells;
    }
    Map<Coordinate, Integer> index = new HashMap<>();
    List<Coordinate> coords = new ArrayList<>();
    for (int i = 0; i < sites.size(); i++) {
      Coordinate c = sites.get(i).location();
      index.put(c, i);
      coords.add(c);
    }
    Frame frame = Frame.of(regionEnvelope, sites);
    coords.addAll(frame.guards());
    Geometry diagram = VoronoiDiagram.cells(coords, frame.clip(), GeoUtils.FACTORY);
    IntStream.range(0, diagram.getNumGeometries())
        .parallel()
        .forEach(
            k -> {
              Geometry cell = diagram.getGeometryN(k);
              Integer i = index.get((Coordinate) cell.getUserData());
              if (i != null) { // null: a guard's cell
                cells[i] = rounded((Polygon) cell, repaired);
              }
            });
    for (int i = 0; i < cells.length; i++) {
      if (cells[i] == null) {
        throw new IllegalStateException(
            "the Voronoi diagram has no cell for the site of practice "
                + sites.get(i).practiceCodes().get(0));
      }
    }
    return cells;
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

  /** One catchment per PCN: the union of its practices' distinct cells. */
  private static List<Catchment> dissolve(VoronoiCells cells, List<String> notes) {
    Map<String, List<Practice>> byPcn = Catchments.byPcn(cells.practices());
    Map<String, int[]> cellsOf = cells.cellsByPcn();
    List<String> codes = new ArrayList<>(byPcn.keySet());
    Catchments.Dissolved[] dissolved = new Catchments.Dissolved[codes.size()];
    IntStream.range(0, codes.size())
        .parallel()
        .forEach(
            k -> {
              List<Geometry> parts =
                  IntStream.of(cellsOf.get(codes.get(k))).mapToObj(cells::cell).toList();
              dissolved[k] = Catchments.dissolveCoverage(parts);
            });
    List<Catchment> pcns = new ArrayList<>();
    for (int k = 0; k < codes.size(); k++) {
      String code = codes.get(k);
      List<Practice> members = byPcn.get(code);
      if (dissolved[k].fellBack()) {
        notes.add(
            "the cells of PCN "
                + code
                + " did not dissolve as an exact coverage; they were unioned with OverlayNG instead");
      }
      if (dissolved[k].geometry().isEmpty()) {
        notes.add("PCN " + code + " has no area in the study area");
      }
      pcns.add(
          new Catchment(
              code,
              Catchments.pcnName(code, members),
              Catchments.codes(members),
              dissolved[k].geometry()));
    }
    return pcns;
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
