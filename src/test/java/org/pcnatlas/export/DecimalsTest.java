package org.pcnatlas.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {
  private static String fixedReference(double v, int decimals) {
    return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String trimmedReference(double v, int decimals) {
    BigDecimal d =
        BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
    if (d.scale() < 0) {
      d = d.setScale(0);
    }
    String s = d.toPlainString();
    return "-0".equals(s) ? "0" : s;
  }

  @Test
  void fixedWritesEveryDecimal() {
    assertThat(Decimals.fixed(12.5, 3)).isEqualTo("12.500");
    assertThat(Decimals.fixed(0.1234567896, 9)).isEqualTo("0.123456790");
    assertThat(Decimals.fixed(1e6, 3)).isEqualTo("1000000.000");
    assertThat(Decimals.fixed(0, 9)).isEqualTo("0.000000000");
    assertThat(Decimals.fixed(3, 0)).isEqualTo("3");
    assertThat(Decimals.fixed(-0.0004, 3)).isEqualTo("0.000");
    assertThat(Decimals.fixed(-2.5, 0)).isEqualTo("-2");
  }

  @Test
  void tiesAreRoundedHalfEvenOnTheExactBinaryValue() {
    // 0.125 is exact in binary: a true tie, to the even neighbour
    assertThat(Decimals.fixed(0.125, 2)).isEqualTo("0.12");
    assertThat(Decimals.fixed(0.375, 2)).isEqualTo("0.38");
    // 2.675 is 2.67499999999999982236431605997495353221893310546875 in binary
    assertThat(Decimals.fixed(2.675, 2)).isEqualTo("2.67");
  }

  @Test
  void trimmedDropsTrailingZerosAndNegativeZero() {
    assertThat(Decimals.trimmed(1e7, 6)).isEqualTo("10000000");
    assertThat(Decimals.trimmed(-1.2500001, 6)).isEqualTo("-1.25");
    assertThat(Decimals.trimmed(-0.0000001, 6)).isEqualTo("0");
    assertThat(Decimals.trimmed(51.1234565, 6)).isEqualTo("51.123456");
  }

  @Test
  void agreesWithBigDecimalOnRandomValues() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      int decimals = random.nextInt(0, 10);
      double v =
          switch (i % 4) {
            case 0 -> random.nextDouble(-180, 180);
            case 1 -> random.nextDouble(0, 1e9);
            case 2 -> Math.round(random.nextDouble(0, 1e7)) / 1000.0 + 0.0005; // near ties
            default -> random.nextDouble(0, 1) * Math.pow(10, random.nextInt(-8, 14));
          };
      assertThat(Decimals.fixed(v, decimals))
          .as("%s %d", v, decimals)
          .isEqualTo(fixedReference(v, decimals));
      assertThat(Decimals.trimmed(v, decimals))
          .as("%s %d", v, decimals)
          .isEqualTo(trimmedReference(v, decimals));
    }
  }

  @Test
  void largeValuesAndManyDecimalsGoToBigDecimal() {
    assertThat(Decimals.fixed(1e20, 2)).isEqualTo(fixedReference(1e20, 2));
    assertThat(Decimals.trimmed(1.0 / 3, 15)).isEqualTo(trimmedReference(1.0 / 3, 15));
  }
}
