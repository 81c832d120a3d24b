package org.pcnatlas.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The map's colours stay distinguishable for colour-blind readers: for every colour mode of {@code
 * styles.json} (the file the page and the renderer both read), the legend's colours (its classes,
 * the no-data colour and the unallocated practices' colour) are simulated for protanopia,
 * deuteranopia and tritanopia (Machado, Oliveira and Fernandes 2009, severity 1.0, applied to
 * linear RGB) as well as for normal vision, and compared with CIEDE2000 (Sharma, Wu and Dalal 2005;
 * checked here against their published test pairs).
 *
 * <p>Thresholds (ΔE00; about 1 is a just-noticeable difference between touching patches):
 *
 * <ul>
 *   <li>{@value #SPECIAL}: a class against no data and against the unallocated practices, and those
 *       two against each other. These mean "not a value" and must never be read as a class,
 *       whichever side of the map they fall on.
 *   <li>{@value #QUALITATIVE}: any two classes of a qualitative or split scale (size bands,
 *       alignment), whose classes are different kinds of thing, not steps of one quantity.
 *   <li>{@value #SEQUENTIAL}: any two classes of a sequential scale (population, Core20, IMD,
 *       over-65). Steps of one quantity are read by lightness order as well as by matching the
 *       legend, so they may be closer than unrelated colours; five just-noticeable differences is
 *       still plainly seen between patches that do not touch, and the ColorBrewer five-class
 *       sequential schemes the modes use meet it under every simulated vision (the closest, the
 *       over-65 purples under tritanopia, are about 9 apart), so a lower bar would let a palette
 *       edit merge two classes unnoticed.
 * </ul>
 *
 * <p>The legend's swatches are compared at full opacity; the map's fills are the same colours at
 * the catchments' fill opacity over the background, which lowers every difference alike.
 */
class PaletteTest {
  static final double SPECIAL = 10;
  static final double QUALITATIVE = 10;
  static final double SEQUENTIAL = 5;

  /** How a colour is seen: normal vision and the three dichromacies, at severity 1.0. */
  enum Vision {
    NORMAL(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}),
    PROTANOPIA(
        new double[][] {
          {0.152286, 1.052583, -0.204868},
          {0.114503, 0.786281, 0.099216},
          {-0.003882, -0.048116, 1.051998}
        }),
    DEUTERANOPIA(
        new double[][] {
          {0.367322, 0.860646, -0.227968},
          {0.280085, 0.672501, 0.047413},
          {-0.011820, 0.042940, 0.968881}
        }),
    TRITANOPIA(
        new double[][] {
          {1.255528, -0.076749, -0.178779},
          {-0.078411, 0.930809, 0.147602},
          {0.004733, 0.691367, 0.303900}
        });

    final double[][] matrix;

    Vision(double[][] matrix) {
      this.matrix = matrix;
    }

    /** The colour as seen, in CIELAB (D65). */
    double[] lab(String hex) {
      double[] rgb = linear(hex);
      double[] seen = new double[3];
      for (int r = 0; r < 3; r++) {
        double v = 0;
        for (int k = 0; k < 3; k++) {
          v += matrix[r][k] * rgb[k];
        }
        seen[r] = Math.max(0, Math.min(1, v));
      }
      return Colour.lab(seen);
    }
  }

  /** sRGB, CIELAB and CIEDE2000. */
  static final class Colour {
    private Colour() {}

    static double[] linear(String hex) {
      int rgb = Integer.parseInt(hex.substring(1), 16);
      return new double[] {
        decode((rgb >> 16) & 0xff), decode((rgb >> 8) & 0xff), decode(rgb & 0xff)
      };
    }

    private static double decode(int channel) {
      double c = channel / 255.0;
      return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** Linear sRGB to CIELAB, D65 white. */
    static double[] lab(double[] rgb) {
      double x = 0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2];
      double y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2];
      double z = 0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2];
      double fx = f(x / 0.95047);
      double fy = f(y);
      double fz = f(z / 1.08883);
      return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double f(double t) {
      return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    /** CIEDE2000 (kL = kC = kH = 1), as Sharma, Wu and Dalal (2005) give it. */
    static double deltaE2000(double[] lab1, double[] lab2) {
      double l1 = lab1[0];
      double a1 = lab1[1];
      double b1 = lab1[2];
      double l2 = lab2[0];
      double a2 = lab2[1];
      double b2 = lab2[2];
      double cMean = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
      double c7 = Math.pow(cMean, 7);
      double g = 0.5 * (1 - Math.sqrt(c7 / (c7 + Math.pow(25, 7))));
      double a1p = (1 + g) * a1;
      double a2p = (1 + g) * a2;
      double c1p = Math.hypot(a1p, b1);
      double c2p = Math.hypot(a2p, b2);
      double h1p = c1p == 0 ? 0 : degrees(Math.atan2(b1, a1p));
      double h2p = c2p == 0 ? 0 : degrees(Math.atan2(b2, a2p));
      double dL = l2 - l1;
      double dC = c2p - c1p;
      double dh;
      if (c1p * c2p == 0) {
        dh = 0;
      } else if (Math.abs(h2p - h1p) <= 180) {
        dh = h2p - h1p;
      } else if (h2p - h1p > 180) {
        dh = h2p - h1p - 360;
      } else {
        dh = h2p - h1p + 360;
      }
      double dH = 2 * Math.sqrt(c1p * c2p) * Math.sin(Math.toRadians(dh / 2));
      double lMean = (l1 + l2) / 2;
      double cpMean = (c1p + c2p) / 2;
      double hMean;
      if (c1p * c2p == 0) {
        hMean = h1p + h2p;
      } else if (Math.abs(h1p - h2p) <= 180) {
        hMean = (h1p + h2p) / 2;
      } else if (h1p + h2p < 360) {
        hMean = (h1p + h2p + 360) / 2;
      } else {
        hMean = (h1p + h2p - 360) / 2;
      }
      double t =
          1
              - 0.17 * Math.cos(Math.toRadians(hMean - 30))
              + 0.24 * Math.cos(Math.toRadians(2 * hMean))
              + 0.32 * Math.cos(Math.toRadians(3 * hMean + 6))
              - 0.20 * Math.cos(Math.toRadians(4 * hMean - 63));
      double dTheta = 30 * Math.exp(-Math.pow((hMean - 275) / 25, 2));
      double cp7 = Math.pow(cpMean, 7);
      double rC = 2 * Math.sqrt(cp7 / (cp7 + Math.pow(25, 7)));
      double l50 = (lMean - 50) * (lMean - 50);
      double sL = 1 + 0.015 * l50 / Math.sqrt(20 + l50);
      double sC = 1 + 0.045 * cpMean;
      double sH = 1 + 0.015 * cpMean * t;
      double rT = -Math.sin(Math.toRadians(2 * dTheta)) * rC;
      double l = dL / sL;
      double c = dC / sC;
      double h = dH / sH;
      return Math.sqrt(l * l + c * c + h * h + rT * c * h);
    }

    private static double degrees(double radians) {
      double d = Math.toDegrees(radians);
      return d < 0 ? d + 360 : d;
    }
  }

  static double[] linear(String hex) {
    return Colour.linear(hex);
  }

  static double deltaE(Vision v, String hex1, String hex2) {
    return Colour.deltaE2000(v.lab(hex1), v.lab(hex2));
  }

  // ---- the colour maths itself ----

  /** Sharma, Wu and Dalal (2005), Table 1: pairs 1, 2, 7, 13 to 17, 25 and 34. */
  @ParameterizedTest
  @CsvSource({
    "50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425",
    "50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615",
    "50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669",
    "50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792",
    "50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792",
    "50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195",
    "50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195",
    "50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492",
    "60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644",
    "22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373"
  })
  void ciede2000MatchesSharmasTestPairs(
      double l1, double a1, double b1, double l2, double a2, double b2, double expected) {
    double[] one = {l1, a1, b1};
    double[] two = {l2, a2, b2};
    assertThat(Colour.deltaE2000(one, two)).isCloseTo(expected, within(1e-4));
    assertThat(Colour.deltaE2000(two, one)).isCloseTo(expected, within(1e-4));
  }

  @Test
  void labOfWhiteBlackAndSrgbRed() {
    assertThat(Vision.NORMAL.lab("#ffffff"))
        .containsExactly(new double[] {100, 0, 0}, within(0.01));
    assertThat(Vision.NORMAL.lab("#000000")).containsExactly(new double[] {0, 0, 0}, within(0.01));
    assertThat(Vision.NORMAL.lab("#ff0000"))
        .containsExactly(new double[] {53.24, 80.09, 67.20}, within(0.05));
  }

  @ParameterizedTest
  @EnumSource(Vision.class)
  void everySimulationLeavesGreysGrey(Vision v) {
    for (String grey : List.of("#ffffff", "#bdbdbd", "#585858", "#000000")) {
      assertThat(deltaE(v, grey, grey)).isZero();
      assertThat(Colour.deltaE2000(v.lab(grey), Vision.NORMAL.lab(grey)))
          .as(v + " " + grey)
          .isLessThan(0.5);
    }
  }

  @Test
  void theSimulationsConfuseWhatEachDichromacyConfuses() {
    // red and green are far apart to normal vision, close without L or M cones
    assertThat(deltaE(Vision.NORMAL, "#d7191c", "#1a9641")).isGreaterThan(50);
    assertThat(deltaE(Vision.PROTANOPIA, "#d7191c", "#1a9641"))
        .isLessThan(deltaE(Vision.NORMAL, "#d7191c", "#1a9641") / 3);
    assertThat(deltaE(Vision.DEUTERANOPIA, "#d7191c", "#1a9641"))
        .isLessThan(deltaE(Vision.NORMAL, "#d7191c", "#1a9641") / 3);
    // and the pair this test was written for: the old no-data grey against the second over-65
    // class was only about 4.9 apart under tritanopia
    assertThat(deltaE(Vision.TRITANOPIA, "#cbc9e2", "#bdbdbd")).isCloseTo(4.9, within(0.1));
  }

  // ---- the palettes of styles.json ----

  /** A colour mode's legend: its class colours and whether they are steps of one quantity. */
  record Legend(String mode, List<String> classes, boolean sequential) {}

  static JsonNode styles() {
    try {
      return new ObjectMapper().readTree(MapStyles.standard().json());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Legend> legends() {
    List<Legend> out = new ArrayList<>();
    for (var e : styles().get("colourModes").properties()) {
      JsonNode m = e.getValue();
      String kind = m.get("kind").asText();
      List<String> colours = new ArrayList<>();
      switch (kind) {
        case "bands" -> m.get("colours").forEach(c -> colours.add(c.asText()));
        case "quantiles" -> m.get("palette").forEach(c -> colours.add(c.asText()));
        case "steps" -> m.get("colours").forEach(c -> colours.add(c.asText()));
        case "split" -> {
          m.get("whenTrue").get("colours").forEach(c -> colours.add(c.asText()));
          m.get("whenFalse").get("colours").forEach(c -> colours.add(c.asText()));
        }
        default -> throw new AssertionError(e.getKey() + ": a kind this test does not know");
      }
      out.add(new Legend(e.getKey(), colours, kind.equals("quantiles") || kind.equals("steps")));
    }
    return out;
  }

  static String noData() {
    return styles().get("noData").asText().toLowerCase(Locale.ROOT);
  }

  static String unallocated() {
    return styles().get("unallocated").get("colour").asText().toLowerCase(Locale.ROOT);
  }

  static Stream<Arguments> legendsAndVisions() {
    List<Arguments> out = new ArrayList<>();
    for (Legend l : legends()) {
      for (Vision v : Vision.values()) {
        out.add(Arguments.of(l.mode(), v));
      }
    }
    return out.stream();
  }

  static Legend legend(String mode) {
    return legends().stream().filter(l -> l.mode().equals(mode)).findFirst().orElseThrow();
  }

  @Test
  void everyColourModeHasALegendOfColours() {
    assertThat(legends())
        .extracting(Legend::mode)
        .contains("size-band", "population", "alignment", "core20", "imd-decile", "over-65");
    for (Legend l : legends()) {
      assertThat(l.classes()).as(l.mode()).isNotEmpty().allMatch(c -> c.matches("#[0-9a-f]{6}"));
    }
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("legendsAndVisions")
  void everyClassStandsApartFromNoDataAndTheUnallocatedPractices(String mode, Vision v) {
    for (String c : legend(mode).classes()) {
      assertThat(deltaE(v, c, noData()))
          .as("%s under %s: class %s against no data %s", mode, v, c, noData())
          .isGreaterThanOrEqualTo(SPECIAL);
      assertThat(deltaE(v, c, unallocated()))
          .as("%s under %s: class %s against unallocated %s", mode, v, c, unallocated())
          .isGreaterThanOrEqualTo(SPECIAL);
    }
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("legendsAndVisions")
  void everyTwoClassesOfALegendStandApart(String mode, Vision v) {
    Legend l = legend(mode);
    double threshold = l.sequential() ? SEQUENTIAL : QUALITATIVE;
    List<String> c = l.classes();
    for (int i = 0; i < c.size(); i++) {
      for (int j = i + 1; j < c.size(); j++) {
        assertThat(deltaE(v, c.get(i), c.get(j)))
            .as("%s under %s: class %s against %s", mode, v, c.get(i), c.get(j))
            .isGreaterThanOrEqualTo(threshold);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Vision.class)
  void noDataAndTheUnallocatedPracticesStandApart(Vision v) {
    assertThat(deltaE(v, noData(), unallocated())).isGreaterThanOrEqualTo(SPECIAL);
  }
}
