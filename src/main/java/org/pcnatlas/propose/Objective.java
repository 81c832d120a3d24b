package org.pcnatlas.propose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcnatlas.analysis.Figures;

/**
 * Scores a configuration (a network label per practice) of an {@link Instance} from scratch: the
 * reference the incremental search and the exhaustive search agree with.
 *
 * <p><b>Practices moved.</b> A proposed network keeps the code of a network of today, or gets a new
 * one. Codes are given greedily: the (proposed, today) pairs sharing the most practices first
 * (ties: today's network first in the instance's order, then the proposed network whose lowest
 * practice index is lowest), each code and each proposed network used once. A practice is moved
 * when its network's code is not its network of today. Greedy labelling is the definition, not an
 * estimate: every search scores with it.
 */
public final class Objective {
  private Objective() {}

  /**
   * The figures of one proposed network.
   *
   * @param present the areas holding {@link Figures#PRESENCE_SHARE 5%} or more of its residents
   */
  public record Network(int[] members, double size, double[] residents, int dominant, int present) {
    /** More than one area holds 5% or more of its residents (the analysis's straddle rule). */
    public boolean straddles() {
      return present > 1;
    }

    /** Its residents outside its dominant area. */
    public double outside() {
      return Arrays.stream(residents).sum() - (dominant < 0 ? 0 : residents[dominant]);
    }
  }

  /** The score of the configuration; {@code network[i]} is practice i's network label. */
  public static Score score(Instance in, int[] network) {
    return score(in, network, codes(in, groups(network)));
  }

  /**
   * The score of the configuration with the given codes: {@code codes[k]} is the network of today
   * whose code the network of the k-th {@link #groups group} keeps, or -1 for a new code.
   */
  public static Score score(Instance in, int[] network, int[] codes) {
    List<int[]> groups = groups(network);
    int outOfBand = 0;
    int straddling = 0;
    double outside = 0;
    double spread = 0;
    for (int k = 0; k < groups.size(); k++) {
      int[] g = groups.get(k);
      if (codes[k] >= 0 && codes[k] == in.unallocated()) {
        outOfBand += g.length; // each practice left unallocated is in no network
        continue;
      }
      Network f = figures(in, g);
      outOfBand += in.band().misses(f.size());
      if (f.straddles()) {
        straddling++;
      }
      outside += f.outside();
      spread += spread(in, g);
    }
    int moved = 0;
    for (int k = 0; k < groups.size(); k++) {
      for (int i : groups.get(k)) {
        if (codes[k] != in.today()[i]) {
          moved++;
        }
      }
    }
    return new Score(outOfBand, straddling, moved, outside, spread);
  }

  /** The practices of each network, each sorted, networks ordered by their lowest practice. */
  public static List<int[]> groups(int[] network) {
    Map<Integer, List<Integer>> byLabel = new HashMap<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < network.length; i++) {
      List<Integer> members = byLabel.get(network[i]);
      if (members == null) {
        members = new ArrayList<>();
        byLabel.put(network[i], members);
        order.add(network[i]);
      }
      members.add(i);
    }
    List<int[]> out = new ArrayList<>();
    for (int label : order) {
      out.add(byLabel.get(label).stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /**
   * A network's size (list or residents, as the band is measured), residents per area, and so on.
   */
  public static Network figures(Instance in, int[] members) {
    double size = 0;
    double[] residents = new double[in.areas().size()];
    for (int i : members) {
      size += in.sizeOf(i);
      for (int k = 0; k < residents.length; k++) {
        residents[k] += in.residents()[i][k];
      }
    }
    double total = Arrays.stream(residents).sum();
    int dominant = -1;
    int present = 0;
    for (int k = 0; k < residents.length; k++) {
      if (dominant < 0 || residents[k] > residents[dominant]) {
        dominant = residents[k] > 0 ? k : dominant;
      }
      if (total > 0 && residents[k] / total >= Figures.PRESENCE_SHARE) {
        present++;
      }
    }
    return new Network(members, size, residents, dominant, present);
  }

  /**
   * The list-weighted sum of squared distances (km²) of the sites to their list-weighted centre.
   */
  static double spread(Instance in, int[] members) {
    double w = 0;
    double sx = 0;
    double sy = 0;
    double q = 0;
    for (int i : members) {
      double wi = Math.max(1, in.list()[i]);
      double xi = in.x()[i] / 1000;
      double yi = in.y()[i] / 1000;
      w += wi;
      sx += wi * xi;
      sy += wi * yi;
      q += wi * (xi * xi + yi * yi);
    }
    return Math.max(0, q - (sx * sx + sy * sy) / w);
  }

  /** The code index each network keeps (greedy, as the class says), or -1 for a new network. */
  public static int[] codes(Instance in, List<int[]> groups) {
    List<long[]> pairs = new ArrayList<>(); // {count, today, group}
    for (int g = 0; g < groups.size(); g++) {
      Map<Integer, Integer> counts = new HashMap<>();
      for (int i : groups.get(g)) {
        counts.merge(in.today()[i], 1, Integer::sum);
      }
      for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
        pairs.add(new long[] {e.getValue(), e.getKey(), g});
      }
    }
    pairs.sort(
        (a, b) ->
            a[0] != b[0]
                ? Long.compare(b[0], a[0])
                : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
    int[] codes = new int[groups.size()];
    Arrays.fill(codes, -1);
    boolean[] used = new boolean[in.networks().size()];
    for (long[] p : pairs) {
      int t = (int) p[1];
      int g = (int) p[2];
      if (codes[g] < 0 && !used[t]) {
        codes[g] = t;
        used[t] = true;
      }
    }
    return codes;
  }

  /** True when every network's practices are connected in the instance's adjacency graph. */
  public static boolean contiguous(Instance in, int[] network) {
    for (int[] g : groups(network)) {
      if (!connected(in, network, g)) {
        return false;
      }
    }
    return true;
  }

  static boolean connected(Instance in, int[] network, int[] members) {
    int label = network[members[0]];
    boolean[] seen = new boolean[in.size()];
    int[] stack = new int[members.length];
    int top = 0;
    stack[top++] = members[0];
    seen[members[0]] = true;
    int reached = 1;
    while (top > 0) {
      int i = stack[--top];
      for (int j : in.neighbours()[i]) {
        if (!seen[j] && network[j] == label) {
          seen[j] = true;
          reached++;
          stack[top++] = j;
        }
      }
    }
    return reached == members.length;
  }
}
