package org.pcnatlas.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcnatlas.geo.GeoUtils.point;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.SizeBands;
import org.pcnatlas.overlay.AlignmentPair;
import org.pcnatlas.overlay.AreaGroups;
import org.pcnatlas.overlay.Overlay;
import org.pcnatlas.testing.StripFixture;

class FiguresTest {
  static List<Figures.PopulatedPair> populated(
      List<AlignmentPair> pairs, List<PopulationUnit> units) {
    PopulationAllocation.Result r =
        PopulationAllocation.allocate(
            StripFixture.CATCHMENTS, pairs, units, PopulationAllocation.Mode.POINTS, true);
    return IntStream.range(0, pairs.size())
        .mapToObj(i -> new Figures.PopulatedPair(pairs.get(i), r.byPair().get(i)))
        .toList();
  }

  @Test
  void figuresPerPcn() {
    List<PopulationUnit> units = new ArrayList<>();
    units.add(new PopulationUnit("u1", "u1", 100, point(50, 50), null));
    units.add(new PopulationUnit("u2", "u2", 30, point(120, 50), null));
    units.add(new PopulationUnit("u3", "u3", 30, point(180, 50), null));
    units.add(new PopulationUnit("u4", "u4", 40, point(250, 50), null));
    List<Pcn> pcns =
        List.of(
            new Pcn("A", "PCN A", List.of("a1"), 20_000),
            new Pcn("B", "PCN B", List.of("b1"), 45_000),
            new Pcn("C", "PCN C", List.of("c1"), 60_000));
    List<AlignmentPair> districtPairs =
        Overlay.pairs(StripFixture.CATCHMENTS, StripFixture.DISTRICTS);
    AreaLayer networkAreas = AreaGroups.dissolve(StripFixture.DISTRICTS, "network-areas");
    List<AlignmentPair> naPairs = Overlay.pairs(StripFixture.CATCHMENTS, networkAreas);
    PopulationAllocation.Result population =
        PopulationAllocation.allocate(
            StripFixture.CATCHMENTS, districtPairs, units, PopulationAllocation.Mode.POINTS, true);

    List<PcnFigures> figures =
        Figures.compute(
            "voronoi",
            pcns,
            StripFixture.CATCHMENTS,
            population,
            populated(districtPairs, units),
            populated(naPairs, units),
            SizeBands.NHS);

    assertThat(figures).extracting(PcnFigures::pcnCode).containsExactly("A", "B", "C");
    PcnFigures a = figures.get(0);
    assertThat(a.residentPopulation()).isEqualTo(100.0);
    assertThat(a.residentPerRegistered()).isEqualTo(100.0 / 20_000);
    assertThat(a.sizeBand()).isEqualTo("under-30k");
    assertThat(a.dominantDistrictCode()).isEqualTo("D1");
    assertThat(a.dominantDistrictShare()).isEqualTo(1.0);
    assertThat(a.straddles()).isFalse();
    assertThat(a.networkArea()).isEqualTo("North");
    assertThat(a.withinOneNetworkArea()).isTrue();
    assertThat(a.areaKm2()).isEqualTo(0.01);
    assertThat(a.populationSource()).isEqualTo("points");

    PcnFigures b = figures.get(1);
    assertThat(b.sizeBand()).isEqualTo("30k-50k");
    assertThat(b.dominantDistrictCode()).as("a tie goes to the lower code").isEqualTo("D1");
    assertThat(b.dominantDistrictShare()).isEqualTo(0.5);
    assertThat(b.districtsOver5Percent()).isEqualTo(2);
    assertThat(b.straddles()).isTrue();
    assertThat(b.withinOneNetworkArea()).isFalse();

    assertThat(figures.get(2).sizeBand()).isEqualTo("over-50k");
    assertThat(figures.get(2).dominantDistrictName()).isEqualTo("East");
  }
}
