package org.pcnatlas.export;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as text with a fixed number of decimals, rounded half-even, never in exponent form; fast
 * enough for every coordinate of a national layer.
 *
 * <p>The value is scaled and rounded in binary floating point, which gives the correctly rounded
 * decimal except when the scaled value is within a few units in the last place of a tie (…5
 * exactly): those rare values are rounded again with {@link BigDecimal}, so the text is always the
 * one {@code BigDecimal} gives.
 */
public final class Decimals {
  /** The most decimals done in binary arithmetic; more go to BigDecimal. */
  public static final int MAX_DECIMALS = 12;

  private static final long[] POW10 = new long[MAX_DECIMALS + 1];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  /** Scaled magnitudes from here on go to BigDecimal (well inside the exact range of a long). */
  private static final double FAST_LIMIT = 1e15;

  /**
   * Twice the largest relative error of the binary scaling (one rounding of the product, and the
   * distance between a double and its shortest decimal), with room to spare.
   */
  private static final double TIE_MARGIN = 1e-15;

  private Decimals() {}

  /**
   * {@code v} with exactly {@code decimals} decimals, as C's and Python's {@code "%.nf"} write it:
   * the exact binary value rounded half-even ({@code new BigDecimal(v)}). Zero is written without a
   * sign.
   */
  public static String fixed(double v, int decimals) {
    StringBuilder sb = new StringBuilder(24);
    appendFixed(sb, v, decimals);
    return sb.toString();
  }

  /** Appends {@link #fixed}. */
  public static void appendFixed(StringBuilder sb, double v, int decimals) {
    long units = scaledOrMin(v, decimals);
    if (units == Long.MIN_VALUE) {
      sb.append(new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString());
      return;
    }
    append(sb, units, decimals, false);
  }

  /**
   * {@code v} with at most {@code decimals} decimals and no trailing zeros ("12.5", "3"), rounded
   * half-even from its shortest decimal form ({@code BigDecimal.valueOf(v)}); "0", never "-0".
   */
  public static String trimmed(double v, int decimals) {
    StringBuilder sb = new StringBuilder(24);
    appendTrimmed(sb, v, decimals);
    return sb.toString();
  }

  /** Appends {@link #trimmed}. */
  public static void appendTrimmed(StringBuilder sb, double v, int decimals) {
    long units = scaledOrMin(v, decimals);
    if (units == Long.MIN_VALUE) {
      BigDecimal d =
          BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
      if (d.scale() < 0) {
        d = d.setScale(0);
      }
      String s = d.toPlainString();
      sb.append("-0".equals(s) ? "0" : s);
      return;
    }
    append(sb, units, decimals, true);
  }

  /**
   * {@code v * 10^decimals} rounded half-even to a whole number, or Long.MIN_VALUE when binary
   * arithmetic cannot decide it (too large, not finite, or too near a tie).
   */
  private static long scaledOrMin(double v, int decimals) {
    if (decimals < 0) {
      throw new IllegalArgumentException("decimals must not be negative: " + decimals);
    }
    if (decimals > MAX_DECIMALS) {
      return Long.MIN_VALUE;
    }
    double scaled = v * POW10[decimals];
    double magnitude = Math.abs(scaled);
    if (!(magnitude < FAST_LIMIT)) {
      return Long.MIN_VALUE;
    }
    double rounded = Math.rint(scaled);
    double distance = Math.abs(scaled - rounded);
    if (0.5 - distance <= magnitude * TIE_MARGIN) {
      return Long.MIN_VALUE;
    }
    return (long) rounded;
  }

  private static void append(StringBuilder sb, long units, int decimals, boolean trim) {
    if (units < 0) {
      sb.append('-');
      units = -units;
    }
    long pow = POW10[decimals];
    sb.append(units / pow);
    long frac = units % pow;
    int digits = decimals;
    if (trim) {
      while (digits > 0 && frac % 10 == 0) {
        frac /= 10;
        digits--;
      }
    }
    if (digits == 0) {
      return;
    }
    sb.append('.');
    String f = Long.toString(frac);
    for (int i = f.length(); i < digits; i++) {
      sb.append('0');
    }
    sb.append(f);
  }
}
