package org.pcnatlas.model;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One area of an area layer (a district, locality, network area, ward): its code, name and polygon
 * in EPSG:27700, and the group it belongs to when the layer is grouped (e.g. a district's network
 * area), else null.
 */
public record Area(String code, String name, Geometry geometry, String group) {
  public Area {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(geometry, "geometry");
  }
}
