package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.pcnatlas.testing.Gdal;

/**
 * A real, independent OGC API - Maps client: GDAL's OGCAPI driver ({@code -oo API=MAP}) finds the
 * collection's map from its description, asks for it block by block with a CRS84 {@code bbox}
 * alone, and mosaics the blocks into one georeferenced picture. That picture must be the one the
 * server draws for the whole box in one request: if the server drew a block in any other CRS than
 * the box's, or ignored the box, the blocks would not join (each one a stretched or whole county).
 */
class MapGdalClientTest {
  static Javalin app;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    Gdal.require("gdal_translate");
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

  @Test
  void gdalTranslateMosaicsTheCatchmentMapIntoThePictureTheServerDrawsForTheWholeBox()
      throws Exception {
    String id = "catchments-voronoi";
    Envelope e = DemoCatalogue.get().collection(id).extentCrs84();
    String base = "http://127.0.0.1:" + app.port();
    int w = 600;
    int h = (int) Math.round(w * e.getHeight() / e.getWidth());
    Path out = dir.resolve("gdal-map.png");
    Gdal.Result r =
        Gdal.run(
            "gdal_translate",
            "-of",
            "PNG",
            "-projwin",
            num(e.getMinX()),
            num(e.getMaxY()),
            num(e.getMaxX()),
            num(e.getMinY()),
            "-outsize",
            String.valueOf(w),
            String.valueOf(h),
            "OGCAPI:" + base + "/collections/" + id,
            "-oo",
            "API=MAP",
            out.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    BufferedImage gdal = ImageIO.read(out.toFile());
    assertThat(gdal.getWidth()).isEqualTo(w);
    assertThat(gdal.getHeight()).isEqualTo(h);

    String url =
        base
            + "/collections/"
            + id
            + "/map?bbox="
            + String.join(
                ",", num(e.getMinX()), num(e.getMinY()), num(e.getMaxX()), num(e.getMaxY()))
            + "&width="
            + w
            + "&height="
            + h;
    HttpResponse<byte[]> one =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.headers().firstValue("Content-Crs").orElse(""))
        .as("without crs the map is in the box's CRS")
        .isEqualTo("<" + ItemsQuery.CRS84 + ">");
    BufferedImage server = ImageIO.read(new ByteArrayInputStream(one.body()));

    // compare on a grid of probe points away from edges (resampling blurs boundaries)
    int probes = 0;
    int same = 0;
    for (int y = 5; y < h - 5; y += 7) {
      for (int x = 5; x < w - 5; x += 7) {
        probes++;
        if (close(gdal.getRGB(x, y), server.getRGB(x, y))) {
          same++;
        }
      }
    }
    assertThat((double) same / probes)
        .as("share of %d probe pixels alike in GDAL's mosaic and the server's picture", probes)
        .isGreaterThan(0.9);
  }

  static boolean close(int a, int b) {
    int aa = (a >>> 24) & 0xff;
    int ba = (b >>> 24) & 0xff;
    if (aa < 128 || ba < 128) {
      return aa < 128 && ba < 128; // both (nearly) transparent
    }
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > 24) {
        return false;
      }
    }
    return true;
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
