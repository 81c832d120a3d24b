package org.pcnatlas.propose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcnatlas.bench.ProposeInstances;

/**
 * The exhaustive reference: it visits each contiguous partition once (counts known in closed form
 * for paths, cycles and complete graphs) and its optimum equals a second, naive enumeration of
 * every label vector on seeded random instances.
 */
class ExhaustiveSearchTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 8})
  void aPathHasTwoToTheNMinusOneContiguousPartitions(int n) {
    // a partition of a path into connected pieces is a choice of the edges to cut
    assertThat(
            ExhaustiveSearch.optimum(ProposeTestInstances.uniform(ProposeInstances.path(n)))
                .contiguous())
        .isEqualTo(1L << (n - 1));
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 6, 9})
  void aCycleHasTwoToTheNMinusNContiguousPartitions(int n) {
    // any set of edges to cut but exactly one (cutting one edge of a cycle leaves it whole)
    assertThat(
            ExhaustiveSearch.optimum(ProposeTestInstances.uniform(ProposeInstances.cycle(n)))
                .contiguous())
        .isEqualTo((1L << n) - n);
  }

  @Test
  void everyPartitionOfACompleteGraphIsContiguous() {
    long[] bell = {1, 1, 2, 5, 15, 52, 203, 877, 4140};
    for (int n = 1; n <= 8; n++) {
      assertThat(
              ExhaustiveSearch.optimum(ProposeTestInstances.uniform(ProposeInstances.complete(n)))
                  .contiguous())
          .as("Bell(%d)", n)
          .isEqualTo(bell[n]);
    }
  }

  @Test
  void itFindsTheTwoNetworksThatFitTheDistrictsAndMovesOnePractice() {
    // 0-1 in district A, 2-3 in B, on a path; today {0,1,2} and {3}: 60k straddling, 20k small
    // (violations count networks: both out of the band, the first straddling too)
    double[][] residents = {{20_000, 0}, {20_000, 0}, {0, 20_000}, {0, 20_000}};
    Instance in =
        new Instance(
            ProposeInstances.codes(4),
            new long[] {20_000, 20_000, 20_000, 20_000},
            new double[] {0, 1000, 2000, 3000},
            new double[] {0, 0, 0, 0},
            residents,
            List.of("A", "B"),
            ProposeInstances.path(4),
            List.of("T0", "T1"),
            new int[] {0, 0, 0, 1},
            Instance.Band.nhs());
    assertThat(Objective.score(in, in.today()))
        .isEqualTo(new Score(2, 1, 0, 20_000, Objective.spread(in, new int[] {0, 1, 2})));
    ExhaustiveSearch.Result best = ExhaustiveSearch.optimum(in);
    assertThat(best.network()).containsExactly(0, 0, 1, 1);
    assertThat(best.score().violations()).isZero();
    assertThat(best.score().moved()).as("practice 2 moves to T1").isEqualTo(1);
    assertThat(best.score().residentsOutside()).isZero();
  }

  @Test
  void itsOptimumEqualsANaiveEnumerationOfEveryLabelVector() {
    for (long seed = 1; seed <= 25; seed++) {
      int n = 3 + (int) (seed % 4); // 3..6 practices: n^n label vectors at most 46,656
      Instance in = ProposeInstances.random(seed, n);
      ExhaustiveSearch.Result best = ExhaustiveSearch.optimum(in);
      Score naive = null;
      Set<String> partitions = new HashSet<>();
      int[] label = new int[n];
      long vectors = (long) Math.pow(n, n);
      for (long v = 0; v < vectors; v++) {
        long rest = v;
        for (int i = 0; i < n; i++) {
          label[i] = (int) (rest % n);
          rest /= n;
        }
        if (!Objective.contiguous(in, label)) {
          continue;
        }
        partitions.add(canonical(label));
        Score s = Objective.score(in, label);
        if (naive == null || s.betterThan(naive)) {
          naive = s;
        }
      }
      assertThat(best.score().compareTo(naive)).as("seed %d", seed).isZero();
      assertThat(best.contiguous()).as("seed %d", seed).isEqualTo(partitions.size());
      assertThat(Objective.contiguous(in, best.network())).isTrue();
    }
  }

  @Test
  void itRefusesMoreThanTwelvePractices() {
    assertThatThrownBy(
            () -> ExhaustiveSearch.optimum(ProposeTestInstances.uniform(ProposeInstances.path(13))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 12 practices, not 13");
  }

  /** The partition a label vector stands for, whatever the labels' names. */
  static String canonical(int[] label) {
    int[] rename = new int[label.length];
    java.util.Arrays.fill(rename, -1);
    StringBuilder s = new StringBuilder();
    int next = 0;
    for (int l : label) {
      if (rename[l] < 0) {
        rename[l] = next++;
      }
      s.append(rename[l]).append(',');
    }
    return s.toString();
  }
}
