package org.pcnatlas.catchment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pcnatlas.catchment.CatchmentTesting.assertCoverage;
import static org.pcnatlas.catchment.CatchmentTesting.demoPractices;
import static org.pcnatlas.catchment.CatchmentTesting.demoStudyArea;
import static org.pcnatlas.catchment.CatchmentTesting.irregularRegion;
import static org.pcnatlas.catchment.CatchmentTesting.practice;
import static org.pcnatlas.catchment.CatchmentTesting.randomPractices;
import static org.pcnatlas.catchment.CatchmentTesting.rectangle;
import static org.pcnatlas.catchment.CatchmentTesting.wkt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.pcnatlas.demo.DemoCounty;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Practice;

class VoronoiCatchmentsTest {
  private static final VoronoiCatchments VORONOI = new VoronoiCatchments();
  private static DemoCounty county;

  @BeforeAll
  static void generate() {
    county = DemoCounty.generate(DemoCounty.DEFAULT_SEED);
  }

  private static List<Geometry> pcnGeometries(CatchmentSet set) {
    return set.pcns().stream().map(Catchment::geometry).toList();
  }

  @Test
  void demoCountyCatchmentsAreACoverageOfTheStudyArea() {
    List<Practice> practices = demoPractices(county);
    Geometry area = demoStudyArea(county);
    CatchmentSet set = VORONOI.compute(practices, area);

    assertThat(set.method()).isEqualTo("voronoi");
    assertThat(set.overlapping()).isFalse();
    assertThat(set.pcns())
        .extracting(Catchment::pcnCode)
        .isSortedAccordingTo(Comparator.naturalOrder())
        .containsExactlyElementsOf(
            practices.stream().map(Practice::pcnCode).distinct().sorted().toList());
    assertThat(set.practices()).hasSize(practices.size());
    assertCoverage(pcnGeometries(set), area, 1e-9);
    assertPracticesInTheirCells(set, practices, area);
    assertNearestPracticeAgrees(set, practices, area, new SplittableRandom(1), 10_000);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 20261123})
  void randomPracticesInAnIrregularRegion(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Geometry region = irregularRegion(random);
    List<Practice> practices = randomPractices(random, 200, 30, region);
    CatchmentSet set = VORONOI.compute(practices, region);

    assertThat(set.pcns()).hasSize(30);
    assertThat(set.overlapping()).isFalse();
    assertCoverage(pcnGeometries(set), region, 1e-9);
    assertCoverage(distinctCells(set, practices), region, 1e-9);
    assertPracticesInTheirCells(set, practices, region);
    assertNearestPracticeAgrees(set, practices, region, random, 10_000);
  }

  @Test
  void sameSeedGivesIdenticalCatchments() {
    SplittableRandom random = new SplittableRandom(7);
    Geometry region = irregularRegion(random);
    List<Practice> practices = randomPractices(random, 150, 20, region);
    CatchmentSet a = VORONOI.compute(practices, region);
    List<Practice> shuffled = new ArrayList<>(practices);
    java.util.Collections.reverse(shuffled);
    CatchmentSet b = VORONOI.compute(shuffled, region);
    for (int i = 0; i < a.pcns().size(); i++) {
      assertThat(b.pcns().get(i).geometry().equalsExact(a.pcns().get(i).geometry())).isTrue();
    }
    assertThat(b.practices())
        .extracting(PracticeCatchment::practiceCode)
        .containsExactlyElementsOf(
            a.practices().stream().map(PracticeCatchment::practiceCode).toList());
  }

  @Test
  void practicesAtOneSiteShareItsCell() {
    Geometry region = rectangle(0, 0, 10_000, 10_000);
    List<Practice> practices =
        List.of(
            practice("A1", "P1", 2_000, 5_000),
            practice("A2", "P1", 2_000, 5_000),
            practice("B1", "P2", 8_000, 5_000),
            practice("C1", "P3", 5_000, 9_000),
            practice("C2", "P3", 5_000, 9_000),
            practice("D1", "P4", 5_000, 9_000));
    CatchmentSet set = VORONOI.compute(practices, region);
    Map<String, Geometry> cell = practiceCells(set);

    assertThat(cell.get("A1").equalsExact(cell.get("A2"))).isTrue();
    assertThat(cell.get("C1").equalsExact(cell.get("D1"))).isTrue();
    assertThat(cell.get("A1").contains(CatchmentTesting.point(1_000, 1_000))).isTrue();
    // the shared cell of P3 and P4 is in both catchments
    Map<String, Geometry> pcn = pcnCells(set);
    assertThat(pcn.get("P3").equalsNorm(pcn.get("P4"))).isTrue();
    assertThat(pcn.get("P3").getArea()).isCloseTo(cell.get("C1").getArea(), within(1e-6));
    assertThat(set.overlapping()).isTrue();
    assertThat(set.notes())
        .anySatisfy(n -> assertThat(n).contains("C1, C2, D1").contains("P3, P4"))
        .anySatisfy(n -> assertThat(n).startsWith("1 sites are shared"));
    assertThat(set.pcns().get(0).practiceCodes()).containsExactly("A1", "A2");
  }

  @Test
  void probePointsFallInTheNearestPracticesCatchment() {
    Geometry region = wkt("POLYGON ((0 0, 10000 0, 10000 10000, 0 10000, 0 0))");
    List<Practice> practices =
        List.of(practice("A", "P1", 2_500, 2_500), practice("B", "P2", 7_500, 7_500));
    CatchmentSet set = VORONOI.compute(practices, region);
    Map<String, Geometry> pcn = pcnCells(set);

    assertThat(pcn.get("P1").contains(CatchmentTesting.point(100, 9_800))).isTrue();
    assertThat(pcn.get("P1").contains(CatchmentTesting.point(9_800, 100))).isTrue();
    assertThat(pcn.get("P2").contains(CatchmentTesting.point(9_800, 100))).isFalse();
    assertThat(pcn.get("P2").contains(CatchmentTesting.point(9_800, 300))).isTrue();
    assertThat(pcn.get("P1").getArea()).isCloseTo(50_000_000, within(1e-6));
    assertThat(pcn.get("P1").equalsTopo(wkt("POLYGON ((0 0, 10000 0, 0 10000, 0 0))"))).isTrue();
  }

  @Test
  void aSinglePracticeGetsTheWholeRegionEvenWhenFarAway() {
    Geometry region = rectangle(0, 0, 100_000, 50_000);
    CatchmentSet set = VORONOI.compute(List.of(practice("A", "P1", 10, 10)), region);
    assertThat(set.pcns().get(0).geometry().equalsTopo(region)).isTrue();

    // two close practices in a large region: the diagram still reaches every corner
    set =
        VORONOI.compute(
            List.of(practice("A", "P1", 50_000, 25_000), practice("B", "P2", 50_010, 25_000)),
            region);
    assertCoverage(pcnGeometries(set), region, 1e-12);
    assertThat(set.pcns().get(0).geometry().getArea()).isCloseTo(50_005.0 * 50_000, within(1e-3));
  }

  @Test
  void aCellOutsideTheRegionGivesAnEmptyCatchment() {
    Geometry region = rectangle(0, 0, 10_000, 10_000);
    List<Practice> practices =
        List.of(
            practice("A", "P1", 5_000, 5_000),
            practice("B", "P2", 5_000, 30_000),
            practice("C", "P3", 5_000, 11_000));
    CatchmentSet set = VORONOI.compute(practices, region);

    assertThat(practiceCells(set).get("B").isEmpty()).isTrue();
    assertThat(pcnCells(set).get("P2").isEmpty()).isTrue();
    assertThat(pcnCells(set).get("P2").getGeometryType()).isEqualTo("MultiPolygon");
    assertThat(pcnCells(set).get("P3").getArea()).isCloseTo(20_000_000, within(1e-6));
    assertThat(set.notes())
        .contains("PCN P2 has no area in the study area")
        .anySatisfy(n -> assertThat(n).contains("outside the study area").contains("B, C"));
    assertCoverage(pcnGeometries(set), region, 1e-12);
  }

  @Test
  void aMultipartRegionIsCoveredPartByPart() {
    Geometry region =
        wkt(
            "MULTIPOLYGON (((0 0, 10000 0, 10000 10000, 0 10000, 0 0)),"
                + " ((12000 0, 14000 0, 14000 3000, 12000 3000, 12000 0)))");
    List<Practice> practices =
        List.of(
            practice("A", "P1", 2_000, 2_000),
            practice("B", "P2", 8_000, 8_000),
            practice("C", "P3", 13_000, 1_000),
            practice("D", "P3", 11_000, 2_000));
    CatchmentSet set = VORONOI.compute(practices, region);
    assertCoverage(pcnGeometries(set), region, 1e-12);
    assertThat(pcnCells(set).get("P3").covers(rectangle(12_000, 0, 14_000, 3_000))).isTrue();
  }

  @Test
  void rejectsDuplicatePracticeCodesAndNonPolygonalRegions() {
    Geometry region = rectangle(0, 0, 10, 10);
    assertThatThrownBy(
            () ->
                VORONOI.compute(
                    List.of(practice("A", "P1", 1, 1), practice("A", "P2", 5, 5)), region))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A is listed twice");
    assertThatThrownBy(
            () -> VORONOI.compute(List.of(practice("A", "P1", 1, 1)), wkt("LINESTRING (0 0, 1 1)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LineString");
  }

  @Test
  void noPracticesGiveNoCatchments() {
    CatchmentSet set = VORONOI.compute(List.of(), rectangle(0, 0, 10, 10));
    assertThat(set.pcns()).isEmpty();
    assertThat(set.practices()).isEmpty();
  }

  @Test
  void nearestPracticeBreaksTiesBySiteOrder() {
    NearestPractice nearest =
        NearestPractice.of(
            List.of(
                practice("B", "P2", 10, 0), practice("A", "P1", 0, 0), practice("C", "P1", 0, 0)));
    assertThat(nearest.sites()).hasSize(2);
    assertThat(nearest.nearest(5, 3).practiceCodes()).containsExactly("A", "C");
    assertThat(nearest.nearest(new Coordinate(5.001, 3)).practiceCodes()).containsExactly("B");
    assertThat(nearest.nearest(-100, 0).pcnCodes()).containsExactly("P1");
  }

  // --- helpers ---

  static Map<String, Geometry> practiceCells(CatchmentSet set) {
    return set.practices().stream()
        .collect(Collectors.toMap(PracticeCatchment::practiceCode, PracticeCatchment::geometry));
  }

  static Map<String, Geometry> pcnCells(CatchmentSet set) {
    return set.pcns().stream().collect(Collectors.toMap(Catchment::pcnCode, Catchment::geometry));
  }

  /** One cell per distinct site. */
  static List<Geometry> distinctCells(CatchmentSet set, List<Practice> practices) {
    Map<String, Practice> byCode =
        practices.stream().collect(Collectors.toMap(Practice::code, Function.identity()));
    Map<Coordinate, Geometry> bySite = new java.util.TreeMap<>();
    for (PracticeCatchment pc : set.practices()) {
      bySite.putIfAbsent(byCode.get(pc.practiceCode()).location().getCoordinate(), pc.geometry());
    }
    return new ArrayList<>(bySite.values());
  }

  /** Each practice inside the region lies in its own cell. */
  static void assertPracticesInTheirCells(
      CatchmentSet set, List<Practice> practices, Geometry region) {
    Map<String, Geometry> cells = practiceCells(set);
    for (Practice p : practices) {
      if (region.contains(p.location())) {
        assertThat(cells.get(p.code()).covers(p.location())).as(p.code()).isTrue();
      }
    }
  }

  /**
   * Brute force on seeded random points of the region: the PCN whose catchment holds a point is the
   * PCN of the nearest practice (ties within 1e-6 m and points within 1 mm of their cell's edge
   * skipped), and {@link NearestPractice} finds that practice's site.
   */
  static void assertNearestPracticeAgrees(
      CatchmentSet set,
      List<Practice> practices,
      Geometry region,
      SplittableRandom random,
      int points) {
    List<Site> sites = Site.of(practices);
    NearestPractice index = NearestPractice.of(practices);
    PreparedGeometry area = PreparedGeometryFactory.prepare(region);
    List<PreparedGeometry> catchments =
        set.pcns().stream().map(c -> PreparedGeometryFactory.prepare(c.geometry())).toList();
    Map<String, Geometry> cells = practiceCells(set);
    Envelope env = region.getEnvelopeInternal();
    int checked = 0;
    int skipped = 0;
    while (checked + skipped < points) {
      Point p =
          GeoUtils.point(
              random.nextDouble(env.getMinX(), env.getMaxX()),
              random.nextDouble(env.getMinY(), env.getMaxY()));
      if (!area.contains(p)) {
        continue;
      }
      int[] best = bruteForceNearestTwo(sites, p.getCoordinate());
      double d0 = sites.get(best[0]).location().distance(p.getCoordinate());
      double d1 =
          best[1] < 0
              ? Double.MAX_VALUE
              : sites.get(best[1]).location().distance(p.getCoordinate());
      Site nearest = sites.get(best[0]);
      Geometry cell = cells.get(nearest.practiceCodes().get(0));
      if (d1 - d0 < 1e-6 || cell.getBoundary().distance(p) < 1e-3) {
        skipped++;
        continue;
      }
      checked++;
      assertThat(index.nearest(p.getCoordinate()).location()).isEqualTo(nearest.location());
      List<String> holding = new ArrayList<>();
      for (int k = 0; k < catchments.size(); k++) {
        if (catchments.get(k).contains(p)) {
          holding.add(set.pcns().get(k).pcnCode());
        }
      }
      assertThat(holding).as("PCNs holding %s", p).containsExactlyElementsOf(nearest.pcnCodes());
    }
    assertThat(checked).isGreaterThan(points * 9 / 10);
  }

  private static int[] bruteForceNearestTwo(List<Site> sites, Coordinate c) {
    int first = -1;
    int second = -1;
    double d0 = Double.MAX_VALUE;
    double d1 = Double.MAX_VALUE;
    for (int i = 0; i < sites.size(); i++) {
      double d = sites.get(i).location().distance(c);
      if (d < d0) {
        second = first;
        d1 = d0;
        first = i;
        d0 = d;
      } else if (d < d1) {
        second = i;
        d1 = d;
      }
    }
    return new int[] {first, second};
  }
}
