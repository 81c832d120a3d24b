package org.pcnatlas.catchment;

import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * The study area, prepared for clipping many catchments: a geometry the region properly contains is
 * kept whole, one outside it is dropped, and only the ones that cross its boundary are intersected
 * with it.
 *
 * <p>Intersection points on the region boundary are kept as OverlayNG computes them (not rounded),
 * so clipped catchments end exactly on the boundary and tile the region without slivers.
 */
final class Region {
  private final Geometry geometry;
  private final PreparedGeometry prepared;
  private final Envelope envelope;

  private Region(Geometry geometry) {
    this.geometry = geometry;
    this.envelope = geometry.getEnvelopeInternal();
    this.prepared = PreparedGeometryFactory.prepare(geometry);
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
  boolean covers(Geometry point) {
    return prepared.covers(point);
  }

  /** The part of a polygonal geometry inside the region (an empty MultiPolygon when none). */
  Geometry clip(Geometry g) {
    if (g.isEmpty() || geometry.isEmpty() || !envelope.intersects(g.getEnvelopeInternal())) {
      return Catchments.empty();
    }
    if (prepared.containsProperly(g)) {
      return g;
    }
    if (!prepared.intersects(g)) {
      return Catchments.empty();
    }
    return Catchments.polygonal(OverlayNGRobust.overlay(g, geometry, OverlayNG.INTERSECTION));
  }
}
