package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.ResultLayers;
import org.pcnatlas.analysis.Summary;
import org.pcnatlas.demo.BuiltInDemo;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.Practice;

/**
 * OGC API - Features - Part 1 (OGC 17-069r4) requirement by requirement, over the demo: each test
 * is named after the requirement it checks, and checks it for every collection.
 */
class OgcConformanceTest {
  static Javalin app() {
    return OgcApiTest.app();
  }

  static JsonNode json(Response r) throws IOException {
    return OgcApiTest.json(r);
  }

  /** The links of a document as "rel type" strings, and their hrefs by "rel type". */
  static Map<String, String> links(JsonNode doc) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    doc.get("links")
        .forEach(
            l ->
                out.put(
                    l.get("rel").asText() + " " + l.get("type").asText(), l.get("href").asText()));
    return out;
  }

  @Test
  void items_have_alternate_link_for_each_encoding() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (ApiCollection c : DemoCatalogue.get().collections()) {
            Map<String, String> l = links(json(client.get("/collections/" + c.id() + "/items")));
            assertThat(l).as(c.id()).containsKey("self application/geo+json");
            assertThat(l).as(c.id()).containsKey("alternate text/html");
            String html = l.get("alternate text/html").replaceAll("^http://[^/]+", "");
            Response page = client.get(html);
            assertThat(page.code()).as(html).isEqualTo(200);
            assertThat(OgcApiTest.header(page, "Content-Type")).startsWith("text/html");
          }
        });
  }

  @Test
  void feature_has_alternate_link_for_each_encoding() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (ApiCollection c : DemoCatalogue.get().collections()) {
            if (c.size() == 0) {
              continue;
            }
            String id = c.layer().features().get(0).id();
            String path = "/collections/" + c.id() + "/items/" + OgcApi.encode(id);
            Map<String, String> l = links(json(client.get(path)));
            assertThat(l)
                .as(c.id())
                .containsKeys("self application/geo+json", "alternate text/html");
            assertThat(client.get(path + "?f=html").body().string())
                .as(c.id())
                .contains("This feature as GeoJSON");
          }
        });
  }

  @Test
  void collection_and_collections_have_alternate_link_for_each_encoding() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          assertThat(links(json(client.get("/collections"))))
              .containsKeys("self application/json", "alternate text/html");
          for (ApiCollection c : DemoCatalogue.get().collections()) {
            assertThat(links(json(client.get("/collections/" + c.id()))))
                .as(c.id())
                .containsKeys(
                    "self application/json",
                    "alternate text/html",
                    "items application/geo+json",
                    "items text/html",
                    "describedby application/schema+json");
          }
          assertThat(client.get("/collections?f=html").body().string())
              .contains("/collections?f=json");
          assertThat(client.get("/?f=html").body().string()).contains("/?f=json");
        });
  }

  @Test
  void bbox_with_six_numbers_selects_as_its_footprint_does() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (ApiCollection c : DemoCatalogue.get().collections()) {
            String four = "/collections/" + c.id() + "/items?limit=10000&bbox=-1.4,51.6,-1.2,51.8";
            String six =
                "/collections/" + c.id() + "/items?limit=10000&bbox=-1.4,51.6,-50,-1.2,51.8,900";
            Response r4 = client.get(four);
            Response r6 = client.get(six);
            assertThat(r6.code()).as(six).isEqualTo(200);
            assertThat(ids(json(r6))).as(c.id()).isEqualTo(ids(json(r4)));
          }
        });
  }

  static List<String> ids(JsonNode fc) {
    List<String> out = new ArrayList<>();
    fc.get("features").forEach(f -> out.add(f.get("id").asText()));
    return out;
  }

  @Test
  void datetime_matches_every_feature_of_a_collection_without_temporal_geometry() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (ApiCollection c : DemoCatalogue.get().collections()) {
            String base = "/collections/" + c.id() + "/items?limit=10000";
            List<String> all = ids(json(client.get(base)));
            for (String dt :
                List.of("2024-04-01T00:00:00Z", "2020-01-01/2030-01-01", "../2000-01-01")) {
              Response r = client.get(base + "&datetime=" + dt);
              assertThat(r.code()).as(c.id() + " " + dt).isEqualTo(200);
              assertThat(ids(json(r))).as(c.id() + " " + dt).isEqualTo(all);
            }
            Response bad = client.get(base + "&datetime=tomorrow");
            assertThat(bad.code()).isEqualTo(400);
            assertThat(json(bad).get("description").asText()).contains("datetime");
          }
        });
  }

  @Test
  void every_items_operation_defines_limit_bbox_and_datetime_as_the_standard_does() {
    // the document of a server that takes scenarios: their templated items path included
    JsonNode paths =
        OgcApiTest.JSON
            .valueToTree(OpenApiDoc.build(DemoCatalogue.get(), "http://localhost", true))
            .get("paths");
    {
      {
        List<String> items = new ArrayList<>();
        paths
            .fieldNames()
            .forEachRemaining(
                p -> {
                  if (p.endsWith("/items")) {
                    items.add(p);
                  }
                });
        assertThat(items).contains("/collections/scenario-{id}-catchments-{method}/items");
        assertThat(items).hasSizeGreaterThan(DemoCatalogue.get().collections().size());
        for (String p : items) {
          Map<String, JsonNode> params = new java.util.HashMap<>();
          paths
              .get(p)
              .get("get")
              .get("parameters")
              .forEach(q -> params.put(q.get("name").asText(), q));
          for (String name : List.of("limit", "bbox", "datetime")) {
            JsonNode q = params.get(name);
            assertThat(q).as(p + " " + name).isNotNull();
            assertThat(q.get("in").asText()).isEqualTo("query");
            assertThat(q.get("required").asBoolean()).isFalse();
            assertThat(q.get("style").asText()).as(p + " " + name).isEqualTo("form");
            assertThat(q.get("explode").asBoolean()).as(p + " " + name).isFalse();
          }
          JsonNode bbox = params.get("bbox").get("schema");
          assertThat(bbox.get("minItems").asInt()).isEqualTo(4);
          assertThat(bbox.get("maxItems").asInt()).isEqualTo(6);
          assertThat(params.get("limit").get("schema").get("type").asText()).isEqualTo("integer");
          assertThat(params.get("datetime").get("schema").get("type").asText()).isEqualTo("string");
        }
      }
    }
  }

  @Test
  void schema_is_linked_describedby_and_gives_every_property_type_and_the_geometry_type() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (ApiCollection c : DemoCatalogue.get().collections()) {
            String href =
                links(json(client.get("/collections/" + c.id())))
                    .get("describedby application/schema+json")
                    .replaceAll("^http://[^/]+", "");
            Response r = client.get(href);
            assertThat(r.code()).isEqualTo(200);
            assertThat(OgcApiTest.header(r, "Content-Type")).startsWith("application/schema+json");
            JsonNode schema = json(r);
            assertThat(schema.get("$schema").asText()).contains("json-schema.org");
            assertThat(schema.get("type").asText()).isEqualTo("object");
            JsonNode props = schema.get("properties");
            JsonNode g = props.get("geometry");
            assertThat(g.get("x-ogc-role").asText()).isEqualTo("primary-geometry");
            String expected =
                c.id().equals("practices") ? "geometry-point" : "geometry-multipolygon";
            assertThat(g.get("format").asText()).as(c.id()).isEqualTo(expected);
            Set<String> names = new TreeSet<>();
            props.fieldNames().forEachRemaining(names::add);
            Set<String> want = new TreeSet<>(c.attributes().keySet());
            want.add("geometry");
            assertThat(names).as(c.id()).isEqualTo(want);
            c.attributes()
                .forEach(
                    (name, type) ->
                        assertThat(props.get(name).get("type").asText())
                            .as(c.id() + "." + name)
                            .isEqualTo(Schemas.type(type).get("type")));
          }
        });
  }

  @Test
  void polygon_layers_are_served_as_multipolygons_only() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (ApiCollection c : DemoCatalogue.get().collections()) {
            JsonNode fc = json(client.get("/collections/" + c.id() + "/items?limit=10000"));
            Set<String> types = new TreeSet<>();
            fc.get("features").forEach(f -> types.add(f.get("geometry").get("type").asText()));
            if (c.geometryKind() == ApiCollection.GeometryKind.MULTIPOLYGON && c.size() > 0) {
              assertThat(types).as(c.id()).containsExactly("MultiPolygon");
            }
          }
        });
  }

  @Test
  void queryables_are_a_json_schema_of_the_properties_and_the_geometry() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (ApiCollection c : DemoCatalogue.get().collections()) {
            Map<String, String> l = links(json(client.get("/collections/" + c.id())));
            String href =
                l.get(Schemas.QUERYABLES_REL + " application/schema+json")
                    .replaceAll("^http://[^/]+", "");
            Response r = client.get(href);
            assertThat(OgcApiTest.header(r, "Content-Type")).startsWith("application/schema+json");
            JsonNode q = json(r);
            assertThat(q.get("properties").has("geometry")).isTrue();
            for (String name : c.attributes().keySet()) {
              assertThat(q.get("properties").has(name)).as(c.id() + "." + name).isTrue();
            }
            assertThat(client.get(href + "?f=html").code()).isEqualTo(400);
          }
        });
  }

  @Test
  void sortby_orders_the_features_and_pages_stably_under_ties() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          // size_band has many ties: the pages must still partition the sorted list exactly
          ApiCollection c = DemoCatalogue.get().collection("catchments-voronoi");
          String base = "/collections/catchments-voronoi/items?sortby=-size_band,registered_list";
          List<String> whole = ids(json(client.get(base + "&limit=1000")));
          List<String> paged = new ArrayList<>();
          for (int offset = 0; offset < c.size(); offset += 4) {
            paged.addAll(ids(json(client.get(base + "&limit=4&offset=" + offset))));
          }
          assertThat(paged).isEqualTo(whole);
          // brute force: the same order by hand, collection order for ties
          List<org.pcnatlas.model.Feature> fs = new ArrayList<>(c.layer().features());
          fs.sort(
              Comparator.comparing(
                      (org.pcnatlas.model.Feature f) -> (String) f.properties().get("size_band"))
                  .reversed()
                  .thenComparing(
                      f -> ((Number) f.properties().get("registered_list")).longValue()));
          assertThat(whole).isEqualTo(fs.stream().map(org.pcnatlas.model.Feature::id).toList());
        });
  }

  @Test
  void properties_returns_only_the_properties_named() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode fc =
              json(
                  client.get(
                      "/collections/catchments-voronoi/items?properties=registered_list,pcn_code"));
          fc.get("features")
              .forEach(
                  f -> {
                    List<String> names = new ArrayList<>();
                    f.get("properties").fieldNames().forEachRemaining(names::add);
                    assertThat(names).containsExactly("registered_list", "pcn_code");
                    assertThat(f.get("geometry").isNull()).isFalse();
                  });
          assertThat(client.get("/collections/catchments-voronoi/items?properties=nope").code())
              .isEqualTo(400);
        });
  }

  /** The demo with one more PCN whose only practice has no registration rows. */
  static Catalogue withPcnThatWinsNoLsoa() {
    AnalysisInputs.Loaded loaded = AnalysisInputs.load(BuiltInDemo.config());
    AnalysisInputs in = loaded.inputs();
    Point site = GeoUtils.FACTORY.createPoint(in.region().getInteriorPoint().getCoordinate());
    List<Practice> practices = new ArrayList<>(in.practices());
    practices.add(new Practice("Z99999", "New site", "P99999", "New PCN", 6000L, site, true));
    List<Pcn> pcns = new ArrayList<>(in.pcns());
    pcns.add(new Pcn("P99999", "New PCN", List.of("Z99999"), 6000));
    AnalysisResult r =
        Analysis.run(in.withConfiguration(practices, pcns, in.districts(), in.methods()));
    return new Catalogue(
        r,
        Summary.of(r, Map.of("data", "demo"), loaded.timings()),
        Instant.parse("2026-01-01T00:00:00Z"),
        loaded.lsoas());
  }

  @Test
  void a_pcn_without_a_catchment_is_no_feature_but_a_table_row_with_the_reason() {
    Catalogue catalogue = withPcnThatWinsNoLsoa();
    JavalinTest.test(
        WebServer.create(catalogue, WebServer.Options.defaults()),
        (server, client) -> {
          JsonNode reg = json(client.get("/collections/catchments-registration/items?limit=10000"));
          // the same features as the demo's own (whose U and U90003 win no LSOA either)
          List<String> demo = new ArrayList<>();
          DemoCatalogue.get()
              .collection("catchments-registration")
              .layer()
              .features()
              .forEach(f -> demo.add(f.id()));
          assertThat(ids(reg)).isEqualTo(demo).doesNotContain("P99999", "U", "U90003");
          reg.get("features").forEach(f -> assertThat(f.get("geometry").isNull()).isFalse());
          // the nearest-practice method gives the site a cell, so there it is a feature
          assertThat(ids(json(client.get("/collections/catchments-voronoi/items?limit=10000"))))
              .contains("P99999");
          JsonNode rows = json(client.get("/analysis/pcns?method=registration"));
          JsonNode row = null;
          for (JsonNode x : rows.get("pcns")) {
            if (x.get("pcn_code").asText().equals("P99999")) {
              row = x;
            }
          }
          assertThat(row).as(rows.toString()).isNotNull();
          assertThat(row.get(ResultLayers.CATCHMENT_NOTE).asText())
              .contains("no catchment: no LSOA");
          String csv = client.get("/analysis/pcns?method=registration&f=csv").body().string();
          assertThat(csv.lines().filter(l -> l.startsWith("registration,P99999,"))).hasSize(1);
          assertThat(csv.lines().findFirst().orElseThrow())
              .endsWith("," + ResultLayers.CATCHMENT_NOTE);
        });
  }

  /** A request written to the server's socket as is, and the response's text. */
  static String raw(int port, String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void errors_raised_before_routing_are_the_json_error() throws Exception {
    Javalin app =
        WebServer.create(
            DemoCatalogue.get(), new WebServer.Options("127.0.0.1", 0, List.of("*"), null, null));
    app.start();
    try {
      int port = app.port();
      String longPath = "/collections?x=" + "a".repeat(20_000);
      String big = "a".repeat(20_000);
      Map<String, String> cases = new java.util.LinkedHashMap<>();
      cases.put(
          "GET /collections/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", "400");
      cases.put(
          "GET " + longPath + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", "414");
      cases.put(
          "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big + "\r\nConnection: close\r\n\r\n",
          "431");
      cases.put("GET / HTTP/1.1\r\nHost: a b c\r\nConnection: close\r\n\r\n", "400");
      for (Map.Entry<String, String> e : cases.entrySet()) {
        String response = raw(port, e.getKey());
        String label = e.getKey().substring(0, Math.min(60, e.getKey().length()));
        assertThat(response).as(label).startsWith("HTTP/1.1 " + e.getValue());
        assertThat(response).as(label).containsIgnoringCase("Content-Type: application/json");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        JsonNode doc = OgcApiTest.JSON.readTree(body);
        assertThat(doc.get("code").asText()).as(label).isNotBlank();
        assertThat(doc.get("description").asText()).as(label).isNotBlank();
        assertThat(body).doesNotContain("<html").doesNotContain("at org.");
      }
    } finally {
      app.stop();
    }
  }
}
