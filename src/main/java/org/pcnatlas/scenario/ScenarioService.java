package org.pcnatlas.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;

/**
 * Scenarios over one baseline: checks changes before they are stored, computes each stored
 * version's results once (kept for the most recent versions) and compares them with the baseline.
 * Thread-safe; the store is the only shared state, so several processes over one database agree.
 */
public final class ScenarioService {
  /** How a method's changed inputs are recomputed. */
  public interface Engine {
    ScenarioMethodResult recompute(AnalysisInputs changed);
  }

  /**
   * One stored version's results.
   *
   * @param methods per method name, in the baseline's order
   * @param seconds how long applying and recomputing took
   */
  public record Computed(
      Scenario scenario, Map<String, ScenarioMethodResult> methods, double seconds) {}

  /**
   * The reference engine: a full run of the analysis on the changed inputs ({@link
   * IncrementalAnalysis} gives the same figures recomputing only what a change touches).
   */
  public static final Engine FULL =
      changed -> {
        org.pcnatlas.analysis.AnalysisResult r = org.pcnatlas.analysis.Analysis.run(changed);
        AnalysisResult.MethodResult m = r.methods().get(0);
        return new ScenarioMethodResult(
            m.catchments(), m.pcns(), r.layers(), m.pairs(), m.population());
      };

  /** The longest scenario name. */
  public static final int MAX_NAME = 200;

  /** The longest description. */
  public static final int MAX_DESCRIPTION = 4_000;

  private static final int CACHED_VERSIONS = 32;

  private final AnalysisResult baseline;
  private final ScenarioStore store;
  private final Engine engine;
  private final Map<String, Computed> computed =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Computed> eldest) {
          return size() > CACHED_VERSIONS;
        }
      };

  public ScenarioService(AnalysisResult baseline, ScenarioStore store, Engine engine) {
    this.baseline = baseline;
    this.store = store;
    this.engine = engine;
  }

  public AnalysisResult baseline() {
    return baseline;
  }

  public ScenarioStore store() {
    return store;
  }

  /**
   * Checks a name, description and changes against the baseline.
   *
   * @throws ScenarioException naming the field at fault
   */
  public void check(String name, String description, List<Change> changes) {
    if (name != null) {
      if (name.isBlank()) {
        throw new ScenarioException("InvalidScenario", "name", "name must not be empty");
      }
      if (name.length() > MAX_NAME) {
        throw new ScenarioException(
            "InvalidScenario", "name", "name is longer than " + MAX_NAME + " characters");
      }
    }
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw new ScenarioException(
          "InvalidScenario",
          "description",
          "description is longer than " + MAX_DESCRIPTION + " characters");
    }
    ScenarioApply.validate(baseline.inputs(), changes);
  }

  /** Checks and stores a new scenario. */
  public Scenario create(String name, String description, List<Change> changes) {
    check(name, description, changes);
    return store.create(name.strip(), description == null ? "" : description.strip(), changes);
  }

  /** Checks and stores new changes if the scenario is still at the version the caller read. */
  public Scenario replaceChanges(String id, long expectedVersion, List<Change> changes) {
    check(null, null, changes);
    return store.replaceChanges(id, expectedVersion, changes);
  }

  public void delete(String id, Long expectedVersion) {
    store.delete(id, expectedVersion);
  }

  public Optional<Scenario> get(String id) {
    return store.get(id);
  }

  public List<Scenario> list() {
    return store.list();
  }

  /**
   * The scenario's results for every method, computed once per stored version.
   *
   * @throws ScenarioException when the stored changes no longer fit the baseline (the service was
   *     started on other data)
   */
  public Computed compute(Scenario s) {
    String key = s.id() + "@" + s.version();
    synchronized (computed) {
      Computed c = computed.get(key);
      if (c != null) {
        return c;
      }
    }
    long start = System.nanoTime();
    Map<String, AnalysisInputs> inputs = ScenarioApply.apply(baseline.inputs(), s.changes());
    Map<String, ScenarioMethodResult> results = new LinkedHashMap<>();
    inputs.forEach((method, in) -> results.put(method, engine.recompute(in)));
    Computed c = new Computed(s, results, (System.nanoTime() - start) / 1e9);
    synchronized (computed) {
      computed.put(key, c);
    }
    return c;
  }

  /** Before and after for one method of the baseline. */
  public Comparison comparison(Computed c, String method) {
    AnalysisResult.MethodResult before =
        baseline.methods().stream()
            .filter(m -> m.method().equals(method))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("method " + method + " was not run"));
    return Comparison.of(
        method,
        before.pcns(),
        before.pairs(),
        c.methods().get(method),
        baseline.inputs().districts());
  }
}
