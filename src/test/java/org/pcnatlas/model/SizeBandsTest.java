package org.pcnatlas.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizeBandsTest {
  @Test
  void nhsBandsIncludeBothThresholdsInTheMiddleBand() {
    assertThat(SizeBands.NHS.band(29_999)).isEqualTo("under-30k");
    assertThat(SizeBands.NHS.band(30_000)).isEqualTo("30k-50k");
    assertThat(SizeBands.NHS.band(50_000)).isEqualTo("30k-50k");
    assertThat(SizeBands.NHS.band(50_001)).isEqualTo("over-50k");
  }

  @Test
  void configurableThresholdsNameTheirBands() {
    assertThat(new SizeBands(25_500, 60_000).band(1)).isEqualTo("under-25500");
    assertThatThrownBy(() -> new SizeBands(50_000, 30_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("50000");
  }
}
