package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The number forms of CSV fields against the regular expressions they stand for. */
class NumberTextTest {
  private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]{0,17})");
  private static final Pattern REAL =
      Pattern.compile("[-+]?((0|[1-9][0-9]*)(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  @Test
  void everyShortTextIsRecognisedAsItsPatternMatchesIt() {
    char[] alphabet = {'0', '1', '9', '.', 'e', 'E', '+', '-', 'x', ' '};
    int checked = 0;
    for (int length = 0; length <= 5; length++) {
      int[] at = new int[length];
      while (true) {
        char[] cs = new char[length];
        for (int i = 0; i < length; i++) {
          cs[i] = alphabet[at[i]];
        }
        String s = new String(cs);
        assertThat(NumberText.isInteger(s)).as(s).isEqualTo(INTEGER.matcher(s).matches());
        assertThat(NumberText.isReal(s)).as(s).isEqualTo(REAL.matcher(s).matches());
        assertThat(NumberText.isNumber(s)).as(s).isEqualTo(NUMBER.matcher(s).matches());
        if (NUMBER.matcher(s).matches()) {
          assertThat(bits(NumberText.parse(s))).as(s).isEqualTo(bits(Double.parseDouble(s)));
        }
        checked++;
        int k = length - 1;
        while (k >= 0 && ++at[k] == alphabet.length) {
          at[k--] = 0;
        }
        if (k < 0) {
          break;
        }
      }
    }
    assertThat(checked).isGreaterThan(100_000);
    // 18 digits fit a long, 19 may not
    assertThat(NumberText.isInteger("999999999999999999")).isTrue();
    assertThat(NumberText.isInteger("1000000000000000000")).isFalse();
    assertThat(NumberText.isReal("1000000000000000000")).isTrue();
  }

  @Test
  void decimalsParseExactlyAsJavaDoes() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 200_000; i++) {
      String s =
          switch (i % 6) {
            case 0 -> String.format(Locale.ROOT, "%.2f", random.nextDouble(-1e6, 1e6));
            case 1 -> Long.toString(random.nextLong(0, 10_000_000));
            case 2 -> Double.toString(random.nextDouble(0, 1e7));
            case 3 -> String.format(Locale.ROOT, "%.9f", random.nextDouble());
            case 4 -> Long.toString(random.nextLong());
            default -> String.format(Locale.ROOT, "%.17f", random.nextDouble(-1e3, 1e3));
          };
      assertThat(NumberText.isNumber(s)).as(s).isTrue();
      assertThat(bits(NumberText.parse(s))).as(s).isEqualTo(bits(Double.parseDouble(s)));
    }
    for (String s :
        new String[] {
          "12345678901234567.5",
          "9007199254740993",
          "9007199254740992",
          "900719925474099.3",
          "0.0000000000000000000001",
          "0.00000000000000000000001",
          "1e3",
          "+7",
          "-0",
          "-0.0",
          "5.",
          ".5",
          "1e400",
          "000000000000000000000000012.5"
        }) {
      assertThat(bits(NumberText.parse(s))).as(s).isEqualTo(bits(Double.parseDouble(s)));
    }
  }

  /** The double's bits, so -0.0 and 0.0 differ. */
  private static long bits(double d) {
    return Double.doubleToRawLongBits(d);
  }
}
