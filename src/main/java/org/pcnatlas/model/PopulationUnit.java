package org.pcnatlas.model;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Where people live: an LSOA (or any small area) with its resident population, its
 * population-weighted centroid and, when known, its polygon (for area weighting), in EPSG:27700.
 */
public record PopulationUnit(
    String code, String name, long population, Point centroid, Geometry polygon) {
  public PopulationUnit {
    Objects.requireNonNull(code, "code");
    if (population < 0) {
      throw new IllegalArgumentException("population of " + code + " is negative: " + population);
    }
    if (centroid == null && polygon == null) {
      throw new IllegalArgumentException(code + " has neither a centroid nor a polygon");
    }
  }
}
