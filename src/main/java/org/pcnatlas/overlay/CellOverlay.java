package org.pcnatlas.overlay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.VoronoiCells;
import org.pcnatlas.geo.ConvexClip;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;

/**
 * Cells x an area layer, for catchments that are unions of cells which tile them (the Voronoi cells
 * of {@code catchment.VoronoiCells}): the same pair areas as {@link Overlay#pairs}, without
 * intersecting whole catchments with whole areas.
 *
 * <p>Each cell is small and convex (or a convex cell cut by the study area boundary), so it mostly
 * lies inside one area: one of its vertices is located in an area (indexed point-in-polygon) and
 * the area's indexed edges confirm that none comes near the cell ({@link
 * org.pcnatlas.geo.SegmentIndex}; a prepared {@code containsProperly} for a cell that is not
 * convex); the cell then contributes its whole area. Only the cells that cross an area edge (or
 * come within a millimetre of one) are clipped, each with the few candidate areas of the layer's
 * {@link AreaIndex}: a convex cell by {@link ConvexClip} (the area of the intersection without
 * building it), any other (a cell cut by the study area boundary) with {@link OverlayNGRobust}
 * against the piece of the area around it ({@link org.pcnatlas.geo.ClipIndex}). A PCN's area in an
 * area is the sum of its cells' pieces, in cell order. Cells are processed in parallel; results do
 * not depend on the order.
 *
 * <p>{@link #update} overlays the cells of an edited diagram, keeping the pieces of every cell that
 * did not change.
 */
public final class CellOverlay {
  private final AreaIndex areas;
  private final int[] whole;
  private final int[][] pieceAreas;
  private final double[][] pieceM2;

  private CellOverlay(AreaIndex areas, int[] whole, int[][] pieceAreas, double[][] pieceM2) {
    this.areas = areas;
    this.whole = whole;
    this.pieceAreas = pieceAreas;
    this.pieceM2 = pieceM2;
  }

  /** The pieces of every cell in every area of the layer. */
  public static CellOverlay of(List<Geometry> cells, AreaLayer layer) {
    return of(cells, AreaIndex.of(layer, null));
  }

  /** The pieces of every cell in every area of the indexed layer. */
  public static CellOverlay of(List<Geometry> cells, AreaIndex areas) {
    return compute(cells, null, areas, null, null);
  }

  /** The pieces of the Voronoi cells in every area of the layer. */
  public static CellOverlay of(VoronoiCells cells, AreaLayer layer) {
    return of(cells, AreaIndex.of(layer, cells.region()));
  }

  /**
   * The pieces of the Voronoi cells in every area of the indexed layer (indexed with the cells'
   * study area). A cell cut by the study area boundary is not convex, but the cell before the cut
   * is: when an area lies within the study area (a prepared {@code covers}, once per area), the
   * part of the cut cell in it is the part of the uncut cell in it, and {@link ConvexClip} gives
   * its area without an overlay.
   */
  public static CellOverlay of(VoronoiCells cells, AreaIndex areas) {
    return compute(cells.geometries(), cells, areas, null, null);
  }

  /**
   * The pieces of the cells of an edited diagram: a cell that is the same as one of this overlay's
   * ({@code origin[j] >= 0}: new cell j is old cell {@code origin[j]}) keeps its pieces, the others
   * are overlaid again. Equal to {@link #of(VoronoiCells, AreaIndex)} on {@code now}.
   */
  public CellOverlay update(VoronoiCells now, int[] origin) {
    if (origin.length != now.size()) {
      throw new IllegalArgumentException(
          "origin has " + origin.length + " cells, the diagram " + now.size());
    }
    return compute(now.geometries(), now, areas, this, origin);
  }

  private static CellOverlay compute(
      List<Geometry> cells,
      VoronoiCells voronoi,
      AreaIndex areas,
      CellOverlay previous,
      int[] origin) {
    int n = cells.size();
    int[] whole = new int[n];
    int[][] pieceAreas = new int[n][];
    double[][] pieceM2 = new double[n][];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            c -> {
              if (previous != null && origin[c] >= 0) {
                int o = origin[c];
                whole[c] = previous.whole[o];
                pieceAreas[c] = previous.pieceAreas[o];
                pieceM2[c] = previous.pieceM2[o];
                return;
              }
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
                  convex == null && voronoi != null && voronoi.crossesBoundary(c)
                      ? ConvexClip.of(voronoi.unclippedCell(c))
                      : null;
              int inside = wholeArea(areas, cell, convex, candidates);
              if (inside >= 0) {
                whole[c] = inside;
                pieceAreas[c] = new int[] {inside};
                pieceM2[c] = new double[] {cell.getArea()};
                return;
              }
              int[] as = new int[candidates.length];
              double[] ms = new double[candidates.length];
              int k = 0;
              for (int a : candidates) {
                ConvexClip.Piece piece = convexPiece(areas, convex, uncutConvex, a);
                double m2 = piece != null ? piece.area() : overlayArea(areas, cell, a);
                if (m2 > 0) {
                  as[k] = a;
                  ms[k++] = m2;
                }
              }
              pieceAreas[c] = Arrays.copyOf(as, k);
              pieceM2[c] = Arrays.copyOf(ms, k);
            });
    return new CellOverlay(areas, whole, pieceAreas, pieceM2);
  }

  /**
   * The area whose interior holds the whole cell, or -1: the area holding a cell vertex in its
   * interior, confirmed by no area edge meeting the cell (a convex cell) or by a prepared {@code
   * containsProperly} (any other cell).
   */
  private static int wholeArea(
      AreaIndex areas, Geometry cell, ConvexClip convex, int[] candidates) {
    Envelope env = cell.getEnvelopeInternal();
    Coordinate v = cell.getCoordinate();
    for (int a : candidates) {
      int loc = areas.segments(a).locate(v);
      if (loc == Location.BOUNDARY) {
        return -1; // on an area edge: not properly inside any area
      }
      if (loc == Location.INTERIOR) {
        if (!areas.geometry(a).getEnvelopeInternal().contains(env)) {
          return -1;
        }
        boolean inside =
            convex != null
                ? !areas.segments(a).meets(convex)
                : areas.prepared(a).containsProperly(cell);
        return inside ? a : -1;
      }
    }
    return -1;
  }

  /**
   * The part of the cell in area {@code a} by {@link ConvexClip}: for a convex cell, or for a cut
   * cell whose uncut cell is convex when the area lies within the study area; null otherwise.
   */
  private static ConvexClip.Piece convexPiece(
      AreaIndex areas, ConvexClip convex, ConvexClip uncut, int a) {
    if (convex != null) {
      return convex.piece(areas.subject(a));
    }
    if (uncut != null && areas.withinRegion(a)) {
      return uncut.piece(areas.subject(a));
    }
    return null;
  }

  /** The area of the cell in area {@code a} by {@link OverlayNGRobust}, with the area's piece. */
  private static double overlayArea(AreaIndex areas, Geometry cell, int a) {
    if (!areas.prepared(a).intersects(cell)) {
      return 0;
    }
    return OverlayNGRobust.overlay(cell, areas.pieces(a).pieceFor(cell), OverlayNG.INTERSECTION)
        .getArea();
  }

  /** The indexed area layer. */
  public AreaIndex areas() {
    return areas;
  }

  /** The area layer. */
  public AreaLayer layer() {
    return areas.layer();
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
   * The area (m²) some cells share with each area, summed in the order of the cells: the areas met
   * (indices into the layer) ascending, each with a positive sum.
   */
  public Overlay.Sums sums(int[] cells) {
    // a PCN meets a handful of areas: (area, sum) in first-met order, then sorted
    int[] met = new int[8];
    double[] sum = new double[8];
    int n = 0;
    for (int cell : cells) {
      int[] as = pieceAreas[cell];
      double[] ms = pieceM2[cell];
      for (int k = 0; k < as.length; k++) {
        int a = as[k];
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
        sum[j] += ms[k];
      }
    }
    return Overlay.Sums.sorted(Arrays.copyOf(met, n), Arrays.copyOf(sum, n));
  }

  /** True when every one of the cells lies inside area {@code a} (so their union does too). */
  public boolean allWhole(int[] cells, int a) {
    for (int cell : cells) {
      if (whole[cell] != a) {
        return false;
      }
    }
    return cells.length > 0;
  }

  /**
   * Every (PCN, area) pair of at least {@link Overlay#MIN_AREA_M2}: the sum of the pieces of the
   * PCN's cells, and its share of the PCN's catchment area. Sorted by PCN code, then area code.
   *
   * @param catchments the PCN catchments (their areas are the denominators of the shares)
   * @param cellsByPcn the cells whose union is each PCN's catchment (cell indices)
   */
  public List<PairArea> pairs(List<Catchment> catchments, Map<String, int[]> cellsByPcn) {
    List<PairArea> out = new ArrayList<>();
    for (Catchment c : catchments) {
      Overlay.Sums s = sums(cellsByPcn.getOrDefault(c.pcnCode(), new int[0]));
      double total = c.geometry().getArea();
      for (int j = 0; j < s.size(); j++) {
        if (s.m2(j) >= Overlay.MIN_AREA_M2 && total > 0) {
          Area area = layer().areas().get(s.area(j));
          out.add(
              new PairArea(
                  c.pcnCode(), layer().name(), area.code(), area.name(), s.m2(j), s.m2(j) / total));
        }
      }
    }
    out.sort(Comparator.comparing(PairArea::pcnCode).thenComparing(PairArea::areaCode));
    return out;
  }
}
