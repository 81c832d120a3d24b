package org.pcnatlas.propose;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a proposal searches over: the practices (nodes), each with its registered list, its site and
 * the residents of its catchment cell in each alignment area, the practice adjacency graph (whose
 * catchment cells touch) and today's network of each practice. Under the nearest-practice method a
 * practice's cell does not depend on its network, so a network's figures are sums over its
 * practices and a change of network is evaluated without re-running the analysis.
 *
 * @param practices the practice codes, index = node
 * @param list the registered list of each practice
 * @param x the site's easting (EPSG:27700, metres)
 * @param y the site's northing
 * @param residents per practice, the residents of its cell in each alignment area ({@code
 *     residents[i][k]} for area {@code areas.get(k)})
 * @param areas the alignment areas' codes (districts, network areas or localities)
 * @param neighbours per practice, the sorted indexes of the practices whose cells touch its cell
 * @param networks today's network codes
 * @param today per practice, the index of its network today in {@code networks}
 * @param band the size band a network should lie in
 * @param unallocated the index in {@code networks} of the unallocated practices (PCN code {@code
 *     U}), or -1: they are in no network, so each of them that stays there counts as one violation
 *     ({@link Objective})
 */
public record Instance(
    List<String> practices,
    long[] list,
    double[] x,
    double[] y,
    double[][] residents,
    List<String> areas,
    int[][] neighbours,
    List<String> networks,
    int[] today,
    Band band,
    int unallocated) {

  /** An instance without unallocated practices. */
  public Instance(
      List<String> practices,
      long[] list,
      double[] x,
      double[] y,
      double[][] residents,
      List<String> areas,
      int[][] neighbours,
      List<String> networks,
      int[] today,
      Band band) {
    this(practices, list, x, y, residents, areas, neighbours, networks, today, band, -1);
  }

  /** A network's size band, inclusive, on the registered list or on its residents. */
  public record Band(double lower, double upper, boolean onResidents) {
    public Band {
      if (!(lower >= 0) || !(upper >= lower)) {
        throw new IllegalArgumentException(
            "the size band must have 0 <= lower <= upper, not " + lower + ".." + upper);
      }
    }

    /** The NHS guidance: 30,000 to 50,000 registered patients. */
    public static Band nhs() {
      return new Band(30_000, 50_000, false);
    }

    public boolean contains(double size) {
      return size >= lower && size <= upper;
    }

    /**
     * How many times a network of this size misses the band: 0 inside it; 1 under it; over it, once
     * for each further network its size would need to come under the upper bound (so that joining
     * two networks over the band is never a gain).
     */
    public int misses(double size) {
      if (contains(size)) {
        return 0;
      }
      if (size < lower || upper <= 0) {
        return 1;
      }
      return (int) Math.min(Integer.MAX_VALUE, Math.ceil(size / upper) - 1);
    }
  }

  public Instance {
    practices = List.copyOf(practices);
    areas = List.copyOf(areas);
    networks = List.copyOf(networks);
    Objects.requireNonNull(band, "band");
    if (unallocated < -1 || unallocated >= networks.size()) {
      throw new IllegalArgumentException("unallocated must be -1 or a network index");
    }
    int n = practices.size();
    check(list.length == n, "list", n);
    check(x.length == n && y.length == n, "x, y", n);
    check(residents.length == n, "residents", n);
    check(neighbours.length == n, "neighbours", n);
    check(today.length == n, "today", n);
    for (int i = 0; i < n; i++) {
      if (residents[i].length != areas.size()) {
        throw new IllegalArgumentException(
            "practice "
                + practices.get(i)
                + " has residents in "
                + residents[i].length
                + " areas, not "
                + areas.size());
      }
      if (today[i] < 0 || today[i] >= networks.size()) {
        throw new IllegalArgumentException(
            "practice " + practices.get(i) + " has no network today (index " + today[i] + ")");
      }
      int previous = -1;
      for (int j : neighbours[i]) {
        if (j <= previous || j == i || j < 0 || j >= n) {
          throw new IllegalArgumentException(
              "neighbours of "
                  + practices.get(i)
                  + " must be sorted other practices, not "
                  + Arrays.toString(neighbours[i]));
        }
        if (Arrays.binarySearch(neighbours[j], i) < 0) {
          throw new IllegalArgumentException(
              practices.get(j) + " neighbours " + practices.get(i) + " but not the other way");
        }
        previous = j;
      }
    }
  }

  private static void check(boolean ok, String what, int n) {
    if (!ok) {
      throw new IllegalArgumentException(what + " must have one entry per practice (" + n + ")");
    }
  }

  public int size() {
    return practices.size();
  }

  /** The practice's residents in all areas. */
  public double residentsOf(int i) {
    double sum = 0;
    for (double r : residents[i]) {
      sum += r;
    }
    return sum;
  }

  /**
   * Per practice, its home area: the index of the area holding most of its cell's residents (the
   * first of equals), or -1 when its cell has none.
   */
  public int[] homes() {
    int[] home = new int[size()];
    for (int i = 0; i < home.length; i++) {
      home[i] = -1;
      for (int k = 0; k < areas.size(); k++) {
        if (residents[i][k] > 0 && (home[i] < 0 || residents[i][k] > residents[i][home[i]])) {
          home[i] = k;
        }
      }
    }
    return home;
  }

  /** The size the band is measured on: the registered list, or the residents. */
  public double sizeOf(int i) {
    return band.onResidents() ? residentsOf(i) : list[i];
  }
}
