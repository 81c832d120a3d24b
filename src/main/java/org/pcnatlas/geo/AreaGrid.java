package org.pcnatlas.geo;

import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * Which area of a layer holds a point, for the hundreds of thousands of points placed in one layer:
 * the answer of an exact locator, mostly from a grid over the layer instead of a point-in-polygon
 * test per point.
 *
 * <p>Every grid cell that the bounding box of a boundary segment of any area reaches is left to the
 * exact locator. Any other cell holds no boundary point, so every point of it lies in the same
 * areas as its centre; so do the points of the neighbouring cells of that kind, since no boundary
 * separates them. The exact locator is asked once per connected group of such cells, for one
 * centre, and the whole group takes its answer. The cell of a point is computed with the same
 * monotone arithmetic as the cells a segment's box reaches, so a point on a boundary always falls
 * in a cell left to the exact locator.
 */
public final class AreaGrid {
  /** The exact answer for a point: an area index, or -1 for none. */
  public interface Locator {
    int locate(double x, double y);
  }

  private static final int EXACT = -2;
  private static final int OPEN = -3;

  /** At most this many cells. */
  static final int MAX_CELLS = 1 << 22;

  private final Locator exact;
  private final double minX;
  private final double minY;
  private final double cellWidth;
  private final double cellHeight;
  private final int nx;
  private final int ny;
  private final int[] cells;

  private AreaGrid(List<Geometry> areas, Locator exact) {
    this.exact = exact;
    Envelope env = new Envelope();
    long points = 0;
    for (Geometry g : areas) {
      env.expandToInclude(g.getEnvelopeInternal());
      points += g.getNumPoints();
    }
    if (env.isNull() || env.getWidth() == 0 || env.getHeight() == 0) {
      minX = 0;
      minY = 0;
      cellWidth = 1;
      cellHeight = 1;
      nx = 0;
      ny = 0;
      cells = new int[0];
      return;
    }
    long wanted = Math.min(MAX_CELLS, Math.max(4096L, 16L * points));
    double side = Math.sqrt(env.getWidth() * env.getHeight() / wanted);
    nx = (int) Math.max(1, Math.min(4096, Math.ceil(env.getWidth() / side)));
    ny = (int) Math.max(1, Math.min(4096, Math.ceil(env.getHeight() / side)));
    minX = env.getMinX();
    minY = env.getMinY();
    cellWidth = env.getWidth() / nx;
    cellHeight = env.getHeight() / ny;
    cells = new int[nx * ny];
    Arrays.fill(cells, OPEN);
    for (Geometry g : areas) {
      for (int k = 0; k < g.getNumGeometries(); k++) {
        Geometry part = g.getGeometryN(k);
        if (part instanceof Polygon p) {
          mark(p.getExteriorRing().getCoordinateSequence());
          for (int h = 0; h < p.getNumInteriorRing(); h++) {
            mark(p.getInteriorRingN(h).getCoordinateSequence());
          }
        }
      }
    }
    fill();
  }

  /**
   * The grid of a layer's areas (polygons), answering as {@code exact} does.
   *
   * @param exact the exact locator, asked for points in cells a boundary reaches and once per group
   *     of other cells
   */
  public static AreaGrid of(List<Geometry> areas, Locator exact) {
    return new AreaGrid(areas, exact);
  }

  private int column(double x) {
    return Math.min(nx - 1, Math.max(0, (int) Math.floor((x - minX) / cellWidth)));
  }

  private int row(double y) {
    return Math.min(ny - 1, Math.max(0, (int) Math.floor((y - minY) / cellHeight)));
  }

  private void mark(CoordinateSequence ring) {
    for (int i = 0; i + 1 < ring.size(); i++) {
      double x0 = ring.getX(i);
      double y0 = ring.getY(i);
      double x1 = ring.getX(i + 1);
      double y1 = ring.getY(i + 1);
      int c0 = column(Math.min(x0, x1));
      int c1 = column(Math.max(x0, x1));
      int r0 = row(Math.min(y0, y1));
      int r1 = row(Math.max(y0, y1));
      for (int r = r0; r <= r1; r++) {
        for (int c = c0; c <= c1; c++) {
          cells[c + nx * r] = EXACT;
        }
      }
    }
  }

  /** Each connected group of open cells takes the exact answer at one of its cells' centres. */
  private void fill() {
    int[] stack = new int[64];
    for (int start = 0; start < cells.length; start++) {
      if (cells[start] != OPEN) {
        continue;
      }
      int c = start % nx;
      int r = start / nx;
      int answer = exact.locate(minX + (c + 0.5) * cellWidth, minY + (r + 0.5) * cellHeight);
      cells[start] = answer;
      int top = 0;
      stack[top++] = start;
      while (top > 0) {
        int k = stack[--top];
        int kc = k % nx;
        int kr = k / nx;
        int[] next = {
          kc > 0 ? k - 1 : -1,
          kc < nx - 1 ? k + 1 : -1,
          kr > 0 ? k - nx : -1,
          kr < ny - 1 ? k + nx : -1
        };
        for (int n : next) {
          if (n >= 0 && cells[n] == OPEN) {
            cells[n] = answer;
            if (top == stack.length) {
              stack = Arrays.copyOf(stack, 2 * top);
            }
            stack[top++] = n;
          }
        }
      }
    }
  }

  /** The area holding the point, as the exact locator would answer. */
  public int locate(double x, double y) {
    if (cells.length == 0
        || x < minX
        || y < minY
        || x > minX + nx * cellWidth
        || y > minY + ny * cellHeight) {
      return exact.locate(x, y);
    }
    int v = cells[column(x) + nx * row(y)];
    return v == EXACT ? exact.locate(x, y) : v;
  }

  /** The share of the cells left to the exact locator (for tests and tuning). */
  double exactShare() {
    if (cells.length == 0) {
      return 1;
    }
    long n = 0;
    for (int v : cells) {
      n += v == EXACT ? 1 : 0;
    }
    return (double) n / cells.length;
  }
}
