package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.scenario.Comparison;
import org.pcnatlas.scenario.IncrementalAnalysis;
import org.pcnatlas.scenario.ScenarioService;
import org.pcnatlas.scenario.ScenarioStore;
import org.pcnatlas.scenario.store.SqliteScenarioStore;

/** The scenario routes in process over the demo, with the embedded store in a temporary folder. */
class ScenarioApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "test-token-0123456789";
  static final String MOVE = "{'type':'move-practice','practice':'Z00004','toPcn':'U90001'}";
  static final String MERGE =
      "{'type':'merge-pcns','pcns':['U90003','U90004'],'into':{'code':'U99999','name':'SW'}}";

  /** The engine serve uses, shared by the tests as by a server's request threads. */
  static final IncrementalAnalysis ENGINE = IncrementalAnalysis.of(DemoCatalogue.get().result());

  @TempDir Path dir;
  ScenarioStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  Javalin app(long maxBody) {
    return app(maxBody, WebServer.Options.defaults());
  }

  Javalin app(long maxBody, WebServer.Options options) {
    store = SqliteScenarioStore.open(dir);
    return app(store, maxBody, options);
  }

  /** The demo served with scenarios in the store, the token {@link #TOKEN} and {@link #ENGINE}. */
  static Javalin app(ScenarioStore store, long maxBody, WebServer.Options options) {
    AnalysisResult result = DemoCatalogue.get().result();
    Catalogue catalogue =
        new Catalogue(result, DemoCatalogue.get().summary(), Instant.parse("2026-01-01T00:00:00Z"));
    ScenarioService service = new ScenarioService(result, store, ENGINE::recompute);
    return WebServer.create(
        catalogue, options, new ScenarioApi(service, new ScenarioApi.Options(TOKEN, maxBody)));
  }

  Javalin app() {
    return app(ScenarioApi.Options.DEFAULT_MAX_BODY);
  }

  record Reply(int status, Map<String, List<String>> headers, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }

    String header(String name) {
      List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return v == null ? null : v.get(0);
    }
  }

  static String q(String s) {
    return s.replace('\'', '"');
  }

  static Reply send(int port, String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(q(body)));
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.headers().map(), r.body());
  }

  static String[] auth(String... more) {
    List<String> h = new ArrayList<>(List.of("Authorization", "Bearer " + TOKEN));
    h.addAll(List.of("Content-Type", "application/json"));
    h.addAll(List.of(more));
    return h.toArray(String[]::new);
  }

  static Reply create(int port, String name, String changes) throws Exception {
    return send(
        port, "POST", "/scenarios", "{'name':'" + name + "','changes':[" + changes + "]}", auth());
  }

  @Test
  void createReadListUpdateDelete() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          int port = server.port();
          Reply c = create(port, "Kingsford", MOVE);
          assertThat(c.status()).isEqualTo(201);
          String id = c.json().get("id").asText();
          assertThat(c.header("Location")).endsWith("/scenarios/" + id);
          assertThat(c.header("ETag")).isEqualTo("\"v1\"");
          assertThat(c.json().get("changes").get(0).get("toPcn").asText()).isEqualTo("U90001");

          Reply g = send(port, "GET", "/scenarios/" + id, null);
          assertThat(g.status()).isEqualTo(200);
          assertThat(g.json().get("name").asText()).isEqualTo("Kingsford");
          assertThat(g.json().get("version").asLong()).isEqualTo(1);
          assertThat(
                  send(port, "GET", "/scenarios/" + id, null, "If-None-Match", "\"v1\"").status())
              .isEqualTo(304);
          JsonNode list = send(port, "GET", "/scenarios", null).json().get("scenarios");
          assertThat(list).hasSize(1);
          assertThat(list.get(0).get("change_count").asInt()).isEqualTo(1);

          Reply u =
              send(
                  port,
                  "PUT",
                  "/scenarios/" + id + "/changes",
                  "{'changes':[" + MOVE + "," + MERGE + "]}",
                  auth("If-Match", "\"v1\""));
          assertThat(u.status()).isEqualTo(200);
          assertThat(u.header("ETag")).isEqualTo("\"v2\"");
          assertThat(u.json().get("changes")).hasSize(2);

          // a stale version is a conflict and changes nothing
          Reply stale =
              send(port, "PUT", "/scenarios/" + id + "/changes", "[]", auth("If-Match", "\"v1\""));
          assertThat(stale.status()).isEqualTo(409);
          assertThat(stale.json().get("code").asText()).isEqualTo("VersionConflict");
          assertThat(send(port, "GET", "/scenarios/" + id, null).json().get("changes")).hasSize(2);
          // without If-Match: precondition required
          assertThat(send(port, "PUT", "/scenarios/" + id + "/changes", "[]", auth()).status())
              .isEqualTo(428);

          assertThat(
                  send(port, "DELETE", "/scenarios/" + id, null, auth("If-Match", "\"v1\""))
                      .status())
              .isEqualTo(409);
          assertThat(send(port, "DELETE", "/scenarios/" + id, null, auth()).status())
              .isEqualTo(204);
          assertThat(send(port, "GET", "/scenarios/" + id, null).status()).isEqualTo(404);
          assertThat(send(port, "DELETE", "/scenarios/" + id, null, auth()).status())
              .isEqualTo(404);
          assertThat(
                  send(port, "PUT", "/scenarios/nope/changes", "[]", auth("If-Match", "\"v1\""))
                      .status())
              .isEqualTo(404);
        });
  }

  @Test
  void writesNeedTheTokenAndRejectedOnesStoreNothing() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          int port = server.port();
          String body = "{'name':'x','changes':[" + MOVE + "]}";
          Reply none = send(port, "POST", "/scenarios", body, "Content-Type", "application/json");
          assertThat(none.status()).isEqualTo(401);
          assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
          assertThat(none.json().get("code").asText()).isEqualTo("Unauthorized");
          Reply wrong =
              send(port, "POST", "/scenarios", body, "Authorization", "Bearer not-the-token");
          assertThat(wrong.status()).isEqualTo(401);
          assertThat(
                  send(port, "POST", "/scenarios", body, "Authorization", "Basic " + TOKEN)
                      .status())
              .isEqualTo(401);
          assertThat(send(port, "GET", "/scenarios", null).json().get("scenarios")).isEmpty();

          String id = create(port, "kept", MOVE).json().get("id").asText();
          assertThat(
                  send(
                          port,
                          "PUT",
                          "/scenarios/" + id + "/changes",
                          "[]",
                          "If-Match",
                          "\"v1\"",
                          "Authorization",
                          "Bearer wrong")
                      .status())
              .isEqualTo(401);
          assertThat(send(port, "DELETE", "/scenarios/" + id, null).status()).isEqualTo(401);
          JsonNode kept = send(port, "GET", "/scenarios/" + id, null).json();
          assertThat(kept.get("version").asLong()).isEqualTo(1);
          assertThat(kept.get("changes")).hasSize(1);
        });
  }

  @Test
  void anOversizeBodyIs413WithOrWithoutALength() {
    JavalinTest.test(
        app(1024),
        (server, client) -> {
          int port = server.port();
          String big = "{'name':'" + "x".repeat(2000) + "'}";
          Reply r = send(port, "POST", "/scenarios", big, auth());
          assertThat(r.status()).isEqualTo(413);
          assertThat(r.json().get("code").asText()).isEqualTo("PayloadTooLarge");
          // chunked: no Content-Length, the limit is enforced while reading
          byte[] bytes = q(big).getBytes(StandardCharsets.UTF_8);
          HttpRequest chunked =
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/scenarios"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new ByteArrayInputStream(bytes)))
                  .build();
          HttpResponse<String> cr =
              HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
          assertThat(cr.statusCode()).isEqualTo(413);
          assertThat(send(port, "GET", "/scenarios", null).json().get("scenarios")).isEmpty();
        });
  }

  @Test
  void badBodiesAre422NamingTheFieldAndStoreNothing() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          int port = server.port();
          Object[][] cases = {
            {"{'name':'x',", "body", "MalformedJson"},
            {"", "body", "MalformedJson"},
            {"[1,2]", "body", "InvalidScenario"},
            {"{'changes':[]}", "name", "InvalidScenario"},
            {"{'name':'  '}", "name", "InvalidScenario"},
            {"{'name':'x','colour':'red'}", "colour", "InvalidScenario"},
            {"{'name':'x','changes':[{'type':'demolish'}]}", "changes[0].type", "InvalidChange"},
            {"{'name':'x','changes':{}}", "changes", "InvalidChange"},
            {
              "{'name':'x','changes':[{'type':'move-practice','practice':'Z00004','toPcn':'U0'}]}",
              "changes[0].toPcn",
              "UnknownCode"
            },
            {
              "{'name':'x','changes':[" + MOVE + ",{'type':'close-practice','practice':'Q9'}]}",
              "changes[1].practice",
              "UnknownCode"
            },
            {
              "{'name':'x','changes':[{'type':'add-site','code':'Z9','name':'N','pcn':'U90001',"
                  + "'listSize':10,'lon':-3.5,'lat':55.0}]}",
              "changes[0].lon",
              "OutsideStudyArea"
            },
          };
          for (Object[] c : cases) {
            Reply r = send(port, "POST", "/scenarios", (String) c[0], auth());
            assertThat(r.status()).as((String) c[0]).isEqualTo(422);
            assertThat(r.json().get("field").asText()).as((String) c[0]).isEqualTo(c[1]);
            assertThat(r.json().get("code").asText()).as((String) c[0]).isEqualTo(c[2]);
            assertThat(r.json().get("description").asText()).isNotBlank();
          }
          assertThat(
                  send(
                          port,
                          "POST",
                          "/scenarios",
                          "{'name':'x'}",
                          "Authorization",
                          "Bearer " + TOKEN,
                          "Content-Type",
                          "text/xml")
                      .status())
              .isEqualTo(415);
          assertThat(send(port, "GET", "/scenarios", null).json().get("scenarios")).isEmpty();
          // on update too: the stored version stays
          String id = create(port, "kept", MOVE).json().get("id").asText();
          Reply bad =
              send(
                  port,
                  "PUT",
                  "/scenarios/" + id + "/changes",
                  "[{'type':'close-practice','practice':'Q9'}]",
                  auth("If-Match", "\"v1\""));
          assertThat(bad.status()).isEqualTo(422);
          assertThat(bad.json().get("field").asText()).isEqualTo("changes[0].practice");
          assertThat(send(port, "GET", "/scenarios/" + id, null).json().get("version").asLong())
              .isEqualTo(1);
        });
  }

  @Test
  void theComparisonShowsBeforeAndAfterAsJsonAndCsv() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          int port = server.port();
          String id = create(port, "move", MOVE).json().get("id").asText();
          JsonNode cmp =
              send(port, "GET", "/scenarios/" + id + "/comparison?method=voronoi", null).json();
          assertThat(cmp.get("method").asText()).isEqualTo("voronoi");
          Map<String, JsonNode> rows = new java.util.TreeMap<>();
          cmp.get("pcns").forEach(r -> rows.put(r.get("pcn_code").asText(), r));
          JsonNode gained = rows.get("U90001");
          JsonNode lost = rows.get("U90002");
          assertThat(gained.get("status").asText()).isEqualTo(Comparison.CHANGED);
          assertThat(lost.get("status").asText()).isEqualTo(Comparison.CHANGED);
          long list = gained.get("registered_list_change").asLong();
          assertThat(list).isPositive().isEqualTo(-lost.get("registered_list_change").asLong());
          assertThat(gained.get("practices_after").asInt())
              .isEqualTo(gained.get("practices_before").asInt() + 1);
          assertThat(gained.get("resident_population_change").asDouble()).isPositive();
          assertThat(
                  rows.values().stream().filter(r -> r.get("status").asText().equals("unchanged")))
              .isNotEmpty();
          assertThat(cmp.get("districts")).hasSize(5);

          Reply csv =
              send(port, "GET", "/scenarios/" + id + "/comparison?method=registration&f=csv", null);
          assertThat(csv.status()).isEqualTo(200);
          assertThat(csv.header("Content-Type")).startsWith("text/csv");
          String[] lines = csv.body().split("\n");
          assertThat(lines[0]).isEqualTo(String.join(",", Comparison.PCN_COLUMNS));
          assertThat(lines).hasSize(rows.size() + 1);
          Reply districts =
              send(port, "GET", "/scenarios/" + id + "/comparison?f=csv&table=districts", null);
          assertThat(districts.body().split("\n")[0])
              .isEqualTo(String.join(",", Comparison.DISTRICT_COLUMNS));
          for (String bad :
              List.of("?method=nope", "?f=xml", "?table=wards", "?colour=red", "?f=csv&f=json")) {
            Reply r = send(port, "GET", "/scenarios/" + id + "/comparison" + bad, null);
            assertThat(r.status()).as(bad).isEqualTo(400);
          }
          assertThat(send(port, "GET", "/scenarios/zzz/comparison", null).status()).isEqualTo(404);
        });
  }

  @Test
  void aScenariosCatchmentsAreOgcCollectionsThatFollowItsVersion() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          int port = server.port();
          String id = create(port, "merge", MERGE).json().get("id").asText();
          String cid = "scenario-" + id + "-catchments-voronoi";
          JsonNode all = send(port, "GET", "/collections", null).json().get("collections");
          List<String> ids = new ArrayList<>();
          all.forEach(c -> ids.add(c.get("id").asText()));
          assertThat(ids).contains(cid, "scenario-" + id + "-catchments-registration");
          int baseline =
              send(port, "GET", "/collections/catchments-voronoi/items", null)
                  .json()
                  .get("numberMatched")
                  .asInt();
          Reply items = send(port, "GET", "/collections/" + cid + "/items", null);
          assertThat(items.status()).isEqualTo(200);
          assertThat(items.header("Cache-Control")).isEqualTo("no-cache");
          assertThat(items.json().get("numberMatched").asInt()).isEqualTo(baseline - 1);
          assertThat(send(port, "GET", "/collections/" + cid + "/items/U99999", null).status())
              .isEqualTo(200);
          // a new version: the same URL gives the new layer, not a cached one
          send(port, "PUT", "/scenarios/" + id + "/changes", "[]", auth("If-Match", "\"v1\""));
          assertThat(
                  send(port, "GET", "/collections/" + cid + "/items", null)
                      .json()
                      .get("numberMatched")
                      .asInt())
              .isEqualTo(baseline);
          assertThat(send(port, "GET", "/collections/" + cid + "/items/U99999", null).status())
              .isEqualTo(404);
          send(port, "DELETE", "/scenarios/" + id, null, auth());
          assertThat(send(port, "GET", "/collections/" + cid + "/items", null).status())
              .isEqualTo(404);
          assertThat(
                  send(port, "GET", "/collections/scenario-" + id + "-catchments-nope", null)
                      .status())
              .isEqualTo(404);
        });
  }

  @Test
  void aStoredScenarioThatNoLongerFitsTheDataIs409NotA500() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          int port = server.port();
          // stored by a server started on other data: its practice is not in this baseline
          String id =
              store
                  .create(
                      "from other data",
                      "",
                      List.of(new org.pcnatlas.scenario.Change.ClosePractice("Q99999")))
                  .id();
          assertThat(send(port, "GET", "/scenarios/" + id, null).status()).isEqualTo(200);
          Reply cmp = send(port, "GET", "/scenarios/" + id + "/comparison", null);
          assertThat(cmp.status()).isEqualTo(409);
          assertThat(cmp.json().get("code").asText()).isEqualTo("ScenarioOutdated");
          assertThat(cmp.json().get("description").asText()).contains("Q99999");
          assertThat(cmp.json().get("field").asText()).isEqualTo("changes[0].practice");
          Reply items =
              send(port, "GET", "/collections/scenario-" + id + "-catchments-voronoi/items", null);
          assertThat(items.status()).isEqualTo(409);
          // the listing leaves it out rather than failing
          Reply all = send(port, "GET", "/collections", null);
          assertThat(all.status()).isEqualTo(200);
          assertThat(all.body()).doesNotContain("scenario-" + id);
          // its changes can be mended
          Reply mended =
              send(port, "PUT", "/scenarios/" + id + "/changes", "[]", auth("If-Match", "\"v1\""));
          assertThat(mended.status()).isEqualTo(200);
          assertThat(send(port, "GET", "/scenarios/" + id + "/comparison", null).status())
              .isEqualTo(200);
        });
  }

  @Test
  void aStoreThatCannotBeReachedIs503NotA500() {
    ScenarioStore down =
        (ScenarioStore)
            java.lang.reflect.Proxy.newProxyInstance(
                ScenarioStore.class.getClassLoader(),
                new Class<?>[] {ScenarioStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("describe")) {
                    return "a database that is down";
                  }
                  if (method.getName().equals("close")) {
                    return null;
                  }
                  throw new ScenarioStore.StoreException(
                      "cannot list scenarios: connection refused", null);
                });
    AnalysisResult result = DemoCatalogue.get().result();
    Javalin app =
        WebServer.create(
            new Catalogue(result, DemoCatalogue.get().summary(), Instant.now()),
            WebServer.Options.defaults(),
            new ScenarioApi(
                new ScenarioService(result, down, ENGINE::recompute),
                new ScenarioApi.Options(TOKEN, 4096)));
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply r = send(server.port(), "GET", "/scenarios", null);
          assertThat(r.status()).isEqualTo(503);
          assertThat(r.json().get("code").asText()).isEqualTo("StoreUnavailable");
          assertThat(r.body()).doesNotContain("refused"); // details stay in the log
          assertThat(create(server.port(), "x", MOVE).status()).isEqualTo(503);
        });
  }

  static final String WRITER = "https://maps.example.org";

  @Test
  void writes_from_an_origin_not_named_are_refused_even_with_the_token() {
    JavalinTest.test(
        app(), // the defaults: any origin reads, only the server's own pages write
        (server, client) -> {
          int port = server.port();
          String evil = "https://evil.example";
          Reply pre =
              send(
                  port,
                  "OPTIONS",
                  "/scenarios",
                  null,
                  "Origin",
                  evil,
                  "Access-Control-Request-Method",
                  "POST",
                  "Access-Control-Request-Headers",
                  "authorization, content-type");
          assertThat(pre.status()).isEqualTo(204);
          assertThat(pre.header("Access-Control-Allow-Origin")).isNull();
          // reading stays open to any origin
          Reply read = send(port, "GET", "/scenarios", null, "Origin", evil);
          assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo("*");
          int before = read.json().get("scenarios").size();
          // a request the browser sends without a preflight is refused on the server too
          Reply post =
              send(port, "POST", "/scenarios", "{'name':'x','changes':[]}", auth("Origin", evil));
          assertThat(post.status()).isEqualTo(403);
          assertThat(post.json().get("code").asText()).isEqualTo("OriginNotAllowed");
          assertThat(post.json().get("description").asText()).contains("--write-origin");
          assertThat(send(port, "GET", "/scenarios", null).json().get("scenarios").size())
              .isEqualTo(before);
          // the server's own pages write (their Origin is the server's)
          Reply own =
              send(
                  port,
                  "POST",
                  "/scenarios",
                  "{'name':'own','changes':[]}",
                  auth("Origin", "http://localhost:" + port));
          assertThat(own.status()).isEqualTo(201);
          // a script or curl sends no Origin: the token decides
          assertThat(create(port, "script", "").status()).isEqualTo(201);
        });
  }

  @Test
  void a_write_origin_of_more_than_star_is_required() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new WebServer.Options("127.0.0.1", 0, List.of("*"), null, null, List.of("*")))
        .hasMessageContaining("--write-origin");
  }

  @Test
  void preflightAndMethodsAnnounceTheWrites() {
    JavalinTest.test(
        app(
            ScenarioApi.Options.DEFAULT_MAX_BODY,
            new WebServer.Options("127.0.0.1", 0, List.of("*"), null, null, List.of(WRITER))),
        (server, client) -> {
          int port = server.port();
          Reply pre =
              send(
                  port,
                  "OPTIONS",
                  "/scenarios",
                  null,
                  "Origin",
                  WRITER,
                  "Access-Control-Request-Method",
                  "POST");
          assertThat(pre.status()).isEqualTo(204);
          assertThat(pre.header("Access-Control-Allow-Origin")).isEqualTo(WRITER);
          assertThat(
                  send(
                          port,
                          "POST",
                          "/scenarios",
                          "{'name':'from the named origin','changes':[]}",
                          auth("Origin", WRITER))
                      .status())
              .isEqualTo(201);
          assertThat(pre.header("Allow")).contains("POST");
          assertThat(pre.header("Access-Control-Allow-Headers")).contains("Authorization");
          JsonNode api = send(port, "GET", "/api", null).json().get("paths");
          assertThat(api.get("/scenarios").has("post")).isTrue();
          assertThat(api.get("/scenarios/{id}/changes").get("put").get("security")).isNotEmpty();
          assertThat(api.has("/scenarios/{id}/comparison")).isTrue();
          Reply notAllowed = send(port, "POST", "/collections", "{}", auth());
          assertThat(notAllowed.status()).isEqualTo(405);
          assertThat(notAllowed.json().get("code").asText()).isEqualTo("MethodNotAllowed");
        });
  }
}
