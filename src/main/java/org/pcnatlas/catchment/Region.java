package org.pcnatlas.catchment;

import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.pcnatlas.geo.ClipIndex;
import org.pcnatlas.geo.ConvexClip;
import org.pcnatlas.geo.SegmentIndex;

/**
 * The study area, prepared for clipping many catchments: a geometry the region properly contains is
 * kept whole, one outside it is dropped, and only the ones that cross its boundary are intersected
 * with it.
 *
 * <p>Intersection points on the region boundary are kept as OverlayNG computes them (not rounded),
 * so clipped catchments end exactly on the boundary and tile the region without slivers. A small
 * geometry is intersected with the piece of the region around it ({@link ClipIndex}), which gives
 * the same result as the whole region at the cost of the piece.
 */
final class Region {
  private final Geometry geometry;
  private final PreparedGeometry prepared;
  private final Envelope envelope;
  private final SegmentIndex segments;
  private final ClipIndex pieces;

  private Region(Geometry geometry) {
    this.geometry = geometry;
    this.envelope = geometry.getEnvelopeInternal();
    this.prepared = PreparedGeometryFactory.prepare(geometry);
    this.segments = geometry.isEmpty() ? null : SegmentIndex.of(geometry);
    this.pieces = segments == null ? ClipIndex.of(geometry) : ClipIndex.of(geometry, segments);
  }

  /** The region, checked to be a polygon or multipolygon. */
  static Region of(Geometry region) {
    Objects.requireNonNull(region, "region");
    if (!(region instanceof Polygonal)) {
      throw new IllegalArgumentException(
          "the study area must be a polygon or multipolygon, not a " + region.getGeometryType());
    }
    return new Region(region);
  }

  Geometry geometry() {
    return geometry;
  }

  Envelope envelope() {
    return envelope;
  }

  /** True when the point lies in the region or on its boundary. */
  boolean covers(Point point) {
    if (segments == null) {
      return false;
    }
    return segments.locate(point.getCoordinate()) != Location.EXTERIOR;
  }

  /**
   * True when the geometry lies in the region's interior, no overlay: for a convex polygon (a
   * Voronoi cell), a vertex inside and no boundary segment within a millimetre of it ({@link
   * SegmentIndex}); for anything else the prepared {@code containsProperly}.
   */
  boolean containsProperly(Geometry g) {
    if (g.isEmpty() || segments == null || !envelope.contains(g.getEnvelopeInternal())) {
      return false;
    }
    ConvexClip convex = ConvexClip.of(g);
    if (convex != null) {
      return segments.containsProperly(convex, g.getCoordinate());
    }
    return prepared.containsProperly(g);
  }

  /** The part of a polygonal geometry inside the region (an empty MultiPolygon when none). */
  Geometry clip(Geometry g) {
    if (g.isEmpty() || geometry.isEmpty() || !envelope.intersects(g.getEnvelopeInternal())) {
      return Catchments.empty();
    }
    if (containsProperly(g)) {
      return g;
    }
    Geometry piece = pieces.pieceFor(g);
    if (piece.isEmpty()) {
      return Catchments.empty();
    }
    return Catchments.polygonal(OverlayNGRobust.overlay(g, piece, OverlayNG.INTERSECTION));
  }
}
