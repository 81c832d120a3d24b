package org.pcnatlas.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table {@code bench --repeat N} prints: per step, the first (cold) run, and the minimum and
 * median of the warm runs 2..N; then the compute steps (a-e) and load + compute summed per run.
 */
final class RepeatReport {
  private RepeatReport() {}

  static String format(Map<String, Double> cold, List<Map<String, Double>> warm) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "bench --repeat %d: seconds per step; cold = run 1, warm = runs 2..%d%n",
            warm.size() + 1,
            warm.size() + 1));
    sb.append(
        String.format(Locale.ROOT, "%-16s %9s %9s %9s%n", "step", "cold", "warm min", "median"));
    for (String step : BenchPipeline.STEPS) {
      line(
          sb,
          step,
          cold.getOrDefault(step, 0.0),
          warm.stream().mapToDouble(m -> m.getOrDefault(step, 0.0)).toArray());
    }
    line(
        sb,
        "compute a-e",
        compute(cold),
        warm.stream().mapToDouble(RepeatReport::compute).toArray());
    line(
        sb,
        "total",
        compute(cold) + cold.getOrDefault("load", 0.0),
        warm.stream().mapToDouble(m -> compute(m) + m.getOrDefault("load", 0.0)).toArray());
    return sb.toString();
  }

  private static double compute(Map<String, Double> run) {
    return run.entrySet().stream()
        .filter(e -> !e.getKey().equals("load"))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  private static void line(StringBuilder sb, String step, double cold, double[] warm) {
    Arrays.sort(warm);
    int n = warm.length;
    double median = n % 2 == 1 ? warm[n / 2] : (warm[n / 2 - 1] + warm[n / 2]) / 2;
    sb.append(String.format(Locale.ROOT, "%-16s %9.4f %9.4f %9.4f%n", step, cold, warm[0], median));
  }
}
