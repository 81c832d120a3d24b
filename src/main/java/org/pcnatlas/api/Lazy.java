package org.pcnatlas.api;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made once, on first use, by the first thread that asks; threads asking meanwhile wait for
 * it, so none ever sees it half made. A failure is thrown to the thread that asked and the next one
 * tries again.
 */
final class Lazy<T> implements Supplier<T> {
  private Supplier<? extends T> make; // guarded by this; null once made
  private volatile T value;

  private Lazy(Supplier<? extends T> make, T value) {
    this.make = make;
    this.value = value;
  }

  static <T> Lazy<T> of(Supplier<? extends T> make) {
    return new Lazy<>(Objects.requireNonNull(make, "make"), null);
  }

  /** A value that is made already. */
  static <T> Lazy<T> done(T value) {
    return new Lazy<>(null, Objects.requireNonNull(value, "value"));
  }

  @Override
  public T get() {
    T v = value;
    if (v != null) {
      return v;
    }
    synchronized (this) {
      if (value == null) {
        value = Objects.requireNonNull(make.get(), "made null");
        make = null;
      }
      return value;
    }
  }

  /** True once the value is made. */
  boolean isDone() {
    return value != null;
  }
}
