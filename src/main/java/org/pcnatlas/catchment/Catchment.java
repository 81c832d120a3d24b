package org.pcnatlas.catchment;

import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * The catchment of one PCN: a polygon or multipolygon in EPSG:27700 (possibly empty when the method
 * gives the PCN no area), with the member practices it was drawn from.
 */
public record Catchment(
    String pcnCode, String pcnName, List<String> practiceCodes, Geometry geometry) {
  public Catchment {
    Objects.requireNonNull(pcnCode, "pcnCode");
    Objects.requireNonNull(geometry, "geometry");
    practiceCodes = List.copyOf(practiceCodes);
  }
}
