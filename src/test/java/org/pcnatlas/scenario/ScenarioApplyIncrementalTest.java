package org.pcnatlas.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.api.DemoCatalogue;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.Practice;

/**
 * The path the service takes: scenario changes applied by {@link ScenarioApply} (a closed
 * practice's list shared out per method), then {@link IncrementalAnalysis#recompute}, which must
 * equal the full run of the same changed inputs, for every method of the demo.
 */
class ScenarioApplyIncrementalTest {
  static final IncrementalAnalysis ENGINE = IncrementalAnalysis.of(DemoCatalogue.get().result());

  static AnalysisInputs baseline() {
    return DemoCatalogue.get().result().inputs();
  }

  static void assertIncrementalEqualsFull(List<Change> changes) {
    for (Map.Entry<String, AnalysisInputs> e :
        ScenarioApply.apply(baseline(), changes).entrySet()) {
      ScenarioMethodResult incremental = ENGINE.recompute(e.getValue());
      ScenarioMethodResult full = IncrementalAnalysis.full(e.getValue());
      assertThat(ScenarioResults.differences(incremental, full, 5))
          .as(e.getKey() + " after " + changes)
          .isEmpty();
    }
  }

  @Test
  void everyChangeTypeThroughScenarioApply() {
    String district = baseline().districts().areas().get(0).code();
    List<List<Change>> cases =
        List.of(
            List.of(new Change.MovePractice("Z00004", "U90001")),
            List.of(new Change.MergePcns(List.of("U90003", "U90004"), "U99999", "SW")),
            List.of(site("Z90001", 455_000, 221_500, "U90002")),
            List.of(new Change.ClosePractice("Z00002")),
            List.of(new Change.RegroupNetworkAreas(Map.of(district, "Elsewhere"))),
            List.of(
                new Change.MovePractice("Z00004", "U90001"),
                new Change.ClosePractice("Z00001"),
                site("Z90002", 452_000, 214_000, "U90001"),
                new Change.MergePcns(List.of("U90001", "U90002"), "U90001", "Kingsford")));
    for (List<Change> c : cases) {
      assertIncrementalEqualsFull(c);
    }
  }

  @Test
  void seededRandomScenariosThroughScenarioApply() {
    SplittableRandom random = new SplittableRandom(20261123);
    AnalysisResult base = DemoCatalogue.get().result();
    Envelope env = base.inputs().region().getEnvelopeInternal();
    int scenarios = 0;
    int attempts = 0;
    while (scenarios < 25 && attempts < 500) {
      attempts++;
      List<Change> changes = new ArrayList<>();
      int n = 1 + random.nextInt(3);
      for (int k = 0; k < n; k++) {
        changes.add(randomChange(random, base.inputs(), env, k));
      }
      try {
        ScenarioApply.validate(base.inputs(), changes);
      } catch (ScenarioException e) {
        continue; // e.g. a site outside the study area's outline, a code already closed
      }
      assertIncrementalEqualsFull(changes);
      scenarios++;
    }
    assertThat(scenarios).isEqualTo(25);
  }

  static Change randomChange(SplittableRandom random, AnalysisInputs in, Envelope env, int k) {
    List<Practice> practices = in.practices();
    List<Pcn> pcns = in.pcns().stream().filter(p -> !p.unallocated()).toList();
    Practice p = practices.get(random.nextInt(practices.size()));
    switch (random.nextInt(4)) {
      case 0:
        Pcn to = pcns.get(random.nextInt(pcns.size()));
        return new Change.MovePractice(p.code(), to.code());
      case 1:
        Pcn a = pcns.get(random.nextInt(pcns.size()));
        Pcn b = pcns.get(random.nextInt(pcns.size()));
        return new Change.MergePcns(List.of(a.code(), b.code()), "UM" + k, "Merged " + k);
      case 2:
        double x = env.getMinX() + random.nextDouble() * env.getWidth();
        double y = env.getMinY() + random.nextDouble() * env.getHeight();
        return site(
            "ZN" + k, Math.rint(x), Math.rint(y), pcns.get(random.nextInt(pcns.size())).code());
      default:
        return new Change.ClosePractice(p.code());
    }
  }

  static Change.AddSite site(String code, double e, double n, String pcn) {
    Point at = GeoUtils.FACTORY.createPoint(new Coordinate(e, n));
    return new Change.AddSite(code, "New site", pcn, 6000, null, null, e, n, at);
  }
}
