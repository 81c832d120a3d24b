package org.pcnatlas.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Class limits at the quantiles of positive values, rounded to two significant figures. */
public final class NiceBreaks {
  private NiceBreaks() {}

  /**
   * Up to {@code classes - 1} ascending limits: the value at each i/classes quantile of the
   * positive values (the {@code floor(i * n / classes)}-th smallest), rounded to two significant
   * figures; a limit not above the one before is left out, so few distinct values give fewer
   * classes.
   */
  public static List<Double> of(double[] values, int classes) {
    double[] sorted = Arrays.stream(values).filter(v -> v > 0).sorted().toArray();
    List<Double> breaks = new ArrayList<>();
    for (int i = 1; i < classes && sorted.length > 0; i++) {
      double quantile = sorted[(int) Math.floor((double) i * sorted.length / classes)];
      double unit = Math.pow(10, Math.floor(Math.log10(quantile)) - 1);
      double limit = Math.round(quantile / unit) * unit;
      // two significant figures exactly, without the binary noise of the product
      limit = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.2g", limit));
      if (limit > (breaks.isEmpty() ? 0 : breaks.get(breaks.size() - 1))) {
        breaks.add(limit);
      }
    }
    return breaks;
  }

  /** {@code n} colours of the palette, spread from its first to its last. */
  public static <T> List<T> spread(List<T> palette, int n) {
    if (n >= palette.size()) {
      return List.copyOf(palette);
    }
    if (n == 1) {
      return List.of(palette.get(palette.size() / 2));
    }
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(palette.get((int) Math.round((double) i * (palette.size() - 1) / (n - 1))));
    }
    return out;
  }
}
