package org.pcnatlas.catchment;

import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.pcnatlas.model.Practice;

/**
 * The practice site nearest a point: the Voronoi cell that holds the point, without a
 * point-in-polygon test. A static, balanced 2-d tree over the distinct practice sites; immutable
 * and safe to query from several threads.
 *
 * <p>A point equidistant from several sites goes to the first of them in site order (x, then y), so
 * answers are deterministic.
 */
public final class NearestPractice {
  private final List<Site> sites;
  private final double[] xs;
  private final double[] ys;

  /** Site index of each tree node; the node of the range [lo, hi) sits at its middle. */
  private final int[] tree;

  private NearestPractice(List<Site> sites) {
    this.sites = sites;
    int n = sites.size();
    xs = new double[n];
    ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = sites.get(i).location().x;
      ys[i] = sites.get(i).location().y;
    }
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    build(order, 0, n, 0);
    tree = order;
  }

  /** The index of these practices' sites; practices at one location share a site. */
  public static NearestPractice of(List<Practice> practices) {
    if (practices.isEmpty()) {
      throw new IllegalArgumentException("no practices to search");
    }
    return new NearestPractice(Site.of(practices));
  }

  /**
   * The index of these sites, kept in the given order: {@link #nearestIndex} answers an index into
   * this list (for {@link VoronoiCells#sites()}, the index of the cell holding the point).
   */
  public static NearestPractice ofSites(List<Site> sites) {
    if (sites.isEmpty()) {
      throw new IllegalArgumentException("no sites to search");
    }
    return new NearestPractice(List.copyOf(sites));
  }

  /** The distinct sites, sorted by x then y (or in the order given to {@link #ofSites}). */
  public List<Site> sites() {
    return sites;
  }

  /** The site nearest the point. */
  public Site nearest(Coordinate c) {
    return nearest(c.x, c.y);
  }

  /** The site nearest the point (x, y) in EPSG:27700. */
  public Site nearest(double x, double y) {
    return sites.get(nearestIndex(x, y));
  }

  /** The index in {@link #sites()} of the site nearest (x, y). */
  public int nearestIndex(double x, double y) {
    Best best = new Best();
    search(x, y, 0, tree.length, 0, best);
    return best.index;
  }

  private static final class Best {
    int index = -1;
    double d2 = Double.POSITIVE_INFINITY;
  }

  /**
   * Puts the median of [lo, hi) by x (even depth) or y (odd depth) at the middle, the smaller ones
   * before it and the larger after (a selection, not a sort: O(n log n) for the whole tree), then
   * does the same in each half.
   */
  private void build(int[] order, int lo, int hi, int depth) {
    if (hi - lo <= 1) {
      return;
    }
    boolean byX = depth % 2 == 0;
    int mid = (lo + hi) >>> 1;
    select(order, lo, hi - 1, mid, byX);
    build(order, lo, mid, depth + 1);
    build(order, mid + 1, hi, depth + 1);
  }

  /** Moves the k-th smallest of order[left..right] to k, smaller before, larger after. */
  private void select(int[] order, int left, int right, int k, boolean byX) {
    while (left < right) {
      int pivot = order[(left + right) >>> 1];
      int i = left;
      int j = right;
      while (i <= j) {
        while (compare(order[i], pivot, byX) < 0) {
          i++;
        }
        while (compare(order[j], pivot, byX) > 0) {
          j--;
        }
        if (i <= j) {
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        right = j;
      } else if (k >= i) {
        left = i;
      } else {
        return;
      }
    }
  }

  private int compare(int a, int b, boolean byX) {
    int c = byX ? Double.compare(xs[a], xs[b]) : Double.compare(ys[a], ys[b]);
    return c != 0 ? c : Integer.compare(a, b);
  }

  private void search(double x, double y, int lo, int hi, int depth, Best best) {
    if (lo >= hi) {
      return;
    }
    int mid = (lo + hi) >>> 1;
    int site = tree[mid];
    double dx = x - xs[site];
    double dy = y - ys[site];
    double d2 = dx * dx + dy * dy;
    if (d2 < best.d2 || d2 == best.d2 && site < best.index) {
      best.d2 = d2;
      best.index = site;
    }
    double diff = depth % 2 == 0 ? dx : dy;
    boolean leftFirst = diff < 0;
    search(x, y, leftFirst ? lo : mid + 1, leftFirst ? mid : hi, depth + 1, best);
    if (diff * diff <= best.d2) {
      search(x, y, leftFirst ? mid + 1 : lo, leftFirst ? hi : mid, depth + 1, best);
    }
  }
}
