package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.testing.Gdal;

/**
 * A real, independent OGC API - Features client: GDAL's OAPIF driver lists every collection and
 * reads whole collections (following the paging links) with the right feature counts.
 */
class GdalClientTest {
  static Javalin app;
  static String url;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    Gdal.require("ogrinfo");
    app =
        WebServer.create(
            DemoCatalogue.get(),
            new WebServer.Options("127.0.0.1", 0, java.util.List.of("*"), null, null));
    app.start();
    url = "OAPIF:http://127.0.0.1:" + app.port() + "/";
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void ogrinfoListsEveryCollection() {
    Gdal.Result r = Gdal.run("ogrinfo", "-ro", "-q", url);
    assertThat(r.exitCode()).as(r.output()).isZero();
    for (ApiCollection c : DemoCatalogue.get().collections()) {
      assertThat(r.output()).as(c.id()).containsPattern("\\d+: " + Pattern.quote(c.id()) + "\\b");
    }
  }

  @Test
  void ogrinfoCountsTheCatchmentsAndPractices() {
    for (String id : new String[] {"catchments-voronoi", "catchments-registration", "practices"}) {
      Gdal.Result r = Gdal.run("ogrinfo", "-ro", "-so", url, id);
      assertThat(r.exitCode()).as(r.output()).isZero();
      Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(r.output());
      assertThat(m.find()).as(r.output()).isTrue();
      assertThat(Integer.parseInt(m.group(1)))
          .as(id)
          .isEqualTo(DemoCatalogue.get().collection(id).size());
    }
  }

  @Test
  void ogrinfoKnowsTheGeometryTypeOfEveryLayer() {
    // catchments, districts and LSOAs mix Polygons and MultiPolygons; served as MultiPolygons
    // throughout (and so described in their schema), GDAL reports one type, not "Unknown (any)"
    for (String id :
        new String[] {"catchments-voronoi", "catchments-registration", "districts", "lsoas"}) {
      Gdal.Result r = Gdal.run("ogrinfo", "-ro", "-so", url, id);
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).as(id).contains("Geometry: Multi Polygon");
    }
    Gdal.Result r = Gdal.run("ogrinfo", "-ro", "-so", url, "practices");
    assertThat(r.output()).contains("Geometry: Point");
  }

  @Test
  void ogrinfoWhereIsSentToTheServerAsCql2() {
    // the server declares CQL2 text and features-filter, so GDAL's OAPIF driver translates -where
    // into a filter= request instead of filtering the whole layer itself
    Gdal.Result r =
        Gdal.run(
            "ogrinfo",
            "-ro",
            "-al",
            "-q",
            "--debug",
            "ON",
            url,
            "catchments-voronoi",
            "-where",
            "registered_list > 40000");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("filter=");
    long want =
        DemoCatalogue.get().collection("catchments-voronoi").layer().features().stream()
            .filter(f -> ((Number) f.properties().get("registered_list")).longValue() > 40000)
            .count();
    int features = r.output().split("OGRFeature\\(", -1).length - 1;
    assertThat(features).isEqualTo((int) want);
  }

  @Test
  void ogr2ogrReadsEveryCatchmentThroughThePagingLinks() throws Exception {
    Path out = dir.resolve("catchments.geojson");
    // a page size far below the collection size, so GDAL must follow the next links
    Gdal.Result r =
        Gdal.run(
            "ogr2ogr",
            "-f",
            "GeoJSON",
            out.toString(),
            url,
            "catchments-voronoi",
            "-oo",
            "PAGE_SIZE=5");
    assertThat(r.exitCode()).as(r.output()).isZero();
    String text = Files.readString(out);
    int features = text.split("\"type\": \"Feature\"", -1).length - 1;
    assertThat(features).isEqualTo(21);
    assertThat(text).contains("\"pcn_code\": \"U90001\"");
  }
}
