package org.pcnatlas.api.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The tile cache: a byte budget, least recently used out, each tile rendered once. */
class TileCacheTest {
  static byte[] bytes(int n) {
    return new byte[n];
  }

  @Test
  void keepsWithinItsBudgetDroppingTheLeastRecentlyUsed() {
    // each entry weighs its bytes + 2 per key character + 64
    TileCache<byte[]> cache = new TileCache<>(4_000, b -> b.length);
    for (String k : new String[] {"a", "b", "c", "d", "e"}) {
      cache.get(k, () -> bytes(700)); // 766 each, five fit
    }
    cache.get("a", () -> bytes(1)); // a is used again: b is now the eldest
    cache.get("f", () -> bytes(700)); // 6 x 766 > 4000: one goes
    assertThat(cache.peek("b")).isNull();
    assertThat(cache.peek("a")).hasSize(700);
    for (String k : new String[] {"c", "d", "e", "f"}) {
      assertThat(cache.peek(k)).as(k).isNotNull();
    }
    assertThat(cache.bytes()).isLessThanOrEqualTo(4_000).isEqualTo(5 * 766);
  }

  @Test
  void aValueOverAQuarterOfTheBudgetIsServedButNotKept() {
    TileCache<byte[]> cache = new TileCache<>(4_000, b -> b.length);
    assertThat(cache.get("big", () -> bytes(1_000))).hasSize(1_000);
    assertThat(cache.peek("big")).isNull();
    assertThat(cache.size()).isZero();
  }

  @Test
  void concurrentRequestsForOneTileRenderItOnce() throws Exception {
    TileCache<byte[]> cache = new TileCache<>(1 << 20, b -> b.length);
    AtomicInteger renders = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return cache.get(
                      "10/340/511",
                      () -> {
                        renders.incrementAndGet();
                        sleep(50);
                        return bytes(10);
                      });
                }));
      }
      start.countDown();
      byte[] first = results.get(0).get(10, TimeUnit.SECONDS);
      for (Future<byte[]> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(renders).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedRenderIsNotKeptAndTheNextRequestTriesAgain() {
    TileCache<byte[]> cache = new TileCache<>(1 << 20, b -> b.length);
    assertThatThrownBy(
            () ->
                cache.get(
                    "k",
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(cache.get("k", () -> bytes(3))).hasSize(3);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
