package org.pcnatlas.api.tiles;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A value made once, on first use, by the first thread that asks (the {@code api.Lazy} pattern, for
 * this package, which does not depend on {@code api}): threads asking meanwhile wait for it and
 * none sees it half made; a failure goes to every thread that waited and the next one tries again.
 */
final class Once<T> implements Supplier<T> {
  private final Supplier<? extends T> make;
  private final AtomicReference<FutureTask<T>> task = new AtomicReference<>();

  Once(Supplier<? extends T> make) {
    this.make = Objects.requireNonNull(make, "make");
  }

  @Override
  public T get() {
    FutureTask<T> t = task.get();
    if (t == null) {
      FutureTask<T> mine = new FutureTask<>(() -> Objects.requireNonNull(make.get(), "made null"));
      if (task.compareAndSet(null, mine)) {
        mine.run();
      }
      t = task.get();
    }
    try {
      return t.get();
    } catch (ExecutionException e) {
      task.compareAndSet(t, null); // the next caller tries again
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for a value being made");
    }
  }
}
