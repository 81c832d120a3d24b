package org.pcnatlas.api.cql;

import org.locationtech.jts.geom.Geometry;

/** One feature as a filter sees it. */
public interface Row {
  /**
   * The value of a property: a String, Long (or Integer), Double, Boolean, or null when the feature
   * has none. Any other type is a programming error ({@link IllegalStateException} from {@link
   * Expr#test}).
   */
  Object value(String property);

  /**
   * The feature's geometry, in the same CRS as the filter's geometry literals (the caller converts
   * one or the other); null when the feature has none.
   */
  Geometry geometry();
}
