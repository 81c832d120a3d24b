package org.pcnatlas.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ResultLayers#round} and {@link ResultLayers#population} give BigDecimal's figures. */
class ResultLayersRoundingTest {
  /** The rounding as it was written before it was made fast. */
  private static Double reference(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return null;
    }
    return new BigDecimal(Double.toString(v))
        .setScale(decimals, RoundingMode.HALF_EVEN)
        .doubleValue();
  }

  @Test
  void roundsHalfEvenFromTheShortestDecimal() {
    assertThat(ResultLayers.round(0.125, 2)).isEqualTo(0.12);
    assertThat(ResultLayers.round(2.675, 2)).isEqualTo(2.68); // "2.675" is the shortest form
    assertThat(ResultLayers.round(-0.0000001, 6)).isEqualTo(0.0);
    assertThat(Double.doubleToRawLongBits(ResultLayers.round(-0.0, 3))).isZero();
    assertThat(ResultLayers.round(Double.NaN, 3)).isNull();
    assertThat(ResultLayers.round(Double.POSITIVE_INFINITY, 3)).isNull();
    assertThat(ResultLayers.population(1234.04)).isEqualTo(1234L);
    assertThat(ResultLayers.population(1234.05)).isEqualTo(1234L); // a tie, to the even 1234.0
    assertThat(ResultLayers.population(1234.15)).isEqualTo(1234.2);
  }

  @Test
  void agreesWithBigDecimalBitForBitOnRandomValues() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 400_000; i++) {
      int decimals = random.nextInt(0, 14);
      double v =
          switch (i % 6) {
            case 0 -> random.nextDouble(-1, 1);
            case 1 -> random.nextDouble(0, 1e9);
            case 2 -> Math.round(random.nextDouble(0, 1e7)) / 1000.0 + 0.0005; // near ties
            case 3 -> Math.round(random.nextDouble(-1e5, 1e5)) / 10.0 + 0.05;
            case 4 -> random.nextDouble(0, 1) * Math.pow(10, random.nextInt(-12, 18));
            default -> Double.longBitsToDouble(random.nextLong()); // any double at all
          };
      Double expected = reference(v, decimals);
      Double actual = ResultLayers.round(v, decimals);
      if (expected == null) {
        assertThat(actual).as("%s %d", v, decimals).isNull();
      } else {
        assertThat(Double.doubleToRawLongBits(actual))
            .as("%s to %d decimals: %s, not %s", v, decimals, actual, expected)
            .isEqualTo(Double.doubleToRawLongBits(expected));
      }
    }
  }
}
