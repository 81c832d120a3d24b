package org.pcnatlas.catchment;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/** The catchment of one practice, where the method defines one (voronoi, distance, given). */
public record PracticeCatchment(String practiceCode, String pcnCode, Geometry geometry) {
  public PracticeCatchment {
    Objects.requireNonNull(practiceCode, "practiceCode");
    Objects.requireNonNull(geometry, "geometry");
  }
}
