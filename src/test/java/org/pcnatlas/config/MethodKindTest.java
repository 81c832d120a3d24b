package org.pcnatlas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pcnatlas.api.Catalogue;

/** The registry of catchment methods and the rules the configuration takes from it. */
class MethodKindTest {
  private static final AnalysisConfig.Files FILES =
      AnalysisConfig.Files.of(Path.of("p.csv"), Path.of("d.geojson"), Path.of("u.csv"));

  @Test
  void theIdsAreTheMethodNamesUsersWrite() {
    assertThat(MethodKind.ids())
        .containsExactly(
            "voronoi",
            "registration",
            "registration-min-share",
            "cumulative-share",
            "distance",
            "given");
    assertThat(new MethodKind.Ids()).containsExactlyElementsOf(MethodKind.ids());
    for (MethodKind m : MethodKind.values()) {
      assertThat(MethodKind.of(m.id())).isSameAs(m);
      assertThat(m.title()).isNotBlank();
      assertThat(m.description()).endsWith(".");
    }
  }

  @Test
  void anUnknownMethodIsAnErrorListingTheMethods() {
    assertThatThrownBy(() -> MethodKind.of("nearest"))
        .hasMessage(
            "--method: unknown method 'nearest'; the methods are voronoi, registration,"
                + " registration-min-share, cumulative-share, distance, given");
  }

  @ParameterizedTest
  @EnumSource(MethodKind.class)
  void aMethodWithoutWhatItNeedsIsAnErrorNamingTheOption(MethodKind m) {
    AnalysisConfig.Methods methods =
        new AnalysisConfig.Methods(
            List.of(m),
            AnalysisConfig.DEFAULT_MIN_SHARE,
            AnalysisConfig.DEFAULT_CUMULATIVE_SHARE,
            null);
    if (m.needs().isEmpty()) {
      assertThat(new AnalysisConfig(FILES, null, methods, null, null).methods().kinds())
          .containsExactly(m);
      return;
    }
    assertThatThrownBy(() -> new AnalysisConfig(FILES, null, methods, null, null))
        .hasMessageStartingWith("the " + m.id() + " method needs ")
        .hasMessageContaining(m.needs().get(0).option());
    AnalysisConfig.Files given =
        FILES
            .withRegistrations(Path.of("r.csv"), Path.of("lsoa.geojson"))
            .withCatchments(Path.of("c.geojson"));
    AnalysisConfig.Methods withRadius =
        new AnalysisConfig.Methods(
            List.of(m),
            AnalysisConfig.DEFAULT_MIN_SHARE,
            AnalysisConfig.DEFAULT_CUMULATIVE_SHARE,
            1500.0);
    assertThat(new AnalysisConfig(given, null, withRadius, null, null).methods().has(m)).isTrue();
  }

  @Test
  void methodsAreGivenOnceEach() {
    assertThatThrownBy(() -> AnalysisConfig.Methods.of(List.of("voronoi", "voronoi")))
        .hasMessageContaining("each method may be given once");
    assertThatThrownBy(() -> AnalysisConfig.Methods.of(List.of())).hasMessageContaining("--method");
  }

  @Test
  void cumulativeShareIsARegistrationMethodWhoseCatchmentsOverlap() {
    MethodKind m = MethodKind.of("cumulative-share");
    assertThat(m).isSameAs(MethodKind.CUMULATIVE_SHARE);
    // the same inputs as registration-min-share, and like it no coverage and no practice catchments
    assertThat(m.needs()).containsExactly(MethodKind.Input.REGISTRATIONS, MethodKind.Input.LSOAS);
    assertThat(m.coverage()).isFalse();
    assertThat(m.perPractice()).isFalse();
    assertThat(m.noCatchment()).startsWith("none of its practices has registration rows");
    assertThat(AnalysisConfig.Methods.of(List.of("cumulative-share")).share())
        .isEqualTo(AnalysisConfig.DEFAULT_CUMULATIVE_SHARE)
        .isEqualTo(0.8);
  }

  @Test
  void theCumulativeShareIsAboveZeroAndAtMostOne() {
    for (double bad : new double[] {0, -0.5, 1.5, Double.NaN}) {
      assertThatThrownBy(
              () ->
                  new AnalysisConfig.Methods(
                      List.of(MethodKind.CUMULATIVE_SHARE),
                      AnalysisConfig.DEFAULT_MIN_SHARE,
                      bad,
                      null))
          .hasMessage("--share must be greater than 0 and at most 1, got " + bad);
    }
    assertThat(
            new AnalysisConfig.Methods(
                    List.of(MethodKind.CUMULATIVE_SHARE), AnalysisConfig.DEFAULT_MIN_SHARE, 1, null)
                .share())
        .isEqualTo(1.0);
  }

  @Test
  void theMapAndTheApiDescribeTheMethodsFromTheRegistry() {
    List<java.util.Map<String, Object>> described =
        Catalogue.describeMethods(
            List.of("voronoi", "registration-min-share", "cumulative-share", "custom"));
    assertThat(described)
        .extracting(d -> d.get("title"))
        .containsExactly(
            MethodKind.VORONOI.title(),
            MethodKind.REGISTRATION_MIN_SHARE.title(),
            MethodKind.CUMULATIVE_SHARE.title(),
            "custom");
    assertThat(described)
        .extracting(d -> d.get("coverage"))
        .containsExactly(true, false, false, true);
  }
}
