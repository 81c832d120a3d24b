package org.pcnatlas.overlay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.locationtech.jts.operation.relateng.RelatePredicate;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.VoronoiCells;
import org.pcnatlas.geo.ClipIndex;
import org.pcnatlas.geo.ConvexClip;
import org.pcnatlas.geo.SegmentIndex;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;

/**
 * Cells x an area layer, for catchments that are unions of cells which tile them (the Voronoi cells
 * of {@code catchment.VoronoiCells}): the same pair areas as {@link Overlay#pairs}, without
 * intersecting whole catchments with whole areas.
 *
 * <p>Each cell is small and convex (or a convex cell cut by the study area boundary), so it mostly
 * lies inside one area: one of its vertices is located in an area (indexed point-in-polygon) and
 * the area's indexed edges confirm that none comes near the cell ({@link SegmentIndex}; a prepared
 * {@code containsProperly} for a cell that is not convex); the cell then contributes its whole
 * area. Only the cells that cross an area edge (or come within a millimetre of one) are clipped,
 * each with the few candidate areas of an STR-tree: a convex cell by {@link ConvexClip} (the area
 * of the intersection without building it), any other (a cell cut by the study area boundary) with
 * {@link OverlayNGRobust} against the piece of the area around it ({@link ClipIndex}). A PCN's area
 * in an area is the sum of its cells' pieces. Cells are processed in parallel; results do not
 * depend on the order.
 *
 * <p>The pieces are kept, so that a point known to lie in a cell is placed in an area by testing
 * only that cell's areas ({@link #areaContaining}).
 */
public final class CellOverlay {
  private final AreaLayer layer;
  private final SegmentIndex[] segments;
  private final int[] whole;
  private final int[][] pieceAreas;
  private final double[][] pieceM2;

  /**
   * Per cell crossing an area edge and clipped by ConvexClip: per piece, the area's rings clipped
   * to the cell, to place points without an exact point-in-polygon test; null otherwise.
   */
  private final ConvexClip.Piece[][] pieceRings;

  /** A point nearer than this (m) to a clipped ring's edge is placed by the exact test. */
  static final double LOCATE_TOLERANCE = 1e-6;

  private CellOverlay(
      AreaLayer layer,
      SegmentIndex[] segments,
      int[] whole,
      int[][] pieceAreas,
      double[][] pieceM2,
      ConvexClip.Piece[][] pieceRings) {
    this.layer = layer;
    this.pieceRings = pieceRings;
    this.segments = segments;
    this.whole = whole;
    this.pieceAreas = pieceAreas;
    this.pieceM2 = pieceM2;
  }

  /** The pieces of every cell in every area of the layer. */
  public static CellOverlay of(List<Geometry> cells, AreaLayer layer) {
    return of(cells, layer, null, null);
  }

  /**
   * The pieces of the Voronoi cells in every area of the layer. A cell cut by the study area
   * boundary is not convex, but the cell before the cut is: when an area lies within the study area
   * (a prepared {@code covers}, once per area), the part of the cut cell in it is the part of the
   * uncut cell in it, and {@link ConvexClip} gives its area without an overlay.
   */
  public static CellOverlay of(VoronoiCells cells, AreaLayer layer) {
    List<Geometry> uncut = new ArrayList<>(cells.size());
    for (int i = 0; i < cells.size(); i++) {
      uncut.add(cells.crossesBoundary(i) ? cells.unclippedCell(i) : null);
    }
    return of(cells.geometries(), layer, uncut, cells.region());
  }

  private static CellOverlay of(
      List<Geometry> cells, AreaLayer layer, List<Geometry> uncut, Geometry region) {
    Areas areas = new Areas(layer, region);
    int[] whole = new int[cells.size()];
    int[][] pieceAreas = new int[cells.size()][];
    double[][] pieceM2 = new double[cells.size()][];
    ConvexClip.Piece[][] pieceRings = new ConvexClip.Piece[cells.size()][];
    IntStream.range(0, cells.size())
        .parallel()
        .forEach(
            c -> {
              Geometry cell = cells.get(c);
              whole[c] = -1;
              pieceAreas[c] = new int[0];
              pieceM2[c] = new double[0];
              if (cell.isEmpty()) {
                return;
              }
              int[] candidates = areas.candidates(cell.getEnvelopeInternal());
              ConvexClip convex = ConvexClip.of(cell);
              ConvexClip uncutConvex =
                  convex == null && uncut != null && uncut.get(c) != null
                      ? ConvexClip.of(uncut.get(c))
                      : null;
              int inside = areas.wholeArea(cell, convex, candidates);
              if (inside >= 0) {
                whole[c] = inside;
                pieceAreas[c] = new int[] {inside};
                pieceM2[c] = new double[] {cell.getArea()};
                return;
              }
              int[] as = new int[candidates.length];
              double[] ms = new double[candidates.length];
              ConvexClip.Piece[] rs = new ConvexClip.Piece[candidates.length];
              boolean clipped = true;
              int k = 0;
              for (int a : candidates) {
                ConvexClip.Piece piece = areas.convexPiece(convex, uncutConvex, a);
                double m2 = piece != null ? piece.area() : areas.overlayArea(cell, a);
                clipped &= piece != null;
                if (m2 > 0) {
                  as[k] = a;
                  rs[k] = piece;
                  ms[k++] = m2;
                }
              }
              pieceAreas[c] = Arrays.copyOf(as, k);
              pieceM2[c] = Arrays.copyOf(ms, k);
              pieceRings[c] = clipped ? Arrays.copyOf(rs, k) : null;
            });
    return new CellOverlay(layer, areas.segments, whole, pieceAreas, pieceM2, pieceRings);
  }

  /** The areas of the layer, indexed and prepared for small cells. */
  private static final class Areas {
    final Geometry[] geometries;
    final SegmentIndex[] segments;
    final ConvexClip.Subject[] subjects;
    final PreparedGeometry[] prepared;
    final ClipIndex[] pieces;
    final STRtree index = new STRtree();
    final RelateNG region;

    /** Per area: 0 not known yet, 1 within the study area, -1 not (or no study area given). */
    final AtomicIntegerArray withinRegion;

    Areas(AreaLayer layer, Geometry region) {
      this.region = region == null ? null : RelateNG.prepare(region);
      int n = layer.areas().size();
      geometries = new Geometry[n];
      segments = new SegmentIndex[n];
      subjects = new ConvexClip.Subject[n];
      prepared = new PreparedGeometry[n];
      pieces = new ClipIndex[n];
      withinRegion = new AtomicIntegerArray(n);
      IntStream.range(0, n)
          .parallel()
          .forEach(
              i -> {
                Geometry g = layer.areas().get(i).geometry();
                geometries[i] = g;
                segments[i] = SegmentIndex.of(g);
                subjects[i] = ConvexClip.Subject.of(g);
                prepared[i] = PreparedGeometryFactory.prepare(g);
                pieces[i] = ClipIndex.of(g);
              });
      for (int i = 0; i < n; i++) {
        index.insert(geometries[i].getEnvelopeInternal(), i);
      }
      index.build();
    }

    /** The candidate areas of an envelope, ascending. */
    int[] candidates(Envelope env) {
      List<?> found = index.query(env);
      int[] out = new int[found.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = (Integer) found.get(i);
      }
      Arrays.sort(out);
      return out;
    }

    /**
     * The area whose interior holds the whole cell, or -1: the area holding a cell vertex in its
     * interior, confirmed by no area edge meeting the cell (a convex cell) or by a prepared {@code
     * containsProperly} (any other cell).
     */
    int wholeArea(Geometry cell, ConvexClip convex, int[] candidates) {
      Envelope env = cell.getEnvelopeInternal();
      Coordinate v = cell.getCoordinate();
      for (int a : candidates) {
        int loc = segments[a].locate(v);
        if (loc == Location.BOUNDARY) {
          return -1; // on an area edge: not properly inside any area
        }
        if (loc == Location.INTERIOR) {
          if (!geometries[a].getEnvelopeInternal().contains(env)) {
            return -1;
          }
          boolean inside =
              convex != null ? !segments[a].meets(convex) : prepared[a].containsProperly(cell);
          return inside ? a : -1;
        }
      }
      return -1;
    }

    /** True when area {@code a} lies within the study area (evaluated once, on first need). */
    boolean withinRegion(int a) {
      int known = withinRegion.get(a);
      if (known == 0) {
        known = region != null && region.evaluate(geometries[a], RelatePredicate.covers()) ? 1 : -1;
        withinRegion.set(a, known);
      }
      return known > 0;
    }

    /**
     * The part of the cell in area {@code a} by {@link ConvexClip}: for a convex cell, or for a cut
     * cell whose uncut cell is convex when the area lies within the study area; null otherwise.
     */
    ConvexClip.Piece convexPiece(ConvexClip convex, ConvexClip uncut, int a) {
      if (convex != null) {
        return convex.piece(subjects[a]);
      }
      if (uncut != null && withinRegion(a)) {
        return uncut.piece(subjects[a]);
      }
      return null;
    }

    /** The area of the cell in area {@code a} by {@link OverlayNGRobust}, with the area's piece. */
    double overlayArea(Geometry cell, int a) {
      if (!prepared[a].intersects(cell)) {
        return 0;
      }
      return OverlayNGRobust.overlay(cell, pieces[a].pieceFor(cell), OverlayNG.INTERSECTION)
          .getArea();
    }
  }

  /** The area layer. */
  public AreaLayer layer() {
    return layer;
  }

  /** The number of cells. */
  public int size() {
    return whole.length;
  }

  /** The area that properly contains the whole cell, or -1 when the cell crosses an area edge. */
  public int wholeArea(int cell) {
    return whole[cell];
  }

  /** The areas (indices into the layer, ascending) that share a positive area with the cell. */
  public int[] areasOf(int cell) {
    return pieceAreas[cell].clone();
  }

  /** The area (m²) the cell shares with each of {@link #areasOf}, in the same order. */
  public double[] areasM2Of(int cell) {
    return pieceM2[cell].clone();
  }

  /**
   * The area whose interior holds the point (x, y) of this cell, or -1 when none does (the point is
   * outside every area, or on an area edge). Only the cell's own areas are tested; a cell inside
   * one area needs no test at all. The point must lie in the cell (or on its edge).
   */
  public int areaContaining(int cell, double x, double y) {
    if (whole[cell] >= 0) {
      return whole[cell];
    }
    Coordinate p = new Coordinate(x, y);
    int[] areas = pieceAreas[cell];
    double[] m2 = pieceM2[cell];
    ConvexClip.Piece[] rings = pieceRings[cell];
    // the area holding most of the cell first: it most likely holds the point
    int largest = -1;
    for (int k = 0; k < areas.length; k++) {
      if (largest < 0 || m2[k] > m2[largest]) {
        largest = k;
      }
    }
    if (largest >= 0 && holds(rings, largest, areas, p)) {
      return areas[largest];
    }
    for (int k = 0; k < areas.length; k++) {
      if (k != largest && holds(rings, k, areas, p)) {
        return areas[k];
      }
    }
    return -1;
  }

  /**
   * True when piece k's area holds the point in its interior: by the piece's clipped rings when
   * kept and the point is clear of them, else by the area's exact locator.
   */
  private boolean holds(ConvexClip.Piece[] rings, int k, int[] areas, Coordinate p) {
    if (rings != null) {
      int inside = rings[k].locate(p.x, p.y, LOCATE_TOLERANCE);
      if (inside >= 0) {
        return inside == 1;
      }
    }
    return segments[areas[k]].locate(p) == Location.INTERIOR;
  }

  /**
   * Every (PCN, area) pair of at least {@link Overlay#MIN_AREA_M2}: the sum of the pieces of the
   * PCN's cells, and its share of the PCN's catchment area. Sorted by PCN code, then area code.
   *
   * @param catchments the PCN catchments (their areas are the denominators of the shares)
   * @param cellsByPcn the cells whose union is each PCN's catchment (cell indices)
   */
  public List<PairArea> pairs(List<Catchment> catchments, Map<String, int[]> cellsByPcn) {
    return catchments.parallelStream()
        .flatMap(
            c -> {
              int[] cells = cellsByPcn.getOrDefault(c.pcnCode(), new int[0]);
              double total = c.geometry().getArea();
              // a PCN meets a handful of areas: (area, sum) in first-met order
              int[] met = new int[8];
              double[] sum = new double[8];
              int n = 0;
              for (int cell : cells) {
                for (int k = 0; k < pieceAreas[cell].length; k++) {
                  int a = pieceAreas[cell][k];
                  int j = 0;
                  while (j < n && met[j] != a) {
                    j++;
                  }
                  if (j == n) {
                    if (n == met.length) {
                      met = Arrays.copyOf(met, 2 * n);
                      sum = Arrays.copyOf(sum, 2 * n);
                    }
                    met[n++] = a;
                  }
                  sum[j] += pieceM2[cell][k];
                }
              }
              List<PairArea> out = new ArrayList<>();
              for (int j = 0; j < n; j++) {
                if (sum[j] >= Overlay.MIN_AREA_M2 && total > 0) {
                  Area area = layer.areas().get(met[j]);
                  out.add(
                      new PairArea(
                          c.pcnCode(),
                          layer.name(),
                          area.code(),
                          area.name(),
                          sum[j],
                          sum[j] / total));
                }
              }
              return out.stream();
            })
        .sorted(Comparator.comparing(PairArea::pcnCode).thenComparing(PairArea::areaCode))
        .toList();
  }
}
