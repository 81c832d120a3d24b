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

  /**
   * Each connected group of open cells takes the exact answer at one of its cells' centres. The
   * groups are found row by row: each row's runs of open cells, joined (union-find) to the runs of
   * the row below that share a cell edge with them.
   */
  private void fill() {
    // the runs of open cells, row by row: start column, end column (inclusive), row
    int[] runStart = new int[1024];
    int[] runEnd = new int[1024];
    int[] rowFirst = new int[ny + 1];
    int runs = 0;
    for (int r = 0; r < ny; r++) {
      rowFirst[r] = runs;
      int base = r * nx;
      int c = 0;
      while (c < nx) {
        if (cells[base + c] != OPEN) {
          c++;
          continue;
        }
        int start = c;
        while (c < nx && cells[base + c] == OPEN) {
          c++;
        }
        if (runs == runStart.length) {
          runStart = Arrays.copyOf(runStart, 2 * runs);
          runEnd = Arrays.copyOf(runEnd, 2 * runs);
        }
        runStart[runs] = start;
        runEnd[runs] = c - 1;
        runs++;
      }
    }
    rowFirst[ny] = runs;
    int[] parent = new int[runs];
    for (int k = 0; k < runs; k++) {
      parent[k] = k;
    }
    for (int r = 1; r < ny; r++) {
      int a = rowFirst[r - 1];
      int b = rowFirst[r];
      while (a < rowFirst[r] && b < rowFirst[r + 1]) {
        if (runEnd[a] < runStart[b]) {
          a++;
        } else if (runEnd[b] < runStart[a]) {
          b++;
        } else {
          union(parent, a, b);
          if (runEnd[a] < runEnd[b]) {
            a++;
          } else {
            b++;
          }
        }
      }
    }
    int[] answer = new int[runs];
    Arrays.fill(answer, OPEN);
    int r = 0;
    for (int k = 0; k < runs; k++) {
      while (rowFirst[r + 1] <= k) {
        r++;
      }
      int root = find(parent, k);
      if (answer[root] == OPEN) {
        answer[root] =
            exact.locate(minX + (runStart[k] + 0.5) * cellWidth, minY + (r + 0.5) * cellHeight);
      }
      Arrays.fill(cells, r * nx + runStart[k], r * nx + runEnd[k] + 1, answer[root]);
    }
  }

  private static int find(int[] parent, int k) {
    while (parent[k] != k) {
      parent[k] = parent[parent[k]];
      k = parent[k];
    }
    return k;
  }

  private static void union(int[] parent, int a, int b) {
    int x = find(parent, a);
    int y = find(parent, b);
    if (x != y) {
      parent[Math.max(x, y)] = Math.min(x, y);
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
