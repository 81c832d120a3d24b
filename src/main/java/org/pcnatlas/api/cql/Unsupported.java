package org.pcnatlas.api.cql;

import java.util.Locale;

/**
 * The errors for functions and operators of CQL2 outside the conformance classes implemented, named
 * the same in both encodings: what is not supported, and what is.
 */
final class Unsupported {
  private Unsupported() {}

  /** The error for a function or op {@code name} (as written) at {@code position}. */
  static CqlException function(String name, int position) {
    return function("", name, position);
  }

  /** The same, with {@code prefix} (a JSON path and ": ") before the message. */
  static CqlException function(String prefix, String name, int position) {
    return reason(name, position).prefixed(prefix);
  }

  private static CqlException reason(String name, int position) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (upper.startsWith("S_")) {
      return new CqlException(
          name + " is not supported",
          position,
          "of the spatial functions only S_INTERSECTS is (Basic Spatial Functions)");
    }
    if (upper.startsWith("T_")
        || upper.equals("DATE")
        || upper.equals("TIMESTAMP")
        || upper.equals("INTERVAL")) {
      return new CqlException(
          name + " is not supported",
          position,
          "no queryable is a date or time, so temporal literals and functions are not");
    }
    if (upper.startsWith("A_")) {
      return new CqlException(
          name + " is not supported",
          position,
          "no queryable is an array, so array functions are not");
    }
    if (upper.equals("CASEI") || upper.equals("ACCENTI")) {
      return new CqlException(
          name + " is not supported",
          position,
          "comparisons and LIKE are case- and accent-sensitive");
    }
    if (upper.equals("GEOMETRYCOLLECTION") || upper.equals("ENVELOPE")) {
      return new CqlException(
          name + " is not supported",
          position,
          "the geometry literals are POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING,"
              + " MULTIPOLYGON and BBOX");
    }
    return new CqlException(
        "unknown function '" + name + "'", position, "the only function is S_INTERSECTS");
  }
}
