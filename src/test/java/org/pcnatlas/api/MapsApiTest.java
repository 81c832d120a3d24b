package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.model.Feature;
import org.pcnatlas.render.MapRenderer;
import org.pcnatlas.render.MapStyles;
import org.pcnatlas.render.Scale;

/**
 * OGC API - Maps in process over the built-in demo: {@code /collections/{id}/map}, {@code
 * /map.png}, {@code /map/styles.json} and {@code /map/scales.json}; PNGs of the size asked, their
 * CRS and box headers, ETags and HEAD, and a JSON 400 naming the parameter for every bad value
 * (never a 500).
 */
class MapsApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CATCHMENTS = "/collections/catchments-voronoi/map";
  static final String BNG_URI = "<http://www.opengis.net/def/crs/EPSG/0/27700>";
  static final String MERCATOR_URI = "<http://www.opengis.net/def/crs/EPSG/0/3857>";

  /** A response with its body as bytes. */
  record Got(int code, HttpHeaders headers, byte[] body) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    BufferedImage image() throws IOException {
      assertThat(code).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(200);
      assertThat(header("Content-Type")).isEqualTo("image/png");
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(body));
      assertThat(img).as("a PNG ImageIO can read").isNotNull();
      return img;
    }

    JsonNode json() throws IOException {
      assertThat(header("Content-Type")).startsWith("application/json");
      return JSON.readTree(body);
    }
  }

  static Got fetch(int port, String method, String path, String... headers) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<byte[]> r =
          HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Got(r.statusCode(), r.headers(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  static Got get(int port, String path, String... headers) throws IOException {
    return fetch(port, "GET", path, headers);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static double[] bbox(Got r) {
    String[] p = r.header("Content-Bbox").split(",");
    assertThat(p).hasSize(4);
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      v[i] = Double.parseDouble(p[i]);
    }
    return v;
  }

  // ---- /collections/{collectionId}/map ----

  @Test
  void collectionMapIsAPngOfTheRequestedSizeInBritishNationalGrid() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          Got r = get(server.port(), CATCHMENTS + "?width=300&height=200");
          BufferedImage img = r.image();
          assertThat(img.getWidth()).isEqualTo(300);
          assertThat(img.getHeight()).isEqualTo(200);
          assertThat(r.header("Content-Crs")).isEqualTo(BNG_URI);
          double[] b = bbox(r);
          // the box is fitted to the image: as many metres per pixel across as down
          assertThat((b[2] - b[0]) / 300).isCloseTo((b[3] - b[1]) / 200, within(1e-3));
          // in metres of the grid, around the demo's study area
          assertThat(b[0]).isBetween(0.0, 700_000.0);
          assertThat(b[1]).isBetween(0.0, 1_300_000.0);
        });
  }

  static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  @Test
  void collectionMapWithoutSizeIs1024WideAndAsHighAsTheStudyAreasShape() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          Got r = get(server.port(), CATCHMENTS);
          BufferedImage img = r.image();
          assertThat(img.getWidth()).isEqualTo(1024);
          Envelope e = DemoCatalogue.get().collection("catchments-voronoi").extentCrs84();
          assertThat(img.getHeight()).isBetween(1, 4096);
          double[] b = bbox(r);
          // the box holds the collection's extent (grown 3%), so no catchment is cut off
          assertThat((b[2] - b[0]) / img.getWidth())
              .isCloseTo((b[3] - b[1]) / img.getHeight(), within(1));
          assertThat(e.isNull()).isFalse();
        });
  }

  @Test
  void collectionMapGivenABoxAndAnImageOfItsShapeShowsExactlyTheBox() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          String box = "440000,200000,470000,220000";
          Got r =
              get(
                  server.port(),
                  CATCHMENTS
                      + "?bbox="
                      + box
                      + "&bbox-crs=EPSG:27700&crs=EPSG:27700&width=300&height=200");
          r.image();
          double[] b = bbox(r);
          assertThat(b)
              .containsExactly(new double[] {440000, 200000, 470000, 220000}, within(1e-6));
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"EPSG:3857", "OGC:CRS84", "EPSG:27700"})
  void collectionMapInTheCrsAskedSaysSoInContentCrs(String crs) {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          Got r = get(server.port(), CATCHMENTS + "?width=64&crs=" + enc(crs));
          assertThat(r.image().getWidth()).isEqualTo(64);
          String expected =
              switch (crs) {
                case "EPSG:3857" -> MERCATOR_URI;
                case "OGC:CRS84" -> "<" + ItemsQuery.CRS84 + ">";
                default -> BNG_URI;
              };
          assertThat(r.header("Content-Crs")).isEqualTo(expected);
        });
  }

  @Test
  void collectionMapFillsEachCatchmentWithItsColourModesColour() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          ApiCollection c = DemoCatalogue.get().collection("catchments-voronoi");
          List<Map<String, Object>> props = new ArrayList<>();
          c.layer().features().forEach(f -> props.add(f.properties()));
          MapStyles styles = MapStyles.standard();
          for (String mode : List.of("size-band", "population")) {
            Scale scale = styles.scale(mode, props);
            Got r = get(server.port(), CATCHMENTS + "?width=800&crs=EPSG:27700&colour-by=" + mode);
            BufferedImage img = r.image();
            double[] b = bbox(r);
            double mpp = (b[2] - b[0]) / img.getWidth();
            double opacity = styles.catchmentFillOpacity(!c.coverage());
            int probed = 0;
            for (Feature f : c.layer().features()) {
              Geometry g = f.geometry();
              MaximumInscribedCircle mic = new MaximumInscribedCircle(g, mpp);
              if (mic.getRadiusLine().getLength() < 6 * mpp) {
                continue; // too small at this scale to find a pixel of fill only
              }
              Point centre = mic.getCenter();
              int px = (int) Math.floor((centre.getX() - b[0]) / mpp);
              int py = (int) Math.floor((b[3] - centre.getY()) / mpp);
              int expected = blendOverWhite(scale.colour(f.properties()), opacity);
              int actual = img.getRGB(px, py);
              assertThat(close(actual, expected, 3))
                  .as(
                      "%s %s at (%d, %d): #%06x, expected #%06x",
                      mode,
                      f.properties().get("pcn_code"),
                      px,
                      py,
                      actual & 0xffffff,
                      expected & 0xffffff)
                  .isTrue();
              probed++;
            }
            assertThat(probed).as(mode + ": catchments probed").isGreaterThan(3);
          }
        });
  }

  static int blendOverWhite(String hex, double opacity) {
    java.awt.Color c = MapRenderer.colour(hex, opacity);
    double a = c.getAlpha() / 255.0;
    int r = (int) Math.round(c.getRed() * a + 255 * (1 - a));
    int g = (int) Math.round(c.getGreen() * a + 255 * (1 - a));
    int bl = (int) Math.round(c.getBlue() * a + 255 * (1 - a));
    return 0xff000000 | r << 16 | g << 8 | bl;
  }

  static boolean close(int argb1, int argb2, int tolerance) {
    for (int shift = 0; shift <= 24; shift += 8) {
      if (Math.abs(((argb1 >> shift) & 0xff) - ((argb2 >> shift) & 0xff)) > tolerance) {
        return false;
      }
    }
    return true;
  }

  @Test
  void collectionMapOfABoxWithNothingInItIsAllBackground() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          // far from the demo's data: the Shetland Isles
          String nothing = "?bbox=-1.4,60.1,-1.0,60.3&width=40&height=30";
          BufferedImage bg = get(server.port(), CATCHMENTS + nothing + "&bgcolor=0x336699").image();
          BufferedImage clear =
              get(server.port(), CATCHMENTS + nothing + "&transparent=true").image();
          for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
              assertThat(bg.getRGB(x, y)).isEqualTo(0xff336699);
              assertThat(clear.getRGB(x, y) >>> 24).as("alpha").isZero();
            }
          }
        });
  }

  @Test
  void collectionMapHasAnETagAndAnswers304WhenTheClientHasIt() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          String path = CATCHMENTS + "?width=100&height=80";
          Got first = get(server.port(), path);
          String etag = first.header("ETag");
          assertThat(etag).matches("\"[0-9a-f]{32}\"");
          Got again = get(server.port(), path, "If-None-Match", etag);
          assertThat(again.code()).isEqualTo(304);
          assertThat(again.body()).isEmpty();
          assertThat(get(server.port(), path, "If-None-Match", "W/" + etag).code()).isEqualTo(304);
          assertThat(get(server.port(), path, "If-None-Match", "\"other\"").code()).isEqualTo(200);
          // another picture, another tag
          assertThat(get(server.port(), CATCHMENTS + "?width=101&height=80").header("ETag"))
              .isNotEqualTo(etag);
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {CATCHMENTS + "?width=120&height=90", "/map.png?width=120&height=90"})
  void headAnswersLikeGetWithoutTheBody(String path) {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          Got get = get(server.port(), path);
          Got head = fetch(server.port(), "HEAD", path);
          assertThat(head.code()).isEqualTo(200);
          assertThat(head.body()).isEmpty();
          assertThat(get.body()).isNotEmpty();
          assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
          assertThat(head.header("Content-Type")).isEqualTo("image/png");
          assertThat(head.header("Content-Crs")).isEqualTo(get.header("Content-Crs"));
        });
  }

  @Test
  void collectionMapOfAnUnknownCollectionIs404() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          Got r = get(server.port(), "/collections/nope/map");
          assertThat(r.code()).isEqualTo(404);
          JsonNode body = r.json();
          assertThat(body.get("code").asText()).isEqualTo("NotFound");
          assertThat(body.get("description").asText()).contains("no collection 'nope'");
        });
  }

  @Test
  void everyCollectionHasAMap() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          for (ApiCollection c : DemoCatalogue.get().collections()) {
            BufferedImage img =
                get(server.port(), "/collections/" + c.id() + "/map?width=64&height=48").image();
            assertThat(img.getWidth()).as(c.id()).isEqualTo(64);
          }
        });
  }

  // ---- /map.png ----

  @Test
  void viewMapIsAPngInWebMercatorOfTheRequestedSize() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          Got r = get(server.port(), "/map.png?width=320&height=240");
          BufferedImage img = r.image();
          assertThat(img.getWidth()).isEqualTo(320);
          assertThat(img.getHeight()).isEqualTo(240);
          assertThat(r.header("Content-Crs")).isEqualTo(MERCATOR_URI);
          double[] b = bbox(r);
          // metres of the Mercator plane, around England
          assertThat(b[0]).isBetween(-700_000.0, 200_000.0);
          assertThat(b[1]).isBetween(6_400_000.0, 7_500_000.0);
          Got d = get(server.port(), "/map.png");
          assertThat(d.image().getWidth()).isEqualTo(1024);
        });
  }

  @Test
  void viewMapTakesTheLayersMethodAndEveryColourModeOfTheMethod() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          Catalogue cat = DemoCatalogue.get();
          for (String method : cat.methods()) {
            ApiCollection c = cat.collection("catchments-" + method);
            for (String mode : MapStyles.standard().modesFor(c.attributes().keySet())) {
              Got r =
                  get(
                      server.port(),
                      "/map.png?width=200&height=150&method=" + method + "&colour-by=" + mode);
              assertThat(r.image().getWidth()).as(method + " " + mode).isEqualTo(200);
            }
          }
          Got layers =
              get(server.port(), "/map.png?width=200&height=150&layers=districts,practices");
          assertThat(layers.image().getHeight()).isEqualTo(150);
          Got decorations =
              get(server.port(), "/map.png?width=200&height=150&decorations=none&title=Demo");
          assertThat(decorations.image().getHeight()).isEqualTo(150);
        });
  }

  @Test
  void viewMapHasAnETagAndAnswers304WhenTheClientHasIt() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          String path = "/map.png?width=100&height=80";
          String etag = get(server.port(), path).header("ETag");
          assertThat(etag).isNotBlank();
          assertThat(get(server.port(), path, "If-None-Match", etag).code()).isEqualTo(304);
        });
  }

  // ---- styles and scales ----

  @Test
  void stylesJsonIsTheStylesFile() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          Got r = get(server.port(), "/map/styles.json");
          assertThat(r.code()).isEqualTo(200);
          JsonNode doc = r.json();
          assertThat(r.body()).isEqualTo(MapStyles.standard().json());
          assertThat(doc.get("noData").asText()).matches("#[0-9a-f]{6}");
          assertThat(doc.get("colourModes").has("size-band")).isTrue();
          assertThat(r.header("ETag")).isNotBlank();
          assertThat(get(server.port(), "/map/styles.json?x=1").code()).isEqualTo(400);
        });
  }

  @Test
  void scalesJsonResolvesEveryColourModeOfTheMethod() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          Catalogue cat = DemoCatalogue.get();
          for (String method : cat.methods()) {
            Got r = get(server.port(), "/map/scales.json?method=" + method);
            assertThat(r.code()).isEqualTo(200);
            JsonNode doc = r.json();
            assertThat(doc.get("method").asText()).isEqualTo(method);
            ApiCollection c = cat.collection("catchments-" + method);
            List<String> modes = new ArrayList<>();
            doc.get("scales").fieldNames().forEachRemaining(modes::add);
            assertThat(modes)
                .containsExactlyElementsOf(MapStyles.standard().modesFor(c.attributes().keySet()));
            int features = c.layer().features().size();
            for (String mode : modes) {
              JsonNode s = doc.get("scales").get(mode);
              assertThat(s.get("mode").asText()).isEqualTo(mode);
              assertThat(s.get("rule").get("type").asText()).isIn("categories", "steps", "split");
              int n = 0;
              for (JsonNode item : s.get("items")) {
                assertThat(item.get("colour").asText()).matches("#[0-9a-f]{6}");
                n += item.get("n").asInt();
              }
              // every catchment is counted once: in a class, no data or unallocated
              assertThat(n).as(method + " " + mode).isEqualTo(features);
            }
          }
          // without a method: the first method's
          JsonNode first = get(server.port(), "/map/scales.json").json();
          assertThat(first.get("method").asText()).isEqualTo(cat.methods().get(0));
        });
  }

  @Test
  void scalesJsonOfAnUnknownMethodIs400NamingMethod() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          Got r = get(server.port(), "/map/scales.json?method=nope");
          assertThat(r.code()).isEqualTo(400);
          JsonNode body = r.json();
          assertThat(body.get("field").asText()).isEqualTo("method");
          assertThat(body.get("description").asText())
              .contains("method 'nope' was not run", "voronoi");
          Got unknown = get(server.port(), "/map/scales.json?colour-by=population");
          assertThat(unknown.code()).isEqualTo(400);
          assertThat(unknown.json().get("description").asText())
              .contains("unknown parameter 'colour-by'");
        });
  }

  // ---- the API's documents ----

  @Test
  void conformanceListsTheMapsClassesAndEachCollectionLinksItsMap() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          List<String> classes = new ArrayList<>();
          get(server.port(), "/conformance")
              .json()
              .get("conformsTo")
              .forEach(c -> classes.add(c.asText()));
          assertThat(classes)
              .contains(
                  "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/core",
                  "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/collection-map",
                  "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/background",
                  "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/crs",
                  "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/png");
          for (String id : List.of("catchments-voronoi", "practices")) {
            List<JsonNode> maps = new ArrayList<>();
            get(server.port(), "/collections/" + id)
                .json()
                .get("links")
                .forEach(
                    l -> {
                      if (l.get("rel")
                          .asText()
                          .equals("http://www.opengis.net/def/rel/ogc/1.0/map")) {
                        maps.add(l);
                      }
                    });
            assertThat(maps).as(id).hasSize(1);
            assertThat(maps.get(0).get("type").asText()).isEqualTo("image/png");
            String href = maps.get(0).get("href").asText();
            assertThat(href).endsWith("/collections/" + id + "/map");
            // the link leads to a map
            String path = href.replaceAll("^https?://[^/]+", "");
            assertThat(get(server.port(), path + "?width=32&height=32").image().getWidth())
                .isEqualTo(32);
          }
        });
  }

  // ---- bad parameters: a JSON 400 naming the field, never a 500 ----

  static Stream<Arguments> badParameters() {
    String big = "x".repeat(201);
    return Stream.of(
        Arguments.of(CATCHMENTS + "?width=0", "width"),
        Arguments.of(CATCHMENTS + "?width=-1", "width"),
        Arguments.of(CATCHMENTS + "?width=5000", "width"),
        Arguments.of(CATCHMENTS + "?width=1.5", "width"),
        Arguments.of(CATCHMENTS + "?height=abc", "height"),
        Arguments.of(CATCHMENTS + "?bbox=1,2,3", "bbox"),
        Arguments.of(CATCHMENTS + "?bbox=a,b,c,d", "bbox"),
        Arguments.of(CATCHMENTS + "?bbox=0,52,-1,51", "bbox"),
        Arguments.of(CATCHMENTS + "?bbox=-200,51,0,52", "bbox"),
        Arguments.of(CATCHMENTS + "?bbox-crs=EPSG:4326", "bbox-crs"),
        Arguments.of(CATCHMENTS + "?crs=EPSG:4326", "crs"),
        Arguments.of(CATCHMENTS + "?f=jpeg", "f"),
        Arguments.of(CATCHMENTS + "?bgcolor=%23ffffff", "bgcolor"),
        Arguments.of(CATCHMENTS + "?transparent=yes", "transparent"),
        Arguments.of(CATCHMENTS + "?colour-by=nope", "colour-by"),
        Arguments.of("/collections/districts/map?colour-by=population", "colour-by"),
        Arguments.of(CATCHMENTS + "?decorations=compass", "decorations"),
        Arguments.of(CATCHMENTS + "?title=" + big, "title"),
        Arguments.of(CATCHMENTS + "?layers=districts", "layers"),
        Arguments.of(CATCHMENTS + "?width=10&width=20", "width"),
        Arguments.of("/map.png?layers=nope", "layers"),
        Arguments.of("/map.png?layers=districts,,practices", "layers"),
        Arguments.of("/map.png?method=nope", "method"),
        Arguments.of("/map.png?colour-by=nope", "colour-by"),
        Arguments.of("/map.png?scenario=s1", "scenario"),
        Arguments.of("/map.png?width=0", "width"),
        Arguments.of("/map.png?crs=EPSG:2157", "crs"),
        Arguments.of("/map.png?bbox-crs=EPSG:3857&bbox=-30000000,0,0,1", "bbox"),
        Arguments.of("/map.png?zoom=3", "zoom"));
  }

  @ParameterizedTest
  @MethodSource("badParameters")
  void badParameterIsAJson400NamingTheField(String path, String field) {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          Got r = get(server.port(), path);
          assertThat(r.code()).as(path).isEqualTo(400);
          JsonNode body = r.json();
          assertThat(body.get("code").asText()).isEqualTo("InvalidParameterValue");
          assertThat(body.get("field").asText()).as(path).isEqualTo(field);
          assertThat(body.get("description").asText()).as(path).contains(field);
        });
  }

  @Test
  void aCrs84BoxToThePolesDrawnInWebMercatorIsCutWhereThatWorldEnds() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          Got r =
              get(server.port(), "/map.png?bbox=-180,-90,180,90&crs=EPSG:3857&width=64&height=64");
          assertThat(r.image().getWidth()).isEqualTo(64);
          double[] b = bbox(r);
          double world = 20_037_508.342789244;
          assertThat(b).containsExactly(new double[] {-world, -world, world, world}, within(1));
        });
  }

  @Test
  void aBoxTheMapsCrsHasNoCoordinatesForIs400NamingBbox() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          Got r =
              get(
                  server.port(),
                  "/map.png?bbox=-1e300,-1e300,1e300,1e300&bbox-crs=EPSG:27700&crs=EPSG:3857&width=64");
          assertThat(r.code()).isEqualTo(400);
          JsonNode body = r.json();
          assertThat(body.get("field").asText()).isEqualTo("bbox");
          assertThat(body.get("description").asText())
              .contains("cannot be drawn in http://www.opengis.net/def/crs/EPSG/0/3857");
        });
  }

  /** Odd but well-formed requests: answered with a picture or a 400, never a 500. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "?bbox=-180,-90,180,90&width=64",
        "?bbox=-180,-90,180,90&crs=http://www.opengis.net/def/crs/OGC/1.3/CRS84&width=64",
        "?bbox=-180,-90,180,90&crs=EPSG:3857&width=64",
        "?bbox=-180,-90,180,90&crs=EPSG:27700&width=64",
        "?bbox=-1e-9,51.5,1e-9,51.50000001&width=64",
        "?bbox=-1.3,51.7,-1.29999999999,51.8&width=64",
        "?bbox=0,0,1e300,1e300&bbox-crs=EPSG:27700&width=64",
        "?bbox=-1e300,-1e300,1e300,1e300&bbox-crs=EPSG:27700&crs=EPSG:3857&width=64",
        "?bbox=-1e300,-1e300,1e300,1e300&bbox-crs=EPSG:27700&crs=OGC:CRS84&width=64",
        "?bbox=-20037508,-20037508,20037508,20037508&bbox-crs=EPSG:3857&crs=EPSG:27700&width=64",
        "?bbox=170,-90,180,-80&crs=EPSG:27700&width=64",
        "?bbox=-1,89,0,90&crs=EPSG:3857&width=64",
        "?bbox=440000,200000,440000.001,200000.001&bbox-crs=EPSG:27700&width=64",
        "?width=4096&height=1",
        "?width=1&height=4096",
        "?width=1",
        "?title=%00%01",
        "?bgcolor=0x00000000",
      })
  void oddRequestsAreNever500(String query) {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          for (String path : List.of(CATCHMENTS + query, "/map.png" + query)) {
            Got r = get(server.port(), path);
            assertThat(r.code())
                .as(path + ": " + new String(r.body(), StandardCharsets.UTF_8))
                .isIn(200, 400);
            if (r.code() == 400) {
              assertThat(r.json().get("field").asText()).as(path).isNotBlank();
            } else {
              assertThat(r.image().getWidth()).isPositive();
            }
          }
        });
  }
}
