package org.pcnatlas.model;

/**
 * Size bands of a PCN's registered list: below {@code lower}, from {@code lower} up to and
 * including {@code upper}, and above {@code upper}. NHS England's guidance is 30,000-50,000, the
 * default; labels follow the thresholds ({@code under-30k}, {@code 30k-50k}, {@code over-50k}).
 */
public record SizeBands(long lower, long upper) {
  public static final SizeBands NHS = new SizeBands(30_000, 50_000);

  public SizeBands {
    if (lower <= 0 || upper <= lower) {
      throw new IllegalArgumentException(
          "size band thresholds must satisfy 0 < lower < upper, got " + lower + " and " + upper);
    }
  }

  public String band(long registeredList) {
    if (registeredList < lower) {
      return "under-" + label(lower);
    }
    return registeredList <= upper ? label(lower) + "-" + label(upper) : "over-" + label(upper);
  }

  private static String label(long n) {
    return n % 1000 == 0 ? (n / 1000) + "k" : Long.toString(n);
  }
}
