package org.pcnatlas.catchment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.RegistrationCatchments.LsoaAssignment;
import org.pcnatlas.catchment.RegistrationCatchments.Rule;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Practice;
import org.pcnatlas.model.Registration;

/**
 * {@code cumulative-share}: each PCN the fewest LSOAs holding at least the share of its registered
 * patients, most first, ties to the lower LSOA code. On the 3 x 3 grid of 100 m LSOAs {@code Lrc}
 * of {@link RegistrationCatchmentsTest}:
 *
 * <pre>
 *   P1 (A1): L00 40, L01 30, L10 15, L11 15, L20 0   prefix sums 40, 70, 85, 100 (tie at 85)
 *   P2 (B1): L12 28, L02 27, L22 25, L11 20          prefix sums 28, 55, 80, 100
 *   P3 (C1): no registration rows
 *   X9 (not in the practice list): L21 50
 * </pre>
 */
class CumulativeShareTest {
  private static final Geometry REGION = GeoUtils.rectangle(0, 0, 300, 300);

  private static final List<Registration> REGISTRATIONS =
      List.of(
          reg("A1", "L00", 40),
          reg("A1", "L01", 30),
          reg("A1", "L10", 15),
          reg("A1", "L11", 15),
          reg("A1", "L20", 0),
          reg("B1", "L12", 28),
          reg("B1", "L02", 27),
          reg("B1", "L22", 25),
          reg("B1", "L11", 20),
          reg("X9", "L21", 50));

  private static final List<Practice> PRACTICES =
      List.of(practice("A1", "P1"), practice("B1", "P2"), practice("C1", "P3"));

  private static Registration reg(String practice, String lsoa, long patients) {
    return new Registration(practice, lsoa, patients);
  }

  private static Practice practice(String code, String pcn) {
    return new Practice(
        code, code + " Surgery", pcn, pcn + " PCN", null, GeoUtils.point(150, 150), true);
  }

  private static Map<String, Geometry> grid(int rows, int columns) {
    Map<String, Geometry> lsoas = new LinkedHashMap<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        lsoas.put("L" + r + c, GeoUtils.rectangle(c * 100, r * 100, c * 100 + 100, r * 100 + 100));
      }
    }
    return lsoas;
  }

  private static RegistrationCatchments method(double share) {
    return new RegistrationCatchments(REGISTRATIONS, grid(3, 3), Rule.cumulativeShare(share));
  }

  /** PCN code -> the LSOA codes given to it, sorted. */
  private static Map<String, Set<String>> chosen(List<LsoaAssignment> table) {
    Map<String, Set<String>> out = new TreeMap<>();
    table.stream()
        .filter(LsoaAssignment::assigned)
        .forEach(a -> out.computeIfAbsent(a.pcnCode(), k -> new TreeSet<>()).add(a.lsoaCode()));
    return out;
  }

  private static Map<String, Set<String>> chosen(double share) {
    return chosen(method(share).assignments(PRACTICES));
  }

  private static Map<String, Geometry> byPcn(CatchmentSet set) {
    return set.pcns().stream().collect(Collectors.toMap(Catchment::pcnCode, Catchment::geometry));
  }

  @Test
  void aTieAtTheThresholdTakesTheLowerCodeAndOnlyItWhenThatReachesTheShare() {
    // P1: L00 + L01 + L10 = 85 of 100 reaches 0.85; L11 has as many patients as L10 but a
    // higher code, and is not needed
    assertThat(chosen(0.85).get("P1")).containsExactly("L00", "L01", "L10");
    // one more patient's worth takes L11 as well
    assertThat(chosen(0.86).get("P1")).containsExactly("L00", "L01", "L10", "L11");
    CatchmentSet set = method(0.85).compute(PRACTICES, REGION);
    assertThat(set.notes())
        .contains(
            "1 PCNs reached the share at an LSOA with as many of their patients as the next, the"
                + " lower LSOA code taken (P1)");
    Geometry p1 = byPcn(set).get("P1");
    Geometry expected =
        GeoUtils.FACTORY
            .buildGeometry(
                List.of(GeoUtils.rectangle(0, 0, 200, 100), GeoUtils.rectangle(0, 100, 100, 200)))
            .union();
    assertThat(p1.equalsTopo(expected)).isTrue();
    assertThat(p1.getArea()).isEqualTo(30_000.0);
  }

  @Test
  void theTieIsBrokenByCodeWhateverTheInputOrder() {
    // the same counts, the tied LSOAs' rows and the polygons given in reverse order
    List<Registration> reversed = new ArrayList<>(REGISTRATIONS);
    java.util.Collections.reverse(reversed);
    Map<String, Geometry> lsoas = new LinkedHashMap<>();
    List<Map.Entry<String, Geometry>> entries = new ArrayList<>(grid(3, 3).entrySet());
    java.util.Collections.reverse(entries);
    entries.forEach(e -> lsoas.put(e.getKey(), e.getValue()));
    var method = new RegistrationCatchments(reversed, lsoas, Rule.cumulativeShare(0.85));

    assertThat(method.assignments(PRACTICES)).isEqualTo(method(0.85).assignments(PRACTICES));
  }

  @Test
  void shareOneTakesEveryLsoaWithPatientsAndNoneWithout() {
    CatchmentSet set = method(1.0).compute(PRACTICES, REGION);

    // P1's L20 row has 0 patients: never taken
    assertThat(chosen(method(1.0).assignments(PRACTICES)))
        .containsExactly(
            Map.entry("P1", Set.of("L00", "L01", "L10", "L11")),
            Map.entry("P2", Set.of("L02", "L11", "L12", "L22")));
    assertThat(set.method()).isEqualTo("cumulative-share");
    assertThat(set.overlapping()).isTrue();
    assertThat(set.practices()).isEmpty();
    Map<String, Geometry> g = byPcn(set);
    assertThat(g.get("P1").getArea()).isEqualTo(40_000.0);
    assertThat(g.get("P2").getArea()).isEqualTo(40_000.0);
    // L11 is in both (and they touch along L02's and L12's west edges)
    Geometry both = g.get("P1").intersection(g.get("P2"));
    assertThat(both.getArea()).isEqualTo(10_000.0);
    assertThat(both.contains(GeoUtils.point(150, 150))).isTrue();
    assertThat(g.values()).allSatisfy(c -> assertThat(c.isValid()).isTrue());
  }

  @Test
  void aShareJustAboveAPrefixSumTakesOneMoreLsoa() {
    assertThat(chosen(0.4).get("P1")).containsExactly("L00");
    assertThat(chosen(Math.nextUp(0.4)).get("P1")).containsExactly("L00", "L01");
    assertThat(chosen(0.7).get("P1")).containsExactly("L00", "L01");
    assertThat(chosen(0.7000001).get("P1")).containsExactly("L00", "L01", "L10");
    // 0.28 * 100 and 0.55 * 100 are a little over 28 and 55 in doubles; 28 / 100 and 55 / 100 are
    // the shares written, so the prefixes summing to 28 and 55 reach them
    assertThat(chosen(0.28).get("P2")).containsExactly("L12");
    assertThat(chosen(0.55).get("P2")).containsExactly("L02", "L12");
    assertThat(chosen(0.5500001).get("P2")).containsExactly("L02", "L12", "L22");
    // the smallest share still takes the largest LSOA
    assertThat(chosen(Double.MIN_VALUE).get("P2")).containsExactly("L12");
  }

  @Test
  void aPcnWithoutRegistrationRowsGetsNoCatchmentAndUnneededLsoasGoToNoPcn() {
    CatchmentSet set = method(0.8).compute(PRACTICES, REGION);

    assertThat(byPcn(set).get("P3").isEmpty()).isTrue();
    assertThat(set.notes())
        .contains("1 PCNs are given no LSOA and have an empty catchment: P3")
        .contains(
            "each PCN's catchment is the fewest LSOAs that together hold at least 0.8 of its"
                + " registered patients from LSOAs with a polygon, most patients first (ties to"
                + " the lowest LSOA code); catchments overlap")
        // P1 takes L00, L01, L10 (85 >= 80); P2 takes L12, L02, L22 (80 >= 80); L21 has only X9;
        // L20's only row has no patients
        .contains(
            "2 LSOAs with patients go to no PCN (no PCN needs it to reach the share of its"
                + " patients) (L11, L21)")
        .contains("1 LSOAs have no registered patients and are in no catchment (L20)");
  }

  @Test
  void theShareMustBeAboveZeroAndAtMostOne() {
    for (double bad : new double[] {0, -0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> Rule.cumulativeShare(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cumulative-share")
          .hasMessageContaining(String.valueOf(bad));
    }
    assertThat(method(1.0).name()).isEqualTo("cumulative-share");
    assertThat(method(0.8).rule()).isEqualTo(Rule.cumulativeShare(0.8));
  }

  /**
   * 200 random PCN x LSOA count tables (small counts, so ties are common, zero rows, LSOAs without
   * a polygon, a practice outside the list, shares that land exactly on a prefix sum): the LSOAs
   * given to each PCN are those a plain sort-and-accumulate over the raw registrations chooses, and
   * no fewer LSOAs reach the share.
   */
  @Test
  void randomTablesAgreeWithSortingAndAccumulating() {
    Random random = new Random(20240613);
    Map<String, Geometry> polygons = grid(4, 4);
    List<String> codes = new ArrayList<>(polygons.keySet());
    codes.add("L99"); // registered from, no polygon
    for (int run = 0; run < 200; run++) {
      int pcnCount = 1 + random.nextInt(4);
      List<Practice> practices = new ArrayList<>();
      for (int p = 0; p < pcnCount; p++) {
        for (int k = 0; k <= random.nextInt(2); k++) {
          practices.add(practice("G" + p + k, "P" + p));
        }
      }
      List<Registration> regs = new ArrayList<>();
      for (String lsoa : codes) {
        for (Practice p : practices) {
          if (random.nextInt(3) > 0) {
            regs.add(reg(p.code(), lsoa, random.nextInt(6)));
          }
        }
        if (random.nextInt(4) == 0) {
          regs.add(reg("X9", lsoa, random.nextInt(6)));
        }
      }
      Map<String, Map<String, Long>> counts = reference(regs, practices, polygons.keySet());
      double share = randomShare(random, counts);

      var method = new RegistrationCatchments(regs, polygons, Rule.cumulativeShare(share));
      Map<String, Set<String>> got = chosen(method.assignments(practices));

      for (Map.Entry<String, Map<String, Long>> e : counts.entrySet()) {
        List<Map.Entry<String, Long>> sorted =
            e.getValue().entrySet().stream()
                .sorted(
                    Comparator.comparing(Map.Entry<String, Long>::getValue)
                        .reversed()
                        .thenComparing(Map.Entry::getKey))
                .toList();
        long total = sorted.stream().mapToLong(Map.Entry::getValue).sum();
        Set<String> expected = new TreeSet<>();
        long sum = 0;
        for (Map.Entry<String, Long> lsoa : sorted) {
          if (total == 0 || (double) sum / total >= share) {
            break;
          }
          expected.add(lsoa.getKey());
          sum += lsoa.getValue();
        }
        String what = "run " + run + ", " + e.getKey() + ", share " + share + ", " + sorted;
        assertThat(got.getOrDefault(e.getKey(), Set.of())).as(what).isEqualTo(expected);
        if (!expected.isEmpty()) {
          long fewer = sum - sorted.get(expected.size() - 1).getValue();
          assertThat((double) fewer / total).as(what).isLessThan(share);
          assertThat((double) sum / total).as(what).isGreaterThanOrEqualTo(share);
        }
      }
    }
  }

  /** PCN -> LSOA with a polygon -> its patients there, from the raw rows. */
  private static Map<String, Map<String, Long>> reference(
      List<Registration> regs, List<Practice> practices, Set<String> withPolygon) {
    Map<String, String> pcnOf = new TreeMap<>();
    practices.forEach(p -> pcnOf.put(p.code(), p.pcnCode()));
    Map<String, Map<String, Long>> out = new TreeMap<>();
    practices.forEach(p -> out.put(p.pcnCode(), new TreeMap<>()));
    for (Registration r : regs) {
      String pcn = pcnOf.get(r.practiceCode());
      if (pcn != null && withPolygon.contains(r.lsoaCode())) {
        out.get(pcn).merge(r.lsoaCode(), r.patients(), Long::sum);
      }
    }
    return out;
  }

  /** A share in (0, 1]: half the time exactly some PCN's prefix sum over its total. */
  private static double randomShare(Random random, Map<String, Map<String, Long>> counts) {
    if (random.nextBoolean()) {
      List<Long> values = new ArrayList<>(counts.values().iterator().next().values());
      values.sort(Comparator.reverseOrder());
      long total = values.stream().mapToLong(Long::longValue).sum();
      if (total > 0) {
        long prefix = 0;
        int k = 1 + random.nextInt(values.size());
        for (int i = 0; i < k; i++) {
          prefix += values.get(i);
        }
        if (prefix > 0) {
          return (double) prefix / total;
        }
      }
    }
    return 1 - random.nextDouble(); // (0, 1]
  }
}
