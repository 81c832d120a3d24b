package org.pcnatlas.coverage;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.model.PopulationUnit;

/**
 * The points that place the population units (each unit's population-weighted centroid, else an
 * interior point of its polygon, as {@link PopulationAllocation#place}), with their residents, and
 * a grid that finds the units inside an envelope: built once per run, shared by every method and
 * every scenario over it. Immutable.
 */
public final class UnitPoints {
  private final List<PopulationUnit> units;
  private final double[] xs;
  private final double[] ys;
  private final long[] people;

  /** A grid of about two points per cell: cell k holds byCell[start[k]..start[k+1]). */
  private final double minX;

  private final double minY;
  private final double cell;
  private final int nx;
  private final int ny;
  private final int[] start;
  private final int[] byCell;

  private UnitPoints(List<PopulationUnit> units) {
    this.units = List.copyOf(units);
    int n = units.size();
    xs = new double[n];
    ys = new double[n];
    people = new long[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            u -> {
              PopulationUnit unit = units.get(u);
              Point p = PopulationAllocation.place(unit);
              xs[u] = p.getX();
              ys[u] = p.getY();
              people[u] = unit.population();
            });
    Envelope env = new Envelope();
    for (int u = 0; u < n; u++) {
      env.expandToInclude(xs[u], ys[u]);
    }
    minX = n == 0 ? 0 : env.getMinX();
    minY = n == 0 ? 0 : env.getMinY();
    double width = n == 0 ? 1 : Math.max(env.getWidth(), 1.0);
    double height = n == 0 ? 1 : Math.max(env.getHeight(), 1.0);
    // about two points per cell, and at most 4,096 cells a side
    cell =
        Math.max(
            Math.sqrt(width * height / Math.max(1.0, n / 2.0)), Math.max(width, height) / 4096);
    nx = (int) (width / cell) + 1;
    ny = (int) (height / cell) + 1;
    int[] cellOf = new int[n];
    start = new int[nx * ny + 1];
    for (int u = 0; u < n; u++) {
      cellOf[u] = column(xs[u]) + nx * row(ys[u]);
      start[cellOf[u] + 1]++;
    }
    for (int k = 0; k < nx * ny; k++) {
      start[k + 1] += start[k];
    }
    byCell = new int[n];
    int[] fill = Arrays.copyOf(start, nx * ny);
    for (int u = 0; u < n; u++) {
      byCell[fill[cellOf[u]]++] = u;
    }
  }

  public static UnitPoints of(List<PopulationUnit> units) {
    return new UnitPoints(units);
  }

  private int column(double x) {
    return Math.min(nx - 1, Math.max(0, (int) ((x - minX) / cell)));
  }

  private int row(double y) {
    return Math.min(ny - 1, Math.max(0, (int) ((y - minY) / cell)));
  }

  /** The units, in input order; unit {@code u} is {@code units().get(u)}. */
  public List<PopulationUnit> units() {
    return units;
  }

  public int size() {
    return xs.length;
  }

  public double x(int u) {
    return xs[u];
  }

  public double y(int u) {
    return ys[u];
  }

  /** The residents of unit {@code u}. */
  public long people(int u) {
    return people[u];
  }

  /** The units whose point lies in the envelope (its edges included), ascending. */
  public int[] within(Envelope env) {
    if (env.isNull() || xs.length == 0) {
      return new int[0];
    }
    int c0 = column(env.getMinX());
    int c1 = column(env.getMaxX());
    int r0 = row(env.getMinY());
    int r1 = row(env.getMaxY());
    int[] out = new int[16];
    int k = 0;
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        int at = c + nx * r;
        for (int i = start[at]; i < start[at + 1]; i++) {
          int u = byCell[i];
          if (xs[u] >= env.getMinX()
              && xs[u] <= env.getMaxX()
              && ys[u] >= env.getMinY()
              && ys[u] <= env.getMaxY()) {
            if (k == out.length) {
              out = Arrays.copyOf(out, 2 * k);
            }
            out[k++] = u;
          }
        }
      }
    }
    int[] found = Arrays.copyOf(out, k);
    Arrays.sort(found);
    return found;
  }
}
