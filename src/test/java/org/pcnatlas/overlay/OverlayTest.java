package org.pcnatlas.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pcnatlas.geo.GeoUtils.rectangle;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.testing.StripFixture;

class OverlayTest {
  private static final List<Catchment> CATCHMENTS = StripFixture.CATCHMENTS;
  private static final AreaLayer DISTRICTS = StripFixture.DISTRICTS;

  @Test
  void pairsHaveAreasAndSharesOfThePcnArea() {
    List<AlignmentPair> pairs = Overlay.pairs(CATCHMENTS, DISTRICTS);
    assertThat(pairs)
        .extracting(p -> p.pcnCode() + "-" + p.areaCode())
        .containsExactly("A-D1", "B-D1", "B-D2", "C-D2");
    assertThat(pairs.get(1).areaM2()).isEqualTo(5000.0);
    assertThat(pairs.get(1).shareOfPcnArea()).isEqualTo(0.5);
    assertThat(pairs.get(0).shareOfPcnArea()).isEqualTo(1.0);
    assertThat(pairs.get(0).areaName()).isEqualTo("West");
    assertThat(pairs.get(0).areaLayer()).isEqualTo("districts");
    assertThat(pairs.get(2).geometry().getArea()).isEqualTo(5000.0);
  }

  @Test
  void sharesPerPcnSumToOne() {
    Map<String, Double> sums =
        Overlay.pairs(CATCHMENTS, DISTRICTS).stream()
            .collect(
                Collectors.groupingBy(
                    AlignmentPair::pcnCode,
                    Collectors.summingDouble(AlignmentPair::shareOfPcnArea)));
    assertThat(sums.values()).allSatisfy(s -> assertThat(s).isCloseTo(1.0, within(1e-12)));
  }

  @Test
  void slithersUnderOneSquareMetreAreLeftOut() {
    AreaLayer sliver =
        new AreaLayer(
            "x",
            List.of(
                new Area("S", "sliver", rectangle(99.5, 0, 100.5, 0.9), null),
                new Area("T", "rest", rectangle(0, 50, 300, 100), null)));
    assertThat(Overlay.pairs(CATCHMENTS.subList(0, 1), sliver))
        .extracting(AlignmentPair::areaCode)
        .containsExactly("T");
  }

  @Test
  void emptyCatchmentsHaveNoPairs() {
    Catchment empty =
        new Catchment("E", "Empty", List.of(), org.pcnatlas.geo.GeoUtils.FACTORY.createPolygon());
    assertThat(Overlay.pairs(List.of(empty), DISTRICTS)).isEmpty();
  }
}
