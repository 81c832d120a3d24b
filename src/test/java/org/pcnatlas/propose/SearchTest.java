package org.pcnatlas.propose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcnatlas.bench.ProposeInstances;

class SearchTest {

  private static Search.Result run(Instance in, Search.Options o) {
    Search.Result r = Search.run(in, o);
    assertThat(Objective.score(in, r.network(), r.codes()).compareTo(r.score()))
        .as("the reported score is the objective's, from scratch")
        .isZero();
    return r;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void neverBetterThanTheOptimumAndAlwaysContiguous(long seed) {
    Instance in = ProposeInstances.random(seed, 9);
    Search.Result r = run(in, Search.Options.defaults(in).withSeed(seed));
    ExhaustiveSearch.Result best = ExhaustiveSearch.optimum(in);
    assertThat(Objective.contiguous(in, r.network())).isTrue();
    assertThat(Objective.score(in, r.network()).compareTo(best.score()))
        .as("no configuration beats the exhaustive optimum")
        .isGreaterThanOrEqualTo(0);
  }

  @Test
  void aNetworkUnderTheBandTakesTwoPracticesFromANeighbourWithRoomThoughOneAloneGainsNothing() {
    // a path of six practices of 20,000; band 60,000-100,000; today {0} (under) and {1..5}
    // (100,000): one practice moved gains no rule and costs a move; two meet the band for both
    Instance path = ProposeTestInstances.uniform(ProposeInstances.path(6));
    Instance in =
        ProposeTestInstances.with(
            path,
            path.neighbours(),
            List.of("T0", "T1"),
            new int[] {0, 1, 1, 1, 1, 1},
            new Instance.Band(60_000, 100_000, false));
    Search.Result r = run(in, Search.Options.defaults(in));
    assertThat(r.network()).containsExactly(0, 0, 0, 1, 1, 1);
    assertThat(r.score().violations()).isZero();
    assertThat(r.score().moved()).isEqualTo(2);
    assertThat(r.score()).isEqualTo(ExhaustiveSearch.optimum(in).score());
  }

  @ParameterizedTest
  @ValueSource(longs = {154, 197})
  void aNetworkOverTheBandIsSplitWhereOnlyBestFitOrARepairedRestFindsTheCut(long seed) {
    // seed 154: {0,1,3,5} at 67,061 splits in the band only as {0,3} + {1,5}, which growing
    // nearest first from any practice misses; seed 197: {1,2,3,5} at 63,007 needs a part cut and
    // a practice of another network pulled into the rest. The search once left both over the band.
    Instance in = ProposeInstances.random(seed, 6 + (int) (seed % 7));
    Search.Result r = run(in, Search.Options.defaults(in).withSeed(seed));
    ExhaustiveSearch.Result best = ExhaustiveSearch.optimum(in);
    assertThat(best.score().outOfBand()).isZero();
    assertThat(r.score().outOfBand()).isZero();
    assertThat(r.score()).isEqualTo(best.score());
  }

  @Test
  void sameSeedSameAnswer() {
    Instance in = ProposeInstances.random(42, 40);
    Search.Result a = run(in, Search.Options.defaults(in).withSeed(5));
    Search.Result b = run(in, Search.Options.defaults(in).withSeed(5));
    assertThat(a.network()).isEqualTo(b.network());
    assertThat(a.codes()).isEqualTo(b.codes());
  }

  @Test
  void fixedPracticesAndLockedNetworksKeepTheirMembers() {
    for (long seed = 1; seed <= 20; seed++) {
      Instance in = ProposeInstances.random(seed, 30);
      boolean[] fixed = new boolean[in.size()];
      boolean[] locked = new boolean[in.networks().size()];
      locked[0] = true;
      for (int i = 0; i < in.size(); i++) {
        fixed[i] = in.today()[i] == 0 || i % 7 == 3;
      }
      Search.Options o =
          new Search.Options(false, fixed, locked, -1, seed, 300, Long.MAX_VALUE, p -> {});
      Search.Result r = run(in, o);
      for (int i = 0; i < in.size(); i++) {
        if (fixed[i]) {
          assertThat(r.codes()[r.network()[i]]).as("fixed %d", i).isEqualTo(in.today()[i]);
        }
        boolean inLocked = r.codes()[r.network()[i]] == 0;
        assertThat(inLocked)
            .as("practice %d in the locked network", i)
            .isEqualTo(in.today()[i] == 0);
      }
    }
  }

  @Test
  void maxMovesIsNeverExceeded() {
    for (long seed = 1; seed <= 20; seed++) {
      Instance in = ProposeInstances.random(seed, 30);
      for (int max : new int[] {0, 1, 3}) {
        Search.Options o =
            new Search.Options(
                false,
                new boolean[in.size()],
                new boolean[in.networks().size()],
                max,
                seed,
                300,
                Long.MAX_VALUE,
                p -> {});
        Search.Result r = run(in, o);
        assertThat(r.score().moved()).as("seed %d max %d", seed, max).isLessThanOrEqualTo(max);
      }
    }
  }

  @Test
  void forbiddenCrossingKeepsEachNetworkInOneHomeArea() {
    for (long seed = 1; seed <= 20; seed++) {
      Instance in = ProposeInstances.random(seed, 30);
      Search.Options o =
          new Search.Options(
              true,
              new boolean[in.size()],
              new boolean[in.networks().size()],
              -1,
              seed,
              300,
              Long.MAX_VALUE,
              p -> {});
      Search.Result r = run(in, o);
      int[] home = in.homes();
      for (int[] g : Objective.groups(r.network())) {
        assertThat(Arrays.stream(g).map(i -> home[i]).distinct().count())
            .as("seed %d network %s", seed, Arrays.toString(g))
            .isEqualTo(1);
      }
      assertThat(Objective.contiguous(in, r.network())).isTrue();
    }
  }

  @Test
  void splitsANetworkTwiceTheBandAndMergesSmallOnes() {
    // a path of ten practices of 20,000 in one network today: four or five networks in the band
    Instance in =
        ProposeTestInstances.with(
            ProposeTestInstances.uniform(ProposeInstances.path(10)),
            ProposeInstances.path(10),
            List.of("T0"),
            new int[10],
            Instance.Band.nhs());
    Search.Result r = run(in, Search.Options.defaults(in));
    assertThat(r.score().violations()).isZero();
    assertThat(Objective.groups(r.network())).hasSizeBetween(4, 6);
  }

  @Test
  void unallocatedPracticesJoiningANetworkNeverMakeItUnallocated() {
    // two unallocated practices and one of T on a path, 10,000 each: together they meet a band of
    // 25,000-50,000. The network must keep T's code: labelled by the most shared code (U, two
    // practices) it would move one practice fewer but leave all three unallocated.
    Instance in =
        new Instance(
            ProposeInstances.codes(3),
            new long[] {10_000, 10_000, 10_000},
            new double[] {0, 1_000, 2_000},
            new double[3],
            new double[][] {{10_000}, {10_000}, {10_000}},
            List.of("A"),
            ProposeInstances.path(3),
            List.of("U", "T"),
            new int[] {0, 0, 1},
            new Instance.Band(25_000, 50_000, false),
            0);
    Search.Options o =
        new Search.Options(
            false,
            new boolean[3],
            new boolean[] {true, false},
            -1,
            1,
            200,
            Long.MAX_VALUE,
            p -> {});
    Search.Result r = run(in, o);
    assertThat(r.network()).containsOnly(0);
    assertThat(r.codes()[0]).isEqualTo(1);
    assertThat(r.score().violations()).isZero();
    assertThat(r.score().moved()).isEqualTo(2);
  }
}
