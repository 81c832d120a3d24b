package org.pcnatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.PcnFigures;
import org.pcnatlas.analysis.Summary;
import org.pcnatlas.export.AnalysisWriter;
import org.pcnatlas.scenario.ScenarioFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pcn-atlas analyse --out DIR [data options]}: the batch analysis. */
@Command(
    name = "analyse",
    aliases = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Compute PCN catchments by one or more methods, their alignment with districts, network",
      "areas and other area layers, resident population and coverage, and write catchments.geojson,",
      "pcns.csv, alignment.csv, areas.csv, coverage.csv, summary.json and pcn-atlas.gpkg to --out",
      "(--outputs chooses among them).",
      "With no data files it analyses the built-in synthetic demo county."
    })
public final class AnalyseCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory for the outputs (created if missing; files in it are replaced).")
  Path out;

  @Option(
      names = "--problems",
      defaultValue = "5",
      paramLabel = "N",
      description = "How many problems of each kind to print (all are in summary.json).")
  int problemDetail;

  @Option(
      names = "--scenario",
      paramLabel = "FILE.json",
      description = {
        "Apply a what-if scenario (the JSON of POST /scenarios: name, description, changes) and",
        "write the scenario's outputs, plus comparison.csv (per PCN, before and after) and",
        "comparison-districts.csv (PCNs gained and lost per district)."
      })
  Path scenario;

  @Option(
      names = "--outputs",
      split = ",",
      paramLabel = "OUTPUT",
      description = {
        "Which outputs to write (summary.json always): geojson (catchments.geojson), csv (pcns.csv,",
        "alignment.csv, areas.csv, coverage.csv), gpkg (pcn-atlas.gpkg, every layer with the pairs'",
        "polygons). Default: all three."
      })
  List<String> outputs = new ArrayList<>();

  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Set<AnalysisWriter.Output> chosen =
        outputs.isEmpty()
            ? EnumSet.allOf(AnalysisWriter.Output.class)
            : EnumSet.copyOf(outputs.stream().map(AnalysisWriter.Output::of).toList());
    ScenarioFile file = scenario == null ? null : ScenarioFile.read(scenario);
    AnalysisInputs.Loaded loaded = AnalysisInputs.load(data.toConfig());
    AnalysisResult result = Analysis.run(loaded.inputs());
    Map<String, Object> describe = data.describe();
    long writeStart = System.nanoTime();
    List<String> files;
    if (file != null) {
      AnalysisResult baseline = result;
      result = ScenarioBatch.run(baseline, file);
      describe = new java.util.LinkedHashMap<>(describe);
      describe.put("scenario", scenario.toString());
      describe.put("scenario_name", file.name());
      describe.put("scenario_changes", org.pcnatlas.scenario.ChangeJson.toJson(file.changes()));
      Map<String, Object> summary = Summary.of(result, describe, loaded.timings());
      files = new ArrayList<>(AnalysisWriter.write(result, summary, out, chosen));
      ScenarioBatch.writeComparison(baseline, result, out);
      files.addAll(ScenarioBatch.FILES);
    } else {
      Map<String, Object> summary = Summary.of(result, describe, loaded.timings());
      files = AnalysisWriter.write(result, summary, out, chosen);
    }
    double written = (System.nanoTime() - writeStart) / 1e9;
    err.println("load report: " + result.report().summary(problemDetail));
    for (AnalysisResult.MethodResult m : result.methods()) {
      long straddling = m.pcns().stream().filter(PcnFigures::straddles).count();
      stdout.printf(
          "%s: %d catchments, %,.0f of %,.0f residents inside, %d gaps, %d overlaps, %d PCNs"
              + " straddle districts%n",
          m.method(),
          m.catchments().pcns().size(),
          m.population().assigned(),
          m.population().input(),
          m.coverage().gaps().size(),
          m.coverage().overlaps().size(),
          straddling);
    }
    Map<String, Double> seconds = new java.util.LinkedHashMap<>(loaded.timings());
    seconds.putAll(result.timings());
    seconds.put("write", written);
    err.println(
        "seconds: "
            + String.join(
                ", ",
                seconds.entrySet().stream()
                    .map(
                        e ->
                            e.getKey()
                                + String.format(java.util.Locale.ROOT, " %.3f", e.getValue()))
                    .toList()));
    stdout.println("wrote " + String.join(", ", files) + " to " + out);
    stdout.flush();
    return 0;
  }
}
