package org.pcnatlas.propose;

import java.util.Arrays;
import java.util.List;
import org.pcnatlas.bench.ProposeInstances;

/**
 * Small instances for the proposal tests on graphs of known shape ({@link ProposeInstances} has the
 * graphs and the seeded random instances).
 */
final class ProposeTestInstances {
  private ProposeTestInstances() {}

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
        ProposeInstances.codes(n),
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
}
