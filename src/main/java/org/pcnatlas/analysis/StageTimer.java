package org.pcnatlas.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Seconds per named stage of one run, in the order the stages first ran (a stage run twice adds
 * up). Thread-safe.
 */
public final class StageTimer {
  private final Map<String, Double> seconds = new LinkedHashMap<>();

  /** Runs one stage, timing it under {@code name}. */
  public <T> T time(String name, Supplier<T> stage) {
    long start = System.nanoTime();
    T result = stage.get();
    add(name, (System.nanoTime() - start) / 1e9);
    return result;
  }

  /** Adds seconds to a stage. */
  public synchronized void add(String name, double s) {
    seconds.merge(name, s, Double::sum);
  }

  /** The seconds so far, in order. */
  public synchronized Map<String, Double> seconds() {
    return new LinkedHashMap<>(seconds);
  }
}
