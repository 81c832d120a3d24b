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
import org.pcnatlas.coverage.SizeBands;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;
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
    assertThat(r.timings()).containsKeys("fixed.catchments", "fixed.overlay", "fixed.population");
  }
}
