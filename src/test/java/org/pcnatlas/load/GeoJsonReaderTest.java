package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.testing.OpenData;

class GeoJsonReaderTest {
  @TempDir Path dir;

  private Path write(String name, String json) throws IOException {
    return Files.writeString(dir.resolve(name), json);
  }

  private static LoadedLayer read(Path file) {
    return new GeoJsonReader().read(file, ReadOptions.defaults());
  }

  private static String fc(String crs, String... features) {
    return "{\"type\":\"FeatureCollection\","
        + (crs == null
            ? ""
            : "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + crs + "\"}},")
        + "\"features\":["
        + String.join(",", features)
        + "]}";
  }

  private static String feature(String geometry, String properties) {
    return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
  }

  private static final String SQUARE_WITH_HOLE_BNG =
      "{\"type\":\"Polygon\",\"coordinates\":[[[450000,200000],[451000,200000],[451000,201000],[450000,201000],[450000,200000]],"
          + "[[450250,200250],[450250,200750],[450750,200750],[450750,200250],[450250,200250]]]}";

  @Test
  void legacyCrsMemberInBritishNationalGridKeepsCoordinatesAndHoles() throws IOException {
    Path f =
        write(
            "a.geojson",
            fc(
                "urn:ogc:def:crs:EPSG::27700",
                feature(
                    SQUARE_WITH_HOLE_BNG,
                    "{\"code\":\"E01\",\"pop\":1500,\"share\":0.5,\"ok\":true,\"note\":null}")));
    LoadedLayer l = read(f);
    assertThat(l.sourceEpsg()).isEqualTo(27700);
    assertThat(l.layer().size()).isEqualTo(1);
    Polygon p = (Polygon) l.layer().features().get(0).geometry();
    assertThat(p.getNumInteriorRing()).isEqualTo(1);
    assertThat(p.getArea()).isEqualTo(1_000_000 - 250_000);
    assertThat(l.layer().features().get(0).properties())
        .containsEntry("code", "E01")
        .containsEntry("pop", 1500L)
        .containsEntry("share", 0.5)
        .containsEntry("ok", true)
        .containsEntry("note", null);
    assertThat(l.layer().attributes())
        .containsEntry("code", AttributeType.STRING)
        .containsEntry("pop", AttributeType.INTEGER)
        .containsEntry("share", AttributeType.REAL)
        .containsEntry("ok", AttributeType.BOOLEAN)
        .containsEntry("note", AttributeType.STRING);
    assertThat(l.sourceBbox().getMinX()).isEqualTo(450000);
    assertThat(l.geometryTypes()).containsExactly("Polygon");
    assertThat(l.report().isEmpty()).isTrue();
  }

  @Test
  void rfc7946WithoutCrsIsWgs84AndIsProjectedToBng() throws IOException {
    Path f =
        write(
            "b.geojson",
            fc(
                null,
                feature("{\"type\":\"Point\",\"coordinates\":[-1.262627402,51.750381298]}", "{}")));
    LoadedLayer l = read(f);
    assertThat(l.sourceEpsg()).isEqualTo(4326);
    Geometry p = l.layer().features().get(0).geometry();
    assertThat(p.getCoordinate().x).isCloseTo(451000, org.assertj.core.api.Assertions.within(0.5));
    assertThat(p.getCoordinate().y).isCloseTo(206000, org.assertj.core.api.Assertions.within(0.5));
    assertThat(p.getSRID()).isEqualTo(27700);
  }

  @Test
  void crs84AndEpsg4326NamesAreLonLat() throws IOException {
    for (String name :
        new String[] {"urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"}) {
      Path f =
          write(
              "c.geojson",
              fc(name, feature("{\"type\":\"Point\",\"coordinates\":[-1.26,51.75]}", "{}")));
      LoadedLayer l = read(f);
      assertThat(l.sourceEpsg()).as(name).isEqualTo(4326);
      assertThat(l.layer().size()).as(name).isEqualTo(1);
    }
  }

  @Test
  void multiPolygonsAndSingleFeatureObjects() throws IOException {
    String mp =
        "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[10,0],[10,10],[0,10],[0,0]]],[[[20,0],[30,0],[30,10],[20,10],[20,0]]]]}";
    Path f =
        write(
            "d.geojson",
            "{\"type\":\"Feature\",\"id\":\"X1\",\"properties\":{},\"geometry\":"
                + mp
                + ",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:27700\"}}}");
    LoadedLayer l = read(f);
    assertThat(l.layer().features().get(0).geometry().getNumGeometries()).isEqualTo(2);
    assertThat(l.layer().features().get(0).geometry().getArea()).isEqualTo(200);
    assertThat(l.layer().features().get(0).id()).isEqualTo("X1");
  }

  @Test
  void badFeaturesAreReportedWithTheirNumberAndTheRestRead() throws IOException {
    String ok = feature("{\"type\":\"Point\",\"coordinates\":[-1.2,51.7]}", "{\"n\":1}");
    String nullGeom = feature("null", "{\"n\":2}");
    String empty = feature("{\"type\":\"Polygon\",\"coordinates\":[]}", "{\"n\":3}");
    String unclosed =
        feature(
            "{\"type\":\"Polygon\",\"coordinates\":[[[-1,51],[-1.1,51],[-1.1,51.1],[-1,51.1]]]}",
            "{\"n\":4}");
    String bowtie =
        feature(
            "{\"type\":\"Polygon\",\"coordinates\":[[[-1,51],[-0.9,51.1],[-0.9,51],[-1,51.1],[-1,51]]]}",
            "{\"n\":5}");
    String outOfRange =
        feature("{\"type\":\"Point\",\"coordinates\":[451000,206000]}", "{\"n\":6}");
    String badPosition = feature("{\"type\":\"Point\",\"coordinates\":[\"a\",1]}", "{\"n\":7}");
    Path f =
        write(
            "bad.geojson",
            fc(null, ok, nullGeom, empty, unclosed, bowtie, outOfRange, badPosition));
    LoadedLayer l = read(f);
    assertThat(l.rowsRead()).isEqualTo(7);
    assertThat(l.layer().features())
        .extracting(x -> x.properties().get("n"))
        .containsExactly(1L, 5L);
    LoadReport r = l.report();
    assertThat(r.problems(ProblemCode.MISSING_GEOMETRY))
        .extracting(Problem::location)
        .containsExactly("bad.geojson:feature 2");
    assertThat(r.problems(ProblemCode.EMPTY_GEOMETRY))
        .extracting(Problem::location)
        .containsExactly("bad.geojson:feature 3");
    assertThat(r.problems(ProblemCode.UNPARSABLE_COORDINATES))
        .extracting(Problem::location)
        .containsExactly("bad.geojson:feature 4", "bad.geojson:feature 6", "bad.geojson:feature 7");
    assertThat(r.problems(ProblemCode.GEOMETRY_REPAIRED))
        .extracting(Problem::location)
        .containsExactly("bad.geojson:feature 5");
    assertThat(r.problems(ProblemCode.UNPARSABLE_COORDINATES).get(0).message())
        .contains("not closed");
    assertThat(r.problems(ProblemCode.UNPARSABLE_COORDINATES).get(1).message())
        .contains("not a longitude/latitude");
    assertThat(l.layer().features().get(1).geometry().isValid()).isTrue();
    // every feature read is either kept or has a problem that rejected it
    assertThat(l.layer().size() + r.problems().size() - r.count(ProblemCode.GEOMETRY_REPAIRED))
        .isEqualTo(7);
  }

  @Test
  void bngCoordinatesWithoutCrsMemberNeedTheCrsOption() throws IOException {
    Path f = write("nocrs.geojson", fc(null, feature(SQUARE_WITH_HOLE_BNG, "{}")));
    assertThat(read(f).report().count(ProblemCode.UNPARSABLE_COORDINATES)).isEqualTo(1);
    LoadedLayer l = new GeoJsonReader().read(f, ReadOptions.defaults().withSourceEpsg(27700));
    assertThat(l.layer().size()).isEqualTo(1);
  }

  @Test
  void aDeclaredCrsThatContradictsTheOptionIsAnError() throws IOException {
    Path f = write("both.geojson", fc("EPSG:27700", feature(SQUARE_WITH_HOLE_BNG, "{}")));
    assertThatThrownBy(
            () -> new GeoJsonReader().read(f, ReadOptions.defaults().withSourceEpsg(4326)))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("both.geojson")
        .hasMessageContaining("declares EPSG:27700");
  }

  @Test
  void unknownCrsIsAnErrorNamingTheFile() throws IOException {
    Path f =
        write(
            "weird.geojson",
            fc("urn:ogc:def:crs:EPSG::99999", feature(SQUARE_WITH_HOLE_BNG, "{}")));
    assertThatThrownBy(() -> read(f))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("weird.geojson")
        .hasMessageContaining("99999");
  }

  @Test
  void malformedJsonIsAnErrorWithFileAndLine() throws IOException {
    Path f =
        write(
            "broken.geojson",
            "{\"type\":\"FeatureCollection\",\n\"features\":[{\"type\":\"Feature\",}]}");
    assertThatThrownBy(() -> read(f))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("broken.geojson")
        .hasMessageContaining("line 2");
  }

  @Test
  void aStringOverTheParsersLimitIsAnErrorNamingTheFileNotAnOutOfMemory() throws IOException {
    // 25 million characters in one property: over Jackson's 20 million per string
    Path f =
        write(
            "huge.geojson",
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"name\":\""
                + "x".repeat(25_000_000)
                + "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[450000,200000]}}]}");
    assertThatThrownBy(() -> read(f))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("huge.geojson")
        .hasMessageContaining("String value length");
  }

  @Test
  void notGeoJsonIsAnError() throws IOException {
    assertThatThrownBy(() -> read(write("x.json", "[1,2,3]")))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("x.json");
    assertThatThrownBy(() -> read(write("y.json", "{\"type\":\"Topology\"}")))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("Topology");
    assertThatThrownBy(() -> read(write("z.json", "{\"type\":\"FeatureCollection\"}")))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("features");
  }

  @Test
  void realOxfordshireLsoas() {
    LoadedLayer l = read(OpenData.require("boundaries/lsoa_dec2021_bsc_oxfordshire.geojson"));
    assertThat(l.layer().size()).isEqualTo(429);
    assertThat(l.sourceEpsg()).isEqualTo(4326);
    assertThat(l.layer().attributes()).containsKeys("lsoa21_code", "lsoa21_name", "ltla24_code");
    Set<String> districts =
        l.layer().features().stream().map(f -> f.text("ltla24_code")).collect(Collectors.toSet());
    assertThat(districts)
        .containsExactlyInAnyOrder("E07000177", "E07000178", "E07000179", "E07000180", "E07000181");
    // Oxfordshire is about 2,605 km2
    double km2 = l.layer().features().stream().mapToDouble(f -> f.geometry().getArea()).sum() / 1e6;
    assertThat(km2).isBetween(2500.0, 2700.0);
    assertThat(l.layer().features()).allSatisfy(f -> assertThat(f.geometry().isValid()).isTrue());
  }

  @Test
  void realEnglandDistricts() {
    LoadedLayer l = read(OpenData.require("boundaries/lad_may2024_buc_england.geojson"));
    assertThat(
            l.layer().size()
                + l.report().problems().size()
                - l.report().count(ProblemCode.GEOMETRY_REPAIRED))
        .isEqualTo(296);
    assertThat(l.layer().size()).isEqualTo(296);
    assertThat(l.layer().features())
        .anySatisfy(f -> assertThat(f.text("ltla24_code")).isEqualTo("E07000177"));
  }

  @Test
  void realCrs84FileWithLegacyMember() {
    LoadedLayer l =
        read(OpenData.require("boundaries/martinjc_uk_geojson/lsoa2011_by_lad_E07000177.geojson"));
    assertThat(l.sourceEpsg()).isEqualTo(4326);
    assertThat(l.layer().size()).isEqualTo(93);
  }
}
