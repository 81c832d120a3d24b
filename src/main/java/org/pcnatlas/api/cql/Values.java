package org.pcnatlas.api.cql;

import java.math.BigDecimal;

/** The scalar values the evaluator compares: String, Long, Double and Boolean. */
final class Values {
  /** What {@link #compare} returns for values that do not compare (a string and a number, NaN). */
  static final int INCOMPARABLE = Integer.MIN_VALUE;

  private Values() {}

  /** The value as the evaluator holds it: Integer, Short and Byte as Long, Float as Double. */
  static Object normalise(Object v, String property) {
    if (v == null
        || v instanceof String
        || v instanceof Long
        || v instanceof Double
        || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    throw new IllegalStateException(
        "the value of "
            + property
            + " is a "
            + v.getClass().getSimpleName()
            + "; a filter compares String, Long, Integer, Double and Boolean values");
  }

  /**
   * Compares two non-null values: numbers numerically (a Long and a Double exactly), strings by
   * code point, booleans with FALSE before TRUE; {@link #INCOMPARABLE} for values of different
   * kinds and for NaN.
   */
  static int compare(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return compareNumbers(x, y);
    }
    if (a instanceof String x && b instanceof String y) {
      return compareCodePoints(x, y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    return INCOMPARABLE;
  }

  private static int compareNumbers(Number x, Number y) {
    double dx = x.doubleValue();
    double dy = y.doubleValue();
    if (Double.isNaN(dx) || Double.isNaN(dy)) {
      return INCOMPARABLE;
    }
    if (x instanceof Long || y instanceof Long) {
      // a long beyond 2^53 is not exact as a double: compare the exact values
      if (Double.isInfinite(dx) || Double.isInfinite(dy)) {
        return Double.compare(dx, dy);
      }
      return exact(x).compareTo(exact(y));
    }
    return dx < dy ? -1 : dx > dy ? 1 : 0;
  }

  private static BigDecimal exact(Number n) {
    return n instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal(n.doubleValue());
  }

  private static int compareCodePoints(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      int a = x.codePointAt(i);
      int b = y.codePointAt(j);
      if (a != b) {
        return Integer.compare(a, b);
      }
      i += Character.charCount(a);
      j += Character.charCount(b);
    }
    return Boolean.compare(i < x.length(), j < y.length());
  }

  /** A literal value as cql2-text writes it. */
  static String text(Object v) {
    if (v instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    if (v instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    return String.valueOf(v);
  }

  /** "a string", "a number" or "a boolean": the kind of a literal value as messages name it. */
  static String noun(Object v) {
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }
}
