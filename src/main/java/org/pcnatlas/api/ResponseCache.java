package org.pcnatlas.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Written responses by their request URL, within a byte budget; the data never changes while the
 * server runs, so an entry never goes stale. Lookups take no lock (the hot path of a busy map
 * server); when the budget is exceeded the cache starts afresh, which costs only re-rendering.
 */
final class ResponseCache {
  private final long maxBytes;
  private final AtomicLong bytes = new AtomicLong();
  private final ConcurrentHashMap<String, Responses.Body> entries = new ConcurrentHashMap<>();

  ResponseCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The cached body, or the one {@code make} renders (which may throw an {@link ApiError}). */
  Responses.Body get(String key, Supplier<Responses.Body> make) {
    Responses.Body b = entries.get(key);
    if (b != null) {
      return b;
    }
    Responses.Body made = make.get(); // two requests may both render it once; either is right
    long size = made.bytes().length + 2L * key.length();
    if (size <= maxBytes / 4 && entries.putIfAbsent(key, made) == null) {
      if (bytes.addAndGet(size) > maxBytes) {
        entries.clear();
        bytes.set(0);
      }
    }
    return made;
  }
}
