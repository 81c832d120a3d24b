package org.pcnatlas.catchment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pcnatlas.catchment.CatchmentTesting.point;
import static org.pcnatlas.catchment.CatchmentTesting.practice;
import static org.pcnatlas.catchment.CatchmentTesting.rectangle;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

class DistanceCatchmentsTest {
  private static final Geometry REGION = rectangle(0, 0, 20_000, 20_000);

  private static Geometry pcn(CatchmentSet set, String code) {
    return set.pcns().stream()
        .filter(c -> c.pcnCode().equals(code))
        .findFirst()
        .orElseThrow()
        .geometry();
  }

  @Test
  void aSinglePracticeGetsADiscOfTheRadius() {
    CatchmentSet set =
        new DistanceCatchments(2_000).compute(List.of(practice("A", "P1", 10_000, 10_000)), REGION);
    Geometry disc = pcn(set, "P1");

    assertThat(set.method()).isEqualTo("distance");
    assertThat(set.overlapping()).isTrue();
    assertThat(disc.getArea()).isCloseTo(Math.PI * 2_000 * 2_000, within(0.01 * Math.PI * 4e6));
    assertThat(disc.contains(point(11_990, 10_000))).isTrue();
    assertThat(disc.contains(point(12_010, 10_000))).isFalse();
    assertThat(set.practices().get(0).geometry().equalsExact(disc)).isTrue();
  }

  @Test
  void aDiscIsClippedAtTheRegionEdge() {
    CatchmentSet set =
        new DistanceCatchments(2_000).compute(List.of(practice("A", "P1", 500, 10_000)), REGION);
    Geometry disc = pcn(set, "P1");

    assertThat(disc.isValid()).isTrue();
    assertThat(disc.getArea()).isLessThan(0.75 * Math.PI * 4e6).isGreaterThan(0.5 * Math.PI * 4e6);
    assertThat(OverlayNGRobust.overlay(disc, REGION, OverlayNG.DIFFERENCE).getArea())
        .isLessThan(1e-6);
    assertThat(disc.getEnvelopeInternal().getMinX()).isEqualTo(0.0);
  }

  @Test
  void twoPcnsOverlapWhereTheirDiscsOverlap() {
    List<org.pcnatlas.model.Practice> practices =
        List.of(
            practice("A", "P1", 9_000, 10_000),
            practice("A2", "P1", 9_500, 10_000),
            practice("B", "P2", 11_000, 10_000));
    CatchmentSet set = new DistanceCatchments(1_500).compute(practices, REGION);
    Geometry p1 = pcn(set, "P1");
    Geometry p2 = pcn(set, "P2");

    assertThat(p1.getNumGeometries()).isEqualTo(1);
    assertThat(p1.getArea()).isLessThan(2 * Math.PI * 1_500 * 1_500);
    assertThat(OverlayNGRobust.overlay(p1, p2, OverlayNG.INTERSECTION).getArea()).isPositive();
    assertThat(p1.contains(point(10_200, 10_000))).isTrue();
    assertThat(p2.contains(point(10_200, 10_000))).isTrue();
    assertThat(set.pcns().get(0).practiceCodes()).containsExactly("A", "A2");
  }

  @Test
  void perPracticeRadiiAreRespected() {
    List<org.pcnatlas.model.Practice> practices =
        List.of(practice("A", "P1", 5_000, 5_000), practice("B", "P2", 15_000, 15_000));
    DistanceCatchments method = new DistanceCatchments(Map.of("A", 3_000.0), 1_000);
    CatchmentSet set = method.compute(practices, REGION);

    assertThat(method.radius("A")).isEqualTo(3_000.0);
    assertThat(method.radius("B")).isEqualTo(1_000.0);
    assertThat(pcn(set, "P1").getArea()).isCloseTo(Math.PI * 9e6, within(0.01 * Math.PI * 9e6));
    assertThat(pcn(set, "P2").getArea()).isCloseTo(Math.PI * 1e6, within(0.01 * Math.PI * 1e6));
  }

  @Test
  void rejectsBadRadiiNamingThePractice() {
    assertThatThrownBy(() -> new DistanceCatchments(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("default radius");
    assertThatThrownBy(() -> new DistanceCatchments(Map.of("K84001", -5.0), 1_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("K84001");
    assertThatThrownBy(
            () ->
                new DistanceCatchments(Map.of("Z99999", 500.0), 1_000)
                    .compute(List.of(practice("A", "P1", 5_000, 5_000)), REGION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Z99999");
  }

  @Test
  void aPracticeFarOutsideGivesAPcnWithNoArea() {
    CatchmentSet set =
        new DistanceCatchments(1_000)
            .compute(
                List.of(practice("A", "P1", 5_000, 5_000), practice("B", "P2", 50_000, 5_000)),
                REGION);
    assertThat(pcn(set, "P2").isEmpty()).isTrue();
    assertThat(set.notes()).contains("PCN P2 has no area in the study area");
  }
}
