package org.pcnatlas.api.tiles;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Rendered tiles by key within a byte budget, least recently used first out. A tile being rendered
 * is rendered once: other requests for it wait for the same result instead of rendering it again (a
 * map asks for the same tiles from several clients at once). Thread-safe; lookups hold one short
 * lock, rendering holds none.
 *
 * @param <V> what is kept (the tile and its ETag)
 */
public final class TileCache<V> {
  private final long maxBytes;
  private final ToLongFunction<V> weigher;
  private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>(256, 0.75f, true);
  private final ConcurrentHashMap<String, Once<V>> rendering = new ConcurrentHashMap<>();
  private long bytes; // guarded by entries

  private record Entry<V>(V value, long weight) {}

  /**
   * @param maxBytes the budget; a value heavier than a quarter of it is served but not kept
   * @param weigher the bytes a value holds
   */
  public TileCache(long maxBytes, ToLongFunction<V> weigher) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("the tile cache needs a positive budget, not " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.weigher = Objects.requireNonNull(weigher, "weigher");
  }

  /** The kept value, or the one {@code make} renders (once, however many ask meanwhile). */
  public V get(String key, Supplier<V> make) {
    V kept = peek(key);
    if (kept != null) {
      return kept;
    }
    Once<V> once = rendering.computeIfAbsent(key, k -> new Once<>(make));
    try {
      V v = once.get();
      put(key, v);
      return v;
    } finally {
      rendering.remove(key, once);
    }
  }

  /** The kept value, or null. */
  public V peek(String key) {
    synchronized (entries) {
      Entry<V> e = entries.get(key);
      return e == null ? null : e.value();
    }
  }

  /** The bytes kept now. */
  public long bytes() {
    synchronized (entries) {
      return bytes;
    }
  }

  /** The number of values kept now. */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private void put(String key, V value) {
    long w = weigher.applyAsLong(value) + 2L * key.length() + 64;
    if (w > maxBytes / 4) {
      return;
    }
    synchronized (entries) {
      Entry<V> old = entries.put(key, new Entry<>(value, w));
      bytes += w - (old == null ? 0 : old.weight());
      Iterator<Map.Entry<String, Entry<V>>> eldest = entries.entrySet().iterator();
      while (bytes > maxBytes && eldest.hasNext()) {
        bytes -= eldest.next().getValue().weight();
        eldest.remove();
      }
    }
  }
}
