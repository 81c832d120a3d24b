package org.pcnatlas.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Wall-clock seconds per pipeline step, in the order the steps ran; each finished step is also
 * passed to a listener (the command prints it as a {@code TIMING} line at once).
 */
final class StepTimer {
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private final BiConsumer<String, Double> listener;

  StepTimer(BiConsumer<String, Double> listener) {
    this.listener = listener;
  }

  /** A timer that only records. */
  static StepTimer silent() {
    return new StepTimer((step, s) -> {});
  }

  <T> T time(String step, Supplier<T> work) {
    long start = System.nanoTime();
    T result = work.get();
    double s = (System.nanoTime() - start) / 1e9;
    seconds.put(step, s);
    listener.accept(step, s);
    return result;
  }

  void time(String step, Runnable work) {
    time(
        step,
        () -> {
          work.run();
          return null;
        });
  }

  /** Records a step timed elsewhere (a stage of the analysis). */
  void record(String step, double s) {
    seconds.merge(step, s, Double::sum);
    listener.accept(step, s);
  }

  /** Seconds per step, in the order they ran. */
  Map<String, Double> seconds() {
    return Collections.unmodifiableMap(seconds);
  }
}
