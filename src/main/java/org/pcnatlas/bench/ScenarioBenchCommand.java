package org.pcnatlas.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.Practice;
import org.pcnatlas.model.SizeBands;
import org.pcnatlas.scenario.IncrementalAnalysis;
import org.pcnatlas.scenario.ScenarioMethodResult;
import org.pcnatlas.scenario.ScenarioResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pcn-atlas bench-scenarios}: the latency of recomputing the voronoi analysis after one
 * scenario change (issue 5), incremental ({@link IncrementalAnalysis#recompute}) against a full run
 * ({@link IncrementalAnalysis#full}), on a peer-benchmark workload folder. Each change is one of
 * move a practice, merge two PCNs, add a site, close a practice (its list to the nearest practice)
 * and, when the districts are given network areas, move a district to another network area; each
 * incremental result is compared with the full one. Not a test: nothing is asserted.
 */
@Command(
    name = "bench-scenarios",
    mixinStandardHelpOptions = true,
    description = {
      "Time one scenario change at a time, incremental recompute against a full run (issue 5).",
      "Prints a table of p50/p95/max per change type and writes the figures as JSON."
    })
public final class ScenarioBenchCommand implements Callable<Integer> {
  static final List<String> TYPES = List.of("move", "merge", "add", "close", "regroup");

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      description = "Workload folder: region.geojson, districts.geojson, practices.csv, ...")
  Path data;

  @Option(names = "--changes", defaultValue = "200", description = "Timed changes (default 200).")
  int changes;

  @Option(names = "--warmup", defaultValue = "20", description = "Untimed changes first.")
  int warmup;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the random changes.")
  long seed;

  @Option(
      names = "--network-areas",
      defaultValue = "0",
      description = "Give the districts this many synthetic network areas (0: none, no regroup).")
  int networkAreas;

  @Option(
      names = "--full-every",
      defaultValue = "1",
      description =
          "Run (time and compare) the full analysis on one change in K only, every change type in"
              + " turn (each type's every ceil(K / types)-th change).")
  int fullEvery;

  @Option(names = "--out", required = true, description = "JSON file for the figures.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    AnalysisInputs w = BenchCommand.load(data);
    AreaLayer districts = w.districts();
    if (networkAreas > 0) {
      List<Area> grouped = new ArrayList<>();
      for (int i = 0; i < districts.areas().size(); i++) {
        Area a = districts.areas().get(i);
        grouped.add(
            new Area(
                a.code(),
                a.name(),
                a.geometry(),
                "NA" + (i * networkAreas / districts.areas().size())));
      }
      districts = new AreaLayer(Analysis.DISTRICTS, grouped);
    }
    AnalysisInputs base =
        new AnalysisInputs(
            w.practices(),
            pcns(w.practices()),
            w.region(),
            new AreaLayer(Analysis.DISTRICTS, districts.areas()),
            List.of(),
            w.population(),
            PopulationAllocation.Mode.POINTS,
            List.of(new VoronoiCatchments()),
            SizeBands.NHS,
            w.report());
    long t0 = System.nanoTime();
    IncrementalAnalysis engine = IncrementalAnalysis.of(Analysis.run(base));
    engine.recompute(base); // prepares the method
    double prepare = (System.nanoTime() - t0) / 1e6;
    stdout.printf(Locale.ROOT, "baseline run and preparation: %.0f ms%n", prepare);
    stdout.flush();
    SplittableRandom random = new SplittableRandom(seed);
    List<String> types = networkAreas > 0 ? TYPES : TYPES.subList(0, 4);
    Map<String, List<double[]>> timings = new TreeMap<>();
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    // per type, so that the full runs visit every type whatever K is (K = 25 over five types
    // would otherwise always fall on the same one)
    int fullEveryOfType = Math.max(1, (fullEvery + types.size() - 1) / types.size());
    Map<String, Integer> seen = new TreeMap<>();
    for (int k = 0; k < warmup + changes; k++) {
      String type = types.get(k % types.size());
      int ofType = seen.merge(type, 1, Integer::sum) - 1;
      AnalysisInputs changed = change(base, type, random, k);
      long a = System.nanoTime();
      IncrementalAnalysis.Recomputed r = engine.recomputeWithStats(changed);
      long b = System.nanoTime();
      double fullMs = Double.NaN;
      if (ofType % fullEveryOfType == 0) {
        ScenarioMethodResult full = IncrementalAnalysis.full(changed);
        fullMs = (System.nanoTime() - b) / 1e6;
        List<String> diff = ScenarioResults.differences(r.result(), full, 3);
        checked++;
        if (!diff.isEmpty()) {
          mismatches.add(type + " #" + k + ": " + diff);
        }
      }
      if (r.stats().fallback() != null) {
        mismatches.add(type + " #" + k + ": " + r.stats().fallback());
      }
      if (k >= warmup) {
        timings
            .computeIfAbsent(type, t -> new ArrayList<>())
            .add(
                new double[] {
                  (b - a) / 1e6, fullMs, r.stats().cellsRebuilt(), r.stats().unitsReallocated()
                });
      }
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("data", data.toString());
    report.put("changes", changes);
    report.put("warmup", warmup);
    report.put("seed", seed);
    report.put("networkAreas", networkAreas);
    report.put("practices", base.practices().size());
    report.put("pcns", base.pcns().size());
    report.put("units", base.population().size());
    report.put("baselineAndPrepareMs", prepare);
    report.put("checked", checked);
    report.put("mismatches", mismatches);
    Map<String, Object> byType = new LinkedHashMap<>();
    List<double[]> all = new ArrayList<>();
    stdout.println(
        "| change | n | incremental p50 | p95 | max | full p50 | p95 | max | p50 ratio | cells rebuilt (median) | units placed again (median) |");
    stdout.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (String type : types) {
      List<double[]> ts = timings.getOrDefault(type, List.of());
      all.addAll(ts);
      byType.put(type, row(type, ts, stdout));
    }
    byType.put("all", row("all", all, stdout));
    report.put("milliseconds", byType);
    stdout.println(
        "checked " + checked + " results against the full run; mismatches: " + mismatches.size());
    mismatches.stream().limit(5).forEach(stdout::println);
    stdout.flush();
    createParent(out);
    try {
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      json.writeValue(out.toFile(), report);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
    return mismatches.isEmpty() ? 0 : 1;
  }

  private static Map<String, Object> row(String type, List<double[]> ts, PrintWriter stdout) {
    double[] inc = ts.stream().mapToDouble(t -> t[0]).sorted().toArray();
    double[] full =
        ts.stream().mapToDouble(t -> t[1]).filter(x -> !Double.isNaN(x)).sorted().toArray();
    double[] cells = ts.stream().mapToDouble(t -> t[2]).sorted().toArray();
    double[] units = ts.stream().mapToDouble(t -> t[3]).sorted().toArray();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("n", ts.size());
    r.put("incrementalP50", pct(inc, 50));
    r.put("incrementalP95", pct(inc, 95));
    r.put("incrementalMax", pct(inc, 100));
    r.put("fullN", full.length);
    r.put("fullP50", pct(full, 50));
    r.put("fullP95", pct(full, 95));
    r.put("fullMax", pct(full, 100));
    r.put("cellsRebuiltMedian", pct(cells, 50));
    r.put("unitsReallocatedMedian", pct(units, 50));
    stdout.printf(
        Locale.ROOT,
        "| %s | %d | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f | %.3f | %.0f | %.0f |%n",
        type,
        ts.size(),
        pct(inc, 50),
        pct(inc, 95),
        pct(inc, 100),
        pct(full, 50),
        pct(full, 95),
        pct(full, 100),
        pct(inc, 50) / pct(full, 50),
        pct(cells, 50),
        pct(units, 50));
    return r;
  }

  /** The nearest-rank percentile of sorted values (NaN when none). */
  static double pct(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** One random change of the given type applied to the baseline. */
  static AnalysisInputs change(AnalysisInputs base, String type, SplittableRandom random, int k) {
    List<Practice> practices = new ArrayList<>(base.practices());
    List<String> pcns = base.pcns().stream().map(Pcn::code).toList();
    AreaLayer districts = base.districts();
    Practice p = practices.get(random.nextInt(practices.size()));
    switch (type) {
      case "move" -> {
        Practice near = nearestOtherPcn(practices, p);
        practices.set(practices.indexOf(p), with(p, near.pcnCode(), near.pcnName(), p.listSize()));
      }
      case "merge" -> {
        Practice near = nearestOtherPcn(practices, p);
        String into = random.nextBoolean() ? p.pcnCode() : "M" + k;
        String from = near.pcnCode();
        String name = "Merged " + into;
        practices.replaceAll(
            x ->
                x.pcnCode().equals(from) || x.pcnCode().equals(p.pcnCode())
                    ? with(x, into, name, x.listSize())
                    : x);
      }
      case "add" -> {
        Envelope env = base.region().getEnvelopeInternal();
        Point at;
        do {
          at =
              GeoUtils.point(
                  Math.round(random.nextDouble(env.getMinX(), env.getMaxX())),
                  Math.round(random.nextDouble(env.getMinY(), env.getMaxY())));
        } while (!base.region().covers(at));
        String pcn = pcns.get(random.nextInt(pcns.size()));
        practices.add(new Practice("A" + k, "Added " + k, pcn, pcn, 8_000L, at, true));
      }
      case "close" -> {
        practices.remove(p);
        Practice heir =
            practices.stream()
                .min(Comparator.comparingDouble(x -> x.location().distance(p.location())))
                .orElseThrow();
        long list =
            (heir.listSize() == null ? 0 : heir.listSize())
                + (p.listSize() == null ? 0 : p.listSize());
        practices.set(practices.indexOf(heir), with(heir, heir.pcnCode(), heir.pcnName(), list));
      }
      case "regroup" -> {
        List<Area> areas = new ArrayList<>(districts.areas());
        int i = random.nextInt(areas.size());
        String group = areas.get(random.nextInt(areas.size())).group();
        Area a = areas.get(i);
        areas.set(i, new Area(a.code(), a.name(), a.geometry(), group));
        districts = new AreaLayer(districts.name(), areas);
      }
      default -> throw new IllegalArgumentException("unknown change type " + type);
    }
    return base.withConfiguration(practices, pcns(practices), districts, base.methods());
  }

  private static Practice nearestOtherPcn(List<Practice> practices, Practice p) {
    return practices.stream()
        .filter(x -> !x.pcnCode().equals(p.pcnCode()))
        .min(Comparator.comparingDouble(x -> x.location().distance(p.location())))
        .orElseThrow();
  }

  private static Practice with(Practice p, String pcn, String pcnName, Long listSize) {
    return new Practice(
        p.code(), p.name(), pcn, pcnName, listSize, p.location(), p.insideStudyArea());
  }

  /** The PCNs as the loader builds them: members sorted, list = sum of known list sizes. */
  static List<Pcn> pcns(List<Practice> practices) {
    return org.pcnatlas.load.PracticeLoader.pcns(practices);
  }

  static void createParent(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
