package org.pcnatlas.geo;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The boundary of a polygonal geometry indexed for questions about small convex polygons near it:
 * which of its segments meet one, whether one lies properly inside it, and where the part of any
 * polygon inside it can reach. Segments are kept in runs of {@link #RUN} consecutive segments of a
 * ring, in an STR-tree by envelope, with an indexed point-in-polygon locator. Immutable once built;
 * safe for several threads.
 */
public final class SegmentIndex {
  static final int RUN = 16;

  /** How near (m) a segment may pass outside a convex polygon and still count as meeting it. */
  public static final double TOUCH_TOLERANCE = 1e-3;

  private final STRtree runs = new STRtree();
  private final IndexedPointInAreaLocator locator;

  private SegmentIndex(Geometry polygonal) {
    locator = new IndexedPointInAreaLocator(polygonal);
    for (int k = 0; k < polygonal.getNumGeometries(); k++) {
      Polygon poly = (Polygon) polygonal.getGeometryN(k);
      for (int r = -1; r < poly.getNumInteriorRing(); r++) {
        CoordinateSequence seq =
            (r < 0 ? poly.getExteriorRing() : poly.getInteriorRingN(r)).getCoordinateSequence();
        for (int start = 0; start < seq.size() - 1; start += RUN) {
          int end = Math.min(start + RUN, seq.size() - 1);
          Envelope env = new Envelope();
          for (int p = start; p <= end; p++) {
            env.expandToInclude(seq.getX(p), seq.getY(p));
          }
          runs.insert(env, new Run(seq, start, end));
        }
      }
    }
    runs.build();
    // build the locator's index now, not under the first caller's lock
    locator.locate(new Coordinate(0, 0));
  }

  /** The index of a polygon or multipolygon. */
  public static SegmentIndex of(Geometry polygonal) {
    if (!(polygonal instanceof Polygonal)) {
      throw new IllegalArgumentException("not polygonal: " + polygonal.getGeometryType());
    }
    return new SegmentIndex(polygonal);
  }

  /** The {@link Location} of the point: interior, boundary or exterior. */
  public int locate(Coordinate p) {
    return locator.locate(p);
  }

  /** True when a boundary segment meets the convex polygon or passes within the tolerance of it. */
  public boolean meets(ConvexClip convex) {
    Envelope env = new Envelope(convex.envelope());
    env.expandBy(TOUCH_TOLERANCE);
    boolean[] found = {false};
    runs.query(
        env,
        item -> {
          if (!found[0] && ((Run) item).meets(convex, env)) {
            found[0] = true;
          }
        });
    return found[0];
  }

  /**
   * True when the convex polygon lies in the interior of the geometry, with no boundary segment
   * within the tolerance of it: one vertex inside and no segment meeting it.
   */
  public boolean containsProperly(ConvexClip convex, Coordinate vertex) {
    return locator.locate(vertex) == Location.INTERIOR && !meets(convex);
  }

  /**
   * An envelope holding the part of {@code g} inside the geometry: its vertices not outside the
   * geometry and the segments that meet {@code g} (for a convex {@code g}; the segments meeting its
   * envelope otherwise). Null (an empty envelope) when there is neither.
   */
  public Envelope reach(Geometry g) {
    Envelope env = g.getEnvelopeInternal();
    Envelope reach = new Envelope();
    ConvexClip convex = ConvexClip.of(g);
    for (Coordinate v : g.getCoordinates()) {
      if (locator.locate(v) != Location.EXTERIOR) {
        reach.expandToInclude(v);
      }
    }
    runs.query(env, item -> ((Run) item).expandReach(reach, convex, env));
    return reach;
  }

  /** A run of segments: positions start..end of a ring. */
  private record Run(CoordinateSequence seq, int start, int end) {
    boolean meets(ConvexClip convex, Envelope env) {
      for (int p = start; p < end; p++) {
        double x0 = seq.getX(p);
        double y0 = seq.getY(p);
        double x1 = seq.getX(p + 1);
        double y1 = seq.getY(p + 1);
        if (inEnvelope(env, x0, y0, x1, y1) && convex.meets(x0, y0, x1, y1, TOUCH_TOLERANCE)) {
          return true;
        }
      }
      return false;
    }

    void expandReach(Envelope reach, ConvexClip convex, Envelope env) {
      for (int p = start; p < end; p++) {
        double x0 = seq.getX(p);
        double y0 = seq.getY(p);
        double x1 = seq.getX(p + 1);
        double y1 = seq.getY(p + 1);
        if (inEnvelope(env, x0, y0, x1, y1)
            && (convex == null || convex.meets(x0, y0, x1, y1, TOUCH_TOLERANCE))) {
          reach.expandToInclude(x0, y0);
          reach.expandToInclude(x1, y1);
        }
      }
    }
  }

  private static boolean inEnvelope(Envelope env, double x0, double y0, double x1, double y1) {
    return Math.min(x0, x1) <= env.getMaxX()
        && Math.max(x0, x1) >= env.getMinX()
        && Math.min(y0, y1) <= env.getMaxY()
        && Math.max(y0, y1) >= env.getMinY();
  }
}
