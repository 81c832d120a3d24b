package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.model.Feature;
import org.pcnatlas.testing.OpenData;

/**
 * The streaming GeoJSON reader against the reference, the JSON tree reader ({@link
 * GeoJsonReader#readTree}): the same features, properties, schema, report and errors on every file,
 * whether the stream reads it or leaves it to the tree.
 */
class GeoJsonStreamTest {
  @TempDir Path dir;

  private static final String BNG =
      "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}}";
  private static final String WGS =
      "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"CRS84\"}}";

  private static final String SQUARE =
      "[[450000,200000],[451000,200000],[451000,201000],[450000,201000],[450000,200000]]";
  private static final String HOLE =
      "[[450250,200250],[450250,200750],[450750,200750],[450750,200250],[450250,200250]]";

  private static String feature(String geometry, String properties) {
    return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
  }

  private static String fc(String crs, String... features) {
    return "{\"type\":\"FeatureCollection\","
        + (crs == null ? "" : crs + ",")
        + "\"features\":["
        + String.join(",", features)
        + "]}";
  }

  private static String geometry(String type, String coordinates) {
    return "{\"type\":\"" + type + "\",\"coordinates\":" + coordinates + "}";
  }

  private Path write(String json) throws IOException {
    return Files.write(dir.resolve("t.geojson"), json.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the stream read the file itself (true) or left it to the tree. */
  private static boolean streamed(Path file) {
    try {
      GeoJsonStream.parse(file);
      return true;
    } catch (GeoJsonStream.NotStreamable e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads the file both ways and checks they agree; the result of the reader. */
  private static LoadedLayer agree(Path file, ReadOptions options) {
    Throwable treeError = catchThrowable(() -> GeoJsonReader.readTree(file, options));
    if (treeError != null) {
      assertThatThrownBy(() -> new GeoJsonReader().read(file, options))
          .isInstanceOf(treeError.getClass())
          .hasMessage(treeError.getMessage());
      return null;
    }
    LoadedLayer tree = GeoJsonReader.readTree(file, options);
    LoadedLayer stream = new GeoJsonReader().read(file, options);
    assertThat(stream.report().problems()).isEqualTo(tree.report().problems());
    assertThat(stream.rowsRead()).isEqualTo(tree.rowsRead());
    assertThat(stream.sourceEpsg()).isEqualTo(tree.sourceEpsg());
    assertThat((Object) stream.sourceBbox()).isEqualTo(tree.sourceBbox());
    assertThat(stream.geometryTypes()).isEqualTo(tree.geometryTypes());
    assertThat(stream.layer().name()).isEqualTo(tree.layer().name());
    assertThat(stream.layer().epsg()).isEqualTo(tree.layer().epsg());
    assertThat(List.copyOf(stream.layer().attributes().entrySet()))
        .isEqualTo(List.copyOf(tree.layer().attributes().entrySet()));
    assertThat(stream.layer().size()).isEqualTo(tree.layer().size());
    for (int i = 0; i < tree.layer().size(); i++) {
      Feature t = tree.layer().features().get(i);
      Feature s = stream.layer().features().get(i);
      assertThat(s.index()).isEqualTo(t.index());
      assertThat(s.id()).isEqualTo(t.id());
      assertThat(List.copyOf(s.properties().entrySet()))
          .isEqualTo(List.copyOf(t.properties().entrySet()));
      assertSame(s.geometry(), t.geometry());
    }
    return stream;
  }

  private static void assertSame(Geometry s, Geometry t) {
    assertThat(s.getGeometryType()).isEqualTo(t.getGeometryType());
    assertThat(s.equalsExact(t)).as("%s vs %s", s, t).isTrue();
    assertThat(s.getSRID()).isEqualTo(t.getSRID());
    assertThat(s.getCoordinates()).isEqualTo(t.getCoordinates());
  }

  private LoadedLayer agree(String json) throws IOException {
    Path file = write(json);
    LoadedLayer l = agree(file, ReadOptions.defaults());
    agree(file, ReadOptions.defaults().withSourceEpsg(27700));
    return l;
  }

  @Test
  void propertiesKeepTheirJsonTypesAsTheTreeKeepsThem() throws IOException {
    String props =
        "{\"s\":\"text\",\"i\":42,\"neg\":-7,\"big\":123456789012345678901234567890,"
            + "\"long\":9007199254740993,\"f\":0.1,\"e\":1e3,\"E\":-2.5E-3,\"t\":true,"
            + "\"no\":false,\"null\":null,\"obj\":{\"a\":[1,2.50,\"x\"]},\"arr\":[],"
            + "\"s\":\"again\",\"u\":\"\\u00e9\\n\"}";
    Path file =
        write(
            fc(
                BNG,
                feature(geometry("Polygon", "[" + SQUARE + "]"), props),
                feature(geometry("Polygon", "[" + SQUARE + "]"), "{\"i\":1.5,\"s\":null}")));
    assertThat(streamed(file)).isTrue();
    LoadedLayer l = agree(file, ReadOptions.defaults());
    assertThat(l.layer().features().get(0).properties())
        .containsEntry("s", "again")
        .containsEntry("big", 1.2345678901234568e29)
        .containsEntry("long", 9007199254740993L);
  }

  @Test
  void idsMembersInAnyOrderAndRepeatedMembers() throws IOException {
    String a =
        "{\"geometry\":"
            + geometry("Point", "[450000,200000]")
            + ",\"id\":7,\"properties\":{\"n\":1},\"type\":\"Feature\"}";
    String b =
        "{\"type\":\"Feature\",\"id\":2.5,\"geometry\":null,\"geometry\":"
            + geometry("Point", "[450001,200000]")
            + ",\"properties\":{\"n\":2},\"properties\":{\"n\":3,\"m\":4}}";
    String c = "{\"type\":\"Feature\",\"id\":null,\"bbox\":[1,2,3,4],\"properties\":null}";
    String d = "{\"type\":\"Feature\",\"type\":\"Other\",\"geometry\":null}";
    String e =
        "{\"type\":\"Feature\",\"id\":{\"x\":1},\"properties\":[1,2],\"geometry\":"
            + geometry("Point", "[450002,200000]")
            + "}";
    Path file = write(fc(BNG, a, b, c, d, e, "5", "[1,2]", "\"Feature\"", "null"));
    assertThat(streamed(file)).isTrue();
    LoadedLayer l = agree(file, ReadOptions.defaults());
    assertThat(l.rowsRead()).isEqualTo(9);
    assertThat(l.layer().features()).extracting(Feature::id).containsExactly("7", "2.5", "");
  }

  @Test
  void theCrsMemberMayComeAfterTheFeaturesAndTheLastOneCounts() throws IOException {
    String f = feature(geometry("Polygon", "[" + SQUARE + "," + HOLE + "]"), "{\"code\":\"A\"}");
    String after = "{\"type\":\"FeatureCollection\",\"features\":[" + f + "]," + BNG + "}";
    assertThat(agree(after).sourceEpsg()).isEqualTo(27700);
    String twice =
        "{\"type\":\"FeatureCollection\"," + WGS + ",\"features\":[" + f + "]," + BNG + "}";
    assertThat(agree(twice).layer().size()).isEqualTo(1);
    String second =
        "{\"type\":\"FeatureCollection\","
            + BNG
            + ",\"features\":["
            + f
            + "],\"features\":["
            + f.replace("\"A\"", "\"B\"")
            + ","
            + f.replace("\"A\"", "\"C\"")
            + "]}";
    assertThat(agree(second).layer().features())
        .extracting(x -> x.properties().get("code"))
        .containsExactly("B", "C");
    String typeLast = "{\"features\":[" + f + "]," + BNG + ",\"type\":\"FeatureCollection\"}";
    assertThat(agree(typeLast).layer().size()).isEqualTo(1);
    String named = "{\"name\":\"mine\",\"type\":\"FeatureCollection\",\"features\":[]," + BNG + "}";
    assertThat(agree(named).layer().name()).isEqualTo("mine");
    agree("{\"name\":5,\"type\":\"FeatureCollection\",\"features\":[]}");
    agree("{\"name\":{\"a\":1},\"type\":\"FeatureCollection\",\"features\":[]}");
    agree("{\"crs\":null,\"type\":\"FeatureCollection\",\"features\":[]}");
  }

  @Test
  void aSingleFeatureWithItsCrsAnywhere() throws IOException {
    String mp =
        geometry(
            "MultiPolygon",
            "[[[[0,0],[10,0],[10,10],[0,10],[0,0]]],[[[20,0],[30,0],[30,10],[20,10],[20,0]]]]");
    agree(
        "{\"type\":\"Feature\",\"id\":\"X1\",\"properties\":{},\"geometry\":"
            + mp
            + ",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:27700\"}}}");
    agree("{\"geometry\":" + mp + ",\"properties\":{\"a\":1},\"type\":\"Feature\"," + BNG + "}");
    agree("{\"type\":\"Feature\",\"geometry\":null}");
  }

  @Test
  void everyGeometryTypeAndEveryRingRule() throws IOException {
    String[] geometries = {
      geometry("Point", "[450000,200000]"),
      geometry("Point", "[450000.123456,200000.9876543,12]"),
      geometry("Point", "[450000,200000,\"z\",{\"m\":1},[1]]"),
      geometry("Point", "[]"),
      geometry("MultiPoint", "[[450000,200000],[450010,200010]]"),
      geometry("MultiPoint", "[]"),
      geometry("LineString", "[[450000,200000],[450010,200010,5]]"),
      geometry("LineString", "[[450000,200000]]"),
      geometry("LineString", "[]"),
      geometry("MultiLineString", "[[[450000,200000],[450010,200010]],[]]"),
      geometry("MultiLineString", "[[[450000,200000],[450010,200010]],[[450000,200000]]]"),
      geometry("MultiLineString", "[]"),
      geometry("Polygon", "[" + SQUARE + "," + HOLE + "]"),
      geometry("Polygon", "[]"),
      geometry("Polygon", "[[]]"),
      geometry("Polygon", "[[]," + HOLE + "]"),
      geometry("Polygon", "[" + SQUARE + ",[]]"),
      geometry("Polygon", "[[[450000,200000],[451000,200000],[450000,200000]]]"),
      geometry("Polygon", "[[[450000,200000],[451000,200000],[451000,201000],[450000,201000]]]"),
      geometry("Polygon", "[" + SQUARE + ",[[1,1],[2,1],[2,2],[1,1]]]"),
      geometry(
          "Polygon",
          "[[[450000,200000],[451000,201000],[451000,200000],[450000,201000],[450000,200000]]]"),
      geometry("MultiPolygon", "[[" + SQUARE + "],[" + HOLE + "]]"),
      geometry("MultiPolygon", "[[],[" + SQUARE + "]]"),
      geometry("MultiPolygon", "[[]]"),
      geometry("MultiPolygon", "[]"),
      geometry("MultiPolygon", "[[" + SQUARE + "],[[[1,1],[2,1],[2,2]]]]"),
      "{\"type\":\"GeometryCollection\",\"geometries\":["
          + geometry("Point", "[450000,200000]")
          + ",{\"type\":\"GeometryCollection\",\"geometries\":["
          + geometry("LineString", "[[450000,200000],[450010,200010]]")
          + "]}]}",
      "{\"type\":\"GeometryCollection\",\"geometries\":[]}",
      "{\"type\":\"GeometryCollection\",\"geometries\":["
          + geometry("Point", "[450000,200000]")
          + ","
          + geometry("Polygon", "[[[450000,200000],[451000,200000],[450000,200000]]]")
          + "]}",
      "{\"coordinates\":[450000,200000],\"bbox\":[0,0,1,1],\"type\":\"Point\"}",
      "{\"type\":\"Point\",\"coordinates\":[1e400,200000]}",
      "{\"type\":\"Point\",\"coordinates\":[450000,-2000000]}",
      "{\"type\":\"Point\",\"coordinates\":[5000000,200000]}",
      "null",
    };
    String[] features = new String[geometries.length];
    for (int i = 0; i < geometries.length; i++) {
      features[i] = feature(geometries[i], "{\"n\":" + i + "}");
    }
    Path file = write(fc(BNG, features));
    assertThat(streamed(file)).isTrue();
    LoadedLayer l = agree(file, ReadOptions.defaults());
    assertThat(l.report().problems()).isNotEmpty();
    assertThat(l.report().count(ProblemCode.GEOMETRY_REPAIRED)).isEqualTo(3);
    // each alone, so an early failure cannot hide a later one
    for (String g : geometries) {
      agree(fc(BNG, feature(g, "{}")));
      agree(fc(null, feature(g, "{}")));
    }
  }

  @Test
  void longitudeLatitudeIsTransformedAsTheTreeTransformsIt() throws IOException {
    String bowtie = geometry("Polygon", "[[[-1,51],[-0.9,51.1],[-0.9,51],[-1,51.1],[-1,51]]]");
    Path file =
        write(
            fc(
                null,
                feature(geometry("Point", "[-1.262627402,51.750381298]"), "{}"),
                feature(bowtie, "{}"),
                feature(geometry("Point", "[51.7,-1.2]"), "{}"),
                feature(geometry("Point", "[451000,206000]"), "{}"),
                feature(geometry("LineString", "[[-1.2,51.7],[-1.1,51.8]]"), "{}")));
    assertThat(streamed(file)).isTrue();
    LoadedLayer l = agree(file, ReadOptions.defaults());
    assertThat(l.report().count(ProblemCode.GEOMETRY_REPAIRED)).isEqualTo(1);
    assertThat(l.report().count(ProblemCode.UNPARSABLE_COORDINATES)).isEqualTo(2);
  }

  @Test
  void whatTheStreamDoesNotModelTheTreeReads() throws IOException {
    String[] files = {
      fc(null, feature(geometry("Point", "[\"a\",1]"), "{}")),
      fc(null, feature(geometry("Point", "[1]"), "{}")),
      fc(null, feature(geometry("Point", "[[1,2]]"), "{}")),
      fc(null, feature(geometry("LineString", "[[1,2],[]]"), "{}")),
      fc(null, feature(geometry("LineString", "[1,2]"), "{}")),
      fc(null, feature(geometry("Polygon", "[[1,2],[3,4]]"), "{}")),
      fc(null, feature(geometry("Polygon", "[[[1,2],[3,4]],[5,6]]"), "{}")),
      fc(null, feature(geometry("MultiPolygon", "[[[1,2],[3,4]]]"), "{}")),
      fc(null, feature(geometry("Circle", "[1,2]"), "{}")),
      fc(null, feature("{\"type\":\"Point\"}", "{}")),
      fc(null, feature("{\"type\":\"Point\",\"coordinates\":null}", "{}")),
      fc(null, feature("{\"coordinates\":[1,2]}", "{}")),
      fc(null, feature("{\"type\":5,\"coordinates\":[1,2]}", "{}")),
      fc(null, feature("{\"type\":\"GeometryCollection\"}", "{}")),
      fc(null, feature("{\"type\":\"GeometryCollection\",\"geometries\":[5]}", "{}")),
      fc(null, feature("\"POINT (1 2)\"", "{}")),
      fc(null, feature("[1,2]", "{}")),
      "{\"type\":\"FeatureCollection\"}",
      "{\"type\":\"FeatureCollection\",\"features\":{}}",
      "{\"type\":\"FeatureCollection\",\"features\":null}",
      "{\"type\":\"Topology\"}",
      "{\"type\":5}",
      "{\"type\":null,\"features\":[]}",
      "{}",
      "[1,2,3]",
      "",
      "{\"type\":\"FeatureCollection\",\n\"features\":[{\"type\":\"Feature\",}]}",
      "{\"type\":\"FeatureCollection\",\"features\":[" + feature("null", "{}"),
      fc("\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:99999\"}}"),
      fc("\"crs\":{\"type\":\"link\",\"properties\":{\"href\":\"x\"}}"),
      fc("\"crs\":{\"type\":\"EPSG\",\"properties\":{\"code\":27700}}"),
    };
    for (String json : files) {
      agree(json);
    }
    assertThat(streamed(write(files[0]))).isFalse();
    // content after the root object is left unread by both
    agree(fc(BNG, feature(geometry("Point", "[450000,200000]"), "{}")) + " trailing");
  }

  @Test
  void aByteOrderMarkAndOtherEncodings() throws IOException {
    String json =
        fc(BNG, feature(geometry("Point", "[450000,200000]"), "{\"name\":\"Bicester é\"}"));
    Path bom =
        Files.write(dir.resolve("bom.geojson"), ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8));
    agree(bom, ReadOptions.defaults());
    Path utf16 =
        Files.write(dir.resolve("utf16.geojson"), json.getBytes(StandardCharsets.UTF_16LE));
    agree(utf16, ReadOptions.defaults());
  }

  @Test
  void seededRandomPolygonsAgreeVertexForVertex() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    String[] features = new String[200];
    for (int i = 0; i < features.length; i++) {
      int n = 4 + random.nextInt(40);
      double cx = random.nextDouble(0, 700_000);
      double cy = random.nextDouble(0, 1_200_000);
      StringBuilder ring = new StringBuilder("[");
      String first = null;
      for (int k = 0; k < n; k++) {
        // a star, sometimes self-intersecting (repaired), with 1e-4 m noise to round away
        double a = 2 * Math.PI * (random.nextInt(4) == 0 ? random.nextDouble() : (double) k / n);
        double r = random.nextDouble(100, 5_000);
        String p = "[" + (cx + r * Math.cos(a)) + "," + (cy + r * Math.sin(a)) + "]";
        first = first == null ? p : first;
        ring.append(p).append(',');
      }
      ring.append(first).append(']');
      features[i] =
          feature(
              geometry(
                  i % 3 == 0 ? "MultiPolygon" : "Polygon",
                  i % 3 == 0 ? "[[" + ring + "]]" : "[" + ring + "]"),
              "{\"code\":\"E" + i + "\",\"v\":" + random.nextDouble() + "}");
    }
    Path file = write(fc(BNG, features));
    assertThat(streamed(file)).isTrue();
    LoadedLayer l = agree(file, ReadOptions.defaults());
    assertThat(l.report().count(ProblemCode.GEOMETRY_REPAIRED)).isPositive();
  }

  @Test
  @Tag("slow")
  void realBoundaryFilesAgree() {
    for (String name :
        List.of(
            "boundaries/lad_may2024_buc_england.geojson",
            "boundaries/lsoa_dec2021_bsc_oxfordshire.geojson",
            "boundaries/wards_dec2022_oxfordshire.geojson",
            "boundaries/martinjc_uk_geojson/lsoa2011_by_lad_E07000177.geojson")) {
      Path file = OpenData.require(name);
      assertThat(streamed(file)).as(name).isTrue();
      agree(file, ReadOptions.defaults());
    }
  }

  @Test
  void membersAreTheNodesTheTreeReaderMakes() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonFactory factory = new JsonFactory();
    for (String json :
        new String[] {
          "{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:27700\"}}",
          "{\"a\":1,\"b\":[1,2.5,-3e2,null,true,false,\"x\"],\"a\":{\"c\":{}}}",
          "[12345678901,123456789012345678901234567890,1.0,0.1,-0.0,1E400]",
          "\"text \\u00e9\"",
          "7",
          "2.50",
          "null",
          "[]",
        }) {
      JsonNode tree = mapper.readTree(json);
      try (JsonParser p = factory.createParser(json)) {
        p.nextToken();
        JsonNode node = GeoJsonStream.node(p);
        assertThat(node).as(json).isEqualTo(tree);
        assertThat(node.toString()).isEqualTo(tree.toString());
        assertThat(node.asText()).isEqualTo(tree.asText());
        assertThat(node.getNodeType()).isEqualTo(tree.getNodeType());
      }
    }
  }
}
