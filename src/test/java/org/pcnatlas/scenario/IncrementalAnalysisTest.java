package org.pcnatlas.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.catchment.CatchmentMethod;
import org.pcnatlas.catchment.RegistrationCatchments;
import org.pcnatlas.catchment.RegistrationCatchments.Rule;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.demo.BuiltInDemo;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.load.RegistrationLoader;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Practice;
import org.pcnatlas.model.Registration;
import org.pcnatlas.model.SizeBands;
import org.pcnatlas.testing.RandomWorkload;

/**
 * {@link IncrementalAnalysis#recompute} against {@link IncrementalAnalysis#full}: every kind of
 * change on the demo (voronoi and registration), seeded random combinations of changes on the demo
 * and on random counties, and probes that a small change does little work.
 */
class IncrementalAnalysisTest {
  static final List<String> METHODS = List.of(VoronoiCatchments.NAME, RegistrationCatchments.FPTP);

  static AnalysisInputs demo;
  static List<Registration> registrations;
  static Map<String, Geometry> lsoas;
  static IncrementalAnalysis engine;

  @BeforeAll
  static void baseline() {
    AnalysisInputs.Loaded loaded = AnalysisInputs.load(BuiltInDemo.config());
    Path dir = BuiltInDemo.directory();
    registrations = RegistrationLoader.read(dir.resolve("registrations.csv"), new LoadReport());
    lsoas = loaded.lsoas().areas().stream().collect(Collectors.toMap(Area::code, Area::geometry));
    AnalysisInputs in = loaded.inputs();
    demo =
        in.withMethods(
            List.of(
                new VoronoiCatchments(),
                new RegistrationCatchments(registrations, lsoas, Rule.largestShare())));
    engine = IncrementalAnalysis.of(Analysis.run(demo));
  }

  static ScenarioEdits edits() {
    return new ScenarioEdits(demo, registrations, lsoas);
  }

  /** Both methods: incremental equals full; returns the stats of each. */
  static List<IncrementalAnalysis.Stats> assertSame(IncrementalAnalysis e, ScenarioEdits edits) {
    List<IncrementalAnalysis.Stats> stats = new ArrayList<>();
    for (String m : methodsOf(edits)) {
      AnalysisInputs changed = edits.inputs(m);
      IncrementalAnalysis.Recomputed r = e.recomputeWithStats(changed);
      ScenarioMethodResult full = IncrementalAnalysis.full(changed);
      assertThat(ScenarioResults.differences(r.result(), full, 10)).as(m).isEmpty();
      assertThat(r.stats().fallback()).as(m).isNull();
      stats.add(r.stats());
    }
    return stats;
  }

  private static List<String> methodsOf(ScenarioEdits edits) {
    return edits.methods();
  }

  // ---- every kind of change on the demo ----

  @Test
  void noChangeIsTheBaseline() {
    assertSame(engine, edits());
  }

  @Test
  void practiceMovedToAnotherPcn() {
    ScenarioEdits e = edits();
    Practice p = e.practices().get(3);
    String to = e.pcnCodes().stream().filter(c -> !c.equals(p.pcnCode())).findFirst().get();
    List<IncrementalAnalysis.Stats> stats = assertSame(engine, e.move(p.code(), to));
    assertThat(stats.get(0).cellsRebuilt()).isZero();
    assertThat(stats.get(0).pcnsChanged()).isEqualTo(2);
  }

  @Test
  void pcnsMergedIntoANewCode() {
    ScenarioEdits e = edits();
    List<String> codes = e.pcnCodes();
    assertSame(engine, e.merge(List.of(codes.get(1), codes.get(2)), "U99999", "Merged PCN"));
  }

  @Test
  void pcnsMergedIntoOneOfTheirs() {
    ScenarioEdits e = edits();
    List<String> codes = e.pcnCodes();
    assertSame(
        engine, e.merge(List.of(codes.get(3), codes.get(4), codes.get(5)), codes.get(4), "Big"));
  }

  @Test
  void siteAddedInside() {
    ScenarioEdits e = edits();
    Point c = demo.region().getInteriorPoint();
    List<IncrementalAnalysis.Stats> stats =
        assertSame(engine, e.add("Z00001", e.pcnCodes().get(0), 7_000, c));
    assertThat(stats.get(0).cellsRebuilt()).isLessThan(e.practices().size() / 2);
  }

  @Test
  void siteAddedNearTheEdge() {
    ScenarioEdits e = edits();
    assertSame(engine, e.add("Z00002", e.pcnCodes().get(2), 5_000, nearEdge(demo.region(), 0)));
    ScenarioEdits f = edits();
    assertSame(engine, f.add("Z00003", f.pcnCodes().get(3), 5_000, nearEdge(demo.region(), 7)));
  }

  @Test
  void siteAddedAtAnExistingPracticeOfTheSamePcnAndOfAnother() {
    ScenarioEdits e = edits();
    Practice p = e.practices().get(5);
    assertSame(engine, e.add("Z00004", p.pcnCode(), 3_000, p.location()));
    ScenarioEdits f = edits();
    String other = f.pcnCodes().stream().filter(c -> !c.equals(p.pcnCode())).findFirst().get();
    assertSame(engine, f.add("Z00005", other, 3_000, p.location()));
  }

  @Test
  void practiceClosedAndItsListGivenToTheNearest() {
    ScenarioEdits e = edits();
    assertSame(engine, e.close(e.practices().get(10).code()));
  }

  @Test
  void districtsRegrouped() {
    ScenarioEdits e = edits();
    List<String> districts = new ArrayList<>(e.groups().keySet());
    String other = e.groups().get(districts.get(1));
    List<IncrementalAnalysis.Stats> stats = assertSame(engine, e.regroup(districts.get(0), other));
    assertThat(stats.get(0).layersRecomputed()).isEqualTo(1);
    assertSame(engine, edits().regroup(districts.get(0), "A new network area"));
  }

  /**
   * cumulative-share: catchments that overlap by design, drawn from the registrations (a closed
   * practice's patients passed on), redrawn incrementally as the full run draws them.
   */
  @Test
  void cumulativeShareIncrementalEqualsFull() {
    AnalysisInputs in =
        demo.withMethods(
            List.of(new RegistrationCatchments(registrations, lsoas, Rule.cumulativeShare(0.8))));
    IncrementalAnalysis cumulative = IncrementalAnalysis.of(Analysis.run(in));
    ScenarioEdits moved = new ScenarioEdits(in, registrations, lsoas);
    Practice p = moved.practices().get(3);
    String to = moved.pcnCodes().stream().filter(c -> !c.equals(p.pcnCode())).findFirst().get();
    assertSame(cumulative, moved.move(p.code(), to));
    ScenarioEdits merged = new ScenarioEdits(in, registrations, lsoas);
    List<String> codes = merged.pcnCodes();
    assertSame(cumulative, merged.merge(List.of(codes.get(1), codes.get(2)), "U99999", "Merged"));
    ScenarioEdits closed = new ScenarioEdits(in, registrations, lsoas);
    assertSame(cumulative, closed.close(closed.practices().get(10).code()));
  }

  // ---- seeded random changes ----

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void randomChangesOnTheDemo(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < 12; round++) {
      ScenarioEdits e = edits();
      randomEdits(random, e, demo.region(), 1 + random.nextInt(3), "D" + seed + "x" + round);
      assertSame(engine, e);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void randomChangesOnARandomCounty(long seed) {
    AnalysisInputs county = county(seed, 250, 40, 6, 4_000);
    IncrementalAnalysis e = IncrementalAnalysis.of(Analysis.run(county));
    SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < 16; round++) {
      ScenarioEdits edits = new ScenarioEdits(county, null, Map.of());
      randomEdits(random, edits, county.region(), 1 + random.nextInt(3), "R" + seed + "x" + round);
      assertSame(e, edits);
    }
  }

  // ---- the work is incremental ----

  @Test
  void oneSiteAddedToALargeCountyRedrawsAFewCellsAndPlacesAFewUnits() {
    AnalysisInputs county = county(7, 2_000, 300, 20, 20_000);
    IncrementalAnalysis e = IncrementalAnalysis.of(Analysis.run(county));
    ScenarioEdits edits = new ScenarioEdits(county, null, Map.of());
    Point c = county.region().getInteriorPoint();
    edits.add("Z00001", edits.pcnCodes().get(0), 6_000, GeoUtils.point(c.getX() + 1.5, c.getY()));
    IncrementalAnalysis.Stats s = assertSame(e, edits).get(0);
    assertThat(s.cellsRebuilt()).isBetween(1, 40);
    assertThat(s.pcnsDissolved()).isBetween(1, 10);
    assertThat(s.pcnsChanged()).isBetween(1, 10);
    assertThat(s.unitsReallocated()).isLessThan(20_000 / 20);
    assertThat(s.figuresRecomputed()).isLessThan(15);
    assertThat(s.layersRecomputed()).isZero();
  }

  @Test
  void theComparisonSeesAChange() {
    ScenarioEdits e = edits();
    Practice p = e.practices().get(3);
    String to = e.pcnCodes().stream().filter(c -> !c.equals(p.pcnCode())).findFirst().get();
    ScenarioMethodResult before = IncrementalAnalysis.full(edits().inputs(VoronoiCatchments.NAME));
    ScenarioMethodResult after =
        engine.recompute(e.move(p.code(), to).inputs(VoronoiCatchments.NAME));
    assertThat(ScenarioResults.differences(after, before, 10)).isNotEmpty();
  }

  @Test
  void otherInputsFallBackToAFullRunAndSaySo() {
    AnalysisInputs in = edits().inputs(VoronoiCatchments.NAME);
    AnalysisInputs otherRegion =
        new AnalysisInputs(
            in.practices(),
            in.pcns(),
            in.region().buffer(-10),
            in.districts(),
            in.otherLayers(),
            in.population(),
            in.populationMode(),
            in.methods(),
            in.sizeBands(),
            in.report());
    IncrementalAnalysis.Recomputed r = engine.recomputeWithStats(otherRegion);
    assertThat(r.stats().fallback()).contains("study area");
    assertThat(ScenarioResults.differences(r.result(), IncrementalAnalysis.full(otherRegion), 5))
        .isEmpty();
  }

  // ---- helpers ----

  static void randomEdits(
      SplittableRandom random, ScenarioEdits e, Geometry region, int count, String prefix) {
    Envelope env = region.getEnvelopeInternal();
    for (int k = 0; k < count; k++) {
      List<Practice> ps = e.practices();
      List<String> pcns = e.pcnCodes();
      Practice p = ps.get(random.nextInt(ps.size()));
      switch (random.nextInt(6)) {
        case 0 -> e.move(p.code(), otherThan(random, pcns, p.pcnCode()));
        case 1 -> {
          String a = pcns.get(random.nextInt(pcns.size()));
          String b = otherThan(random, pcns, a);
          if (random.nextBoolean()) {
            e.merge(List.of(a, b), a, "Merged " + a);
          } else {
            e.merge(List.of(a, b), "M" + prefix + k, "Merged " + prefix + k);
          }
        }
        case 2 -> {
          Point at;
          int how = random.nextInt(4);
          if (how == 0) {
            at = p.location();
          } else if (how == 1) {
            at = nearEdge(region, random.nextInt(1000));
          } else {
            do {
              at =
                  GeoUtils.point(
                      Math.round(random.nextDouble(env.getMinX(), env.getMaxX())),
                      Math.round(random.nextDouble(env.getMinY(), env.getMaxY())));
            } while (!region.covers(at));
          }
          e.add("N" + prefix + k, pcns.get(random.nextInt(pcns.size())), 4_000, at);
        }
        case 3 -> {
          if (ps.size() > 3) {
            e.close(p.code());
          }
        }
        case 4 -> {
          List<String> districts = new ArrayList<>(e.groups().keySet());
          String d = districts.get(random.nextInt(districts.size()));
          String g = e.groups().get(districts.get(random.nextInt(districts.size())));
          e.regroup(d, random.nextInt(4) == 0 ? "New area " + prefix : g);
        }
        default -> e.move(p.code(), otherThan(random, pcns, p.pcnCode()));
      }
    }
  }

  private static String otherThan(SplittableRandom random, List<String> codes, String not) {
    List<String> others = codes.stream().filter(c -> !c.equals(not)).toList();
    return others.get(random.nextInt(others.size()));
  }

  /** A point 30 m inside the study area from one of its boundary vertices (by index). */
  static Point nearEdge(Geometry region, int vertex) {
    Coordinate[] ring = region.getCoordinates();
    Coordinate v = ring[vertex % (ring.length - 1)];
    Point centre = region.getCentroid();
    double dx = centre.getX() - v.x;
    double dy = centre.getY() - v.y;
    double d = Math.hypot(dx, dy);
    for (double step = 30; step < d; step *= 2) {
      Point p =
          GeoUtils.point(
              Math.round(v.x + dx / d * step * 1000) / 1000.0,
              Math.round(v.y + dy / d * step * 1000) / 1000.0);
      if (region.covers(p)) {
        return p;
      }
    }
    return region.getInteriorPoint();
  }

  /** A random county from {@link RandomWorkload}, districts in three network areas. */
  static AnalysisInputs county(long seed, int practices, int pcns, int districts, int units) {
    RandomWorkload w = RandomWorkload.generate(seed, practices, pcns, districts, units);
    List<Area> grouped = new ArrayList<>();
    for (int i = 0; i < w.districts().areas().size(); i++) {
      Area a = w.districts().areas().get(i);
      grouped.add(new Area(a.code(), a.name(), a.geometry(), "N" + (i % 3)));
    }
    List<Practice> inside =
        w.practices().stream().filter(p -> w.region().covers(p.location())).toList();
    Map<String, List<Practice>> byPcn = new TreeMap<>();
    inside.forEach(p -> byPcn.computeIfAbsent(p.pcnCode(), k -> new ArrayList<>()).add(p));
    AnalysisInputs draft =
        new AnalysisInputs(
            inside,
            List.of(),
            w.region(),
            new AreaLayer(Analysis.DISTRICTS, grouped),
            List.of(),
            w.units(),
            PopulationAllocation.Mode.POINTS,
            List.<CatchmentMethod>of(new VoronoiCatchments()),
            SizeBands.NHS,
            new LoadReport());
    AnalysisInputs withPcns = new ScenarioEdits(draft, null, Map.of()).inputs("voronoi");
    return withPcns;
  }
}
