package org.pcnatlas.analysis;

/** The names the analysis gives its layers, and the whole run ({@link Pipeline#run}). */
public final class Analysis {
  /** The name of the district layer in pairs and outputs. */
  public static final String DISTRICTS = org.pcnatlas.model.AreaLayer.DISTRICTS;

  /** The name of the network-area layer (districts dissolved by their group). */
  public static final String NETWORK_AREAS = org.pcnatlas.model.AreaLayer.NETWORK_AREAS;

  private Analysis() {}

  /** Every stage of {@link Pipeline} on these inputs. */
  public static AnalysisResult run(AnalysisInputs in) {
    return Pipeline.run(in);
  }
}
