package org.pcnatlas.api.cql;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A geometry literal (WKT in cql2-text, GeoJSON in cql2-json, or a BBOX as a rectangle polygon), in
 * the CRS of the features' geometries. The geometry is not to be modified.
 *
 * @param geometry a valid Point, LineString, Polygon, MultiPoint, MultiLineString or MultiPolygon
 * @param position the 1-based character position of the literal in the filter text
 */
public record SpatialLiteral(Geometry geometry, int position) {
  public SpatialLiteral {
    Objects.requireNonNull(geometry, "geometry");
  }
}
