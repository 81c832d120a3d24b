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
 * an index that finds the units inside an envelope: built once per run, shared by every method and
 * every scenario over it. Immutable.
 */
public final class UnitPoints {
  private final List<PopulationUnit> units;
  private final double[] xs;
  private final double[] ys;
  private final long[] people;

  /** Unit indices sorted by x, for the envelope query. */
  private final int[] byX;

  private final double[] sortedX;

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
    byX =
        IntStream.range(0, n)
            .boxed()
            .sorted((a, b) -> Double.compare(xs[a], xs[b]))
            .mapToInt(i -> i)
            .toArray();
    sortedX = new double[n];
    for (int i = 0; i < n; i++) {
      sortedX[i] = xs[byX[i]];
    }
  }

  public static UnitPoints of(List<PopulationUnit> units) {
    return new UnitPoints(units);
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
    if (env.isNull()) {
      return new int[0];
    }
    int from = lowerBound(env.getMinX());
    int[] out = new int[16];
    int k = 0;
    for (int i = from; i < sortedX.length && sortedX[i] <= env.getMaxX(); i++) {
      int u = byX[i];
      if (ys[u] >= env.getMinY() && ys[u] <= env.getMaxY()) {
        if (k == out.length) {
          out = Arrays.copyOf(out, 2 * k);
        }
        out[k++] = u;
      }
    }
    int[] found = Arrays.copyOf(out, k);
    Arrays.sort(found);
    return found;
  }

  private int lowerBound(double x) {
    int lo = 0;
    int hi = sortedX.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sortedX[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
