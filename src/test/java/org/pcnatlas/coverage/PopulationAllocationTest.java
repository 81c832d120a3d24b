package org.pcnatlas.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pcnatlas.geo.GeoUtils.point;
import static org.pcnatlas.geo.GeoUtils.rectangle;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.overlay.AlignmentPair;
import org.pcnatlas.overlay.Overlay;
import org.pcnatlas.testing.StripFixture;

class PopulationAllocationTest {
  static final List<Catchment> CATCHMENTS = StripFixture.CATCHMENTS;
  static final List<AlignmentPair> PAIRS = Overlay.pairs(CATCHMENTS, StripFixture.DISTRICTS);

  static PopulationUnit at(String code, long population, double x, double y) {
    return new PopulationUnit(code, code, population, point(x, y), null);
  }

  @Test
  void pointsGoWithTheirCentroidAndPopulationIsConserved() {
    List<PopulationUnit> units =
        List.of(
            at("u1", 100, 50, 50),
            at("u2", 10, 150, 50), // inside B, on the D1/D2 edge: the first pair only
            at("u3", 20, 120, 50),
            at("u4", 30, 180, 50),
            at("u5", 40, 250, 50),
            at("u6", 5, 400, 50), // outside every catchment
            at("u7", 7, 100, 20)); // on the A/B edge: the first catchment by code
    PopulationAllocation.Result r =
        PopulationAllocation.allocate(
            CATCHMENTS, PAIRS, units, PopulationAllocation.Mode.POINTS, true);
    assertThat(r.byPcn())
        .containsEntry("A", 107.0)
        .containsEntry("B", 60.0)
        .containsEntry("C", 40.0);
    assertThat(r.byPair()).containsExactly(107.0, 30.0, 30.0, 40.0);
    assertThat(r.outside()).containsExactly("u6");
    assertThat(r.inSeveral()).isEmpty();
    assertThat(r.input()).isEqualTo(212.0);
    assertThat(r.assigned() + r.outsidePopulation()).isEqualTo(r.input());
    assertThat(r.assigned()).isEqualTo(207.0);
  }

  @Test
  void overlappingCatchmentsCountAUnitInEach() {
    List<Catchment> overlapping =
        List.of(
            new Catchment("A", "A", List.of(), rectangle(0, 0, 150, 100)),
            new Catchment("B", "B", List.of(), rectangle(100, 0, 200, 100)));
    List<AlignmentPair> pairs = Overlay.pairs(overlapping, StripFixture.DISTRICTS);
    PopulationAllocation.Result r =
        PopulationAllocation.allocate(
            overlapping,
            pairs,
            List.of(at("u", 10, 120, 50)),
            PopulationAllocation.Mode.POINTS,
            false);
    assertThat(r.byPcn()).containsEntry("A", 10.0).containsEntry("B", 10.0);
    assertThat(r.inSeveral()).containsExactly("u");
    assertThat(r.assigned()).isEqualTo(10.0);
  }

  @Test
  void areaWeightingSharesAUnitByArea() {
    PopulationUnit straddling = new PopulationUnit("u", "u", 100, null, rectangle(90, 0, 110, 10));
    PopulationUnit halfOut = new PopulationUnit("v", "v", 40, null, rectangle(290, 0, 310, 10));
    PopulationAllocation.Result r =
        PopulationAllocation.allocate(
            CATCHMENTS,
            PAIRS,
            List.of(straddling, halfOut),
            PopulationAllocation.Mode.AREA_WEIGHTED,
            true);
    assertThat(r.byPcn().get("A")).isCloseTo(50.0, within(1e-9));
    assertThat(r.byPcn().get("B")).isCloseTo(50.0, within(1e-9));
    assertThat(r.byPcn().get("C")).isCloseTo(20.0, within(1e-9));
    assertThat(r.byPair().get(0)).isCloseTo(50.0, within(1e-9));
    assertThat(r.outside()).containsExactly("v");
    assertThat(r.assigned()).isCloseTo(120.0, within(1e-9));
    assertThat(r.assigned() + r.outsidePopulation()).isEqualTo(r.input());
  }
}
