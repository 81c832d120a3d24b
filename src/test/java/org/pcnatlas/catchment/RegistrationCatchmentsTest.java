package org.pcnatlas.catchment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.RegistrationCatchments.LsoaAssignment;
import org.pcnatlas.catchment.RegistrationCatchments.Rule;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.load.CsvPointReader;
import org.pcnatlas.load.CsvPreset;
import org.pcnatlas.load.GeoJsonReader;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.load.PracticeLoader;
import org.pcnatlas.load.RegistrationLoader;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.Practice;
import org.pcnatlas.model.Registration;

/**
 * A 3 x 3 grid of 100 m square LSOAs {@code Lrc} (row r from the south, column c from the west),
 * practices A1 and A2 in PCN P1, B1 in P2, C1 in P3, and X9 outside the practice list:
 *
 * <pre>
 *   row 2:  L20 C1 100, B1 0     L21 C1 45, B1 45, X9 10    L22 (no registrations)
 *   row 1:  L10 C1 60, A1 40     L11 B1 70, C1 30           L12 B1 96, A1 4
 *   row 0:  L00 A1 80, B1 15,    L01 A1 40, A2 40, B1 20    L02 A2 50, B1 50
 *               C1 5
 * </pre>
 *
 * plus 7 patients of A1 from L99, an LSOA with no polygon. First past the post: P1 gets row 0 (L02
 * by the tie 50:50 with P2), P2 gets L11, L12 and L21 (tie 45:45 with P3), P3 gets L10 and L20.
 */
class RegistrationCatchmentsTest {
  private static final Geometry REGION = GeoUtils.rectangle(0, 0, 300, 300);

  private static final List<Registration> REGISTRATIONS =
      List.of(
          reg("A1", "L00", 80),
          reg("B1", "L00", 15),
          reg("C1", "L00", 5),
          reg("A1", "L01", 40),
          reg("A2", "L01", 40),
          reg("B1", "L01", 20),
          reg("A2", "L02", 50),
          reg("B1", "L02", 50),
          reg("C1", "L10", 60),
          reg("A1", "L10", 40),
          reg("B1", "L11", 70),
          reg("C1", "L11", 30),
          reg("B1", "L12", 96),
          reg("A1", "L12", 4),
          reg("C1", "L20", 100),
          reg("B1", "L20", 0),
          reg("C1", "L21", 45),
          reg("B1", "L21", 45),
          reg("X9", "L21", 10),
          reg("A1", "L99", 7));

  private static final List<Practice> PRACTICES =
      List.of(
          practice("A1", "P1"), practice("A2", "P1"), practice("B1", "P2"), practice("C1", "P3"));

  private static Registration reg(String practice, String lsoa, long patients) {
    return new Registration(practice, lsoa, patients);
  }

  private static Practice practice(String code, String pcn) {
    return new Practice(
        code, code + " Surgery", pcn, pcn + " PCN", null, GeoUtils.point(150, 150), true);
  }

  private static Map<String, Geometry> grid() {
    Map<String, Geometry> lsoas = new LinkedHashMap<>();
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        lsoas.put("L" + r + c, GeoUtils.rectangle(c * 100, r * 100, c * 100 + 100, r * 100 + 100));
      }
    }
    return lsoas;
  }

  private static CatchmentSet fptp(List<Registration> regs, List<Practice> practices) {
    return new RegistrationCatchments(regs, grid(), Rule.largestShare()).compute(practices, REGION);
  }

  private static Map<String, Geometry> byPcn(CatchmentSet set) {
    return set.pcns().stream().collect(Collectors.toMap(Catchment::pcnCode, Catchment::geometry));
  }

  /** LSOA code -> PCN codes it is assigned to. */
  private static Map<String, List<String>> assignedTo(List<LsoaAssignment> table) {
    Map<String, List<String>> to = new TreeMap<>();
    table.stream()
        .filter(LsoaAssignment::assigned)
        .forEach(a -> to.computeIfAbsent(a.lsoaCode(), k -> new ArrayList<>()).add(a.pcnCode()));
    return to;
  }

  @Test
  void firstPastThePostGivesEachLsoaToTheLargestShare() {
    var method = new RegistrationCatchments(REGISTRATIONS, grid(), Rule.largestShare());

    assertThat(method.name()).isEqualTo("registration");
    assertThat(assignedTo(method.assignments(PRACTICES)))
        .containsExactly(
            Map.entry("L00", List.of("P1")),
            Map.entry("L01", List.of("P1")),
            Map.entry("L02", List.of("P1")),
            Map.entry("L10", List.of("P3")),
            Map.entry("L11", List.of("P2")),
            Map.entry("L12", List.of("P2")),
            Map.entry("L20", List.of("P3")),
            Map.entry("L21", List.of("P2")));
  }

  @Test
  void firstPastThePostCatchmentsAreTheDissolvedSquares() {
    CatchmentSet set = fptp(REGISTRATIONS, PRACTICES);

    assertThat(set.method()).isEqualTo("registration");
    assertThat(set.overlapping()).isFalse();
    assertThat(set.pcns()).extracting(Catchment::pcnCode).containsExactly("P1", "P2", "P3");
    assertThat(set.pcns().get(0).practiceCodes()).containsExactly("A1", "A2");
    assertThat(set.pcns().get(0).pcnName()).isEqualTo("P1 PCN");
    Map<String, Geometry> g = byPcn(set);
    assertThat(g.get("P1").equalsTopo(GeoUtils.rectangle(0, 0, 300, 100))).isTrue();
    assertThat(g.get("P1").getGeometryType()).isEqualTo("Polygon");
    assertThat(g.get("P1").getArea()).isEqualTo(30_000.0);
    assertThat(g.get("P3").equalsTopo(GeoUtils.rectangle(0, 100, 100, 300))).isTrue();
    assertThat(g.get("P3").getArea()).isEqualTo(20_000.0);
    Geometry p2 =
        GeoUtils.FACTORY
            .buildGeometry(
                List.of(
                    GeoUtils.rectangle(100, 100, 300, 200), GeoUtils.rectangle(100, 200, 200, 300)))
            .union();
    assertThat(g.get("P2").equalsTopo(p2)).isTrue();
    assertThat(g.get("P2").getArea()).isEqualTo(30_000.0);
    assertThat(g.values()).allSatisfy(c -> assertThat(c.isValid()).isTrue());
    assertThat(CoverageValidator.isValid(g.values().toArray(Geometry[]::new))).isTrue();
  }

  @Test
  void tiesGoToTheLowestCodeWhateverTheInputOrder() {
    CatchmentSet reference = fptp(REGISTRATIONS, PRACTICES);
    var method = new RegistrationCatchments(REGISTRATIONS, grid(), Rule.largestShare());
    List<LsoaAssignment> table = method.assignments(PRACTICES);
    assertThat(reference.notes())
        .contains("2 LSOAs tied between PCNs, each given to the lowest PCN code (L02, L21)")
        .contains(
            "3 LSOAs tied between practices, each given to the lowest practice code (L01, L02,"
                + " L21)");

    Random random = new Random(42);
    for (int i = 0; i < 10; i++) {
      List<Registration> regs = new ArrayList<>(REGISTRATIONS);
      List<Practice> practices = new ArrayList<>(PRACTICES);
      Collections.shuffle(regs, random);
      Collections.shuffle(practices, random);
      Map<String, Geometry> lsoas = new LinkedHashMap<>();
      List<Map.Entry<String, Geometry>> entries = new ArrayList<>(grid().entrySet());
      Collections.shuffle(entries, random);
      entries.forEach(e -> lsoas.put(e.getKey(), e.getValue()));

      var shuffled = new RegistrationCatchments(regs, lsoas, Rule.largestShare());
      assertThat(shuffled.assignments(practices)).isEqualTo(table);
      CatchmentSet set = shuffled.compute(practices, REGION);
      assertThat(set.notes()).isEqualTo(reference.notes());
      byPcn(reference)
          .forEach((pcn, geom) -> assertThat(byPcn(set).get(pcn).equalsTopo(geom)).isTrue());
    }
  }

  @Test
  void practiceCatchmentsByFirstPastThePost() {
    CatchmentSet set = fptp(REGISTRATIONS, PRACTICES);

    assertThat(set.practices())
        .extracting(PracticeCatchment::practiceCode)
        .containsExactly("A1", "A2", "B1", "C1");
    Map<String, Geometry> g =
        set.practices().stream()
            .collect(
                Collectors.toMap(PracticeCatchment::practiceCode, PracticeCatchment::geometry));
    // L01 ties A1:A2 -> A1; L02 ties A2:B1 -> A2; L21 ties B1:C1 -> B1
    assertThat(g.get("A1").equalsTopo(GeoUtils.rectangle(0, 0, 200, 100))).isTrue();
    assertThat(g.get("A2").equalsTopo(GeoUtils.rectangle(200, 0, 300, 100))).isTrue();
    assertThat(g.get("B1").getArea()).isEqualTo(30_000.0);
    assertThat(g.get("C1").equalsTopo(GeoUtils.rectangle(0, 100, 100, 300))).isTrue();
    assertThat(set.practices().get(2).pcnCode()).isEqualTo("P2");
  }

  @Test
  void assignmentTableHasSharesOfAllRegisteredPatients() {
    List<LsoaAssignment> table =
        new RegistrationCatchments(REGISTRATIONS, grid(), Rule.largestShare())
            .assignments(PRACTICES);

    // L21: X9 (not in the list) counts in the total of 100, in no PCN
    assertThat(table.stream().filter(a -> a.lsoaCode().equals("L21")))
        .containsExactly(
            new LsoaAssignment("L21", "P2", 45, 100, 0.45, true),
            new LsoaAssignment("L21", "P3", 45, 100, 0.45, false));
    // a zero count is listed and never wins
    assertThat(table.stream().filter(a -> a.lsoaCode().equals("L20")))
        .containsExactly(
            new LsoaAssignment("L20", "P2", 0, 100, 0.0, false),
            new LsoaAssignment("L20", "P3", 100, 100, 1.0, true));
    // no rows for the LSOA without registrations or the code without a polygon
    assertThat(table).extracting(LsoaAssignment::lsoaCode).doesNotContain("L22", "L99");
    assertThat(table).hasSize(17);
  }

  @Test
  void unregisteredLsoasUnknownLsoasAndUnlistedPracticesAreNoted() {
    CatchmentSet set = fptp(REGISTRATIONS, PRACTICES);

    assertThat(set.notes())
        .contains(
            "1 LSOAs have no registered patients and are in no catchment (L22)",
            "7 patients are registered from 1 LSOA codes that have no polygon and are in no"
                + " catchment (L99)",
            "10 patients of 1 practices not in the practice list count in their LSOA's total but"
                + " in no PCN (X9)");
    Geometry all = GeoUtils.FACTORY.buildGeometry(byPcn(set).values()).union();
    assertThat(all.getArea()).isEqualTo(80_000.0);
    assertThat(all.intersection(GeoUtils.rectangle(200, 200, 300, 300)).getArea()).isZero();
  }

  @Test
  void minShareGivesEveryPcnAtOrAboveTheShare() {
    var method = new RegistrationCatchments(REGISTRATIONS, grid(), Rule.minShare(0.05));
    CatchmentSet set = method.compute(PRACTICES, REGION);

    assertThat(method.name()).isEqualTo("registration-min-share");
    assertThat(set.method()).isEqualTo("registration-min-share");
    assertThat(set.overlapping()).isTrue();
    assertThat(set.practices()).isEmpty();
    // L00: C1's 5 of 100 is exactly 0.05; L12: A1's 4 of 100 is below; L20: B1's 0 never counts
    assertThat(assignedTo(method.assignments(PRACTICES)))
        .containsExactly(
            Map.entry("L00", List.of("P1", "P2", "P3")),
            Map.entry("L01", List.of("P1", "P2")),
            Map.entry("L02", List.of("P1", "P2")),
            Map.entry("L10", List.of("P1", "P3")),
            Map.entry("L11", List.of("P2", "P3")),
            Map.entry("L12", List.of("P2")),
            Map.entry("L20", List.of("P3")),
            Map.entry("L21", List.of("P2", "P3")));
    Map<String, Geometry> g = byPcn(set);
    assertThat(g.get("P1").getArea()).isEqualTo(40_000.0);
    assertThat(g.get("P2").getArea()).isEqualTo(60_000.0);
    assertThat(g.get("P3").getArea()).isEqualTo(50_000.0);
    assertThat(g.get("P1").intersection(g.get("P2")).getArea()).isEqualTo(30_000.0);
    assertThat(g.get("P1").intersection(g.get("P3")).getArea()).isEqualTo(20_000.0);
    assertThat(g.get("P2").intersection(g.get("P3")).getArea()).isEqualTo(30_000.0);
    assertThat(g.values()).allSatisfy(c -> assertThat(c.isValid()).isTrue());
  }

  @Test
  void invalidMinShareIsRejectedNamingTheValue() {
    for (double bad : new double[] {0, -0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(
              () -> new RegistrationCatchments(REGISTRATIONS, grid(), Rule.minShare(bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(String.valueOf(bad));
    }
    assertThat(new RegistrationCatchments(List.of(), grid(), Rule.minShare(1.0)).name())
        .isEqualTo("registration-min-share");
  }

  @Test
  void catchmentsReachingOutsideTheRegionAreClipped() {
    CatchmentSet set =
        new RegistrationCatchments(REGISTRATIONS, grid(), Rule.largestShare())
            .compute(PRACTICES, GeoUtils.rectangle(0, 0, 300, 250));

    Map<String, Geometry> g = byPcn(set);
    assertThat(g.get("P1").getArea()).isEqualTo(30_000.0);
    assertThat(g.get("P3").equalsTopo(GeoUtils.rectangle(0, 100, 100, 250))).isTrue();
    assertThat(g.get("P2").getArea()).isEqualTo(25_000.0);
    assertThat(set.notes())
        .anySatisfy(n -> assertThat(n).startsWith("4 catchments reach outside the study area"));
  }

  @Test
  void lsoasThatAreNotACoverageAreDissolvedByOverlay() {
    Map<String, Geometry> overlapping =
        Map.of(
            "L00", GeoUtils.rectangle(0, 0, 100, 100), "L01", GeoUtils.rectangle(50, 0, 150, 100));
    CatchmentSet set =
        new RegistrationCatchments(
                List.of(reg("A1", "L00", 10), reg("A1", "L01", 10)),
                overlapping,
                Rule.largestShare())
            .compute(List.of(practice("A1", "P1")), REGION);

    assertThat(set.pcns().get(0).geometry().equalsTopo(GeoUtils.rectangle(0, 0, 150, 100)))
        .isTrue();
    assertThat(set.notes()).anySatisfy(n -> assertThat(n).contains("OverlayNGRobust"));
  }

  @Test
  void pcnWithNoLsoaHasAnEmptyCatchment() {
    List<Practice> practices = new ArrayList<>(PRACTICES);
    practices.add(practice("D1", "P4"));
    CatchmentSet set = fptp(REGISTRATIONS, practices);

    assertThat(byPcn(set).get("P4").isEmpty()).isTrue();
    assertThat(set.notes()).contains("1 PCNs are given no LSOA and have an empty catchment: P4");
  }

  /** The synthetic demo county: 386 LSOAs, 69 practices, 20 PCNs and their registrations. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class DemoCounty {
    private static final Path DEMO = Path.of("geodata/demo");
    private List<Practice> practices;
    private Map<String, Geometry> lsoas;
    private List<Registration> registrations;
    private Geometry region;

    @BeforeAll
    void load() {
      var reader = new GeoJsonReader();
      lsoas =
          reader
              .read(DEMO.resolve("lsoas.geojson"), ReadOptions.defaults())
              .layer()
              .features()
              .stream()
              .collect(
                  Collectors.toMap(
                      f -> f.text("lsoa_code"), Feature::geometry, (a, b) -> a, TreeMap::new));
      region =
          reader
              .read(DEMO.resolve("study_area.geojson"), ReadOptions.defaults())
              .layer()
              .features()
              .get(0)
              .geometry();
      practices =
          PracticeLoader.load(
                  new CsvPointReader().read(DEMO.resolve("practices.csv"), ReadOptions.defaults()),
                  PracticeLoader.Columns.of(CsvPreset.PCN_ATLAS_PRACTICES),
                  null,
                  null,
                  region)
              .practices();
      registrations = RegistrationLoader.read(DEMO.resolve("registrations.csv"), new LoadReport());
    }

    @Test
    void firstPastThePostIsACoverageOfTheStudyArea() {
      var method = new RegistrationCatchments(registrations, lsoas, Rule.largestShare());
      CatchmentSet set = method.compute(practices, region);

      assertThat(set.pcns()).hasSize(21); // 20 PCNs and U
      // the LSOAs are an exact coverage of the study area: no fallback union, no clipping
      assertThat(set.notes())
          .noneMatch(n -> n.contains("OverlayNGRobust") || n.contains("clipped"))
          .anyMatch(
              n -> n.matches("\\d+ LSOAs tied between PCNs, each given to the lowest PCN code.*"));
      Geometry[] catchments =
          set.pcns().stream()
              .map(Catchment::geometry)
              .filter(g -> !g.isEmpty())
              .toArray(Geometry[]::new);
      assertThat(CoverageValidator.isValid(catchments)).isTrue();
      double area = set.pcns().stream().mapToDouble(c -> c.geometry().getArea()).sum();
      assertThat(area).isCloseTo(region.getArea(), within(region.getArea() * 1e-9));
      Map<String, Long> assignedPerLsoa =
          method.assignments(practices).stream()
              .filter(LsoaAssignment::assigned)
              .collect(Collectors.groupingBy(LsoaAssignment::lsoaCode, Collectors.counting()));
      assertThat(assignedPerLsoa.keySet()).isEqualTo(lsoas.keySet());
      assertThat(assignedPerLsoa.values()).containsOnly(1L);
      double practiceArea = set.practices().stream().mapToDouble(p -> p.geometry().getArea()).sum();
      assertThat(practiceArea).isCloseTo(region.getArea(), within(region.getArea() * 1e-9));
    }

    @Test
    void minShareCatchmentsContainTheFirstPastThePostOnes() {
      Map<String, Geometry> fptp =
          byPcn(
              new RegistrationCatchments(registrations, lsoas, Rule.largestShare())
                  .compute(practices, region));
      CatchmentSet minShare =
          new RegistrationCatchments(registrations, lsoas, Rule.minShare(0.05))
              .compute(practices, region);

      assertThat(minShare.overlapping()).isTrue();
      assertThat(minShare.pcns())
          .allSatisfy(
              c -> {
                Geometry first = fptp.get(c.pcnCode());
                assertThat(c.geometry().isValid()).as(c.pcnCode()).isTrue();
                assertThat(first.isEmpty() || c.geometry().covers(first)).as(c.pcnCode()).isTrue();
              });
      assertThat(minShare.pcns().stream().mapToDouble(c -> c.geometry().getArea()).sum())
          .isGreaterThan(region.getArea());
    }

    @Test
    void cumulativeShareCatchmentsGrowWithTheShareAndHoldIt() {
      Map<String, Long> listed = new TreeMap<>();
      Map<String, String> pcnOf = new TreeMap<>();
      practices.forEach(p -> pcnOf.put(p.code(), p.pcnCode()));
      registrations.stream()
          .filter(r -> pcnOf.containsKey(r.practiceCode()) && lsoas.containsKey(r.lsoaCode()))
          .forEach(r -> listed.merge(pcnOf.get(r.practiceCode()), r.patients(), Long::sum));
      Map<String, Geometry> before = null;
      for (double share : new double[] {0.5, 0.8, 1.0}) {
        var method = new RegistrationCatchments(registrations, lsoas, Rule.cumulativeShare(share));
        CatchmentSet set = method.compute(practices, region);
        Map<String, Long> held = new TreeMap<>();
        method.assignments(practices).stream()
            .filter(LsoaAssignment::assigned)
            .forEach(a -> held.merge(a.pcnCode(), a.pcnPatients(), Long::sum));

        assertThat(set.overlapping()).isTrue();
        assertThat(set.notes()).noneMatch(n -> n.contains("OverlayNGRobust"));
        assertThat(held.keySet()).isEqualTo(listed.keySet());
        held.forEach(
            (pcn, n) ->
                assertThat((double) n / listed.get(pcn)).as(pcn).isGreaterThanOrEqualTo(share));
        Map<String, Geometry> g = byPcn(set);
        for (Map.Entry<String, Geometry> e : g.entrySet()) {
          assertThat(e.getValue().isValid()).as(e.getKey()).isTrue();
          if (before != null) {
            assertThat(e.getValue().covers(before.get(e.getKey()))).as(e.getKey()).isTrue();
          }
        }
        before = g;
      }
      assertThat(before.values().stream().mapToDouble(Geometry::getArea).sum())
          .isGreaterThan(region.getArea());
    }
  }
}
