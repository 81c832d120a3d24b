package org.pcnatlas.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pcnatlas.geo.GeoUtils.rectangle;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.testing.StripFixture;

class CoverageCheckTest {
  @Test
  void anExactCoverageHasNoGapsNorOverlaps() {
    CoverageCheck.Result r =
        CoverageCheck.check(StripFixture.CATCHMENTS, rectangle(0, 0, 300, 100), true);
    assertThat(r.gaps()).isEmpty();
    assertThat(r.overlaps()).isEmpty();
  }

  @Test
  void gapsAndOverlapsAreFoundWithTheirAreas() {
    List<Catchment> catchments =
        List.of(
            new Catchment("A", "A", List.of(), rectangle(0, 0, 120, 100)), // overlaps B by 20 m
            new Catchment("B", "B", List.of(), rectangle(100, 0, 200, 100)),
            new Catchment("C", "C", List.of(), rectangle(230, 0, 300, 100))); // 30 m gap
    CoverageCheck.Result r = CoverageCheck.check(catchments, rectangle(0, 0, 300, 100), false);
    assertThat(r.gaps()).hasSize(1);
    assertThat(r.gapAreaM2()).isEqualTo(3000.0);
    assertThat(r.gaps().get(0).geometry().getEnvelopeInternal().getMinX()).isEqualTo(200.0);
    assertThat(r.overlaps()).extracting(o -> o.pcnA() + o.pcnB()).containsExactly("AB");
    assertThat(r.overlapAreaM2()).isEqualTo(2000.0);
  }

  @Test
  void districtsDissolveIntoTheirGroups() {
    AreaLayer networkAreas = AreaGroups.dissolve(StripFixture.DISTRICTS, "network-areas");
    assertThat(networkAreas.areas()).extracting(Area::code).containsExactly("North", "South");
    assertThat(networkAreas.areas().get(0).geometry().getArea()).isEqualTo(15000.0);
    AreaLayer ungrouped =
        new AreaLayer("districts", List.of(new Area("D9", "Nowhere", rectangle(0, 0, 1, 1), null)));
    assertThatThrownBy(() -> AreaGroups.dissolve(ungrouped, "x"))
        .hasMessageContaining("D9")
        .hasMessageContaining("no group");
  }
}
