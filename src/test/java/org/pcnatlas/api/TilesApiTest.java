package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.pcnatlas.api.tiles.Mvt;
import org.pcnatlas.api.tiles.TileLayer;
import org.pcnatlas.api.tiles.WebMercatorQuad;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.geo.GeoUtils;

/** OGC API - Tiles in process over the built-in demo: documents, parameter rules, tiles. */
class TilesApiTest {
  static final String TILES = "/collections/catchments-voronoi/tiles/WebMercatorQuad";

  static Javalin app() {
    return OgcApiTest.app();
  }

  static JsonNode json(Response r) throws IOException {
    return OgcApiTest.json(r);
  }

  static String header(Response r, String name) {
    return OgcApiTest.header(r, name);
  }

  static WebMercatorQuad.Limits limits(String collection, int zoom) {
    return WebMercatorQuad.limits(DemoCatalogue.get().collection(collection).extentCrs84(), zoom);
  }

  static String path(String collection, int z, int row, int col) {
    return "/collections/" + collection + "/tiles/WebMercatorQuad/" + z + "/" + row + "/" + col;
  }

  /** The deepest tile matrix (up to 12) in which one tile holds the whole collection. */
  static WebMercatorQuad.Tile oneTileFor(String collection) {
    WebMercatorQuad.Tile best = new WebMercatorQuad.Tile(0, 0, 0);
    for (int z = 1; z <= 12; z++) {
      WebMercatorQuad.Limits l = limits(collection, z);
      if (l.minRow() == l.maxRow() && l.minCol() == l.maxCol()) {
        best = new WebMercatorQuad.Tile(z, l.minRow(), l.minCol());
      }
    }
    return best;
  }

  /** A response with its body as bytes (the test tools' client reads text only). */
  record Got(int code, java.net.http.HttpHeaders headers, byte[] body) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  static Got fetch(int port, String path, String... headers) throws IOException {
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      java.net.http.HttpResponse<byte[]> r =
          java.net.http.HttpClient.newHttpClient()
              .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      return new Got(r.statusCode(), r.headers(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  // ---- documents and links ----

  @Test
  void landingPageLinksTheTileMatrixSetsAndConformanceListsTheTilesClasses() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Set<String> rels = new HashSet<>();
          json(client.get("/"))
              .get("links")
              .forEach(
                  l ->
                      rels.add(
                          l.get("rel").asText()
                              + " "
                              + l.get("href").asText().replaceAll("^http://[^/]+", "")));
          assertThat(rels)
              .contains("http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes /tileMatrixSets");
          List<String> classes = new ArrayList<>();
          json(client.get("/conformance")).get("conformsTo").forEach(c -> classes.add(c.asText()));
          assertThat(classes).containsAll(TilesApi.CONFORMANCE).containsAll(OgcApi.CONFORMANCE);
          assertThat(TilesApi.CONFORMANCE)
              .contains(
                  "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
                  "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
                  "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
                  "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
                  "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt");
        });
  }

  @Test
  void everyCollectionLinksItsVectorTilesets() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (ApiCollection c : DemoCatalogue.get().collections()) {
            JsonNode links = json(client.get("/collections/" + c.id())).get("links");
            List<String> hrefs = new ArrayList<>();
            links.forEach(
                l -> {
                  if (l.get("rel").asText().equals(TilesApi.REL_TILESETS_VECTOR)) {
                    hrefs.add(l.get("href").asText().replaceAll("^http://[^/]+", ""));
                  }
                });
            assertThat(hrefs).as(c.id()).containsExactly("/collections/" + c.id() + "/tiles");
            Response tilesets = client.get("/collections/" + c.id() + "/tiles");
            assertThat(tilesets.code()).as(c.id()).isEqualTo(200);
            JsonNode t = json(tilesets).get("tilesets").get(0);
            assertThat(t.get("dataType").asText()).isEqualTo("vector");
            assertThat(t.get("tileMatrixSetURI").asText()).isEqualTo(WebMercatorQuad.URI);
            assertThat(t.get("crs").asText()).isEqualTo(WebMercatorQuad.CRS_URI);
          }
        });
  }

  @Test
  void theTileMatrixSetsListAndDefineWebMercatorQuad() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode list = json(client.get("/tileMatrixSets")).get("tileMatrixSets");
          assertThat(list).hasSize(1);
          assertThat(list.get(0).get("id").asText()).isEqualTo("WebMercatorQuad");
          assertThat(list.get(0).get("uri").asText()).isEqualTo(WebMercatorQuad.URI);
          String href = list.get(0).get("links").get(0).get("href").asText();
          assertThat(href).endsWith("/tileMatrixSets/WebMercatorQuad");
          JsonNode tms = json(client.get("/tileMatrixSets/WebMercatorQuad"));
          assertThat(tms.get("crs").asText())
              .isEqualTo("http://www.opengis.net/def/crs/EPSG/0/3857");
          assertThat(tms.get("tileMatrices")).hasSize(25);
          JsonNode z10 = tms.get("tileMatrices").get(10);
          assertThat(z10.get("id").asText()).isEqualTo("10");
          assertThat(z10.get("matrixWidth").asInt()).isEqualTo(1024);
          assertThat(z10.get("cellSize").asDouble()).isCloseTo(152.8740565703525, within(1e-9));
          assertThat(z10.get("pointOfOrigin").get(0).asDouble())
              .isCloseTo(-20037508.3427892, within(1e-6));
        });
  }

  @Test
  void theTilesetMetadataGivesTheTemplateTheLimitsAndTheLayer() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response r = client.get(TILES);
          assertThat(r.code()).isEqualTo(200);
          JsonNode t = json(r);
          assertThat(t.get("dataType").asText()).isEqualTo("vector");
          assertThat(t.get("tileMatrixSetURI").asText()).isEqualTo(WebMercatorQuad.URI);
          assertThat(t.get("crs").asText()).isEqualTo(WebMercatorQuad.CRS_URI);
          JsonNode item = null;
          for (JsonNode l : t.get("links")) {
            if (l.get("rel").asText().equals("item")) {
              item = l;
            }
          }
          assertThat(item).isNotNull();
          assertThat(item.get("href").asText())
              .endsWith(TILES + "/{tileMatrix}/{tileRow}/{tileCol}");
          assertThat(item.get("type").asText()).isEqualTo("application/vnd.mapbox-vector-tile");
          assertThat(item.get("templated").asBoolean()).isTrue();
          JsonNode limits = t.get("tileMatrixSetLimits");
          assertThat(limits).hasSize(TilesApi.MAX_ZOOM + 1);
          for (int z = 0; z <= TilesApi.MAX_ZOOM; z++) {
            WebMercatorQuad.Limits l = limits("catchments-voronoi", z);
            JsonNode j = limits.get(z);
            assertThat(j.get("tileMatrix").asText()).isEqualTo(Integer.toString(z));
            assertThat(j.get("minTileRow").asInt()).isEqualTo(l.minRow());
            assertThat(j.get("maxTileRow").asInt()).isEqualTo(l.maxRow());
            assertThat(j.get("minTileCol").asInt()).isEqualTo(l.minCol());
            assertThat(j.get("maxTileCol").asInt()).isEqualTo(l.maxCol());
          }
          JsonNode layer = t.get("layers").get(0);
          assertThat(layer.get("id").asText()).isEqualTo("catchments-voronoi");
          assertThat(layer.get("geometryDimension").asInt()).isEqualTo(2);
          assertThat(layer.get("maxTileMatrix").asText()).isEqualTo("16");
          Set<String> fields = new HashSet<>();
          layer
              .get("propertiesSchema")
              .get("properties")
              .fieldNames()
              .forEachRemaining(fields::add);
          assertThat(fields)
              .containsAll(
                  DemoCatalogue.get()
                      .collection("catchments-voronoi")
                      .layer()
                      .attributes()
                      .keySet())
              .contains("id");
          assertThat(
                  json(client.get("/collections/practices/tiles/WebMercatorQuad"))
                      .get("layers")
                      .get(0)
                      .get("geometryDimension")
                      .asInt())
              .isZero();
        });
  }

  @Test
  void openApiDescribesTheTilePaths() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode paths = json(client.get("/api")).get("paths");
          assertThat(paths.has("/tileMatrixSets")).isTrue();
          assertThat(paths.has("/tileMatrixSets/{tileMatrixSetId}")).isTrue();
          assertThat(paths.has("/collections/{collectionId}/tiles")).isTrue();
          assertThat(paths.has("/collections/{collectionId}/tiles/{tileMatrixSetId}")).isTrue();
          JsonNode tile =
              paths.get(
                  "/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}");
          assertThat(tile).isNotNull();
          JsonNode responses = tile.get("get").get("responses");
          assertThat(responses.get("200").get("content").has(TilesApi.MVT)).isTrue();
          assertThat(responses.has("204")).isTrue();
          List<String> names = new ArrayList<>();
          tile.get("get").get("parameters").forEach(p -> names.add(p.get("name").asText()));
          assertThat(names)
              .containsExactly(
                  "collectionId", "tileMatrixSetId", "tileMatrix", "tileRow", "tileCol");
        });
  }

  // ---- the parameter rules, one a test ----

  static void assertError(
      HttpClient client, String path, int status, String code, String field, String says)
      throws IOException {
    Response r = client.get(path);
    assertThat(r.code()).as(path).isEqualTo(status);
    assertThat(header(r, "Content-Type")).startsWith("application/json");
    JsonNode body = json(r);
    assertThat(body.get("code").asText()).isEqualTo(code);
    if (field != null) {
      assertThat(body.get("field").asText()).isEqualTo(field);
    }
    assertThat(body.get("description").asText()).contains(says);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "-1", "1.5", "+3", "1e2", "9999999999"})
  void aTileMatrixThatIsNoIntegerIs400(String z) {
    JavalinTest.test(
        app(),
        (server, client) ->
            assertError(
                client,
                TILES + "/" + z + "/0/0",
                400,
                "InvalidParameterValue",
                "tileMatrix",
                "tileMatrix must be a non-negative integer"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "-2", "0x1"})
  void aTileRowThatIsNoIntegerIs400(String row) {
    JavalinTest.test(
        app(),
        (server, client) ->
            assertError(
                client,
                TILES + "/5/" + row + "/0",
                400,
                "InvalidParameterValue",
                "tileRow",
                "tileRow must be a non-negative integer"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"b", "-3", "2.0"})
  void aTileColThatIsNoIntegerIs400(String col) {
    JavalinTest.test(
        app(),
        (server, client) ->
            assertError(
                client,
                TILES + "/5/0/" + col,
                400,
                "InvalidParameterValue",
                "tileCol",
                "tileCol must be a non-negative integer"));
  }

  @ParameterizedTest
  @ValueSource(ints = {17, 24, 25, 99})
  void aTileMatrixNotServedIs404(int z) {
    JavalinTest.test(
        app(),
        (server, client) ->
            assertError(
                client,
                TILES + "/" + z + "/0/0",
                404,
                "NotFound",
                "tileMatrix",
                "tile matrices 0 to 16"));
  }

  @Test
  void aRowOrColumnOutsideTheMatrixIs404() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          assertError(client, TILES + "/2/4/1", 404, "NotFound", "tileRow", "0 to 3");
          assertError(client, TILES + "/2/1/4", 404, "NotFound", "tileCol", "0 to 3");
        });
  }

  @Test
  void aRowOrColumnOutsideTheTilesetsLimitsIs404() {
    WebMercatorQuad.Limits l = limits("catchments-voronoi", 10);
    JavalinTest.test(
        app(),
        (server, client) -> {
          assertError(
              client,
              TILES + "/10/" + (l.maxRow() + 1) + "/" + l.minCol(),
              404,
              "NotFound",
              "tileRow",
              "outside the tileset's limits");
          assertError(
              client,
              TILES + "/10/" + l.minRow() + "/" + (l.minCol() - 1),
              404,
              "NotFound",
              "tileCol",
              "columns are " + l.minCol() + " to " + l.maxCol());
          assertThat(client.get(TILES + "/10/" + l.minRow() + "/" + l.minCol()).code())
              .isIn(200, 204);
        });
  }

  @Test
  void anUnknownTileMatrixSetCollectionOrParameterIsAnError() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          assertError(
              client,
              "/collections/catchments-voronoi/tiles/WorldCRS84Quad/0/0/0",
              404,
              "NotFound",
              "tileMatrixSetId",
              "WebMercatorQuad");
          assertError(
              client,
              "/collections/catchments-voronoi/tiles/WorldCRS84Quad",
              404,
              "NotFound",
              "tileMatrixSetId",
              "WebMercatorQuad");
          assertError(client, "/tileMatrixSets/Other", 404, "NotFound", "tileMatrixSetId", "Other");
          assertError(
              client,
              "/collections/nope/tiles/WebMercatorQuad/0/0/0",
              404,
              "NotFound",
              null,
              "nope");
          assertError(
              client, TILES + "/0/0/0?bbox=1,2,3,4", 400, "InvalidParameterValue", null, "bbox");
          assertError(client, TILES + "/0/0/0?f=png", 400, "InvalidParameterValue", null, "mvt");
          assertError(client, TILES + "?f=html", 400, "InvalidParameterValue", null, "json");
          assertThat(client.get(TILES + "/0/0/0?f=mvt").code()).isEqualTo(200);
        });
  }

  // ---- the tiles ----

  @ParameterizedTest
  @CsvSource({"catchments-voronoi", "practices", "districts", "catchments-registration"})
  void aTileHoldsEveryFeatureWithItsIdAndTheItemsProperties(String id) {
    ApiCollection c = DemoCatalogue.get().collection(id);
    WebMercatorQuad.Tile t = oneTileFor(id);
    assertThat(t.zoom()).isGreaterThanOrEqualTo(6);
    JavalinTest.test(
        app(),
        (server, client) -> {
          Got r = fetch(server.port(), path(id, t.zoom(), t.row(), t.col()));
          assertThat(r.code()).isEqualTo(200);
          assertThat(r.header("Content-Type")).isEqualTo(TilesApi.MVT);
          byte[] bytes = r.body();
          assertThat(Mvt.layers(bytes).keySet()).containsExactly(id);
          List<Geometry> decoded = Mvt.geometries(bytes, id);
          // a feature without geometry (a PCN no patient is registered with) is in no tile
          long drawable =
              c.layer().features().stream()
                  .filter(f -> f.geometry() != null && !f.geometry().isEmpty())
                  .count();
          assertThat(drawable).isPositive();
          assertThat(decoded).hasSize((int) drawable);
          JsonNode items = json(client.get("/collections/" + id + "/items?limit=10000"));
          Map<String, JsonNode> byId = new HashMap<>();
          items.get("features").forEach(f -> byId.put(f.get("id").asText(), f.get("properties")));
          Set<Integer> indexes = new HashSet<>();
          for (Geometry g : decoded) {
            Map<String, Object> p = Mvt.properties(g);
            int index = ((Number) p.get(Mvt.ID)).intValue();
            indexes.add(index);
            String featureId = (String) p.get("id");
            assertThat(c.indexOf(featureId)).isEqualTo(index);
            JsonNode expected = byId.get(featureId);
            assertThat(expected).as(featureId).isNotNull();
            expected
                .properties()
                .forEach(
                    e -> {
                      Object v = p.get(e.getKey());
                      JsonNode want = e.getValue();
                      if (want.isNull()) {
                        assertThat(v).as(featureId + " " + e.getKey()).isNull();
                      } else if (want.isNumber()) {
                        assertThat(((Number) v).doubleValue())
                            .as(featureId + " " + e.getKey())
                            .isEqualTo(want.asDouble());
                      } else if (want.isBoolean()) {
                        assertThat(v).as(featureId + " " + e.getKey()).isEqualTo(want.asBoolean());
                      } else {
                        assertThat(v).as(featureId + " " + e.getKey()).isEqualTo(want.asText());
                      }
                    });
          }
          assertThat(indexes).hasSize((int) drawable);
        });
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 10, 12})
  void neighbouringCatchmentsShareTheirEdgesInEveryTile(int zoom) {
    String id = "catchments-voronoi";
    Geometry region =
        CrsTransform.between(Crs.BNG, Crs.WEB_MERCATOR)
            .apply(DemoCatalogue.get().result().inputs().region());
    WebMercatorQuad.Limits l = limits(id, zoom);
    JavalinTest.test(
        app(),
        (server, client) -> {
          int drawn = 0;
          for (int row = l.minRow(); row <= l.maxRow(); row++) {
            for (int col = l.minCol(); col <= l.maxCol(); col++) {
              WebMercatorQuad.Tile t = new WebMercatorQuad.Tile(zoom, row, col);
              Got r = fetch(server.port(), path(id, zoom, row, col));
              Geometry expected = expectedCover(region, t);
              if (r.code() == 204) {
                assertThat(expected.getArea()).as("tile %s", t).isLessThan(1.0);
                continue;
              }
              assertThat(r.code()).isEqualTo(200);
              List<Polygon> polygons = Mvt.polygons(Mvt.geometries(r.body(), id));
              Geometry[] coverage = polygons.toArray(Geometry[]::new);
              for (Polygon p : polygons) {
                assertThat(p.isValid()).as("tile %s", t).isTrue();
              }
              Geometry[] invalid = CoverageValidator.validate(coverage);
              for (int i = 0; i < invalid.length; i++) {
                assertThat((Object) invalid[i]).as("tile %s: edges not shared", t).isNull();
              }
              Geometry union =
                  OverlayNGRobust.union(GeoUtils.FACTORY.createGeometryCollection(coverage));
              double sum = polygons.stream().mapToDouble(Geometry::getArea).sum();
              assertThat(sum).as("tile %s: overlap", t).isCloseTo(union.getArea(), within(1e-6));
              // the union covers the clip area where the data does, up to the simplification of
              // the study area's outline (half a pixel, 8 units, either side of it)
              double outline =
                  OverlayNGRobust.overlay(
                          expected.getBoundary(),
                          GeoUtils.FACTORY.toGeometry(clipInTile()),
                          OverlayNG.INTERSECTION)
                      .getLength();
              double differ =
                  OverlayNGRobust.overlay(union, expected, OverlayNG.SYMDIFFERENCE).getArea();
              assertThat(differ)
                  .as("tile %s: the catchments' union against the study area", t)
                  .isLessThanOrEqualTo(8 * outline + 4 * clipInTile().getWidth() * 0.5 + 1);
              drawn++;
            }
          }
          assertThat(drawn).isPositive();
        });
  }

  static Envelope clipInTile() {
    return new Envelope(
        -TileLayer.BUFFER,
        TileLayer.EXTENT + TileLayer.BUFFER,
        -TileLayer.BUFFER,
        TileLayer.EXTENT + TileLayer.BUFFER);
  }

  /** The study area (EPSG:3857) in a tile's units, within the tile's clip area. */
  static Geometry expectedCover(Geometry region, WebMercatorQuad.Tile t) {
    Envelope b = WebMercatorQuad.bounds(t);
    double s = TileLayer.EXTENT / b.getWidth();
    Geometry local =
        GeoUtils.mapXy(
            region,
            (x, y, o) -> {
              o.x = (x - b.getMinX()) * s;
              o.y = (b.getMaxY() - y) * s;
            });
    return OverlayNGRobust.overlay(
        local, GeoUtils.FACTORY.toGeometry(clipInTile()), OverlayNG.INTERSECTION);
  }

  @Test
  void aTileNoFeatureReachesIs204WithAnEtag() {
    // the limits are the extent's box; the county is not a box, so some tiles at its corners miss
    String id = "catchments-voronoi";
    Geometry region =
        CrsTransform.between(Crs.BNG, Crs.WEB_MERCATOR)
            .apply(DemoCatalogue.get().result().inputs().region());
    WebMercatorQuad.Limits l = limits(id, 13);
    WebMercatorQuad.Tile empty = null;
    for (int row = l.minRow(); row <= l.maxRow() && empty == null; row++) {
      for (int col = l.minCol(); col <= l.maxCol() && empty == null; col++) {
        WebMercatorQuad.Tile t = new WebMercatorQuad.Tile(13, row, col);
        Envelope clip = WebMercatorQuad.bounds(t);
        clip.expandBy(clip.getWidth() * TileLayer.BUFFER / TileLayer.EXTENT);
        if (!GeoUtils.FACTORY.toGeometry(clip).intersects(region)) {
          empty = t;
        }
      }
    }
    assertThat(empty).as("a tile of the limits off the county").isNotNull();
    WebMercatorQuad.Tile t = empty;
    JavalinTest.test(
        app(),
        (server, client) -> {
          Got r = fetch(server.port(), path(id, t.zoom(), t.row(), t.col()));
          assertThat(r.code()).isEqualTo(204);
          assertThat(r.body()).isEmpty();
          assertThat(r.header("Content-Type")).isNull();
          String etag = r.header("ETag");
          assertThat(etag).isNotNull();
          Got again =
              fetch(server.port(), path(id, t.zoom(), t.row(), t.col()), "If-None-Match", etag);
          assertThat(again.code()).isEqualTo(304);
        });
  }

  @Test
  void aTileHasAnEtagAnswers304AndIsCachedLikeTheItems() {
    WebMercatorQuad.Tile t = oneTileFor("catchments-voronoi");
    String p = path("catchments-voronoi", t.zoom(), t.row(), t.col());
    JavalinTest.test(
        app(),
        (server, client) -> {
          Got first = fetch(server.port(), p);
          String etag = first.header("ETag");
          assertThat(etag).matches("\"[0-9a-f]{32}\"");
          assertThat(first.header("Cache-Control")).isEqualTo("public, max-age=60");
          Got again = fetch(server.port(), p, "If-None-Match", etag);
          assertThat(again.code()).isEqualTo(304);
          assertThat(again.body()).isEmpty();
          Got third = fetch(server.port(), p);
          assertThat(third.body()).isEqualTo(first.body());
          assertThat(third.header("ETag")).isEqualTo(etag);
          WebMercatorQuad.Tile child =
              new WebMercatorQuad.Tile(t.zoom() + 1, 2 * t.row(), 2 * t.col());
          Response other =
              client.get(path("catchments-voronoi", child.zoom(), child.row(), child.col()));
          assertThat(header(other, "ETag")).isNotEqualTo(etag);
        });
  }

  @Test
  void aClientTakingGzipGetsTheTileGzippedOnceWithItsOwnEtag() {
    WebMercatorQuad.Tile t = oneTileFor("catchments-voronoi");
    String p = path("catchments-voronoi", t.zoom(), t.row(), t.col());
    JavalinTest.test(
        app(),
        (server, client) -> {
          Got plain = fetch(server.port(), p);
          Got gz = fetch(server.port(), p, "Accept-Encoding", "gzip, deflate, br");
          assertThat(plain.header("Content-Encoding")).isNull();
          assertThat(gz.header("Content-Encoding")).isEqualTo("gzip");
          assertThat(gz.header("Vary")).contains("Accept-Encoding");
          assertThat(gz.body().length).isLessThan(plain.body().length);
          byte[] unzipped =
              new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.body()))
                  .readAllBytes();
          assertThat(unzipped).isEqualTo(plain.body());
          assertThat(gz.header("ETag")).isNotEqualTo(plain.header("ETag"));
          Got again =
              fetch(
                  server.port(), p, "Accept-Encoding", "gzip", "If-None-Match", gz.header("ETag"));
          assertThat(again.code()).isEqualTo(304);
        });
  }

  @Test
  void gzipIsTakenUnlessItsQualityIsZero() {
    assertThat(TilesApi.acceptsGzip("gzip")).isTrue();
    assertThat(TilesApi.acceptsGzip("deflate, gzip;q=0.8")).isTrue();
    assertThat(TilesApi.acceptsGzip("*")).isTrue();
    assertThat(TilesApi.acceptsGzip("GZIP")).isTrue();
    assertThat(TilesApi.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(TilesApi.acceptsGzip("gzip; q=0.000")).isFalse();
    assertThat(TilesApi.acceptsGzip("br, identity")).isFalse();
    assertThat(TilesApi.acceptsGzip(null)).isFalse();
  }

  @Test
  void aScenarioCollectionsTilesAreRevalidatedEveryTime() {
    Catalogue catalogue = DemoCatalogue.fresh();
    ApiCollection base = catalogue.collection("catchments-voronoi");
    ApiCollection scenario =
        new ApiCollection(
            "scenario-1-catchments-voronoi",
            "Scenario 1",
            "a scenario's catchments",
            base.layer(),
            true,
            "3");
    catalogue.attach(
        new Catalogue.DynamicCollections() {
          @Override
          public List<ApiCollection> list() {
            return List.of(scenario);
          }

          @Override
          public ApiCollection find(String id) {
            return id.equals(scenario.id()) ? scenario : null;
          }
        });
    WebMercatorQuad.Tile t = oneTileFor("catchments-voronoi");
    JavalinTest.test(
        WebServer.create(catalogue, WebServer.Options.defaults()),
        (server, client) -> {
          Got r = fetch(server.port(), path(scenario.id(), t.zoom(), t.row(), t.col()));
          assertThat(r.code()).isEqualTo(200);
          assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
          assertThat(
                  header(
                      client.get("/collections/" + scenario.id() + "/tiles/WebMercatorQuad"),
                      "Cache-Control"))
              .isEqualTo("no-cache");
          assertThat(Mvt.geometries(r.body(), scenario.id())).hasSize(scenario.size());
        });
  }
}
