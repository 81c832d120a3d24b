package org.pcnatlas.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;

/**
 * The registration model: each unit's registered patients are shared among the practices within
 * {@link #CUTOFF} in proportion to {@code attractiveness * exp(-distance / DECAY_LENGTH)}; the
 * attractiveness of each practice is balanced over {@link #BALANCING_ROUNDS} rounds (iterative
 * proportional fitting) so that its total approaches its target list size. Counts are made whole
 * per unit by largest remainder.
 */
final class GravityModel {
  /** Registered patients per resident: lists run a little above the resident population. */
  static final double REGISTRATION_RATIO = 1.05;

  static final double DECAY_LENGTH = 3_000;
  static final double CUTOFF = 15_000;
  static final int BALANCING_ROUNDS = 30;

  private GravityModel() {}

  /** Registered patients of a unit with this resident population. */
  static long registered(long population) {
    return Math.round(population * REGISTRATION_RATIO);
  }

  /**
   * Patients registered at each practice (second index) from each unit (first index).
   *
   * @param units population-weighted centroids of the units
   * @param registered registered patients of each unit
   * @param practices practice locations
   * @param targets target list size of each practice
   */
  static long[][] counts(
      List<Coordinate> units, long[] registered, List<Coordinate> practices, double[] targets) {
    double[][] decay = decay(units, practices);
    double[] attractiveness = targets.clone();
    for (int round = 0; round < BALANCING_ROUNDS; round++) {
      double[] totals = practiceTotals(flows(decay, attractiveness, registered));
      for (int p = 0; p < attractiveness.length; p++) {
        attractiveness[p] *= totals[p] > 0 ? targets[p] / totals[p] : 1;
      }
    }
    double[][] flows = flows(decay, attractiveness, registered);
    long[][] counts = new long[units.size()][];
    for (int u = 0; u < units.size(); u++) {
      counts[u] = largestRemainder(flows[u], registered[u]);
    }
    return counts;
  }

  /**
   * exp(-d / DECAY_LENGTH) for practices within the cutoff (0 beyond); the nearest practice when
   * none is.
   */
  private static double[][] decay(List<Coordinate> units, List<Coordinate> practices) {
    double[][] decay = new double[units.size()][practices.size()];
    for (int u = 0; u < units.size(); u++) {
      int nearest = 0;
      boolean any = false;
      for (int p = 0; p < practices.size(); p++) {
        double d = units.get(u).distance(practices.get(p));
        if (d <= CUTOFF) {
          decay[u][p] = StrictMath.exp(-d / DECAY_LENGTH);
          any = true;
        }
        if (d < units.get(u).distance(practices.get(nearest))) {
          nearest = p;
        }
      }
      if (!any) {
        decay[u][nearest] = 1;
      }
    }
    return decay;
  }

  private static double[][] flows(double[][] decay, double[] attractiveness, long[] registered) {
    double[][] flows = new double[decay.length][];
    for (int u = 0; u < decay.length; u++) {
      double sum = 0;
      for (int p = 0; p < attractiveness.length; p++) {
        sum += attractiveness[p] * decay[u][p];
      }
      flows[u] = new double[attractiveness.length];
      for (int p = 0; p < attractiveness.length; p++) {
        flows[u][p] = registered[u] * attractiveness[p] * decay[u][p] / sum;
      }
    }
    return flows;
  }

  private static double[] practiceTotals(double[][] flows) {
    double[] totals = new double[flows[0].length];
    for (double[] row : flows) {
      for (int p = 0; p < row.length; p++) {
        totals[p] += row[p];
      }
    }
    return totals;
  }

  /**
   * Whole counts summing to {@code total}: floors, then one more each to the largest remainders
   * (ties: index).
   */
  static long[] largestRemainder(double[] shares, long total) {
    long[] counts = new long[shares.length];
    long assigned = 0;
    List<Integer> order = new ArrayList<>();
    for (int p = 0; p < shares.length; p++) {
      counts[p] = (long) Math.floor(shares[p]);
      assigned += counts[p];
      order.add(p);
    }
    order.sort(
        Comparator.comparingDouble((Integer p) -> counts[p] - shares[p]).thenComparingInt(p -> p));
    for (int k = 0; k < total - assigned; k++) {
      counts[order.get(k)]++;
    }
    return counts;
  }
}
