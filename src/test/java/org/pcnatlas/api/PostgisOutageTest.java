package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.scenario.IncrementalAnalysis;
import org.pcnatlas.scenario.ScenarioService;
import org.pcnatlas.scenario.ScenarioStore;
import org.pcnatlas.scenario.store.PostgisScenarioStore;
import org.pcnatlas.scenario.store.PostgresUrl;
import org.pcnatlas.testing.Postgis;

/**
 * The PostGIS store going away while the server runs: its connections terminated ({@code
 * pg_terminate_backend}) and new ones refused is a 503 {@code StoreUnavailable} for every request
 * that needs the store, never a 500 and never a lost acknowledged write; when the database takes
 * connections again the server serves and writes again by itself, without a restart.
 */
class PostgisOutageTest {
  static final String TOKEN = "outage-token";

  static HttpResponse<String> send(String base, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Runs SQL as the test role from the {@code postgres} database (not the one cut off). */
  static void admin(PostgresUrl u, String sql) throws Exception {
    String url = "jdbc:postgresql://" + u.host() + ":" + u.port() + "/postgres";
    try (Connection c = DriverManager.getConnection(url, u.user(), u.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void theDatabaseGoingAwayIsA503AndTheServerRecoversByItselfWhenItReturns() throws Exception {
    String database = Postgis.require();
    String schema = Postgis.freshSchema();
    PostgresUrl u = PostgresUrl.parse(database);
    String db = u.database();
    AnalysisResult result = DemoCatalogue.get().result();
    IncrementalAnalysis engine = IncrementalAnalysis.of(result);
    Javalin app = null;
    try (ScenarioStore store = PostgisScenarioStore.open(Postgis.inSchema(database, schema))) {
      ScenarioService service = new ScenarioService(result, store, engine::recompute);
      Catalogue catalogue =
          new Catalogue(
              result, DemoCatalogue.get().summary(), Instant.parse("2026-01-01T00:00:00Z"));
      app =
          WebServer.create(
                  catalogue,
                  new WebServer.Options("127.0.0.1", 0, java.util.List.of("*"), null, null),
                  new ScenarioApi(
                      service,
                      new ScenarioApi.Options(TOKEN, ScenarioApi.Options.DEFAULT_MAX_BODY)))
              .start();
      String base = "http://127.0.0.1:" + app.port();
      HttpResponse<String> before =
          send(base, "POST", "/scenarios", "{\"name\":\"before\",\"changes\":[]}");
      assertThat(before.statusCode()).as(before.body()).isEqualTo(201);

      // the database goes away: no new connections, and the open ones are terminated
      admin(u, "ALTER DATABASE " + db + " CONNECTION LIMIT 0");
      try {
        admin(
            u,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + db
                + "' AND usename = current_user AND pid <> pg_backend_pid()");
        for (String[] req :
            new String[][] {
              {"POST", "/scenarios", "{\"name\":\"during\",\"changes\":[]}"},
              {"GET", "/scenarios", null},
            }) {
          HttpResponse<String> r = send(base, req[0], req[1], req[2]);
          assertThat(r.statusCode()).as(req[0] + " " + r.body()).isEqualTo(503);
          assertThat(OgcApiTest.JSON.readTree(r.body()).get("code").asText())
              .isEqualTo("StoreUnavailable");
          assertThat(r.body()).doesNotContain(u.password() == null ? "\u0000" : u.password());
        }
        // what does not need the store keeps working (the list of collections names the scenarios'
        // collections, so it needs the store)
        assertThat(send(base, "GET", "/collections/catchments-voronoi/items", null).statusCode())
            .isEqualTo(200);
      } finally {
        admin(u, "ALTER DATABASE " + db + " CONNECTION LIMIT -1");
      }

      // back: the next requests are served, with no restart; nothing acknowledged was lost
      HttpResponse<String> after =
          send(base, "POST", "/scenarios", "{\"name\":\"after\",\"changes\":[]}");
      assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
      String list = send(base, "GET", "/scenarios", null).body();
      assertThat(list).contains("\"before\"").contains("\"after\"").doesNotContain("\"during\"");
    } finally {
      if (app != null) {
        app.stop();
      }
      Postgis.dropSchema(database, schema);
    }
  }
}
