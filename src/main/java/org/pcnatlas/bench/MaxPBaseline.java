package org.pcnatlas.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.pcnatlas.propose.Instance;
import org.pcnatlas.propose.Objective;

/**
 * The from-scratch reference {@code propose} is measured against: max-p regionalisation (Duque,
 * Anselin and Rey 2012, as in PySAL's spopt and GeoDa) with the same lower bound and adjacency, and
 * nothing else: regions grown from seeds in a random order, each taking the adjacent unassigned
 * practice nearest its seed until it reaches the lower bound; practices of a region that cannot
 * reach it are enclaves, joined at the end to the smallest adjacent region. Of {@code tries} seeded
 * orders, the one with most regions (then least spread). It knows no upper bound, no alignment
 * layer and no networks of today, as such tools do not.
 */
public final class MaxPBaseline {
  private MaxPBaseline() {}

  /** The region label of each practice. */
  public static int[] regions(Instance in, long seed, int tries) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] best = null;
    int bestCount = -1;
    double bestSpread = Double.MAX_VALUE;
    for (int t = 0; t < tries; t++) {
      int[] label = grow(in, random.split());
      int count = (int) Arrays.stream(label).distinct().count();
      double spread = Objective.score(in, label).spread();
      if (count > bestCount || (count == bestCount && spread < bestSpread)) {
        best = label;
        bestCount = count;
        bestSpread = spread;
      }
    }
    return best;
  }

  private static int[] grow(Instance in, SplittableRandom random) {
    int n = in.size();
    int[] label = new int[n];
    Arrays.fill(label, -1);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    double lower = in.band().lower();
    List<Double> sizes = new ArrayList<>();
    boolean[] enclave = new boolean[n];
    for (int s : order) {
      if (label[s] >= 0 || enclave[s]) {
        continue;
      }
      int region = sizes.size();
      List<Integer> members = new ArrayList<>();
      members.add(s);
      label[s] = region;
      double size = in.sizeOf(s);
      while (size < lower) {
        int next = -1;
        double nd = Double.MAX_VALUE;
        for (int i : members) {
          for (int j : in.neighbours()[i]) {
            if (label[j] < 0 && !enclave[j]) {
              double d = Math.hypot(in.x()[j] - in.x()[s], in.y()[j] - in.y()[s]);
              if (d < nd) {
                nd = d;
                next = j;
              }
            }
          }
        }
        if (next < 0) {
          break;
        }
        label[next] = region;
        members.add(next);
        size += in.sizeOf(next);
      }
      if (size >= lower) {
        sizes.add(size);
      } else {
        for (int i : members) {
          label[i] = -1;
          enclave[i] = true;
        }
      }
    }
    if (sizes.isEmpty()) {
      Arrays.fill(label, 0); // nothing reaches the bound: one region
      return label;
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < n; i++) {
        if (label[i] >= 0) {
          continue;
        }
        int target = -1;
        for (int j : in.neighbours()[i]) {
          if (label[j] >= 0 && (target < 0 || sizes.get(label[j]) < sizes.get(target))) {
            target = label[j];
          }
        }
        if (target >= 0) {
          label[i] = target;
          sizes.set(target, sizes.get(target) + in.sizeOf(i));
          changed = true;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (label[i] < 0) { // not connected to any region: a region of its own
        label[i] = sizes.size();
        sizes.add(in.sizeOf(i));
      }
    }
    return label;
  }

  /** The figures the comparison reports. */
  public record Figures(int networks, int inBand, int insideOneArea, int practicesMoved) {}

  /** The figures of a configuration: practices moved counted per practice of each node. */
  public static Figures figures(Instance in, int[] label) {
    List<int[]> groups = Objective.groups(label);
    int[] codes = Objective.codes(in, groups);
    int inBand = 0;
    int one = 0;
    int moved = 0;
    for (int g = 0; g < groups.size(); g++) {
      Objective.Network f = Objective.figures(in, groups.get(g));
      inBand += in.band().contains(f.size()) ? 1 : 0;
      one += f.straddles() ? 0 : 1;
      for (int i : groups.get(g)) {
        if (codes[g] != in.today()[i]) {
          moved += in.practices().get(i).split("\\+").length;
        }
      }
    }
    return new Figures(groups.size(), inBand, one, moved);
  }
}
