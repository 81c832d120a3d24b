package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.pcnatlas.api.tiles.TileLayer;
import org.pcnatlas.api.tiles.WebMercatorQuad;
import org.pcnatlas.testing.Gdal;

/**
 * A real, independent MVT client: GDAL's MVT driver reads a tile the server wrote, reports its one
 * layer named after the collection, every feature with the collection's fields, and, from the
 * tile's z/x/y path, places it in EPSG:3857 within the tile. Skips without GDAL outside CI, fails
 * under CI ({@link Gdal#require}).
 */
class TileGdalClientTest {
  static Javalin app;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    Gdal.require("ogrinfo");
    app =
        WebServer.create(
            DemoCatalogue.get(), new WebServer.Options("127.0.0.1", 0, List.of("*"), null, null));
    app.start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.stop();
    }
  }

  /** Downloads a tile into DIR/{z}/{x}/{y}.pbf, the layout GDAL georeferences a tile from. */
  static Path download(String collection, WebMercatorQuad.Tile t) throws Exception {
    TilesApiTest.Got got =
        TilesApiTest.fetch(app.port(), TilesApiTest.path(collection, t.zoom(), t.row(), t.col()));
    assertThat(got.code()).isEqualTo(200);
    Path file = dir.resolve(collection + "/" + t.zoom() + "/" + t.col() + "/" + t.row() + ".pbf");
    Files.createDirectories(file.getParent());
    Files.write(file, got.body());
    return file;
  }

  static int featureCount(String output) {
    Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  void ogrinfoReadsTheCatchmentsTileWithEveryFeatureAndField() throws Exception {
    String id = "catchments-voronoi";
    ApiCollection c = DemoCatalogue.get().collection(id);
    WebMercatorQuad.Tile t = TilesApiTest.oneTileFor(id);
    Path file = download(id, t);
    Gdal.Result r = Gdal.run("ogrinfo", "-ro", "-so", "-al", file.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("using driver `MVT'").contains("Layer name: " + id);
    assertThat(featureCount(r.output())).isEqualTo(c.size());
    assertThat(r.output()).contains("Pseudo-Mercator");
    for (String field : c.layer().attributes().keySet()) {
      assertThat(r.output()).as(field).containsPattern("(?m)^" + Pattern.quote(field) + ": ");
    }
    // the layer's extent lies within the tile and its buffer, in EPSG:3857 metres
    Matcher m =
        Pattern.compile("Extent: \\(([-0-9.]+), ([-0-9.]+)\\) - \\(([-0-9.]+), ([-0-9.]+)\\)")
            .matcher(r.output());
    assertThat(m.find()).as(r.output()).isTrue();
    Envelope extent =
        new Envelope(
            Double.parseDouble(m.group(1)),
            Double.parseDouble(m.group(3)),
            Double.parseDouble(m.group(2)),
            Double.parseDouble(m.group(4)));
    Envelope tile = WebMercatorQuad.bounds(t);
    tile.expandBy(tile.getWidth() * TileLayer.BUFFER / TileLayer.EXTENT);
    assertThat(tile.contains(extent)).as("%s within %s", extent, tile).isTrue();
    assertThat(extent.getArea()).isGreaterThan(tile.getArea() / 100);
  }

  @Test
  void ogrinfoListsThePracticesWithTheirCodes() throws Exception {
    String id = "practices";
    ApiCollection c = DemoCatalogue.get().collection(id);
    Path file = download(id, TilesApiTest.oneTileFor(id));
    Gdal.Result r = Gdal.run("ogrinfo", "-ro", "-al", file.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("Layer name: practices").contains("Geometry: Point");
    assertThat(featureCount(r.output())).isEqualTo(c.size());
    String first = c.layer().features().get(0).id();
    assertThat(r.output()).contains("practice_code (String) = " + first);
    assertThat(r.output()).contains("id (String) = " + first);
  }
}
