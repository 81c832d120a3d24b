package org.pcnatlas.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.api.DemoCatalogue;
import org.pcnatlas.catchment.RegistrationCatchments;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.Practice;

/** Applying changes to the demo baseline: what each change does, and each rule against it. */
class ScenarioApplyTest {
  static AnalysisInputs baseline() {
    return DemoCatalogue.get().result().inputs();
  }

  static Map<String, Practice> practices(AnalysisInputs in) {
    return in.practices().stream().collect(Collectors.toMap(Practice::code, Function.identity()));
  }

  static Map<String, Pcn> pcns(AnalysisInputs in) {
    return in.pcns().stream().collect(Collectors.toMap(Pcn::code, Function.identity()));
  }

  static long totalList(AnalysisInputs in) {
    return in.practices().stream().mapToLong(p -> p.listSize() == null ? 0 : p.listSize()).sum();
  }

  static ScenarioException rejected(Change... changes) {
    try {
      ScenarioApply.apply(baseline(), List.of(changes));
    } catch (ScenarioException e) {
      return e;
    }
    throw new AssertionError("accepted " + List.of(changes));
  }

  @Test
  void noChangesGiveTheBaselineInputsPerMethod() {
    Map<String, AnalysisInputs> out = ScenarioApply.apply(baseline(), List.of());
    assertThat(out.keySet()).containsExactly("voronoi", "registration");
    for (AnalysisInputs in : out.values()) {
      assertThat(in.practices()).isEqualTo(baseline().practices());
      assertThat(in.pcns()).isEqualTo(baseline().pcns());
      assertThat(in.methods()).hasSize(1);
    }
  }

  @Test
  void aMovedPracticeTakesItsNewPcnsCodeAndName() {
    AnalysisInputs in =
        ScenarioApply.apply(baseline(), List.of(new Change.MovePractice("Z00004", "U90001")))
            .get("voronoi");
    Practice p = practices(in).get("Z00004");
    assertThat(p.pcnCode()).isEqualTo("U90001");
    assertThat(p.pcnName()).isEqualTo(pcns(baseline()).get("U90001").name());
    assertThat(pcns(in).get("U90001").practiceCodes()).contains("Z00004");
    assertThat(pcns(in).get("U90001").registeredList())
        .isEqualTo(pcns(baseline()).get("U90001").registeredList() + p.listSize());
    assertThat(totalList(in)).isEqualTo(totalList(baseline()));
  }

  @Test
  void mergedPcnsBecomeOneUnderTheNewCode() {
    AnalysisInputs in =
        ScenarioApply.apply(
                baseline(),
                List.of(new Change.MergePcns(List.of("U90003", "U90004"), "U99999", "SW PCN")))
            .get("registration");
    Map<String, Pcn> pcns = pcns(in);
    assertThat(pcns).doesNotContainKeys("U90003", "U90004");
    Pcn merged = pcns.get("U99999");
    assertThat(merged.name()).isEqualTo("SW PCN");
    Map<String, Pcn> before = pcns(baseline());
    assertThat(merged.practiceCodes())
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.Stream.concat(
                    before.get("U90003").practiceCodes().stream(),
                    before.get("U90004").practiceCodes().stream())
                .toList());
    assertThat(merged.registeredList())
        .isEqualTo(before.get("U90003").registeredList() + before.get("U90004").registeredList());
    // merging into one of their own codes keeps that code
    AnalysisInputs own =
        ScenarioApply.apply(
                baseline(),
                List.of(new Change.MergePcns(List.of("U90003", "U90004"), "U90003", "W")))
            .get("voronoi");
    assertThat(pcns(own)).containsKey("U90003").doesNotContainKey("U90004");
  }

  @Test
  void aSplitTakesSomePracticesToANewPcn() {
    Map<String, Pcn> before = pcns(baseline());
    List<String> members = before.get("U90001").practiceCodes();
    assertThat(members).hasSizeGreaterThan(1);
    String leaving = members.get(0);
    AnalysisInputs in =
        ScenarioApply.apply(
                baseline(),
                List.of(new Change.SplitPcn("U90001", List.of(leaving), "U99998", "East PCN")))
            .get("voronoi");
    Map<String, Pcn> after = pcns(in);
    assertThat(after.get("U99998").practiceCodes()).containsExactly(leaving);
    assertThat(after.get("U99998").name()).isEqualTo("East PCN");
    assertThat(after.get("U90001").practiceCodes())
        .containsExactlyElementsOf(members.subList(1, members.size()));
    assertThat(totalList(in)).isEqualTo(totalList(baseline()));
  }

  @Test
  void aSplitNeedsSomeOfThePcnsPracticesAndANewCode() {
    List<String> members = pcns(baseline()).get("U90001").practiceCodes();
    String other = pcns(baseline()).get("U90002").practiceCodes().get(0);
    assertThat(rejected(new Change.SplitPcn("U90001", List.of(other), "X1", "X")).field())
        .isEqualTo("changes[0].practices[0]");
    assertThat(rejected(new Change.SplitPcn("U90001", members, "X1", "X")).field())
        .isEqualTo("changes[0].practices");
    assertThat(
            rejected(new Change.SplitPcn("U90001", List.of(members.get(0)), "U90002", "X")).field())
        .isEqualTo("changes[0].into.code");
    assertThat(rejected(new Change.SplitPcn("U00000", List.of(members.get(0)), "X1", "X")).field())
        .isEqualTo("changes[0].pcn");
  }

  @Test
  void anAddedSiteIsANewPracticeOfItsPcn() {
    Change.AddSite add = site("Z90001", 455_000, 221_500);
    AnalysisInputs in = ScenarioApply.apply(baseline(), List.of(add)).get("voronoi");
    Practice p = practices(in).get("Z90001");
    assertThat(p.pcnCode()).isEqualTo("U90002");
    assertThat(p.listSize()).isEqualTo(8000L);
    assertThat(p.location().getX()).isEqualTo(455_000.0);
    assertThat(totalList(in)).isEqualTo(totalList(baseline()) + 8000);
  }

  @Test
  void aClosedPracticesListIsSharedOutWholeToItsNeighbours() {
    Practice closed = practices(baseline()).get("Z00002");
    Map<String, AnalysisInputs> out =
        ScenarioApply.apply(baseline(), List.of(new Change.ClosePractice("Z00002")));
    for (AnalysisInputs in : out.values()) {
      assertThat(practices(in)).doesNotContainKey("Z00002");
      // the patients are shared out, none lost or made up
      assertThat(totalList(in)).isEqualTo(totalList(baseline()));
      // they go to practices that gained, each no more than the closed list
      Map<String, Practice> after = practices(in);
      long gained = 0;
      for (Practice p : baseline().practices()) {
        if (!p.code().equals("Z00002")) {
          long d = after.get(p.code()).listSize() - p.listSize();
          assertThat(d).isBetween(0L, closed.listSize());
          gained += d;
        }
      }
      assertThat(gained).isEqualTo(closed.listSize());
    }
    // voronoi: the takers are the practices nearest the closed one's residents -- its Voronoi
    // neighbours, so within the City
    AnalysisInputs v = out.get("voronoi");
    for (Practice p : v.practices()) {
      Practice b = practices(baseline()).get(p.code());
      if (b != null && !p.listSize().equals(b.listSize())) {
        assertThat(p.location().distance(closed.location())).isLessThan(5_000);
      }
    }
    // registration: its patients moved to other practices, the total registered is unchanged
    RegistrationCatchments before = (RegistrationCatchments) baseline().methods().get(1);
    RegistrationCatchments after =
        (RegistrationCatchments) out.get("registration").methods().get(0);
    assertThat(total(after.patients())).isEqualTo(total(before.patients()));
    assertThat(after.patients().values()).noneMatch(m -> m.containsKey("Z00002"));
  }

  @Test
  void voronoiClosuresShareListsAsABruteForceScanOfEveryPracticeDoes() {
    // reference: for each resident, the nearest practice before and after by a scan of all
    for (Practice closed : baseline().practices()) {
      List<Practice> remaining = baseline().practices().stream().filter(p -> p != closed).toList();
      List<Practice> before = baseline().practices();
      Map<String, Double> weights = new java.util.TreeMap<>();
      boolean sharedSite =
          remaining.stream()
              .anyMatch(
                  p -> p.location().getCoordinate().equals2D(closed.location().getCoordinate()));
      if (sharedSite || closed.listSize() == null || closed.listSize() == 0) {
        continue;
      }
      for (org.pcnatlas.model.PopulationUnit u : baseline().population()) {
        Coordinate c = u.centroid().getCoordinate();
        if (u.population() > 0 && ScenarioApply.nearest(c, before) == closed) {
          weights.merge(
              ScenarioApply.nearest(c, remaining).code(), (double) u.population(), Double::sum);
        }
      }
      if (weights.isEmpty()) {
        weights.put(
            ScenarioApply.nearest(closed.location().getCoordinate(), remaining).code(), 1.0);
      }
      Map<String, Long> expected = ScenarioApply.largestRemainder(closed.listSize(), weights);
      Map<String, Practice> after =
          practices(
              ScenarioApply.apply(baseline(), List.of(new Change.ClosePractice(closed.code())))
                  .get("voronoi"));
      for (Practice p : remaining) {
        long gained = after.get(p.code()).listSize() - p.listSize();
        assertThat(gained)
            .as(closed.code() + " -> " + p.code())
            .isEqualTo(expected.getOrDefault(p.code(), 0L));
      }
    }
  }

  static long total(Map<String, Map<String, Long>> patients) {
    return patients.values().stream()
        .flatMap(m -> m.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  @Test
  void regroupedDistrictsTakeTheirNewNetworkArea() {
    String district = baseline().districts().areas().get(0).code();
    AnalysisInputs in =
        ScenarioApply.apply(
                baseline(), List.of(new Change.RegroupNetworkAreas(Map.of(district, "Elsewhere"))))
            .get("voronoi");
    assertThat(in.districts().areas().get(0).group()).isEqualTo("Elsewhere");
    assertThat(in.districts().areas().get(1).group())
        .isEqualTo(baseline().districts().areas().get(1).group());
  }

  // ---- one case per rule against the baseline ----

  @Test
  void anUnknownPracticeIsNamed() {
    ScenarioException e = rejected(new Change.MovePractice("Q1", "U90001"));
    assertThat(e.field()).isEqualTo("changes[0].practice");
    assertThat(e.code()).isEqualTo("UnknownCode");
    assertThat(e.getMessage()).contains("Q1");
  }

  @Test
  void anUnknownPcnIsNamed() {
    assertThat(rejected(new Change.MovePractice("Z00004", "U00000")).field())
        .isEqualTo("changes[0].toPcn");
    assertThat(rejected(site("Z9", 455_000, 221_500, "U00000")).field())
        .isEqualTo("changes[0].pcn");
    assertThat(rejected(new Change.MergePcns(List.of("U90003", "U00000"), "X1", "X")).field())
        .isEqualTo("changes[0].pcns[1]");
  }

  @Test
  void aPracticeMovedToItsOwnPcnIsRejected() {
    ScenarioException e = rejected(new Change.MovePractice("Z00004", "U90002"));
    assertThat(e.field()).isEqualTo("changes[0].toPcn");
    assertThat(e.getMessage()).contains("already in PCN U90002");
  }

  @Test
  void aMergeCannotTakeUnallocatedNorAnotherPcnsCode() {
    assertThat(rejected(new Change.MergePcns(List.of("U90003", "U"), "X1", "X")).field())
        .isEqualTo("changes[0].pcns[1]");
    assertThat(rejected(new Change.MergePcns(List.of("U90003", "U90004"), "U90005", "X")).field())
        .isEqualTo("changes[0].into.code");
  }

  @Test
  void anAddedSiteNeedsAFreeCodeAndASiteInTheStudyArea() {
    assertThat(rejected(site("Z00001", 455_000, 221_500)).field()).isEqualTo("changes[0].code");
    ScenarioException outside = rejected(site("Z9", 100_000, 100_000));
    assertThat(outside.field()).isEqualTo("changes[0].easting");
    assertThat(outside.code()).isEqualTo("OutsideStudyArea");
    Change.AddSite lonLat =
        new Change.AddSite(
            "Z9",
            "N",
            "U90002",
            10,
            -3.0,
            55.0,
            null,
            null,
            GeoUtils.FACTORY.createPoint(new Coordinate(300_000, 600_000)));
    assertThat(rejected(lonLat).field()).isEqualTo("changes[0].lon");
  }

  @Test
  void laterChangesSeeEarlierOnes() {
    // a closed practice cannot be moved, and the error says which change closed it
    ScenarioException e =
        rejected(new Change.ClosePractice("Z00002"), new Change.MovePractice("Z00002", "U90002"));
    assertThat(e.field()).isEqualTo("changes[1].practice");
    assertThat(e.getMessage()).contains("closed by changes[0]");
    // merged PCNs are gone, the merged one is there
    assertThat(
            rejected(
                    new Change.MergePcns(List.of("U90003", "U90004"), "U99999", "SW"),
                    new Change.MovePractice("Z00004", "U90003"))
                .field())
        .isEqualTo("changes[1].toPcn");
    Map<String, AnalysisInputs> ok =
        ScenarioApply.apply(
            baseline(),
            List.of(
                new Change.MergePcns(List.of("U90003", "U90004"), "U99999", "SW"),
                new Change.MovePractice("Z00004", "U99999"),
                site("Z9", 455_000, 221_500, "U99999"),
                new Change.ClosePractice("Z9")));
    assertThat(practices(ok.get("voronoi")).get("Z00004").pcnCode()).isEqualTo("U99999");
    // a closed site's code stays taken
    assertThat(
            rejected(new Change.ClosePractice("Z00002"), site("Z00002", 455_000, 221_500)).field())
        .isEqualTo("changes[1].code");
  }

  @Test
  void anUnknownDistrictIsNamed() {
    ScenarioException e = rejected(new Change.RegroupNetworkAreas(Map.of("E00000000", "North")));
    assertThat(e.field()).isEqualTo("changes[0].districts.E00000000");
  }

  @Test
  void largestRemainderSharesAWholeNumberExactly() {
    Map<String, Long> s = ScenarioApply.largestRemainder(10, Map.of("a", 1.0, "b", 1.0, "c", 1.0));
    assertThat(s.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10);
    assertThat(s).containsEntry("a", 4L).containsEntry("b", 3L).containsEntry("c", 3L);
    assertThat(ScenarioApply.largestRemainder(7, Map.of("x", 0.0, "y", 0.0)))
        .containsExactly(Map.entry("x", 7L));
  }

  static Change.AddSite site(String code, double e, double n) {
    return site(code, e, n, "U90002");
  }

  static Change.AddSite site(String code, double e, double n, String pcn) {
    return new Change.AddSite(
        code,
        "New site",
        pcn,
        8000,
        null,
        null,
        e,
        n,
        GeoUtils.FACTORY.createPoint(new Coordinate(e, n)));
  }
}
