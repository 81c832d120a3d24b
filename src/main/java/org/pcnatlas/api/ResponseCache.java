package org.pcnatlas.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Recently written responses by their canonical URL, least recently used dropped first, within a
 * byte budget. The data never changes while the server runs, so an entry never goes stale.
 */
final class ResponseCache {
  private final long maxBytes;
  private long bytes;
  private final LinkedHashMap<String, Responses.Body> entries =
      new LinkedHashMap<>(64, 0.75f, true);

  ResponseCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  Responses.Body get(String key, Supplier<Responses.Body> make) {
    synchronized (this) {
      Responses.Body b = entries.get(key);
      if (b != null) {
        return b;
      }
    }
    Responses.Body made = make.get(); // outside the lock: two requests may both make it once
    synchronized (this) {
      if (made.bytes().length <= maxBytes / 4 && !entries.containsKey(key)) {
        entries.put(key, made);
        bytes += made.bytes().length;
        var it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
          Map.Entry<String, Responses.Body> eldest = it.next();
          bytes -= eldest.getValue().bytes().length;
          it.remove();
        }
      }
    }
    return made;
  }
}
