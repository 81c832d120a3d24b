package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.geo.GeoUtils;

/** The OGC API - Features routes in process, over the built-in demo. */
class OgcApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String BNG = "http://www.opengis.net/def/crs/EPSG/0/27700";

  static Javalin app() {
    return WebServer.create(DemoCatalogue.get(), WebServer.Options.defaults());
  }

  static JsonNode json(Response r) throws IOException {
    return JSON.readTree(r.body().string());
  }

  static String header(Response r, String name) {
    List<String> v = r.headers().get(name);
    return v == null ? null : v.get(0);
  }

  @Test
  void landingPageLinksTheApiConformanceCollectionsAndMap() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response r = client.get("/");
          assertThat(r.code()).isEqualTo(200);
          assertThat(header(r, "Content-Type")).startsWith("application/json");
          JsonNode links = json(r).get("links");
          Set<String> rels = new HashSet<>();
          links.forEach(
              l ->
                  rels.add(
                      l.get("rel").asText()
                          + " "
                          + l.get("href").asText().replaceAll("^http://[^/]+", "")));
          assertThat(rels)
              .contains(
                  "self /",
                  "service-desc /api",
                  "conformance /conformance",
                  "data /collections",
                  "alternate /map");
          assertThat(client.get("/?f=html").body().string()).contains("<a href=\"/map\">");
        });
  }

  @Test
  void conformanceDeclaresCoreGeoJsonHtmlOpenApiAndCrs() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode c = json(client.get("/conformance")).get("conformsTo");
          List<String> classes = new ArrayList<>();
          c.forEach(n -> classes.add(n.asText()));
          assertThat(classes).containsAll(OgcApi.CONFORMANCE);
        });
  }

  @Test
  void openApiDescribesEveryCollectionsItemsAndTheirParameters() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response r = client.get("/api");
          assertThat(header(r, "Content-Type")).startsWith("application/vnd.oai.openapi+json");
          JsonNode doc = json(r);
          assertThat(doc.get("openapi").asText()).startsWith("3.0");
          for (ApiCollection c : DemoCatalogue.get().collections()) {
            JsonNode items = doc.get("paths").get("/collections/" + c.id() + "/items");
            assertThat(items).as(c.id()).isNotNull();
            List<String> names = new ArrayList<>();
            items.get("get").get("parameters").forEach(p -> names.add(p.get("name").asText()));
            assertThat(names).containsAll(ItemsQuery.STANDARD).containsAll(c.queryables());
          }
          assertThat(doc.get("paths").has("/analysis/pcns/{pcnCode}")).isTrue();
          // the map images, with the parameters the parser takes
          for (String image : List.of("/map.png", "/collections/{collectionId}/map")) {
            JsonNode op = doc.get("paths").get(image).get("get");
            assertThat(op.at("/responses/200/content").has("image/png")).as(image).isTrue();
            List<String> names = new java.util.ArrayList<>();
            op.get("parameters").forEach(p -> names.add(p.get("name").asText()));
            assertThat(names)
                .as(image)
                .containsAll(
                    image.equals("/map.png")
                        ? MapQuery.VIEW.stream().filter(n -> !n.equals("scenario")).toList()
                        : MapQuery.COLLECTION);
          }
          assertThat(doc.get("paths").has("/map/scales.json")).isTrue();
        });
  }

  @Test
  void collectionsDescribeThemselvesWithExtentCountAndLinks() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode cs = json(client.get("/collections")).get("collections");
          List<String> ids = new ArrayList<>();
          for (JsonNode c : cs) {
            String id = c.get("id").asText();
            ids.add(id);
            assertThat(c.get("itemType").asText()).isEqualTo("feature");
            assertThat(c.get("title").asText()).isNotBlank();
            assertThat(c.get("description").asText()).isNotBlank();
            JsonNode items = json(client.get("/collections/" + id + "/items?limit=1"));
            assertThat(items.get("numberMatched").asInt())
                .as(id)
                .isEqualTo(c.get("itemCount").asInt());
            JsonNode bbox = c.get("extent").get("spatial").get("bbox");
            // every collection has an extent, the study area's when it is empty
            assertThat(bbox.get(0).get(0).asDouble()).as(id).isBetween(-2.0, 0.0);
            assertThat(bbox.get(0).get(1).asDouble()).as(id).isBetween(51.0, 53.0);
            assertThat(json(client.get("/collections/" + id)).get("id").asText()).isEqualTo(id);
          }
          assertThat(ids)
              .containsExactly(
                  "practices",
                  "districts",
                  "network-areas",
                  "lsoas",
                  "catchments-voronoi",
                  "catchments-registration",
                  "alignment-voronoi",
                  "alignment-registration",
                  "coverage-gaps",
                  "coverage-overlaps");
        });
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 20, 100})
  void nextLinksWalkEveryCollectionOnceInOrder(int limit) {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (ApiCollection c : DemoCatalogue.get().collections()) {
            List<String> seen = new ArrayList<>();
            String next = "/collections/" + c.id() + "/items?limit=" + limit;
            int pages = 0;
            while (next != null) {
              JsonNode page = json(client.get(next));
              assertThat(page.get("numberMatched").asInt()).isEqualTo(c.size());
              assertThat(page.get("numberReturned").asInt()).isEqualTo(page.get("features").size());
              page.get("features").forEach(f -> seen.add(f.get("id").asText()));
              String found = null;
              boolean prev = false;
              for (JsonNode l : page.get("links")) {
                if (l.get("rel").asText().equals("next")) {
                  found = l.get("href").asText().replaceAll("^http://[^/]+", "");
                }
                prev |= l.get("rel").asText().equals("prev");
              }
              assertThat(prev).isEqualTo(pages > 0);
              next = found;
              pages++;
            }
            List<String> all = new ArrayList<>();
            c.layer().features().forEach(f -> all.add(f.id()));
            assertThat(seen).as(c.id()).containsExactlyElementsOf(all);
            assertThat(pages).isEqualTo(Math.max(1, (c.size() + limit - 1) / limit));
          }
        });
  }

  @Test
  void bboxFilteringAgreesWithBruteForceInBothCrss() {
    SplittableRandom random = new SplittableRandom(20261123);
    Catalogue cat = DemoCatalogue.get();
    CrsTransform toBng = CrsTransform.between(Crs.WGS84, Crs.BNG);
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (String id : List.of("practices", "catchments-voronoi", "alignment-registration")) {
            ApiCollection c = cat.collection(id);
            Envelope extent = c.extentCrs84();
            for (int k = 0; k < 25; k++) {
              double x1 = random.nextDouble(extent.getMinX() - 0.02, extent.getMaxX());
              double y1 = random.nextDouble(extent.getMinY() - 0.02, extent.getMaxY());
              double x2 = x1 + random.nextDouble(0.001, 0.2);
              double y2 = y1 + random.nextDouble(0.001, 0.15);
              Envelope box = new Envelope(x1, x2, y1, y2);
              Geometry rect = GeoUtils.FACTORY.toGeometry(box);
              Set<String> expected = new LinkedHashSet<>();
              for (int i = 0; i < c.size(); i++) {
                if (c.crs84(i) != null && rect.intersects(c.crs84(i))) {
                  expected.add(c.layer().features().get(i).id());
                }
              }
              String q = x1 + "," + y1 + "," + x2 + "," + y2;
              assertThat(ids(client, "/collections/" + id + "/items?limit=10000&bbox=" + q))
                  .as(id + " " + q)
                  .containsExactlyElementsOf(expected);
              // the same test in British National Grid
              Geometry bngRect = toBng.apply(rect);
              Envelope b = bngRect.getEnvelopeInternal();
              Geometry bngBox = GeoUtils.FACTORY.toGeometry(b);
              Set<String> expectedBng = new LinkedHashSet<>();
              for (int i = 0; i < c.size(); i++) {
                Geometry g = c.layer().features().get(i).geometry();
                if (g != null && bngBox.intersects(g)) {
                  expectedBng.add(c.layer().features().get(i).id());
                }
              }
              String qb = b.getMinX() + "," + b.getMinY() + "," + b.getMaxX() + "," + b.getMaxY();
              assertThat(
                      ids(
                          client,
                          "/collections/"
                              + id
                              + "/items?limit=10000&bbox-crs="
                              + BNG
                              + "&bbox="
                              + qb))
                  .containsExactlyElementsOf(expectedBng);
            }
          }
        });
  }

  static List<String> ids(HttpClient client, String path) throws IOException {
    Response r = client.get(path);
    assertThat(r.code()).as(path).isEqualTo(200);
    List<String> out = new ArrayList<>();
    json(r).get("features").forEach(f -> out.add(f.get("id").asText()));
    return out;
  }

  @Test
  void propertyFiltersSelectEqualValues() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          assertThat(ids(client, "/collections/practices/items?pcn_code=U90001"))
              .containsExactly("Z00001", "Z00002", "Z00003");
          List<String> big =
              ids(client, "/collections/catchments-voronoi/items?size_band=over-50k");
          assertThat(big).hasSize(2);
          assertThat(
                  ids(
                      client,
                      "/collections/catchments-voronoi/items?straddles=true&size_band=over-50k"))
              .isSubsetOf(big);
          assertThat(ids(client, "/collections/practices/items?pcn_code=NOPE")).isEmpty();
        });
  }

  @Test
  void etagGivesNotModifiedAndDiffersBetweenResponses() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response first = client.get("/collections/catchments-voronoi/items?limit=5");
          String etag = header(first, "ETag");
          assertThat(etag).matches("\"[0-9a-f]{32}\"");
          assertThat(header(first, "Cache-Control")).contains("max-age");
          Response again =
              client.get(
                  "/collections/catchments-voronoi/items?limit=5",
                  b -> b.header("If-None-Match", etag));
          assertThat(again.code()).isEqualTo(304);
          assertThat(again.body().string()).isEmpty();
          Response other = client.get("/collections/catchments-voronoi/items?limit=6");
          assertThat(header(other, "ETag")).isNotEqualTo(etag);
          Response stale =
              client.get(
                  "/collections/catchments-voronoi/items?limit=6",
                  b -> b.header("If-None-Match", etag));
          assertThat(stale.code()).isEqualTo(200);
        });
  }

  @Test
  void gzipWhenTheClientAcceptsIt() throws Exception {
    JavalinTest.test(
        app(),
        (server, client) -> {
          java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
          URI uri =
              URI.create(
                  "http://localhost:" + server.port() + "/collections/catchments-voronoi/items");
          HttpResponse<byte[]> gz =
              http.send(
                  HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build(),
                  HttpResponse.BodyHandlers.ofByteArray());
          HttpResponse<byte[]> plain =
              http.send(
                  HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
          assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
          assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
          byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes();
          assertThat(new String(unzipped, StandardCharsets.UTF_8))
              .isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
          assertThat(gz.body().length).isLessThan(plain.body().length / 2);
        });
  }

  @Test
  void corsAllowsAnyOriginByDefaultAndOnlyTheConfiguredOnesOtherwise() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response r =
              client.get("/collections", b -> b.header("Origin", "https://maps.example.org"));
          assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("*");
          assertThat(header(r, "Access-Control-Expose-Headers"))
              .contains("ETag")
              .contains("Content-Crs");
          HttpResponse<String> pre =
              java.net.http.HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  "http://localhost:"
                                      + server.port()
                                      + "/collections/practices/items"))
                          .header("Origin", "https://maps.example.org")
                          .header("Access-Control-Request-Method", "GET")
                          .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
          assertThat(pre.statusCode()).isEqualTo(204);
          assertThat(pre.headers().firstValue("Access-Control-Allow-Methods"))
              .hasValueSatisfying(v -> assertThat(v).contains("GET"));
        });
    Javalin restricted =
        WebServer.create(
            DemoCatalogue.get(),
            new WebServer.Options("127.0.0.1", 0, List.of("https://ok.example.org"), null, null));
    JavalinTest.test(
        restricted,
        (server, client) -> {
          assertThat(
                  header(
                      client.get("/", b -> b.header("Origin", "https://ok.example.org")),
                      "Access-Control-Allow-Origin"))
              .isEqualTo("https://ok.example.org");
          assertThat(
                  header(
                      client.get("/", b -> b.header("Origin", "https://evil.example.org")),
                      "Access-Control-Allow-Origin"))
              .isNull();
        });
  }

  @Test
  void contentCrsNamesTheOutputCrsAndCoordinatesFollowIt() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response wgs = client.get("/collections/practices/items/Z00001");
          assertThat(header(wgs, "Content-Crs"))
              .isEqualTo("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
          assertThat(header(wgs, "Content-Type")).startsWith("application/geo+json");
          JsonNode p = json(wgs).get("geometry").get("coordinates");
          assertThat(p.get(0).asDouble()).isBetween(-2.0, 0.0);
          Response bng = client.get("/collections/practices/items/Z00001?crs=" + BNG);
          assertThat(header(bng, "Content-Crs")).isEqualTo("<" + BNG + ">");
          JsonNode q = json(bng).get("geometry").get("coordinates");
          assertThat(q.get(0).asDouble()).isBetween(400_000.0, 500_000.0);
          assertThat(q.get(1).asDouble()).isBetween(150_000.0, 300_000.0);
        });
  }

  @Test
  void everyCollectionIsRfc7946() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (ApiCollection c : DemoCatalogue.get().collections()) {
            JsonNode doc = json(client.get("/collections/" + c.id() + "/items?limit=10000"));
            assertThat(doc.has("crs")).isFalse();
            assertThat(doc.get("type").asText()).isEqualTo("FeatureCollection");
            for (JsonNode f : doc.get("features")) {
              assertThat(f.get("type").asText()).isEqualTo("Feature");
              assertThat(f.get("id").asText()).isNotBlank();
              checkGeometry(c.id() + " " + f.get("id").asText(), f.get("geometry"));
            }
          }
        });
  }

  static void checkGeometry(String what, JsonNode g) {
    String type = g.get("type").asText();
    JsonNode c = g.get("coordinates");
    switch (type) {
      case "Point" -> checkPosition(what, c);
      case "Polygon" -> checkPolygon(what, c);
      case "MultiPolygon" -> c.forEach(p -> checkPolygon(what, p));
      default -> throw new AssertionError(what + ": unexpected " + type);
    }
  }

  static void checkPolygon(String what, JsonNode polygon) {
    for (int r = 0; r < polygon.size(); r++) {
      JsonNode ring = polygon.get(r);
      Coordinate[] cs = new Coordinate[ring.size()];
      for (int i = 0; i < cs.length; i++) {
        checkPosition(what, ring.get(i));
        cs[i] = new Coordinate(ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble());
      }
      assertThat(cs.length).as(what).isGreaterThanOrEqualTo(4);
      assertThat(cs[0]).as(what + " ring closed").isEqualTo(cs[cs.length - 1]);
      assertThat(Orientation.isCCW(cs)).as(what + " ring " + r).isEqualTo(r == 0);
    }
  }

  static void checkPosition(String what, JsonNode p) {
    assertThat(p.size()).as(what).isEqualTo(2);
    assertThat(p.get(0).asDouble()).as(what).isBetween(-180.0, 180.0);
    assertThat(p.get(1).asDouble()).as(what).isBetween(-90.0, 90.0);
  }

  @Test
  void simplifiedCatchmentsStayACoverageWithFewerVertices() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String base = "/collections/catchments-voronoi/items?limit=10000&crs=" + BNG;
          List<Geometry> full = geometries(json(client.get(base)));
          List<Geometry> simple = geometries(json(client.get(base + "&simplify=250")));
          assertThat(simple).hasSameSizeAs(full);
          assertThat(CoverageValidator.validate(simple.toArray(Geometry[]::new)))
              .containsOnlyNulls();
          int before = full.stream().mapToInt(Geometry::getNumPoints).sum();
          int after = simple.stream().mapToInt(Geometry::getNumPoints).sum();
          assertThat(after).isLessThan(before);
        });
  }

  static List<Geometry> geometries(JsonNode doc) throws Exception {
    List<Geometry> out = new ArrayList<>();
    org.locationtech.jts.io.geojson.GeoJsonReader reader =
        new org.locationtech.jts.io.geojson.GeoJsonReader(GeoUtils.FACTORY);
    for (JsonNode f : doc.get("features")) {
      out.add(reader.read(f.get("geometry").toString()));
    }
    return out;
  }

  static Stream<Arguments> badRequests() {
    String items = "/collections/catchments-voronoi/items";
    return Stream.of(
        Arguments.of(items + "?limit=10001", 400, "limit must be from 1 to 10000"),
        Arguments.of(items + "?limit=0", 400, "limit must be from 1"),
        Arguments.of(items + "?limit=-3", 400, "limit"),
        Arguments.of(items + "?limit=ten", 400, "limit must be a whole number"),
        Arguments.of(items + "?limit=99999999999999999999", 400, "limit"),
        Arguments.of(items + "?limit=1&limit=2", 400, "more than once"),
        Arguments.of(items + "?offset=-1", 400, "offset"),
        Arguments.of(items + "?offset=x", 400, "offset must be a whole number"),
        Arguments.of(items + "?bbox=1,2,3", 400, "bbox must be four"),
        Arguments.of(items + "?bbox=1,2,3,4,5", 400, "bbox must be four"),
        Arguments.of(items + "?bbox=a,b,c,d", 400, "is not a number"),
        Arguments.of(items + "?bbox=1,2,0,4", 400, "minx must not exceed maxx"),
        Arguments.of(items + "?bbox=-200,50,-1,52", 400, "outside longitude"),
        Arguments.of(items + "?bbox=NaN,50,-1,52", 400, "not a finite number"),
        Arguments.of(items + "?bbox=,,,", 400, "is not a number"),
        Arguments.of(items + "?bbox-crs=EPSG:4326&bbox=-1,51,0,52", 400, "bbox-crs"),
        Arguments.of(items + "?crs=EPSG:3857", 400, "crs 'EPSG:3857' is not supported"),
        Arguments.of(items + "?f=xml", 400, "f must be json or html"),
        Arguments.of(items + "?simplify=-1", 400, "simplify must be from 0"),
        Arguments.of(items + "?simplify=1e9", 400, "simplify must be from 0"),
        Arguments.of(items + "?simplify=abc", 400, "simplify must be a number"),
        Arguments.of(items + "?precision=20", 400, "precision must be from 0"),
        Arguments.of(items + "?precision=1.5", 400, "precision must be a whole number"),
        Arguments.of(items + "?colour=red", 400, "unknown parameter 'colour'"),
        Arguments.of(items + "?area_km2=3", 400, "unknown parameter 'area_km2'"),
        Arguments.of("/collections/nope/items", 404, "no collection 'nope'"),
        Arguments.of("/collections/nope", 404, "no collection 'nope'"),
        Arguments.of(items + "/NOPE", 404, "no feature 'NOPE'"),
        Arguments.of(items + "/U90001?limit=3", 400, "unknown parameter 'limit'"),
        Arguments.of("/collections?f=csv", 400, "f must be json or html"),
        Arguments.of("/collections?x=1", 400, "unknown parameter 'x'"),
        Arguments.of("/?f=", 400, "f must be json or html"),
        Arguments.of("/no/such/path", 404, "no resource at /no/such/path"),
        Arguments.of("/analysis/pcns?method=nope", 400, "method 'nope' was not run"),
        Arguments.of("/analysis/pcns?f=xlsx", 400, "f must be json or csv"),
        Arguments.of("/analysis/pcns/NOPE", 404, "no PCN 'NOPE'"),
        Arguments.of("/analysis/alignment?layer=wards", 400, "layer 'wards' is not an area layer"),
        Arguments.of("/analysis/summary?f=csv", 400, "f must be json"),
        Arguments.of("/analysis/coverage?method=", 400, "method '' was not run"));
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void badRequestsAreAnsweredWithTheirStatusAndAJsonBodyNamingTheProblem(
      String path, int status, String description) {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response r = client.get(path);
          assertThat(r.code()).as(path).isEqualTo(status);
          assertThat(header(r, "Content-Type")).startsWith("application/json");
          JsonNode body = json(r);
          assertThat(body.get("code").asText()).isNotBlank();
          assertThat(body.get("description").asText()).contains(description);
        });
  }

  @Test
  void headAnswersLikeGetWithoutTheBody() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String path = "/collections/practices/items?limit=3";
          URI uri = URI.create("http://localhost:" + server.port() + path);
          java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
          HttpResponse<String> get =
              http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
          HttpResponse<String> head =
              http.send(
                  HttpRequest.newBuilder(uri)
                      .method("HEAD", HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(head.statusCode()).isEqualTo(200);
          assertThat(head.body()).isEmpty();
          assertThat(get.body()).isNotEmpty();
          assertThat(head.headers().firstValue("ETag")).isEqualTo(get.headers().firstValue("ETag"));
          assertThat(head.headers().firstValue("Content-Type")).hasValue("application/geo+json");
        });
  }

  @Test
  void writesAreMethodNotAllowed() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (String path :
              List.of("/collections", "/collections/practices/items", "/analysis/pcns")) {
            Response r = client.post(path, "{}");
            assertThat(r.code()).isEqualTo(405);
            assertThat(json(r).get("code").asText()).isEqualTo("MethodNotAllowed");
            assertThat(client.delete(path).code()).isEqualTo(405);
          }
        });
  }

  @Test
  void noParameterValueGivesAServerError() {
    SplittableRandom random = new SplittableRandom(7);
    String[] junk = {
      "",
      " ",
      "%00",
      "-0",
      "1e309",
      "NaN",
      "Infinity",
      "0x10",
      "1,2,3,4",
      "'",
      "%22",
      "😀",
      "999999999999",
      "-1,-1,1,1",
      "true"
    };
    List<String> params = new ArrayList<>(ItemsQuery.STANDARD);
    params.addAll(List.of("pcn_code", "straddles", "nope"));
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (int k = 0; k < 300; k++) {
            String p = params.get(random.nextInt(params.size()));
            String v = junk[random.nextInt(junk.length)];
            String path =
                "/collections/catchments-voronoi/items?"
                    + p
                    + "="
                    + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8);
            int code = client.get(path).code();
            assertThat(code).as(path).isIn(200, 400);
          }
        });
  }

  @Test
  void htmlPagesAreReadable() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (String path :
              List.of(
                  "/?f=html",
                  "/collections?f=html",
                  "/collections/practices?f=html",
                  "/collections/practices/items?f=html&limit=5",
                  "/collections/practices/items/Z00001?f=html")) {
            Response r = client.get(path);
            assertThat(r.code()).as(path).isEqualTo(200);
            assertThat(header(r, "Content-Type")).startsWith("text/html");
            assertThat(r.body().string()).startsWith("<!doctype html>").contains("<h1>");
          }
          assertThat(client.get("/collections/practices/items?f=html&limit=5").body().string())
              .contains("Z00001")
              .contains("Next page");
        });
  }
}
