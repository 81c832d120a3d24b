package org.pcnatlas.propose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.PcnFigures;
import org.pcnatlas.api.DemoCatalogue;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.Practice;
import org.pcnatlas.scenario.Change;
import org.pcnatlas.scenario.ScenarioApply;
import org.pcnatlas.scenario.ScenarioException;

class ProposerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static AnalysisResult baseline() {
    return DemoCatalogue.get().result();
  }

  static ProposalSpec spec(String json) {
    try {
      return ProposalSpec.parse(JSON.readTree(json.replace('\'', '"')));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static Proposal propose(String json) {
    return Proposer.propose(baseline(), spec(json), p -> {});
  }

  /** The voronoi figures of the scenario the proposal emits, applied by the scenario engine. */
  static Map<String, PcnFigures> applied(Proposal p) {
    AnalysisInputs in = ScenarioApply.apply(baseline().inputs(), p.changes()).get("voronoi");
    AnalysisResult r = Analysis.run(in);
    return r.methods().get(0).pcns().stream()
        .collect(Collectors.toMap(PcnFigures::pcnCode, f -> f));
  }

  @Test
  void theScenarioItEmitsReproducesTheReport() {
    Proposal p = propose("{}");
    assertThat(p.changes()).isNotEmpty();
    Map<String, PcnFigures> after = applied(p);
    assertThat(after.keySet())
        .containsExactlyInAnyOrderElementsOf(
            p.networks().stream().map(Proposal.Network::code).toList());
    for (Proposal.Network n : p.networks()) {
      PcnFigures f = after.get(n.code());
      assertThat(f.practiceCodes()).as(n.code()).containsExactlyInAnyOrderElementsOf(n.practices());
      assertThat(f.registeredList()).as(n.code()).isEqualTo(n.registeredList());
      assertThat(f.residentPopulation()).as(n.code()).isCloseTo(n.residents(), within(1e-6));
      assertThat(f.dominantDistrictCode()).as(n.code()).isEqualTo(n.dominantArea());
      assertThat(f.dominantDistrictShare()).as(n.code()).isCloseTo(n.dominantShare(), within(1e-9));
      assertThat(f.districtsOver5Percent()).as(n.code()).isEqualTo(n.areasOver5Percent());
    }
    long moved =
        baseline().inputs().practices().stream()
            .filter(pr -> !after.get(pcnOf(p, pr.code())).practiceCodes().isEmpty())
            .filter(pr -> !pcnOf(p, pr.code()).equals(pr.pcnCode()))
            .count();
    assertThat(p.practicesMoved()).isEqualTo((int) moved);
  }

  private static String pcnOf(Proposal p, String practice) {
    return p.networks().stream()
        .filter(n -> n.practices().contains(practice))
        .findFirst()
        .orElseThrow()
        .code();
  }

  @Test
  void everyNetworkIsContiguousAndTheBandIsMetWhereTheAreasAllowIt() {
    Proposal p = propose("{}");
    assertThat(p.networks()).allSatisfy(n -> assertThat(n.contiguous()).as(n.code()).isTrue());
    assertThat(p.after().inBand()).isGreaterThanOrEqualTo(p.before().inBand());
    // a network outside the band has a reason in the report
    for (Proposal.Network n : p.networks()) {
      if (!n.inBand()) {
        assertThat(p.unmet())
            .anySatisfy(
                u -> {
                  assertThat(u.constraint()).isEqualTo("band");
                  assertThat(u.subject()).isEqualTo(n.code());
                  assertThat(u.reason()).contains(n.code());
                });
      }
    }
  }

  @Test
  void fixedPcnsAndPracticesStayAndGroupsStayTogether() {
    List<Pcn> pcns = baseline().inputs().pcns();
    Pcn fixed = pcns.stream().filter(q -> !q.code().equals("U")).findFirst().orElseThrow();
    List<Practice> practices = baseline().inputs().practices();
    Practice a = practices.get(practices.size() - 1);
    Practice b = practices.get(practices.size() - 2);
    Practice pinned = practices.get(3);
    String json =
        "{'fixedPcns':['"
            + fixed.code()
            + "'],'fixedPractices':['"
            + pinned.code()
            + "'],'groups':[['"
            + a.code()
            + "','"
            + b.code()
            + "']]}";
    Proposal p = propose(json);
    Proposal.Network kept =
        p.networks().stream().filter(n -> n.code().equals(fixed.code())).findFirst().orElseThrow();
    assertThat(kept.practices()).containsExactlyInAnyOrderElementsOf(fixed.practiceCodes());
    assertThat(pcnOf(p, pinned.code())).isEqualTo(pinned.pcnCode());
    assertThat(pcnOf(p, a.code())).isEqualTo(pcnOf(p, b.code()));
    for (Change c : p.changes()) {
      if (c instanceof Change.MovePractice m) {
        assertThat(m.toPcn()).isNotEqualTo(fixed.code());
        assertThat(fixed.practiceCodes()).doesNotContain(m.practice());
      }
    }
  }

  @Test
  void theMoveLimitHolds() {
    for (int max : new int[] {0, 2, 5}) {
      Proposal p = propose("{'maxMoves':" + max + "}");
      assertThat(p.practicesMoved()).as("max %d", max).isLessThanOrEqualTo(max);
      if (max == 0) {
        assertThat(p.changes()).isEmpty();
      }
    }
  }

  @Test
  void anInfeasibleSpecificationGivesAReportNotAnError() {
    Proposal p = propose("{'band':{'lower':400000,'upper':500000}}");
    assertThat(p.unmet())
        .filteredOn(u -> u.constraint().equals("area-too-small"))
        .hasSize(p.areas().size())
        .allSatisfy(u -> assertThat(u.reason()).contains("cannot hold a network of its own"));
    assertThat(p.unmet()).anySatisfy(u -> assertThat(u.constraint()).isEqualTo("band"));
    assertThat(p.networks()).allSatisfy(n -> assertThat(n.contiguous()).isTrue());
  }

  @Test
  void forbiddenCrossingPutsEachNetworkInOneHomeArea() {
    Proposal p = propose("{'crossing':'forbidden'}");
    assertThat(p.networks()).allSatisfy(n -> assertThat(n.contiguous()).isTrue());
    Proposer.Table t = Proposer.table(baseline(), spec("{}"));
    int[] home = t.instance.homes();
    Map<String, Integer> homeOf = new HashMap<>();
    for (int i = 0; i < t.instance.size(); i++) {
      for (Practice pr : t.nodePractices.get(i)) {
        homeOf.put(pr.code(), home[i]);
      }
    }
    for (Proposal.Network n : p.networks()) {
      Set<Integer> homes = new TreeSet<>();
      n.practices().forEach(pr -> homes.add(homeOf.get(pr)));
      assertThat(homes).as(n.code()).hasSize(1);
    }
  }

  @Test
  void aCodeOrLayerTheRunDoesNotHaveIsNamed() {
    assertThatThrownBy(() -> propose("{'fixedPcns':['NOPE']}"))
        .isInstanceOfSatisfying(
            ScenarioException.class, e -> assertThat(e.field()).isEqualTo("fixedPcns[0]"));
    assertThatThrownBy(() -> propose("{'fixedPractices':['X','Y']}"))
        .isInstanceOfSatisfying(
            ScenarioException.class, e -> assertThat(e.field()).isEqualTo("fixedPractices[0]"));
    assertThatThrownBy(() -> propose("{'groups':[['X','Y']]}"))
        .isInstanceOfSatisfying(
            ScenarioException.class, e -> assertThat(e.field()).isEqualTo("groups[0][0]"));
    assertThatThrownBy(() -> propose("{'layer':'parishes'}"))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.field()).isEqualTo("layer");
              assertThat(e.getMessage()).contains("districts");
            });
  }

  @Test
  void sameSeedSameProposal() {
    Proposal a = propose("{'seed':3}");
    Proposal b = propose("{'seed':3}");
    assertThat(a.changes()).isEqualTo(b.changes());
  }

  static JsonNode node(String json) throws java.io.IOException {
    return JSON.readTree(json);
  }
}
