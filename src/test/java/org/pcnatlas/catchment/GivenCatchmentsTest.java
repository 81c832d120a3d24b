package org.pcnatlas.catchment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pcnatlas.catchment.CatchmentTesting.practice;
import static org.pcnatlas.catchment.CatchmentTesting.rectangle;
import static org.pcnatlas.catchment.CatchmentTesting.wkt;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.model.Practice;

class GivenCatchmentsTest {
  private static final Geometry REGION = rectangle(0, 0, 10_000, 10_000);
  private static final List<Practice> PRACTICES =
      List.of(
          practice("A", "P1", 1_000, 1_000),
          practice("B", "P1", 3_000, 1_000),
          practice("C", "P2", 8_000, 8_000),
          practice("D", "P2", 9_000, 9_000));

  private static Geometry pcn(CatchmentSet set, String code) {
    return set.pcns().stream()
        .filter(c -> c.pcnCode().equals(code))
        .findFirst()
        .orElseThrow()
        .geometry();
  }

  @Test
  void polygonsAreUnionedPerPcnAndClipped() {
    CatchmentSet set =
        new GivenCatchments(
                Map.of(
                    "A", rectangle(0, 0, 2_000, 2_000),
                    "B", rectangle(2_000, 0, 4_000, 2_000),
                    "C", rectangle(7_000, 7_000, 12_000, 12_000)))
            .compute(PRACTICES, REGION);

    assertThat(set.method()).isEqualTo("given");
    assertThat(set.overlapping()).isTrue();
    assertThat(pcn(set, "P1").equalsTopo(rectangle(0, 0, 4_000, 2_000))).isTrue();
    assertThat(pcn(set, "P1").getNumGeometries()).isEqualTo(1);
    assertThat(pcn(set, "P2").equalsTopo(rectangle(7_000, 7_000, 10_000, 10_000))).isTrue();
    assertThat(set.practices())
        .extracting(PracticeCatchment::practiceCode)
        .containsExactly("A", "B", "C", "D");
    assertThat(set.practices().get(3).geometry().isEmpty()).isTrue();
    assertThat(set.notes())
        .anySatisfy(n -> assertThat(n).contains("without a catchment").endsWith("D"));
  }

  @Test
  void overlappingPolygonsAreAllowed() {
    CatchmentSet set =
        new GivenCatchments(
                Map.of(
                    "A", wkt("POLYGON ((0 0, 5000 0, 5000 5000, 0 5000, 0 0))"),
                    "C", wkt("POLYGON ((4000 4000, 9000 4000, 9000 9000, 4000 9000, 4000 4000))")))
            .compute(PRACTICES, REGION);
    assertThat(pcn(set, "P1").intersection(pcn(set, "P2")).getArea())
        .isCloseTo(1_000_000, within(1e-6));
  }

  @Test
  void aPolygonForAnUnknownPracticeIsRejected() {
    GivenCatchments method = new GivenCatchments(Map.of("K84999", rectangle(0, 0, 1, 1)));
    assertThatThrownBy(() -> method.compute(PRACTICES, REGION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("K84999");
  }

  @Test
  void aNonPolygonIsRejectedAndAnInvalidPolygonRepaired() {
    assertThatThrownBy(() -> new GivenCatchments(Map.of("A", wkt("POINT (1 1)"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("practice A")
        .hasMessageContaining("Point");
    Geometry bowtie = wkt("POLYGON ((0 0, 2000 2000, 2000 0, 0 2000, 0 0))");
    CatchmentSet set = new GivenCatchments(Map.of("A", bowtie)).compute(PRACTICES, REGION);
    assertThat(pcn(set, "P1").isValid()).isTrue();
    assertThat(pcn(set, "P1").getArea()).isCloseTo(2_000_000, within(1e-6));
    assertThat(set.notes()).anySatisfy(n -> assertThat(n).contains("practice A was invalid"));
  }
}
