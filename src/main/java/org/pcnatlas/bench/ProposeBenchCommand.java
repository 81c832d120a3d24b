package org.pcnatlas.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.cli.DataOptions;
import org.pcnatlas.propose.ExhaustiveSearch;
import org.pcnatlas.propose.Instance;
import org.pcnatlas.propose.Proposal;
import org.pcnatlas.propose.ProposalSpec;
import org.pcnatlas.propose.Proposer;
import org.pcnatlas.propose.Score;
import org.pcnatlas.propose.Search;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pcn-atlas bench-propose}: the quality half of the proposals' benchmark
 * (docs/benchmarks.md). Exactness: the search against the exhaustive optimum on seeded random
 * instances of up to 12 practices. Against a from-scratch baseline: the proposal {@code propose}
 * makes (the same {@link Proposer}) beside {@link MaxPBaseline} on the same practice table, on the
 * data given (or a peer workload folder). Times are those {@code propose} itself prints; nothing
 * here is asserted.
 */
@Command(
    name = "bench-propose",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the proposals: exactness against an exhaustive search on small seeded instances,",
      "and propose against a max-p baseline on the data given (or --workload DIR)."
    })
public final class ProposeBenchCommand implements Callable<Integer> {
  @Option(names = "--exact", defaultValue = "200", description = "Seeded small instances.")
  int exact;

  @Option(names = "--max-practices", defaultValue = "12", description = "Largest small instance.")
  int maxPractices;

  @Option(names = "--workload", paramLabel = "DIR", description = "A peer workload folder.")
  Path workload;

  @Option(names = "--tries", defaultValue = "20", description = "Max-p seeded orders.")
  int tries;

  @Option(names = "--out", paramLabel = "FILE.json", description = "Write the figures here.")
  Path out;

  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    Map<String, Object> doc = new LinkedHashMap<>();
    if (exact > 0) {
      doc.put("exactness", exactness(o));
    }
    AnalysisInputs.Loaded loaded =
        AnalysisInputs.load(workload != null ? BenchCommand.workload(workload) : data.toConfig());
    AnalysisResult baseline = Proposer.baseline(loaded.inputs());
    ProposalSpec ps = ProposalSpec.defaults();
    Proposal p = Proposer.propose(baseline, ps, s -> {});
    Instance in = Proposer.instance(baseline, ps);
    long t0 = System.nanoTime();
    int[] maxp = MaxPBaseline.regions(in, 1, tries);
    double maxpSeconds = (System.nanoTime() - t0) / 1e9;
    MaxPBaseline.Figures m = MaxPBaseline.figures(in, maxp);
    Proposal.Totals today = p.before();
    Map<String, Object> cmp = new LinkedHashMap<>();
    cmp.put("practices", baseline.inputs().practices().size());
    cmp.put("nodes", in.size());
    cmp.put("networks_today", today.networks());
    cmp.put("areas", in.areas().size());
    cmp.put("today", row(today.networks(), today.inBand(), today.insideOneArea(), 0, 0));
    cmp.put(
        "propose",
        row(
            p.after().networks(),
            p.after().inBand(),
            p.after().insideOneArea(),
            p.practicesMoved(),
            p.seconds()));
    cmp.put(
        "max_p", row(m.networks(), m.inBand(), m.insideOneArea(), m.practicesMoved(), maxpSeconds));
    boolean dominates =
        p.after().inBand() >= m.inBand()
            && p.after().insideOneArea() >= m.insideOneArea()
            && p.practicesMoved() <= m.practicesMoved();
    cmp.put("propose_dominates", dominates);
    doc.put("baseline", cmp);
    o.printf(
        Locale.ROOT,
        "%d practices (%d nodes), %d areas; networks / in band / inside one area / practices moved%n",
        baseline.inputs().practices().size(),
        in.size(),
        in.areas().size());
    o.printf(
        Locale.ROOT,
        "  today    %d / %d / %d / 0%n",
        today.networks(),
        today.inBand(),
        today.insideOneArea());
    o.printf(
        Locale.ROOT,
        "  propose  %d / %d / %d / %d (%.2f s)%n",
        p.after().networks(),
        p.after().inBand(),
        p.after().insideOneArea(),
        p.practicesMoved(),
        p.seconds());
    o.printf(
        Locale.ROOT,
        "  max-p    %d / %d / %d / %d (%.2f s, %d orders)%n",
        m.networks(),
        m.inBand(),
        m.insideOneArea(),
        m.practicesMoved(),
        maxpSeconds,
        tries);
    o.println("  propose dominates max-p: " + dominates);
    if (out != null) {
      Files.writeString(
          out,
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    }
    o.flush();
    return 0;
  }

  private static Map<String, Object> row(
      int networks, int inBand, int one, int moved, double seconds) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("networks", networks);
    r.put("in_band", inBand);
    r.put("inside_one_area", one);
    r.put("practices_moved", moved);
    r.put("seconds", Math.round(seconds * 1000) / 1000.0);
    return r;
  }

  private Map<String, Object> exactness(PrintWriter o) {
    int matched = 0;
    List<Map<String, Object>> misses = new ArrayList<>();
    int worstViolations = 0;
    int worstMoved = 0;
    double worstOutside = 0;
    double seconds = 0;
    for (int k = 1; k <= exact; k++) {
      int n = 6 + (k % (maxPractices - 5));
      Instance in = ProposeInstances.random(k, n);
      long t0 = System.nanoTime();
      Search.Result r = Search.run(in, Search.Options.defaults(in).withSeed(k));
      seconds += (System.nanoTime() - t0) / 1e9;
      Score got = r.score();
      Score best = ExhaustiveSearch.optimum(in).score();
      if (got.compareTo(best) <= 0) {
        matched++;
        continue;
      }
      int dv = got.violations() - best.violations();
      int dm = got.moved() - best.moved();
      double dOut = got.residentsOutside() - best.residentsOutside();
      if (dv > worstViolations
          || (dv == worstViolations && dm > worstMoved)
          || (dv == worstViolations && dm == worstMoved && dOut > worstOutside)) {
        worstViolations = dv;
        worstMoved = dm;
        worstOutside = dOut;
      }
      Map<String, Object> miss = new LinkedHashMap<>();
      miss.put("seed", k);
      miss.put("practices", n);
      miss.put("got", got);
      miss.put("optimum", best);
      misses.add(miss);
    }
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("instances", exact);
    e.put("matched", matched);
    e.put("worst_gap_violations", worstViolations);
    e.put("worst_gap_moved", worstMoved);
    e.put("worst_gap_residents_outside", Math.round(worstOutside));
    e.put("search_seconds_total", Math.round(seconds * 1000) / 1000.0);
    e.put("misses", misses);
    o.printf(
        Locale.ROOT,
        "exactness: %d of %d seeded instances of 6-%d practices at the exhaustive optimum; worst"
            + " gap: %+d violations, %+d moved, %+.0f residents outside%n",
        matched,
        exact,
        maxPractices,
        worstViolations,
        worstMoved,
        worstOutside);
    return e;
  }
}
