package org.pcnatlas.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature read from a file: its position in the source (1-based feature or data-row number), an
 * optional id, a geometry in the layer's CRS (null for a non-spatial table row), and its properties
 * in source order.
 *
 * <p>Property values are {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@link
 * java.time.LocalDate} or null.
 */
public record Feature(long index, String id, Geometry geometry, Map<String, Object> properties) {

  public Feature {
    Objects.requireNonNull(properties, "properties");
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /**
   * The property value as text (numbers without a trailing ".0" when integral), or null when absent
   * or null.
   */
  public String text(String name) {
    Object value = properties.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Double d
        && d == Math.rint(d)
        && !Double.isInfinite(d)
        && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return value.toString();
  }
}
