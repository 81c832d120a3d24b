package org.pcnatlas.load;

import java.util.Arrays;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Whether a study area covers points, for the hundreds of thousands of practices and population
 * centroids checked against it: the same answer as {@link PreparedGeometry#covers} (a point in the
 * interior or on the boundary), mostly from a grid over the area's envelope instead of a
 * point-in-polygon test per point.
 *
 * <p>Every grid cell that the bounding box of a boundary segment reaches is left to the exact test
 * (JTS {@link IndexedPointInAreaLocator}, which {@code PreparedPolygon} uses). Any other cell holds
 * no boundary point, so the whole cell lies inside or outside the area, as its centre does: that is
 * located once per connected group of such cells, which no boundary separates. The cell of a point
 * is computed with the same monotone arithmetic as the cells of the segments, so a point whose
 * computed cell is not left to the exact test can reach that cell's centre without crossing the
 * boundary. (A spatial index such as this belongs in {@code geo}; it lives beside its two users in
 * {@code load}.)
 */
final class AreaCover {
  private static final byte OPEN = 0;
  private static final byte INSIDE = 1;
  private static final byte OUTSIDE = 2;
  private static final byte EXACT = 3;

  private final Geometry area;
  private final Envelope envelope;
  private final IndexedPointInAreaLocator locator;
  private final int nx;
  private final int ny;
  private final double cellWidth;
  private final double cellHeight;
  private final byte[] cells;
  private PreparedGeometry prepared;

  private AreaCover(Geometry area) {
    this.area = area;
    this.envelope = area.getEnvelopeInternal();
    this.locator = new IndexedPointInAreaLocator(area);
    locator.locate(new Coordinate(envelope.getMinX(), envelope.getMinY())); // builds its index
    int segments = Math.max(1, area.getNumPoints());
    long wanted = Math.min(1L << 22, Math.max(1024L, 16L * segments));
    double width = envelope.getWidth();
    double height = envelope.getHeight();
    double side = Math.sqrt(width * height / wanted);
    this.nx = side > 0 ? (int) Math.max(1, Math.min(4096, Math.ceil(width / side))) : 1;
    this.ny = side > 0 ? (int) Math.max(1, Math.min(4096, Math.ceil(height / side))) : 1;
    this.cellWidth = width / nx;
    this.cellHeight = height / ny;
    this.cells = new byte[area instanceof Polygonal ? nx * ny : 0];
    if (!(area instanceof Polygonal)) {
      return;
    }
    for (int k = 0; k < area.getNumGeometries(); k++) {
      Polygon p = (Polygon) area.getGeometryN(k);
      mark(p.getExteriorRing());
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        mark(p.getInteriorRingN(h));
      }
    }
    classify();
  }

  /** The cover of a polygon or multipolygon (of anything else: its prepared geometry). */
  static AreaCover of(Geometry area) {
    return new AreaCover(area);
  }

  /** The same as {@code PreparedGeometryFactory.prepare(area).covers(point)}. */
  boolean covers(Point point) {
    if (!(area instanceof Polygonal) || point.isEmpty()) {
      return prepared().covers(point);
    }
    double x = point.getX();
    double y = point.getY();
    if (!(x >= envelope.getMinX()
        && x <= envelope.getMaxX()
        && y >= envelope.getMinY()
        && y <= envelope.getMaxY())) {
      return false;
    }
    byte cell = cells[row(y) * nx + column(x)];
    if (cell == INSIDE) {
      return true;
    }
    if (cell == OUTSIDE) {
      return false;
    }
    return locator.locate(new Coordinate(x, y)) != Location.EXTERIOR;
  }

  /** The same as {@code PreparedGeometryFactory.prepare(area).intersects(g)}. */
  boolean intersects(Geometry g) {
    return prepared().intersects(g);
  }

  private synchronized PreparedGeometry prepared() {
    if (prepared == null) {
      prepared = PreparedGeometryFactory.prepare(area);
    }
    return prepared;
  }

  private int column(double x) {
    return cellWidth > 0
        ? Math.max(0, Math.min(nx - 1, (int) ((x - envelope.getMinX()) / cellWidth)))
        : 0;
  }

  private int row(double y) {
    return cellHeight > 0
        ? Math.max(0, Math.min(ny - 1, (int) ((y - envelope.getMinY()) / cellHeight)))
        : 0;
  }

  /** Leaves every cell the bounding box of a segment of the ring reaches to the exact test. */
  private void mark(LineString ring) {
    CoordinateSequence seq = ring.getCoordinateSequence();
    for (int i = 0; i + 1 < seq.size(); i++) {
      double x0 = seq.getX(i);
      double y0 = seq.getY(i);
      double x1 = seq.getX(i + 1);
      double y1 = seq.getY(i + 1);
      int c1 = column(Math.max(x0, x1));
      int r1 = row(Math.max(y0, y1));
      for (int r = row(Math.min(y0, y1)); r <= r1; r++) {
        for (int c = column(Math.min(x0, x1)); c <= c1; c++) {
          cells[r * nx + c] = EXACT;
        }
      }
    }
  }

  /**
   * Locates the cells without a boundary point: one centre per connected group of them (cells
   * sharing an edge, with no boundary point in either, lie on one side of the boundary).
   */
  private void classify() {
    int[] stack = new int[1024];
    for (int k = 0; k < cells.length; k++) {
      if (cells[k] != OPEN) {
        continue;
      }
      int c = k % nx;
      int r = k / nx;
      double x = envelope.getMinX() + (c + 0.5) * cellWidth;
      double y = envelope.getMinY() + (r + 0.5) * cellHeight;
      if (column(x) != c || row(y) != r) {
        continue; // a centre rounded into another cell: located from a neighbour, or exactly
      }
      int location = locator.locate(new Coordinate(x, y));
      if (location == Location.BOUNDARY) {
        continue;
      }
      byte side = location == Location.INTERIOR ? INSIDE : OUTSIDE;
      cells[k] = side;
      int top = 0;
      stack[top++] = k;
      while (top > 0) {
        int j = stack[--top];
        if (stack.length - top < 4) {
          stack = Arrays.copyOf(stack, 2 * stack.length);
        }
        int jc = j % nx;
        top = spread(j - 1, jc > 0, side, stack, top);
        top = spread(j + 1, jc < nx - 1, side, stack, top);
        top = spread(j - nx, j >= nx, side, stack, top);
        top = spread(j + nx, j + nx < cells.length, side, stack, top);
      }
    }
    for (int k = 0; k < cells.length; k++) {
      if (cells[k] == OPEN) {
        cells[k] = EXACT;
      }
    }
  }

  /** Gives an open neighbour the side of its group and stacks it; the new stack top. */
  private int spread(int n, boolean exists, byte side, int[] stack, int top) {
    if (exists && cells[n] == OPEN) {
      cells[n] = side;
      stack[top++] = n;
    }
    return top;
  }
}
