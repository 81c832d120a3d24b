package org.pcnatlas.propose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** Small instances for the proposal tests: graphs of known shape and seeded random ones. */
final class ProposeTestInstances {
  private ProposeTestInstances() {}

  static int[][] path(int n) {
    List<TreeSet<Integer>> adj = empty(n);
    for (int i = 0; i + 1 < n; i++) {
      link(adj, i, i + 1);
    }
    return arrays(adj);
  }

  static int[][] cycle(int n) {
    List<TreeSet<Integer>> adj = empty(n);
    for (int i = 0; i < n; i++) {
      link(adj, i, (i + 1) % n);
    }
    return arrays(adj);
  }

  static int[][] complete(int n) {
    List<TreeSet<Integer>> adj = empty(n);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        link(adj, i, j);
      }
    }
    return arrays(adj);
  }

  /** Same list (20,000) and residents everywhere, one area, one network today. */
  static Instance uniform(int[][] neighbours) {
    int n = neighbours.length;
    long[] list = new long[n];
    Arrays.fill(list, 20_000);
    double[][] residents = new double[n][1];
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      residents[i][0] = 20_000;
      x[i] = 1000.0 * i;
    }
    return new Instance(
        codes(n),
        list,
        x,
        y,
        residents,
        List.of("A"),
        neighbours,
        List.of("T0"),
        new int[n],
        Instance.Band.nhs());
  }

  /** Seeded random instances ({@link ProposeInstances#random}). */
  static Instance random(long seed, int n) {
    return org.pcnatlas.bench.ProposeInstances.random(seed, n);
  }

  /** The instance with other neighbours, networks of today and band. */
  static Instance with(
      Instance in, int[][] neighbours, List<String> networks, int[] today, Instance.Band band) {
    return new Instance(
        in.practices(),
        in.list(),
        in.x(),
        in.y(),
        in.residents(),
        in.areas(),
        neighbours,
        networks,
        today,
        band);
  }

  static List<String> codes(int n) {
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
