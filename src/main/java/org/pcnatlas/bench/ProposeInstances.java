package org.pcnatlas.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.pcnatlas.propose.Instance;

/**
 * Proposal instances small enough for the exhaustive search: seeded random ones (the exactness half
 * of {@code bench-propose}, and the tests' random cases) and the adjacency of graphs of known shape
 * for the tests.
 */
public final class ProposeInstances {
  private ProposeInstances() {}

  /** A path of n practices, 0-1-...-(n-1). */
  public static int[][] path(int n) {
    List<TreeSet<Integer>> adj = empty(n);
    for (int i = 0; i + 1 < n; i++) {
      link(adj, i, i + 1);
    }
    return arrays(adj);
  }

  /** A cycle of n practices. */
  public static int[][] cycle(int n) {
    List<TreeSet<Integer>> adj = empty(n);
    for (int i = 0; i < n; i++) {
      link(adj, i, (i + 1) % n);
    }
    return arrays(adj);
  }

  /** Every practice adjacent to every other. */
  public static int[][] complete(int n) {
    List<TreeSet<Integer>> adj = empty(n);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        link(adj, i, j);
      }
    }
    return arrays(adj);
  }

  /**
   * Practices at random sites in a square, neighbours of the points within a radius (kept connected
   * by a chain in x order), lists of 5,000-25,000, two or three areas split by x, two to four
   * networks today of consecutive practices in x order.
   */
  public static Instance random(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble(0, 20_000);
      y[i] = r.nextDouble(0, 20_000);
    }
    Integer[] byX = new Integer[n];
    for (int i = 0; i < n; i++) {
      byX[i] = i;
    }
    Arrays.sort(byX, (a, b) -> Double.compare(x[a], x[b]));
    List<TreeSet<Integer>> adj = empty(n);
    for (int k = 0; k + 1 < n; k++) {
      link(adj, byX[k], byX[k + 1]);
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Math.hypot(x[i] - x[j], y[i] - y[j]) < 7_000) {
          link(adj, i, j);
        }
      }
    }
    int areas = r.nextInt(2, 4);
    List<String> areaCodes = new ArrayList<>();
    for (int k = 0; k < areas; k++) {
      areaCodes.add("A" + k);
    }
    long[] list = new long[n];
    double[][] residents = new double[n][areas];
    for (int i = 0; i < n; i++) {
      list[i] = r.nextLong(5_000, 25_001);
      int home = Math.min(areas - 1, (int) (x[i] / 20_000 * areas));
      double total = list[i] * r.nextDouble(0.8, 1.2);
      double spill = r.nextDouble() < 0.3 ? r.nextDouble(0, 0.2) : 0;
      residents[i][home] = total * (1 - spill);
      residents[i][(home + 1) % areas] += total * spill;
    }
    int networks = r.nextInt(2, 5);
    List<String> codes = new ArrayList<>();
    for (int k = 0; k < networks; k++) {
      codes.add("T" + k);
    }
    int[] today = new int[n];
    for (int k = 0; k < n; k++) {
      today[byX[k]] = Math.min(networks - 1, k * networks / n);
    }
    return new Instance(
        codes(n), list, x, y, residents, areaCodes, arrays(adj), codes, today, Instance.Band.nhs());
  }

  /** Practice codes P00, P01, ... */
  public static List<String> codes(int n) {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      codes.add(String.format("P%02d", i));
    }
    return codes;
  }

  private static List<TreeSet<Integer>> empty(int n) {
    List<TreeSet<Integer>> adj = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      adj.add(new TreeSet<>());
    }
    return adj;
  }

  private static void link(List<TreeSet<Integer>> adj, int a, int b) {
    adj.get(a).add(b);
    adj.get(b).add(a);
  }

  private static int[][] arrays(List<TreeSet<Integer>> adj) {
    int[][] out = new int[adj.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = adj.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }
}
