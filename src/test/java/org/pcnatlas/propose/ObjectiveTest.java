package org.pcnatlas.propose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcnatlas.bench.ProposeInstances;

/** The objective's parts, each on a case worked by hand, and the instance's checks. */
class ObjectiveTest {

  @Test
  void violationsComeBeforeMovesAndMovesBeforeResidentsAndCompactness() {
    Score fewViolations = new Score(0, 1, 9, 1e6, 1e6);
    Score fewMoves = new Score(1, 1, 0, 0, 0);
    assertThat(fewViolations.betterThan(fewMoves)).isTrue();
    // the band before the layer: one network out of the band is worse than three straddling
    assertThat(new Score(0, 3, 5, 0, 0).betterThan(new Score(1, 0, 0, 0, 0))).isTrue();
    assertThat(new Score(0, 3, 5, 0, 0).rulesBetterThan(new Score(1, 0, 0, 0, 0))).isTrue();
    assertThat(new Score(0, 2, 5, 0, 0).rulesBetterThan(new Score(0, 3, 0, 0, 0))).isTrue();
    assertThat(new Score(0, 2, 5, 0, 0).rulesEqual(new Score(0, 2, 0, 1, 1))).isTrue();
    assertThat(new Score(0, 0, 1, 1e6, 1e6).betterThan(new Score(0, 0, 2, 0, 0))).isTrue();
    assertThat(new Score(0, 0, 1, 10, 1e6).betterThan(new Score(0, 0, 1, 11, 0))).isTrue();
    assertThat(new Score(0, 0, 1, 10, 5).betterThan(new Score(0, 0, 1, 10, 6))).isTrue();
    // sums made in another order are equal, not better
    assertThat(new Score(0, 0, 1, 0.1 + 0.2, 1).compareTo(new Score(0, 0, 1, 0.3, 1))).isZero();
  }

  @Test
  void aNetworkStraddlesWhenASecondAreaHoldsFivePercentOrMore() {
    Instance in = twoPractices(new double[][] {{95, 0}, {0, 5}});
    assertThat(Objective.figures(in, new int[] {0, 1}).straddles()).isTrue();
    Instance under = twoPractices(new double[][] {{95.1, 0}, {0, 4.9}});
    assertThat(Objective.figures(under, new int[] {0, 1}).straddles()).isFalse();
    assertThat(Objective.figures(under, new int[] {0, 1}).dominant()).isZero();
  }

  @Test
  void aMergedNetworkKeepsTheCodeOfItsLargerPartAndAnotherIsNew() {
    Instance in = ProposeTestInstances.uniform(ProposeInstances.path(5));
    Instance three =
        ProposeTestInstances.with(
            in, in.neighbours(), List.of("T0", "T1", "T2"), new int[] {0, 0, 1, 1, 2}, in.band());
    // {0,1,2} keeps T0 (two of T0), {3,4}: T1 and T2 one each, T1 first in order
    int[] codes = Objective.codes(three, Objective.groups(new int[] {0, 0, 0, 1, 1}));
    assertThat(codes).containsExactly(0, 1);
    assertThat(Objective.score(three, new int[] {0, 0, 0, 1, 1}).moved())
        .as("practice 2 (T1 into T0's network) and 4 (T2 into T1's)")
        .isEqualTo(2);
    // a network made of nothing of today's that is left: a new code
    assertThat(Objective.codes(three, Objective.groups(new int[] {0, 0, 0, 0, 1})))
        .containsExactly(0, 2);
    Instance one = ProposeTestInstances.uniform(ProposeInstances.path(4));
    assertThat(Objective.codes(one, Objective.groups(new int[] {0, 0, 1, 1})))
        .containsExactly(0, -1);
  }

  @Test
  void spreadIsTheListWeightedSquaredDistanceToTheCentreInSquareKilometres() {
    Instance in = twoPractices(new double[][] {{1, 0}, {1, 0}});
    // two sites 2 km apart with lists 10,000 and 30,000: centre 1.5 km from the first
    assertThat(Objective.spread(in, new int[] {0, 1}))
        .isCloseTo(
            10_000 * 1.5 * 1.5 + 30_000 * 0.5 * 0.5, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(Objective.spread(in, new int[] {0})).isZero();
  }

  @Test
  void aNetworkMissesTheBandOnceUnderItAndOncePerFurtherNetworkOverIt() {
    Instance.Band band = Instance.Band.nhs();
    assertThat(band.misses(40_000)).isZero();
    assertThat(band.misses(1)).isEqualTo(1);
    assertThat(band.misses(29_999)).isEqualTo(1);
    assertThat(band.misses(50_001)).isEqualTo(1);
    assertThat(band.misses(100_000)).isEqualTo(1);
    assertThat(band.misses(100_001)).isEqualTo(2);
    assertThat(band.misses(240_000)).isEqualTo(4);
    // joining two networks over the band is never a gain, whatever their sizes
    for (double a = 50_001; a < 200_000; a += 7_919) {
      for (double b = 50_001; b < 200_000; b += 6_007) {
        assertThat(band.misses(a + b)).isGreaterThanOrEqualTo(band.misses(a) + band.misses(b));
      }
    }
  }

  @Test
  void violationsCountNetworksExceptThatEachUnallocatedPracticeCounts() {
    // a path of 5 practices of 20,000, all residents in area A except practice 4's, in B
    Instance base = ProposeTestInstances.uniform(ProposeInstances.path(5));
    double[][] residents = new double[5][];
    for (int i = 0; i < 5; i++) {
      residents[i] = i == 4 ? new double[] {0, 100} : new double[] {100, 0};
    }
    Instance in =
        new Instance(
            base.practices(),
            base.list(),
            base.x(),
            base.y(),
            residents,
            List.of("A", "B"),
            base.neighbours(),
            List.of("T0", "U"),
            new int[] {0, 0, 0, 0, 1},
            Instance.Band.nhs(),
            1);
    // {0,1,2,3} 80,000: over the band once, inside A; {4} unallocated: one practice
    assertThat(Objective.score(in, new int[] {0, 0, 0, 0, 1}, new int[] {0, 1}))
        .extracting(Score::outOfBand, Score::straddling)
        .containsExactly(2, 0);
    // all five in one network: 100,000 is over once, and it straddles once (not per practice)
    assertThat(Objective.score(in, new int[] {0, 0, 0, 0, 0}, new int[] {0}))
        .extracting(Score::outOfBand, Score::straddling)
        .containsExactly(1, 1);
    // {0,1} and {2,3,4}: 40,000 in the band; 60,000 over and straddling
    assertThat(Objective.score(in, new int[] {0, 0, 1, 1, 1}, new int[] {0, -1}))
        .extracting(Score::outOfBand, Score::straddling)
        .containsExactly(1, 1);
  }

  @Test
  void theBandIsInclusiveAndMeasuredOnTheListOrTheResidents() {
    Instance.Band band = Instance.Band.nhs();
    assertThat(band.contains(30_000)).isTrue();
    assertThat(band.contains(50_000)).isTrue();
    assertThat(band.contains(29_999)).isFalse();
    assertThat(band.contains(50_001)).isFalse();
    assertThatThrownBy(() -> new Instance.Band(50_000, 30_000, false))
        .hasMessageContaining("lower <= upper");
    Instance in = twoPractices(new double[][] {{7, 0}, {0, 3}});
    Instance onResidents =
        ProposeTestInstances.with(
            in, in.neighbours(), in.networks(), in.today(), new Instance.Band(0, 10, true));
    assertThat(onResidents.sizeOf(0)).isEqualTo(7);
    assertThat(in.sizeOf(0)).isEqualTo(10_000);
  }

  @Test
  void anInstanceRefusesOneSidedOrUnsortedNeighboursAndPracticesWithoutANetwork() {
    Instance in = twoPractices(new double[][] {{1, 0}, {1, 0}});
    assertThatThrownBy(
            () ->
                ProposeTestInstances.with(
                    in, new int[][] {{1}, {}}, in.networks(), in.today(), in.band()))
        .hasMessageContaining("P01 neighbours P00 but not the other way");
    assertThatThrownBy(
            () ->
                ProposeTestInstances.with(
                    in, new int[][] {{0}, {}}, in.networks(), in.today(), in.band()))
        .hasMessageContaining("must be sorted other practices");
    assertThatThrownBy(
            () ->
                ProposeTestInstances.with(
                    in, in.neighbours(), in.networks(), new int[] {0, 3}, in.band()))
        .hasMessageContaining("P01 has no network today");
  }

  @Test
  void contiguityIsConnectionInTheAdjacencyGraph() {
    Instance in = ProposeTestInstances.uniform(ProposeInstances.path(4));
    assertThat(Objective.contiguous(in, new int[] {0, 0, 1, 1})).isTrue();
    assertThat(Objective.contiguous(in, new int[] {0, 1, 0, 1})).isFalse();
    assertThat(Objective.contiguous(in, new int[] {5, 5, 5, 5})).isTrue();
  }

  private static Instance twoPractices(double[][] residents) {
    return new Instance(
        ProposeInstances.codes(2),
        new long[] {10_000, 30_000},
        new double[] {0, 2000},
        new double[] {0, 0},
        residents,
        List.of("A", "B"),
        ProposeInstances.path(2),
        List.of("T0"),
        new int[] {0, 0},
        Instance.Band.nhs());
  }
}
