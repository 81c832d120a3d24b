package org.pcnatlas.api.cql;

import java.util.Arrays;

/**
 * LIKE patterns: {@code %} matches any run of characters (also none), {@code _} exactly one
 * character, and a backslash makes the character after it literal ({@code \%}, {@code \_}, {@code
 * \\}). Matching is case-sensitive, by code point, in time proportional to pattern length times
 * value length at worst (no regular expression, no backtracking blow-up).
 */
final class LikePattern {
  private static final int ONE = -1;
  private static final int RUN = -2;

  private LikePattern() {}

  /**
   * Throws a {@link CqlException} at {@code position} if the pattern ends with a lone backslash.
   */
  static void validate(String pattern, int position) {
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) == '\\') {
        if (i == pattern.length() - 1) {
          throw new CqlException(
              "the LIKE pattern '" + pattern + "' ends with a lone backslash",
              position,
              "write \\\\ for a backslash, \\% and \\_ for a literal % and _");
        }
        i++;
      }
    }
  }

  static boolean matches(String pattern, String value) {
    int[] p = compile(pattern);
    int[] s = value.codePoints().toArray();
    int i = 0;
    int j = 0;
    int runAt = -1;
    int runFrom = 0;
    while (j < s.length) {
      if (i < p.length && (p[i] == ONE || p[i] == s[j])) {
        i++;
        j++;
      } else if (i < p.length && p[i] == RUN) {
        runAt = i++;
        runFrom = j;
      } else if (runAt >= 0) {
        // let the last % take one more character and try again from there
        i = runAt + 1;
        j = ++runFrom;
      } else {
        return false;
      }
    }
    while (i < p.length && p[i] == RUN) {
      i++;
    }
    return i == p.length;
  }

  /** The pattern as code points, with {@link #ONE} for {@code _} and {@link #RUN} for {@code %}. */
  private static int[] compile(String pattern) {
    int[] out = new int[pattern.length()];
    int n = 0;
    for (int i = 0; i < pattern.length(); ) {
      int c = pattern.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\\' && i < pattern.length()) {
        c = pattern.codePointAt(i);
        i += Character.charCount(c);
        out[n++] = c;
      } else if (c == '%') {
        out[n++] = RUN;
      } else if (c == '_') {
        out[n++] = ONE;
      } else {
        out[n++] = c;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
