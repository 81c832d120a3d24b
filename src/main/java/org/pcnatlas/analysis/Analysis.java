package org.pcnatlas.analysis;

import java.util.Map;
import java.util.function.Supplier;

/** The names the analysis gives its layers, and the whole run ({@link Pipeline#run}). */
public final class Analysis {
  /** The name of the district layer in pairs and outputs. */
  public static final String DISTRICTS = "districts";

  /** The name of the network-area layer (districts dissolved by their group). */
  public static final String NETWORK_AREAS = "network-areas";

  private Analysis() {}

  /** Every stage of {@link Pipeline} on these inputs. */
  public static AnalysisResult run(AnalysisInputs in) {
    return Pipeline.run(in);
  }

  static <T> T time(Map<String, Double> timings, String stage, Supplier<T> work) {
    long start = System.nanoTime();
    T result = work.get();
    timings.merge(stage, (System.nanoTime() - start) / 1e9, Double::sum);
    return result;
  }
}
