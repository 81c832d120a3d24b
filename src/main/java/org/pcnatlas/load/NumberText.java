package org.pcnatlas.load;

/**
 * The number forms of CSV fields, recognised and parsed without regular expressions: one loop over
 * the characters where a {@link java.util.regex.Pattern} match and {@link Double#parseDouble} cost
 * several, for each of hundreds of thousands of fields. Each test accepts exactly what its pattern
 * (given in its description) matches, and {@link #parse} gives exactly {@link Double#parseDouble}.
 */
final class NumberText {
  private NumberText() {}

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /** 2^53: every whole number up to it is exact in a double. */
  private static final long EXACT = 1L << 53;

  /** {@code [-+]?(0|[1-9][0-9]{0,17})}: a whole number that fits a long, no leading zero. */
  static boolean isInteger(String v) {
    int n = v.length();
    int i = signEnd(v);
    if (i >= n) {
      return false;
    }
    char c = v.charAt(i);
    if (c == '0') {
      return i + 1 == n;
    }
    if (c < '1' || c > '9' || n - i > 18) {
      return false;
    }
    return digitsEnd(v, i + 1) == n;
  }

  /**
   * {@code [-+]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?}: a decimal number, no
   * leading zero before digits (a code such as "007" is text).
   */
  static boolean isReal(String v) {
    int n = v.length();
    int i = signEnd(v);
    if (i >= n) {
      return false;
    }
    char c = v.charAt(i);
    if (c == '.') {
      int start = i + 1;
      i = digitsEnd(v, start);
      if (i == start) {
        return false;
      }
    } else if (c >= '0' && c <= '9') {
      i = c == '0' ? i + 1 : digitsEnd(v, i + 1);
      if (i < n && v.charAt(i) == '.') {
        i = digitsEnd(v, i + 1);
      }
    } else {
      return false;
    }
    return exponentEnd(v, i) == n;
  }

  /** {@code [-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?}: any decimal number. */
  static boolean isNumber(String v) {
    int n = v.length();
    int i = signEnd(v);
    if (i >= n) {
      return false;
    }
    char c = v.charAt(i);
    if (c == '.') {
      int start = i + 1;
      i = digitsEnd(v, start);
      if (i == start) {
        return false;
      }
    } else if (c >= '0' && c <= '9') {
      i = digitsEnd(v, i + 1);
      if (i < n && v.charAt(i) == '.') {
        i = digitsEnd(v, i + 1);
      }
    } else {
      return false;
    }
    return exponentEnd(v, i) == n;
  }

  /**
   * The value of a decimal number that {@link #isNumber} accepts, exactly as {@link
   * Double#parseDouble} gives it: with at most 2^53 as its digits and at most 22 decimals, the
   * digits are an exact double and so is the power of ten, and one IEEE division rounds correctly;
   * anything else is left to {@link Double#parseDouble}.
   */
  static double parse(String v) {
    int n = v.length();
    int i = signEnd(v);
    long digits = 0;
    int scale = 0;
    boolean point = false;
    for (; i < n; i++) {
      char c = v.charAt(i);
      if (c == '.') {
        point = true;
        continue;
      }
      if (c < '0' || c > '9' || digits > (EXACT - 9) / 10) {
        return Double.parseDouble(v); // an exponent, or too many digits
      }
      digits = digits * 10 + (c - '0');
      if (point) {
        scale++;
      }
    }
    if (scale >= POW10.length) {
      return Double.parseDouble(v);
    }
    double value = scale == 0 ? digits : digits / POW10[scale];
    return v.charAt(0) == '-' ? -value : value;
  }

  private static int signEnd(String v) {
    return !v.isEmpty() && (v.charAt(0) == '-' || v.charAt(0) == '+') ? 1 : 0;
  }

  private static int digitsEnd(String v, int i) {
    while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  /** The end of an optional exponent at i; i itself when the exponent is malformed. */
  private static int exponentEnd(String v, int i) {
    int n = v.length();
    if (i < n && (v.charAt(i) == 'e' || v.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (v.charAt(j) == '-' || v.charAt(j) == '+')) {
        j++;
      }
      int end = digitsEnd(v, j);
      return end == j ? i : end;
    }
    return i;
  }
}
