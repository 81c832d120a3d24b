package org.pcnatlas.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.catchment.CatchmentMethod;
import org.pcnatlas.export.CsvWriter;
import org.pcnatlas.scenario.Comparison;
import org.pcnatlas.scenario.ScenarioApply;
import org.pcnatlas.scenario.ScenarioException;
import org.pcnatlas.scenario.ScenarioFile;
import org.pcnatlas.scenario.ScenarioMethodResult;

/**
 * {@code analyse --scenario}: the scenario's full analysis (every output the baseline has) and its
 * comparison with the baseline.
 */
final class ScenarioBatch {
  /** The files written besides the analysis outputs. */
  static final List<String> FILES = List.of("comparison.csv", "comparison-districts.csv");

  private ScenarioBatch() {}

  /**
   * Runs the analysis on the scenario's inputs. Each method runs on its own changed inputs (a
   * closed practice's list is shared out as the method implies); the practices and PCNs reported
   * are those of the first method.
   */
  static AnalysisResult run(AnalysisResult baseline, ScenarioFile file) {
    Map<String, AnalysisInputs> changed;
    try {
      changed = ScenarioApply.apply(baseline.inputs(), file.changes());
    } catch (ScenarioException e) {
      throw new IllegalArgumentException("--scenario: " + e.getMessage(), e);
    }
    List<AnalysisResult.MethodResult> methods = new ArrayList<>();
    List<CatchmentMethod> instances = new ArrayList<>();
    Map<String, Double> timings = new LinkedHashMap<>();
    AnalysisResult first = null;
    for (AnalysisInputs in : changed.values()) {
      AnalysisResult r = Analysis.run(in);
      first = first == null ? r : first;
      methods.addAll(r.methods());
      instances.addAll(in.methods());
      r.timings().forEach((k, v) -> timings.merge(k, v, Double::sum));
    }
    AnalysisInputs combined = first.inputs().withMethods(instances);
    return new AnalysisResult(combined, first.layers(), methods, timings, combined.report());
  }

  /** Writes comparison.csv and comparison-districts.csv, every method, to {@code out}. */
  static void writeComparison(AnalysisResult baseline, AnalysisResult scenario, Path out) {
    List<Map<String, Object>> pcnRows = new ArrayList<>();
    List<Map<String, Object>> districtRows = new ArrayList<>();
    for (int i = 0; i < baseline.methods().size(); i++) {
      AnalysisResult.MethodResult before = baseline.methods().get(i);
      AnalysisResult.MethodResult after = scenario.methods().get(i);
      Comparison c =
          Comparison.of(
              before.method(),
              before.pcns(),
              before.pairs(),
              new ScenarioMethodResult(
                  after.catchments(),
                  after.pcns(),
                  scenario.layers(),
                  after.pairs(),
                  after.population()),
              baseline.inputs().districts());
      pcnRows.addAll(c.pcns());
      districtRows.addAll(c.districts());
    }
    CsvWriter.writeTable(out.resolve(FILES.get(0)), Comparison.PCN_COLUMNS, pcnRows);
    CsvWriter.writeTable(out.resolve(FILES.get(1)), Comparison.DISTRICT_COLUMNS, districtRows);
  }
}
