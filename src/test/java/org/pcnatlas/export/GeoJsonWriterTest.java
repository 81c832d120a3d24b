package org.pcnatlas.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.load.GeoJsonReader;
import org.pcnatlas.load.LoadedLayer;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

class GeoJsonWriterTest {
  @TempDir Path dir;

  /** A clockwise shell with a counter-clockwise hole: the opposite of what RFC 7946 asks for. */
  private static final String WRONG_WAY_ROUND =
      "POLYGON ((450000 200000, 450000 201000, 451000 201000, 451000 200000, 450000 200000),"
          + " (450250 200250, 450750 200250, 450750 200750, 450250 200750, 450250 200250))";

  private static FeatureLayer layer() throws Exception {
    Geometry g = new WKTReader(GeoUtils.FACTORY).read(WRONG_WAY_ROUND);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("code", "E1");
    props.put("population", 1234L);
    props.put("share", 0.25);
    props.put("none", null);
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    schema.put("code", AttributeType.STRING);
    schema.put("population", AttributeType.INTEGER);
    schema.put("share", AttributeType.REAL);
    schema.put("none", AttributeType.STRING);
    return new FeatureLayer("units", 27700, schema, List.of(new Feature(1, "E1", g, props)));
  }

  private static String write(GeoJsonWriter w, FeatureLayer layer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.write(layer, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void rfc7946IsLonLatCounterClockwiseWithoutCrsMember() throws Exception {
    JsonNode fc = new ObjectMapper().readTree(write(GeoJsonWriter.rfc7946(6), layer()));
    assertThat(fc.has("crs")).isFalse();
    JsonNode rings = fc.get("features").get(0).get("geometry").get("coordinates");
    assertThat(signedArea(rings.get(0))).isPositive(); // shell counter-clockwise
    assertThat(signedArea(rings.get(1))).isNegative(); // hole clockwise
    double lon = rings.get(0).get(0).get(0).asDouble();
    assertThat(lon).isBetween(-1.5, -1.0);
    assertThat(rings.get(0).get(0).get(0).asText().split("\\.")[1].length()).isLessThanOrEqualTo(6);
    JsonNode props = fc.get("features").get(0).get("properties");
    assertThat(props.get("population").isIntegralNumber()).isTrue();
    assertThat(props.get("none").isNull()).isTrue();
    assertThat(fc.get("features").get(0).get("id").asText()).isEqualTo("E1");
  }

  @Test
  void projectedOutputDeclaresItsCrsAndReadsBackUnchanged() throws Exception {
    FeatureLayer original = layer();
    String text = write(GeoJsonWriter.withCrsMember(27700, 3), original);
    assertThat(text)
        .contains(
            "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}}");
    assertThat(text).contains("[450000,200000]");
    Path f = dir.resolve("units.geojson");
    GeoJsonWriter.withCrsMember(27700, 3).write(original, f);
    LoadedLayer back = new GeoJsonReader().read(f, ReadOptions.defaults());
    assertThat(back.sourceEpsg()).isEqualTo(27700);
    Geometry a = original.features().get(0).geometry().norm();
    Geometry b = back.layer().features().get(0).geometry().norm();
    assertThat(a.equalsExact(b)).isTrue();
    assertThat(back.layer().features().get(0).properties())
        .isEqualTo(original.features().get(0).properties());
  }

  @Test
  void sameLayerSameBytes() throws Exception {
    assertThat(write(GeoJsonWriter.rfc7946(6), layer()))
        .isEqualTo(write(GeoJsonWriter.rfc7946(6), layer()));
  }

  @Test
  void numbersHaveNoExponentNorTrailingZeros() {
    GeoJsonWriter w = GeoJsonWriter.rfc7946(6);
    assertThat(w.number(1e7)).isEqualTo("10000000");
    assertThat(w.number(-1.2500001)).isEqualTo("-1.25");
    assertThat(w.number(-0.0000001)).isEqualTo("0");
    assertThat(w.number(51.1234565)).isEqualTo("51.123456");
  }

  private static double signedArea(JsonNode ring) {
    double s = 0;
    for (int i = 0; i + 1 < ring.size(); i++) {
      s +=
          ring.get(i).get(0).asDouble() * ring.get(i + 1).get(1).asDouble()
              - ring.get(i + 1).get(0).asDouble() * ring.get(i).get(1).asDouble();
    }
    return s / 2;
  }
}
