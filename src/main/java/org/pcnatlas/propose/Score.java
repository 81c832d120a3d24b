package org.pcnatlas.propose;

import java.util.Comparator;

/**
 * How good a configuration is, compared lexicographically (smaller is better), in the order the
 * planners' guidance ranks it:
 *
 * <ol>
 *   <li>{@code outOfBand}: the networks outside the size band, each once when under it and, over
 *       it, once for each further network its size would need to come under the upper bound ({@link
 *       Instance.Band#misses}), so that joining two networks over the band is never a gain; plus
 *       each practice left unallocated;
 *   <li>{@code straddling}: the networks not inside one alignment area (another area holds {@link
 *       org.pcnatlas.analysis.Figures#PRESENCE_SHARE 5%} or more of their residents: the analysis's
 *       straddle rule). The band comes first: a network that cannot be viable is worse than one
 *       that crosses a council boundary, so the search crosses the layer where that is the only way
 *       into the band, and does not split a practice off into a network under the band only to keep
 *       the rest inside one area. Counted per network, as planners count them: counting practices
 *       made one practice split off a network its best answer to either rule;
 *   <li>{@code moved}: practices not in their network of today ({@link Objective#moved});
 *   <li>{@code residentsOutside}: residents outside their network's dominant area;
 *   <li>{@code spread}: compactness, the list-weighted sum of squared distances (km²) from each
 *       practice's site to its network's list-weighted centre.
 * </ol>
 *
 * The real-valued parts compare with a tolerance ({@link #EPSILON} of their magnitude), so sums
 * made in another order (incrementally, or by another search) do not rank differently by rounding.
 */
public record Score(
    int outOfBand, int straddling, int moved, double residentsOutside, double spread)
    implements Comparable<Score> {

  static final double EPSILON = 1e-9;

  /** The rules missed in all: networks out of the band (and unallocated practices), straddling. */
  public int violations() {
    return outOfBand + straddling;
  }

  private static final Comparator<Score> ORDER =
      Comparator.comparingInt(Score::outOfBand)
          .thenComparingInt(Score::straddling)
          .thenComparingInt(Score::moved)
          .thenComparing(Score::residentsOutside, Score::compareReal)
          .thenComparing(Score::spread, Score::compareReal);

  static int compareReal(double a, double b) {
    double scale = Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    return Math.abs(a - b) <= EPSILON * scale ? 0 : Double.compare(a, b);
  }

  @Override
  public int compareTo(Score other) {
    return ORDER.compare(this, other);
  }

  /** True when it meets more of the rules (the band, then the layer) than the other. */
  public boolean rulesBetterThan(Score other) {
    return outOfBand != other.outOfBand
        ? outOfBand < other.outOfBand
        : straddling < other.straddling;
  }

  /** True when it meets the rules as the other does. */
  public boolean rulesEqual(Score other) {
    return outOfBand == other.outOfBand && straddling == other.straddling;
  }

  /** True when this is strictly better than the other. */
  public boolean betterThan(Score other) {
    return compareTo(other) < 0;
  }
}
