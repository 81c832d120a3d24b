package org.pcnatlas.catchment;

import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.model.Practice;

/**
 * One way of drawing PCN catchments. Implementations take their method-specific inputs
 * (registrations, radii, given polygons) in their constructor and are pure: the same inputs give
 * the same catchments, in EPSG:27700.
 */
public interface CatchmentMethod {
  /** The method's name as users write it: {@code voronoi}, {@code registration}, ... */
  String name();

  /**
   * The catchments of the PCNs of these practices.
   *
   * @param practices every practice, with its PCN (the unallocated pseudo-PCN {@code U} included)
   * @param region the study area; catchments never reach outside it
   */
  CatchmentSet compute(List<Practice> practices, Geometry region);
}
