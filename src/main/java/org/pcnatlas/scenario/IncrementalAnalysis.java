package org.pcnatlas.scenario;

import java.util.Objects;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.Pipeline;

/**
 * A scenario's recompute from the baseline: the one pipeline ({@link Pipeline#rerun}) run on the
 * changed inputs from the baseline run's stages, doing again only what the changes touch; the
 * result equals {@link #full} on the same inputs. Thread-safe: the baseline's stages are immutable.
 */
public final class IncrementalAnalysis {
  private final AnalysisResult baseline;

  /**
   * What a recompute did.
   *
   * @param fallback why the whole analysis was run instead, or null
   * @param cellsRebuilt Voronoi cells drawn again
   * @param pcnsChanged PCNs whose catchment geometry changed (new and removed ones included)
   * @param pcnsDissolved PCN catchments dissolved again
   * @param unitsReallocated population units placed again
   * @param figuresRecomputed PCNs whose figures were computed again
   * @param layersRecomputed area layers whose areas were drawn again (regrouped network areas)
   */
  public record Stats(
      String fallback,
      int cellsRebuilt,
      int pcnsChanged,
      int pcnsDissolved,
      int unitsReallocated,
      int figuresRecomputed,
      int layersRecomputed) {
    static Stats of(Pipeline.Stats s) {
      return new Stats(
          s.fallback(),
          s.cellsRebuilt(),
          s.pcnsChanged(),
          s.pcnsDissolved(),
          s.unitsReallocated(),
          s.figuresRecomputed(),
          s.layersRecomputed());
    }
  }

  /** A result with what computing it took. */
  public record Recomputed(ScenarioMethodResult result, Stats stats) {}

  private IncrementalAnalysis(AnalysisResult baseline) {
    this.baseline = baseline;
  }

  /** Recomputes scenarios from this baseline run. */
  public static IncrementalAnalysis of(AnalysisResult baseline) {
    return new IncrementalAnalysis(Objects.requireNonNull(baseline, "baseline"));
  }

  /** The reference: the whole pipeline on the changed inputs, projected onto the record. */
  public static ScenarioMethodResult full(AnalysisInputs changed) {
    AnalysisResult r = Pipeline.run(changed);
    return ScenarioMethodResult.of(r.methods().get(0), r.layers());
  }

  /**
   * The method's result on the changed inputs (one method, named as one of the baseline's).
   *
   * @throws IllegalArgumentException when the inputs hold not exactly one method or one the
   *     baseline did not run
   */
  public ScenarioMethodResult recompute(AnalysisInputs changed) {
    return recomputeWithStats(changed).result();
  }

  /** {@link #recompute} with what it took. */
  public Recomputed recomputeWithStats(AnalysisInputs changed) {
    Pipeline.Rerun r = Pipeline.rerun(baseline, changed);
    return new Recomputed(ScenarioMethodResult.of(r.result(), r.layers()), Stats.of(r.stats()));
  }
}
