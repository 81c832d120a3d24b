package org.pcnatlas.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pcnatlas.geo.GeoUtils.point;
import static org.pcnatlas.geo.GeoUtils.rectangle;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.CatchmentMethod;
import org.pcnatlas.catchment.CatchmentSet;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;
import org.pcnatlas.model.SizeBands;
import org.pcnatlas.testing.StripFixture;

class AnalysisTest {
  /** A method that returns the strip fixture, so the stages after it can be checked by hand. */
  static final class FixedCatchments implements CatchmentMethod {
    @Override
    public String name() {
      return "fixed";
    }

    @Override
    public CatchmentSet compute(List<Practice> practices, Geometry region) {
      return new CatchmentSet("fixed", StripFixture.CATCHMENTS, List.of(), false, List.of());
    }
  }

  @Test
  void stagesRunInOrderAndTheirFiguresAgree() {
    List<PopulationUnit> units =
        List.of(
            new PopulationUnit("u1", "u1", 100, point(50, 50), null),
            new PopulationUnit("u2", "u2", 60, point(120, 50), null),
            new PopulationUnit("u3", "u3", 40, point(180, 50), null),
            new PopulationUnit("u4", "u4", 9, point(500, 50), null));
    AnalysisInputs in =
        new AnalysisInputs(
            List.of(),
            List.of(
                new Pcn("A", "PCN A", List.of("a1"), 31_000),
                new Pcn("B", "PCN B", List.of("b1"), 52_000)),
            rectangle(0, 0, 300, 100),
            StripFixture.DISTRICTS,
            List.of(),
            units,
            PopulationAllocation.Mode.POINTS,
            List.of(new FixedCatchments()),
            SizeBands.NHS,
            new LoadReport());
    AnalysisResult r = Analysis.run(in);
    assertThat(r.layers()).extracting(l -> l.name()).containsExactly("districts", "network-areas");
    AnalysisResult.MethodResult m = r.methods().get(0);
    assertThat(m.pairs()).containsOnlyKeys("districts", "network-areas");
    // population conserved: assigned + outside = input
    assertThat(m.population().assigned() + m.population().outsidePopulation()).isEqualTo(209.0);
    assertThat(m.population().outside()).containsExactly("u4");
    // district shares of each PCN's population sum to 1 where it has residents
    for (PcnFigures f : m.pcns()) {
      double sum =
          m.pairs().get("districts").stream()
              .filter(p -> p.pair().pcnCode().equals(f.pcnCode()))
              .mapToDouble(Figures.PopulatedPair::population)
              .sum();
      assertThat(sum).isCloseTo(f.residentPopulation(), within(1e-9));
    }
    PcnFigures b = m.pcns().get(1);
    assertThat(b.dominantDistrictCode()).isEqualTo("D1"); // u2 (60) lies west of x = 150
    assertThat(b.dominantDistrictShare()).isEqualTo(0.6);
    assertThat(b.sizeBand()).isEqualTo("over-50k");
    assertThat(m.coverage().gaps()).isEmpty();
    assertThat(r.timings())
        .containsKeys(
            "fixed.catchments",
            "fixed.pairs",
            "fixed.population",
            "fixed.figures",
            "fixed.coverage");
  }

  /** A method that returns the catchments it is given. */
  record Given(String name, List<org.pcnatlas.catchment.Catchment> pcns)
      implements CatchmentMethod {
    @Override
    public CatchmentSet compute(List<Practice> practices, Geometry region) {
      return new CatchmentSet(name, pcns, List.of(), false, List.of());
    }
  }

  @Test
  void aPcnWithResidentsInASliverOfADistrictHasThatPairWithAreaZero() {
    // A reaches 5 mm into D2 (0.5 m², under the 1 m² of a pair); a unit lies in that sliver
    List<org.pcnatlas.catchment.Catchment> pcns =
        List.of(
            new org.pcnatlas.catchment.Catchment(
                "A", "PCN A", List.of("a1"), rectangle(0, 0, 150.005, 100)),
            new org.pcnatlas.catchment.Catchment(
                "B", "PCN B", List.of("b1"), rectangle(150.005, 0, 300, 100)));
    List<PopulationUnit> units =
        List.of(
            new PopulationUnit("u1", "u1", 100, point(50, 50), null),
            new PopulationUnit("u2", "u2", 7, point(150.002, 50), null),
            new PopulationUnit("u3", "u3", 40, point(200, 50), null));
    AnalysisInputs in =
        new AnalysisInputs(
            List.of(),
            List.of(
                new Pcn("A", "PCN A", List.of("a1"), 31_000),
                new Pcn("B", "PCN B", List.of("b1"), 32_000)),
            rectangle(0, 0, 300, 100),
            StripFixture.DISTRICTS,
            List.of(),
            units,
            PopulationAllocation.Mode.POINTS,
            List.of(new Given("given", pcns)),
            SizeBands.NHS,
            new LoadReport());
    AnalysisResult.MethodResult m = Analysis.run(in).methods().get(0);
    List<Figures.PopulatedPair> a =
        m.pairs().get("districts").stream().filter(p -> p.pair().pcnCode().equals("A")).toList();
    assertThat(a).extracting(p -> p.pair().areaCode()).containsExactly("D1", "D2");
    assertThat(a.get(1).pair().areaM2()).isZero();
    assertThat(a.get(1).pair().shareOfPcnArea()).isZero();
    assertThat(a.get(1).population()).isEqualTo(7.0);
    assertThat(a.get(1).pair().geometry().getArea()).isCloseTo(0.5, within(1e-6));
    // the pairs' residents add up to the PCN's
    assertThat(a.stream().mapToDouble(Figures.PopulatedPair::population).sum()).isEqualTo(107.0);
    assertThat(m.pcns().get(0).residentPopulation()).isEqualTo(107.0);
  }
}
