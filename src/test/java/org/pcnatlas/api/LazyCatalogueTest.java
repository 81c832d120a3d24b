package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A catalogue makes its collections on first use: requests that come together while nothing is made
 * yet all get the complete bodies a made catalogue gives.
 */
class LazyCatalogueTest {
  static final int THREADS = 8;

  /** Requests that need each part of a collection: layer, extent, CRS84 geometries, bbox. */
  static List<String> paths(Catalogue catalogue) {
    List<String> paths =
        new ArrayList<>(List.of("/collections", "/api", "/map/config.json", "/analysis/summary"));
    for (ApiCollection c : catalogue.collections()) {
      String items = "/collections/" + c.id() + "/items";
      paths.add("/collections/" + c.id());
      paths.add(items + "?limit=10000");
      paths.add(items + "?limit=10000&crs=" + OgcApiTest.BNG);
      paths.add(items + "?limit=10000&bbox=-1.4,51.6,-1.1,51.9");
      paths.add(items + "?limit=50&simplify=20&precision=5");
    }
    return paths;
  }

  /** The bodies with the server's address taken out (two servers, two ports). */
  static Map<String, String> fetch(int port, List<String> paths) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Map<String, String> bodies = new LinkedHashMap<>();
    for (String p : paths) {
      bodies.put(p, get(http, port, p));
    }
    return bodies;
  }

  static String get(HttpClient http, int port, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body().replace("localhost:" + port, "HOST");
  }

  @Test
  void concurrentFirstRequestsGetTheCompleteBodiesOfAMadeCatalogue() {
    Catalogue made = DemoCatalogue.fresh();
    made.warmUp();
    List<String> paths = paths(made);
    Map<String, String> expected = new LinkedHashMap<>();
    JavalinTest.test(
        WebServer.create(made, WebServer.Options.defaults()),
        (server, client) -> expected.putAll(fetch(server.port(), paths)));

    Catalogue lazy = DemoCatalogue.fresh();
    JavalinTest.test(
        WebServer.create(lazy, WebServer.Options.defaults()),
        (server, client) -> {
          ExecutorService pool = Executors.newFixedThreadPool(THREADS);
          try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Map<String, String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
              List<String> order = new ArrayList<>(paths);
              Collections.shuffle(order, new Random(t)); // each thread asks in its own order
              results.add(
                  pool.submit(
                      () -> {
                        go.await();
                        return fetch(server.port(), order);
                      }));
            }
            go.countDown();
            for (Future<Map<String, String>> r : results) {
              Map<String, String> got = r.get();
              for (String p : paths) {
                assertThat(got.get(p)).as(p).isEqualTo(expected.get(p));
              }
            }
          } finally {
            pool.shutdownNow();
          }
        });
  }

  @Test
  void theExtentIsTheSameBeforeAndAfterTheGeometriesAreReprojected() {
    Catalogue lazy = DemoCatalogue.fresh();
    for (ApiCollection c : lazy.collections()) {
      List<Double> bounded = Crs84ExtentTest.sides(c.extentCrs84());
      c.reproject();
      assertThat(Crs84ExtentTest.sides(c.extentCrs84())).as(c.id()).isEqualTo(bounded);
    }
  }
}
