package org.pcnatlas.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.pcnatlas.catchment.CatchmentTesting;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;
import org.pcnatlas.model.SizeBands;

/**
 * The whole voronoi analysis on seeded random counties (irregular study area with a lake, three
 * districts in two network areas, 60 practices in 12 PCNs, 3,000 population points), against a
 * brute-force nearest-practice allocation and the invariants of every output.
 */
class RandomAnalysisTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 20261123})
  void voronoiAnalysisAgreesWithBruteForceAndKeepsItsInvariants(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Geometry region = CatchmentTesting.irregularRegion(random);
    List<Practice> practices = CatchmentTesting.randomPractices(random, 60, 12, region);
    AreaLayer districts = districts(region);
    List<PopulationUnit> units = units(random, region, 3_000);
    Map<String, List<String>> members = new TreeMap<>();
    practices.forEach(
        p -> members.computeIfAbsent(p.pcnCode(), k -> new ArrayList<>()).add(p.code()));
    List<Pcn> pcns =
        members.entrySet().stream()
            .map(
                e ->
                    new Pcn(
                        e.getKey(), e.getKey() + " PCN", e.getValue(), 1000L * e.getValue().size()))
            .toList();
    AnalysisResult r =
        Analysis.run(
            new AnalysisInputs(
                practices,
                pcns,
                region,
                districts,
                List.of(),
                units,
                PopulationAllocation.Mode.POINTS,
                List.of(new VoronoiCatchments()),
                SizeBands.NHS,
                new LoadReport()));
    AnalysisResult.MethodResult m = r.methods().get(0);
    long input = units.stream().mapToLong(PopulationUnit::population).sum();

    // every point in exactly one catchment; totals conserved
    assertThat(m.population().outside()).isEmpty();
    assertThat(m.population().inSeveral()).isEmpty();
    assertThat(m.population().assigned()).isEqualTo((double) input);
    assertThat(m.coverage().gaps()).isEmpty();
    assertThat(m.coverage().overlaps()).isEmpty();

    // brute force: each point's residents go to the PCN of its nearest practice
    Map<String, Double> expected = new TreeMap<>();
    for (PopulationUnit u : units) {
      Practice nearest = null;
      double best = Double.POSITIVE_INFINITY;
      for (Practice p : practices) {
        double d = p.location().distance(u.centroid());
        if (d < best) {
          best = d;
          nearest = p;
        }
      }
      expected.merge(nearest.pcnCode(), (double) u.population(), Double::sum);
    }
    Map<String, Double> got =
        m.pcns().stream()
            .filter(f -> f.residentPopulation() > 0)
            .collect(Collectors.toMap(PcnFigures::pcnCode, PcnFigures::residentPopulation));
    assertThat(got).isEqualTo(expected);

    // per PCN and layer: area shares sum to 1, pair residents sum to the PCN's residents
    Map<String, Double> residents = new HashMap<>();
    m.pcns().forEach(f -> residents.put(f.pcnCode(), f.residentPopulation()));
    for (Map.Entry<String, List<Figures.PopulatedPair>> layer : m.pairs().entrySet()) {
      Map<String, double[]> sums = new TreeMap<>();
      for (Figures.PopulatedPair p : layer.getValue()) {
        double[] s = sums.computeIfAbsent(p.pair().pcnCode(), k -> new double[2]);
        s[0] += p.pair().shareOfPcnArea();
        s[1] += p.population();
      }
      sums.forEach(
          (pcn, s) -> {
            assertThat(s[0]).as(layer.getKey() + " " + pcn).isCloseTo(1.0, within(1e-9));
            assertThat(s[1]).as(layer.getKey() + " " + pcn).isEqualTo(residents.get(pcn));
          });
    }
    // a dominant district holds the largest share, and straddling follows the 5% rule
    for (PcnFigures f : m.pcns()) {
      if (f.residentPopulation() > 0) {
        double max =
            m.pairs().get(Analysis.DISTRICTS).stream()
                .filter(p -> p.pair().pcnCode().equals(f.pcnCode()))
                .mapToDouble(Figures.PopulatedPair::population)
                .max()
                .orElseThrow();
        assertThat(f.dominantDistrictShare())
            .isCloseTo(max / f.residentPopulation(), within(1e-12));
        assertThat(f.straddles()).isEqualTo(f.districtsOver5Percent() > 1);
      }
    }
  }

  /** Three vertical strips of the region: west and middle in network area A, east in B. */
  static AreaLayer districts(Geometry region) {
    Envelope e = region.getEnvelopeInternal();
    double third = e.getWidth() / 3;
    List<Area> areas = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Geometry strip =
          GeoUtils.rectangle(
              GeoUtils.MILLIMETRE.makePrecise(e.getMinX() + i * third) - (i == 0 ? 1 : 0),
              e.getMinY() - 1,
              i == 2
                  ? e.getMaxX() + 1
                  : GeoUtils.MILLIMETRE.makePrecise(e.getMinX() + (i + 1) * third),
              e.getMaxY() + 1);
      Geometry part = OverlayNGRobust.overlay(region, strip, OverlayNG.INTERSECTION);
      areas.add(new Area("D" + i, "District " + i, part, i < 2 ? "A" : "B"));
    }
    return new AreaLayer(Analysis.DISTRICTS, areas);
  }

  /** Random points in the region with 500-3,000 residents each. */
  static List<PopulationUnit> units(SplittableRandom random, Geometry region, int n) {
    PreparedGeometry inside = PreparedGeometryFactory.prepare(region);
    Envelope e = region.getEnvelopeInternal();
    List<PopulationUnit> units = new ArrayList<>();
    while (units.size() < n) {
      Point p =
          GeoUtils.point(
              GeoUtils.MILLIMETRE.makePrecise(random.nextDouble(e.getMinX(), e.getMaxX())),
              GeoUtils.MILLIMETRE.makePrecise(random.nextDouble(e.getMinY(), e.getMaxY())));
      if (inside.containsProperly(p)) {
        String code = String.format("L%05d", units.size());
        units.add(new PopulationUnit(code, code, random.nextInt(500, 3_001), p, null));
      }
    }
    return units;
  }
}
