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
    // dominance on the shares of networks meeting each rule (the objective counts the networks that
    // miss one, whatever their number), and on the counts; practices moved is a count either way
    boolean moves = p.practicesMoved() <= m.practicesMoved();
    boolean onShares =
        moves
            && share(p.after().inBand(), p.after().networks()) >= share(m.inBand(), m.networks())
            && share(p.after().insideOneArea(), p.after().networks())
                >= share(m.insideOneArea(), m.networks());
    boolean onCounts =
        moves && p.after().inBand() >= m.inBand() && p.after().insideOneArea() >= m.insideOneArea();
    int splitAlone = inBandBySplittingAlone(in);
    cmp.put("propose_dominates_on_shares", onShares);
    cmp.put("propose_dominates_on_counts", onCounts);
    cmp.put("in_band_by_splitting_todays_networks_at_most", splitAlone);
    doc.put("baseline", cmp);
    o.printf(
        Locale.ROOT,
        "%d practices (%d nodes), %d areas; networks / in band / inside one area / practices moved%n",
        baseline.inputs().practices().size(),
        in.size(),
        in.areas().size());
    o.printf(
        Locale.ROOT,
        "  today    %s / 0%n",
        counts(today.networks(), today.inBand(), today.insideOneArea()));
    o.printf(
        Locale.ROOT,
        "  propose  %s / %d (%.2f s)%n",
        counts(p.after().networks(), p.after().inBand(), p.after().insideOneArea()),
        p.practicesMoved(),
        p.seconds());
    o.printf(
        Locale.ROOT,
        "  max-p    %s / %d (%.2f s, %d orders)%n",
        counts(m.networks(), m.inBand(), m.insideOneArea()),
        m.practicesMoved(),
        maxpSeconds,
        tries);
    o.println(
        "  propose dominates max-p on the shares of networks and practices moved: " + onShares);
    o.println(
        "  propose dominates max-p on the counts of networks and practices moved: " + onCounts);
    o.printf(
        Locale.ROOT,
        "  today's networks, each split alone, could make at most %d networks in the band%n",
        splitAlone);
    if (out != null) {
      Files.writeString(
          out,
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    }
    o.flush();
    return 0;
  }

  private static double share(int part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private static String counts(int networks, int inBand, int one) {
    return String.format(
        Locale.ROOT,
        "%d / %d (%.1f%%) / %d (%.1f%%)",
        networks,
        inBand,
        100 * share(inBand, networks),
        one,
        100 * share(one, networks));
  }

  /**
   * The most networks in the band that splitting each of today's networks on its own (no practice
   * changing network) could make: the sum of its size over the lower bound, rounded down; today's
   * unallocated practices make none.
   */
  static int inBandBySplittingAlone(Instance in) {
    double[] size = new double[in.networks().size()];
    for (int i = 0; i < in.size(); i++) {
      size[in.today()[i]] += in.sizeOf(i);
    }
    int most = 0;
    for (int t = 0; t < size.length; t++) {
      if (t == in.unallocated()) {
        continue;
      }
      if (in.band().lower() <= 0) {
        most += size[t] > 0 ? 1 : 0;
      } else {
        most += (int) Math.floor(size[t] / in.band().lower());
      }
    }
    return most;
  }

  private static Map<String, Object> row(
      int networks, int inBand, int one, int moved, double seconds) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("networks", networks);
    r.put("in_band", inBand);
    r.put("inside_one_area", one);
    r.put("in_band_share", Math.round(share(inBand, networks) * 10_000) / 10_000.0);
    r.put("inside_one_area_share", Math.round(share(one, networks) * 10_000) / 10_000.0);
    r.put("practices_moved", moved);
    r.put("seconds", Math.round(seconds * 1000) / 1000.0);
    return r;
  }

  private Map<String, Object> exactness(PrintWriter o) {
    int matched = 0;
    List<Map<String, Object>> misses = new ArrayList<>();
    int worstBand = 0;
    int worstStraddling = 0;
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
      // the worst miss, compared as the objective compares: band, then layer, moved, residents
      int db = got.outOfBand() - best.outOfBand();
      int ds = got.straddling() - best.straddling();
      int dm = got.moved() - best.moved();
      double dOut = got.residentsOutside() - best.residentsOutside();
      int c = Integer.compare(db, worstBand);
      c = c != 0 ? c : Integer.compare(ds, worstStraddling);
      c = c != 0 ? c : Integer.compare(dm, worstMoved);
      c = c != 0 ? c : Double.compare(dOut, worstOutside);
      if (misses.isEmpty() || c > 0) {
        worstBand = db;
        worstStraddling = ds;
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
    e.put("worst_gap_out_of_band", worstBand);
    e.put("worst_gap_straddling", worstStraddling);
    e.put("worst_gap_moved", worstMoved);
    e.put("worst_gap_residents_outside", Math.round(worstOutside));
    e.put("search_seconds_total", Math.round(seconds * 1000) / 1000.0);
    e.put("misses", misses);
    o.printf(
        Locale.ROOT,
        "exactness: %d of %d seeded instances of 6-%d practices at the exhaustive optimum; worst"
            + " gap: %+d out of the band, %+d straddling, %+d moved, %+.0f residents outside%n",
        matched,
        exact,
        maxPractices,
        worstBand,
        worstStraddling,
        worstMoved,
        worstOutside);
    return e;
  }
}
