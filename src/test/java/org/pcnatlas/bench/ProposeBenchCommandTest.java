package org.pcnatlas.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcnatlas.propose.Instance;

/** The bound bench-propose prints beside the max-p comparison. */
class ProposeBenchCommandTest {

  @Test
  void todaysNetworksSplitAloneMakeTheirListOverTheLowerBoundRoundedDownAndUnallocatedNone() {
    // lists 20,000, 25,000, 40,000, 30,000, 5,000 and 70,000; today T0 = {0,1} (45,000: one),
    // T1 = {2,3} (70,000: two), U = {4} (unallocated: none), T2 = {5} (70,000 in one practice:
    // two by list, as the bound counts lists, not practices)
    long[] list = {20_000, 25_000, 40_000, 30_000, 5_000, 70_000};
    int n = list.length;
    double[][] residents = new double[n][1];
    Instance in =
        new Instance(
            ProposeInstances.codes(n),
            list,
            new double[n],
            new double[n],
            residents,
            List.of("A"),
            ProposeInstances.path(n),
            List.of("T0", "T1", "U", "T2"),
            new int[] {0, 0, 1, 1, 2, 3},
            Instance.Band.nhs(),
            2);
    assertThat(ProposeBenchCommand.inBandBySplittingAlone(in)).isEqualTo(1 + 2 + 0 + 2);
  }
}
