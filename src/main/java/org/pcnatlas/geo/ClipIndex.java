package org.pcnatlas.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.overlayng.RingClipper;

/**
 * A large polygonal geometry (the study area, a district) prepared for being intersected with many
 * small ones: for a small geometry it hands out a <em>piece</em> of the large one that gives the
 * same intersection, at the cost of the piece's vertices instead of all of them.
 *
 * <p>The pieces are the nodes of a loose quadtree over the geometry's envelope: the node of tile
 * (level, i, j) covers its tile grown by half a tile on every side, and its piece is the geometry's
 * rings clipped ({@link RingClipper}) to that box grown further so that every segment meeting the
 * box is kept whole: what {@code OverlayNG} does to its own inputs. Inside the node's box the piece
 * has exactly the segments of the geometry, unmoved, so an overlay with a geometry whose
 * intersection lies strictly inside the box computes the same intersection points from the same
 * segments. Beyond the box a piece's rings may run back and forth along the clip box: a piece is
 * not a valid polygon, but it is valid input to {@code OverlayNG}, which handles such collapsed
 * linework (the orientation of each clipped ring is checked, see {@link #clipRing}). Each piece is
 * clipped from its parent's, so a path of pieces costs about the size of the geometry times the
 * depth. Pieces are built on first use and cached; safe for several threads.
 */
public final class ClipIndex {
  /** The deepest level of the quadtree (4^12 tiles; pieces are long since small by then). */
  static final int MAX_LEVEL = 12;

  private final Geometry geometry;
  private final double minX;
  private final double minY;
  private final double side;
  private final ConcurrentHashMap<Long, Node> nodes = new ConcurrentHashMap<>();
  private volatile SegmentIndex segments;

  private ClipIndex(Geometry geometry, SegmentIndex segments) {
    this.geometry = geometry;
    this.segments = segments;
    Envelope env = geometry.getEnvelopeInternal();
    this.minX = env.getMinX();
    this.minY = env.getMinY();
    this.side = Math.max(Math.max(env.getWidth(), env.getHeight()), 1.0);
  }

  /** The index of a polygon or multipolygon. */
  public static ClipIndex of(Geometry polygonal) {
    if (!(polygonal instanceof Polygonal)) {
      throw new IllegalArgumentException(
          "a clip index needs a polygon or multipolygon, not a " + polygonal.getGeometryType());
    }
    return new ClipIndex(polygonal, null);
  }

  /** The index of a polygon or multipolygon whose segment index is already built. */
  public static ClipIndex of(Geometry polygonal, SegmentIndex segments) {
    of(polygonal);
    return new ClipIndex(polygonal, segments);
  }

  /** The whole geometry. */
  public Geometry geometry() {
    return geometry;
  }

  /**
   * The piece to intersect {@code g} with: the piece for the envelope of the part of {@code g} that
   * can meet the geometry (the vertices of {@code g} not outside it, and the whole segments of the
   * geometry that meet {@code g}), which for a long polygon reaching far beyond the geometry, such
   * as a Voronoi cell on the edge of the diagram, is much smaller than its own envelope; the piece
   * is that node's piece cut down to the reach. The intersection of {@code g} with the piece equals
   * its intersection with the whole geometry; an empty piece means {@code g} does not meet it.
   */
  public Geometry pieceFor(Geometry g) {
    if (geometry.isEmpty() || g.isEmpty()) {
      return geometry;
    }
    Envelope env = g.getEnvelopeInternal();
    if (!env.intersects(geometry.getEnvelopeInternal())) {
      return geometry;
    }
    Envelope reach = segments().reach(g);
    if (reach.isNull()) {
      return GeoUtils.FACTORY.createPolygon(); // g does not meet the geometry
    }
    // the node's piece holds the reach strictly inside its box; cut it down to the reach itself
    Geometry node = pieceFor(reach);
    Envelope box = new Envelope(reach);
    box.expandBy(Math.max(reach.getWidth(), reach.getHeight()) * TIGHT_MARGIN + 1e-6);
    if (node.getNumPoints() < TIGHT_MIN_POINTS || box.covers(node.getEnvelopeInternal())) {
      return node;
    }
    Geometry tight = clip(node, box);
    return tight == null ? node : tight;
  }

  /**
   * The reach is grown by this fraction of its size for the last cut, to keep it strictly inside.
   */
  private static final double TIGHT_MARGIN = 0.01;

  /** A node piece smaller than this is used as it is. */
  private static final int TIGHT_MIN_POINTS = 64;

  private SegmentIndex segments() {
    SegmentIndex s = segments;
    if (s == null) {
      synchronized (this) {
        s = segments;
        if (s == null) {
          s = SegmentIndex.of(geometry);
          segments = s;
        }
      }
    }
    return s;
  }

  /**
   * The piece to intersect a geometry with this envelope with: the piece of the deepest node whose
   * box holds the envelope strictly inside, or the whole geometry when no node is small enough to
   * pay or the envelope reaches beyond the geometry's own. The intersection of any geometry within
   * {@code env} with the piece equals its intersection with the whole geometry.
   */
  public Geometry pieceFor(Envelope env) {
    if (geometry.isEmpty() || env.isNull()) {
      return geometry;
    }
    double size = Math.max(env.getWidth(), env.getHeight());
    int level = size <= 0 ? MAX_LEVEL : (int) Math.floor(Math.log(side / size) / Math.log(2));
    level = Math.min(level, MAX_LEVEL);
    double cx = (env.getMinX() + env.getMaxX()) / 2;
    double cy = (env.getMinY() + env.getMaxY()) / 2;
    for (; level >= 1; level--) {
      double tile = side / (1L << level);
      long i = (long) Math.floor((cx - minX) / tile);
      long j = (long) Math.floor((cy - minY) / tile);
      if (i < 0 || j < 0 || i >= (1L << level) || j >= (1L << level)) {
        continue;
      }
      if (strictlyInside(env, box(level, i, j))) {
        return node(level, i, j).piece();
      }
    }
    return geometry;
  }

  /** The tile grown by half a tile on every side. */
  private Envelope box(int level, long i, long j) {
    double tile = side / (1L << level);
    double x0 = minX + i * tile;
    double y0 = minY + j * tile;
    return new Envelope(x0 - tile / 2, x0 + 1.5 * tile, y0 - tile / 2, y0 + 1.5 * tile);
  }

  private static boolean strictlyInside(Envelope inner, Envelope outer) {
    return inner.getMinX() > outer.getMinX()
        && inner.getMaxX() < outer.getMaxX()
        && inner.getMinY() > outer.getMinY()
        && inner.getMaxY() < outer.getMaxY();
  }

  private Node node(int level, long i, long j) {
    long key = ((long) level << 56) | (i << 28) | j;
    return nodes.computeIfAbsent(key, k -> new Node(level, i, j));
  }

  /** One node; its piece is clipped from its parent's piece on first use. */
  private final class Node {
    private final int level;
    private final long i;
    private final long j;
    private volatile Geometry piece;

    Node(int level, long i, long j) {
      this.level = level;
      this.i = i;
      this.j = j;
    }

    Geometry piece() {
      Geometry p = piece;
      if (p == null) {
        synchronized (this) {
          p = piece;
          if (p == null) {
            Geometry parent = level == 1 ? geometry : node(level - 1, i / 2, j / 2).piece();
            p = clip(parent, box(level, i, j));
            if (p == null) {
              p = parent; // a ring JTS could not orient once clipped: keep the parent's piece
            }
            piece = p;
          }
        }
      }
      return p;
    }
  }

  /**
   * A (piece of a) polygonal geometry clipped to the box grown to keep every segment that meets the
   * box whole.
   */
  static Geometry clip(Geometry polygonal, Envelope box) {
    Envelope keep = new Envelope(box);
    forEachSegment(
        polygonal,
        (x0, y0, x1, y1) -> {
          if (Math.min(x0, x1) <= box.getMaxX()
              && Math.max(x0, x1) >= box.getMinX()
              && Math.min(y0, y1) <= box.getMaxY()
              && Math.max(y0, y1) >= box.getMinY()) {
            keep.expandToInclude(x0, y0);
            keep.expandToInclude(x1, y1);
          }
        });
    RingClipper clipper = new RingClipper(keep);
    List<Polygon> out = new ArrayList<>();
    for (int k = 0; k < polygonal.getNumGeometries(); k++) {
      Polygon poly = (Polygon) polygonal.getGeometryN(k);
      if (poly.isEmpty() || !keep.intersects(poly.getEnvelopeInternal())) {
        continue;
      }
      Coordinate[] shell = clipRing(poly.getExteriorRing(), keep, clipper);
      if (shell == null) {
        continue;
      }
      if (shell == UNUSABLE) {
        return null;
      }
      List<LinearRing> holes = new ArrayList<>();
      for (int h = 0; h < poly.getNumInteriorRing(); h++) {
        Coordinate[] hole = clipRing(poly.getInteriorRingN(h), keep, clipper);
        if (hole == UNUSABLE) {
          return null;
        }
        if (hole != null) {
          holes.add(GeoUtils.FACTORY.createLinearRing(hole));
        }
      }
      out.add(
          GeoUtils.FACTORY.createPolygon(
              GeoUtils.FACTORY.createLinearRing(shell), holes.toArray(LinearRing[]::new)));
    }
    if (out.size() == 1) {
      return out.get(0);
    }
    return GeoUtils.FACTORY.createMultiPolygon(out.toArray(Polygon[]::new));
  }

  /** Marks a clipped ring whose orientation JTS cannot tell (see {@link #clipRing}). */
  private static final Coordinate[] UNUSABLE = new Coordinate[0];

  /**
   * The ring clipped to {@code keep}: the ring itself when it lies inside, null when nothing with
   * area is left. The clipped ring may run back and forth along the box; OverlayNG handles such
   * linework, but it takes a ring's orientation from {@link Orientation#isCCW}, which looks at the
   * highest vertex and can be fooled when that lies on such a run. So the orientation of the
   * clipped ring is checked against its signed area, the ring reversed if that fixes it, and {@link
   * #UNUSABLE} returned if not (the caller then uses the parent piece).
   */
  private static Coordinate[] clipRing(LinearRing ring, Envelope keep, RingClipper clipper) {
    if (keep.covers(ring.getEnvelopeInternal())) {
      return ring.getCoordinates();
    }
    if (!keep.intersects(ring.getEnvelopeInternal())) {
      return null;
    }
    Coordinate[] pts = clipper.clip(ring.getCoordinates());
    if (pts.length < 4) {
      return null;
    }
    double clockwiseArea = Area.ofRingSigned(pts);
    if (clockwiseArea == 0) {
      return null;
    }
    boolean ccw = clockwiseArea < 0;
    if (Orientation.isCCW(pts) == ccw) {
      return pts;
    }
    CoordinateArrays.reverse(pts);
    return Orientation.isCCW(pts) == !ccw ? pts : UNUSABLE;
  }

  /** A function of one segment (x0, y0) - (x1, y1). */
  @FunctionalInterface
  private interface SegmentVisitor {
    void visit(double x0, double y0, double x1, double y1);
  }

  private static void forEachSegment(Geometry polygonal, SegmentVisitor visitor) {
    for (int k = 0; k < polygonal.getNumGeometries(); k++) {
      Polygon poly = (Polygon) polygonal.getGeometryN(k);
      for (int r = -1; r < poly.getNumInteriorRing(); r++) {
        CoordinateSequence seq =
            (r < 0 ? poly.getExteriorRing() : poly.getInteriorRingN(r)).getCoordinateSequence();
        for (int p = 1; p < seq.size(); p++) {
          visitor.visit(seq.getX(p - 1), seq.getY(p - 1), seq.getX(p), seq.getY(p));
        }
      }
    }
  }
}
