package org.pcnatlas.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.crs.CrsTransform;

/**
 * The CRS84 extent of EPSG:27700 geometries, exactly as reprojecting every geometry and taking the
 * envelope of the results would give it, but reprojecting only the few geometries that can hold an
 * extreme.
 *
 * <p>The transform is smooth, so over a geometry's envelope (centre {@code c}, half sizes {@code
 * hx}, {@code hy}) each output coordinate is at least {@code T(c) - |dT/dx| hx - |dT/dy| hy - M (hx
 * + hy)^2 / 2} and at most the same with the signs turned, where the derivatives at {@code c} come
 * from central differences and {@code M} bounds the second derivatives over all the envelopes (four
 * times the largest found on a 9 x 9 grid of second differences; they change by a few per cent
 * across Great Britain). For each side of the extent the geometries are reprojected in the order of
 * their bound on that side until the next bound cannot beat the best value found; the values kept
 * are those of the reprojected geometries' envelopes, so the result is the same double for double.
 * A point's bound is its reprojection, so a layer of points is reprojected point by point.
 */
final class Crs84Extent {
  /** The step of the finite differences, in metres. */
  private static final double STEP = 1000;

  /** Grid points per side over which the second derivatives are sampled. */
  private static final int GRID = 9;

  /** What the second derivatives found on the grid are multiplied by. */
  private static final double SAFETY = 4;

  /**
   * Degrees added to every bound, far above the transform's rounding and its iterative steps'
   * tolerance (about 1e-10 degrees).
   */
  private static final double SLACK = 1e-7;

  private Crs84Extent() {}

  /**
   * The envelope of the reprojected geometries that are neither null nor empty (a null envelope
   * when there are none).
   */
  static Envelope of(List<Geometry> geometries, CrsTransform toCrs84) {
    List<Geometry> parts = new ArrayList<>(geometries.size());
    Envelope layer = new Envelope();
    for (Geometry g : geometries) {
      if (g != null && !g.isEmpty()) {
        parts.add(g);
        layer.expandToInclude(g.getEnvelopeInternal());
      }
    }
    int n = parts.size();
    if (n == 0) {
      return new Envelope();
    }
    double[] curvature = null; // sampled when the first geometry that is not a point needs it
    // bounds[i] = {lon low, lon high, lat low, lat high}
    double[][] bounds = new double[n][];
    Envelope[] exact = new Envelope[n];
    for (int i = 0; i < n; i++) {
      Envelope e = parts.get(i).getEnvelopeInternal();
      if (e.getWidth() == 0 && e.getHeight() == 0) {
        // a point (or a geometry of one position): its reprojection is its bound
        exact[i] = toCrs84.apply(parts.get(i)).getEnvelopeInternal();
        bounds[i] =
            new double[] {
              exact[i].getMinX(), exact[i].getMaxX(), exact[i].getMinY(), exact[i].getMaxY()
            };
      } else {
        if (curvature == null) {
          curvature = curvature(layer, toCrs84);
        }
        bounds[i] = bounds(e, toCrs84, curvature);
      }
    }
    double minX = extreme(parts, bounds, exact, toCrs84, 0, true);
    double maxX = extreme(parts, bounds, exact, toCrs84, 1, false);
    double minY = extreme(parts, bounds, exact, toCrs84, 2, true);
    double maxY = extreme(parts, bounds, exact, toCrs84, 3, false);
    return new Envelope(minX, maxX, minY, maxY);
  }

  /**
   * The lowest (or highest) value of one side over the geometries, reprojecting as few as can be.
   */
  private static double extreme(
      List<Geometry> parts,
      double[][] bounds,
      Envelope[] exact,
      CrsTransform toCrs84,
      int side,
      boolean low) {
    Integer[] order = new Integer[parts.size()];
    Arrays.setAll(order, i -> i);
    Comparator<Integer> byBound = Comparator.comparingDouble(i -> bounds[i][side]);
    Arrays.sort(order, low ? byBound : byBound.reversed());
    double best = low ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    for (int i : order) {
      double bound = bounds[i][side];
      if (low ? bound > best : bound < best) {
        break; // no later geometry can hold a value beyond the best
      }
      if (exact[i] == null) {
        exact[i] = toCrs84.apply(parts.get(i)).getEnvelopeInternal();
      }
      double v =
          switch (side) {
            case 0 -> exact[i].getMinX();
            case 1 -> exact[i].getMaxX();
            case 2 -> exact[i].getMinY();
            default -> exact[i].getMaxY();
          };
      best = low ? Math.min(best, v) : Math.max(best, v);
    }
    return best;
  }

  /** Bounds {lon low, lon high, lat low, lat high} of the reprojected points of the envelope. */
  private static double[] bounds(Envelope e, CrsTransform t, double[] curvature) {
    double cx = (e.getMinX() + e.getMaxX()) / 2;
    double cy = (e.getMinY() + e.getMaxY()) / 2;
    double hx = e.getWidth() / 2;
    double hy = e.getHeight() / 2;
    Coordinate c = t.apply(cx, cy);
    double dx = 0;
    double dy = 0;
    double ex = 0;
    double ey = 0;
    if (hx > 0 || hy > 0) {
      Coordinate east = t.apply(cx + STEP, cy);
      Coordinate west = t.apply(cx - STEP, cy);
      Coordinate north = t.apply(cx, cy + STEP);
      Coordinate south = t.apply(cx, cy - STEP);
      // |dLon/dx| hx + |dLon/dy| hy, and the same for latitude
      dx =
          Math.abs(east.x - west.x) / (2 * STEP) * hx
              + Math.abs(north.x - south.x) / (2 * STEP) * hy;
      dy =
          Math.abs(east.y - west.y) / (2 * STEP) * hx
              + Math.abs(north.y - south.y) / (2 * STEP) * hy;
      double h2 = (hx + hy) * (hx + hy) / 2;
      ex = curvature[0] * h2;
      ey = curvature[1] * h2;
    }
    return new double[] {
      c.x - dx - ex - SLACK, c.x + dx + ex + SLACK, c.y - dy - ey - SLACK, c.y + dy + ey + SLACK
    };
  }

  /**
   * Bounds {lon, lat} of the absolute second derivatives (degrees per square metre) over the
   * envelope: the largest second differences on a grid over it, times {@link #SAFETY}.
   */
  private static double[] curvature(Envelope layer, CrsTransform t) {
    double lon = 0;
    double lat = 0;
    for (int i = 0; i < GRID; i++) {
      for (int j = 0; j < GRID; j++) {
        double x = layer.getMinX() + layer.getWidth() * i / (GRID - 1);
        double y = layer.getMinY() + layer.getHeight() * j / (GRID - 1);
        Coordinate c = t.apply(x, y);
        Coordinate e = t.apply(x + STEP, y);
        Coordinate w = t.apply(x - STEP, y);
        Coordinate n = t.apply(x, y + STEP);
        Coordinate s = t.apply(x, y - STEP);
        Coordinate ne = t.apply(x + STEP, y + STEP);
        Coordinate nw = t.apply(x - STEP, y + STEP);
        Coordinate se = t.apply(x + STEP, y - STEP);
        Coordinate sw = t.apply(x - STEP, y - STEP);
        double s2 = STEP * STEP;
        lon =
            max(
                lon,
                (e.x - 2 * c.x + w.x) / s2,
                (n.x - 2 * c.x + s.x) / s2,
                (ne.x - nw.x - se.x + sw.x) / (4 * s2));
        lat =
            max(
                lat,
                (e.y - 2 * c.y + w.y) / s2,
                (n.y - 2 * c.y + s.y) / s2,
                (ne.y - nw.y - se.y + sw.y) / (4 * s2));
      }
    }
    return new double[] {SAFETY * lon, SAFETY * lat};
  }

  private static double max(double m, double a, double b, double c) {
    return Math.max(m, Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(c))));
  }
}
