package org.pcnatlas.api;

import java.time.Instant;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.Summary;
import org.pcnatlas.demo.BuiltInDemo;

/** The built-in demo analysed once per test JVM (voronoi and registration), as a catalogue. */
public final class DemoCatalogue {
  private static AnalysisInputs.Loaded loaded;
  private static AnalysisResult result;
  private static Catalogue catalogue;

  private DemoCatalogue() {}

  public static synchronized Catalogue get() {
    if (catalogue == null) {
      catalogue = fresh();
    }
    return catalogue;
  }

  /**
   * Another catalogue of the same analysis, none of whose collections is made yet (they are made on
   * first use).
   */
  public static synchronized Catalogue fresh() {
    if (result == null) {
      loaded = AnalysisInputs.load(BuiltInDemo.config());
      result = Analysis.run(loaded.inputs());
    }
    return new Catalogue(
        result,
        Summary.of(result, java.util.Map.of("data", "demo"), loaded.timings()),
        Instant.parse("2026-01-01T00:00:00Z"),
        loaded.lsoas());
  }
}
