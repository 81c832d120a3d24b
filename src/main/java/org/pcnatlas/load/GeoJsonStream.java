package org.pcnatlas.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streaming half of {@link GeoJsonReader}: one pass of Jackson's {@link JsonParser} over the
 * file, positions straight into arrays ({@link RawGeometry}), with no JSON tree in memory.
 *
 * <p>It reads what well-formed GeoJSON holds and gives up, with {@link NotStreamable}, at the first
 * thing it does not model (a position that is not at least two numbers, coordinates nested as no
 * geometry type nests them, an unknown or non-text type, a root that is not a GeoJSON object, ...):
 * the reader then reads the file again as a tree, whose messages for such files are the ones users
 * see. So the two agree by construction on every file: the tree decides whatever is unusual, and
 * what the stream reads, it reads as the tree would (the same numbers, property values and types,
 * the last of repeated members, the {@code crs} member wherever it stands in the root object).
 */
final class GeoJsonStream {
  // jackson-core only: the tree reader's ObjectMapper costs a few hundred classes to start
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  private static final Object EMPTY = new Object();

  private GeoJsonStream() {}

  /** The file has something the stream leaves to the tree reader. */
  static final class NotStreamable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotStreamable(String what) {
      super(what, null, false, false);
    }
  }

  /**
   * The root object's members the reader uses.
   *
   * @param type the root's "type" text, null when absent
   * @param features the "features" array's elements, null when absent
   * @param crs the "crs" member, null when absent
   * @param name the "name" member, null when absent
   * @param self the root read as a Feature (for a file that is a single Feature)
   */
  record Document(
      String type, List<RawFeature> features, JsonNode crs, JsonNode name, RawFeature self) {}

  /**
   * One element of the features array.
   *
   * @param isFeature whether its "type" is "Feature"
   * @param geometry its geometry, null when it has none (or {@code error} says why it has none)
   * @param error why its geometry is malformed, as the tree reader says it, or null
   * @param properties its properties with their JSON types (nested values as JSON text)
   * @param id its "id" member, or null
   */
  record RawFeature(
      boolean isFeature,
      RawGeometry geometry,
      String error,
      Map<String, Object> properties,
      JsonNode id) {}

  private static final RawFeature NOT_A_FEATURE = new RawFeature(false, null, null, Map.of(), null);

  /** Told of the features as they are read, so their checking can start before the file ends. */
  interface Listener {
    /**
     * The root's "features" array begins.
     *
     * @param crs the root's crs member as read so far: null when none has come yet
     * @return what to tell each feature of the array (its 0-based index), or null
     */
    FeatureSink features(JsonNode crs);
  }

  /** Takes each feature of a features array as soon as it is read. */
  interface FeatureSink {
    void accept(int index, RawFeature feature);
  }

  static Document parse(Path file) throws IOException {
    return parse(file, null);
  }

  /**
   * Reads the file, telling the listener (when not null) of the features as they are read.
   *
   * @throws NotStreamable for what the tree reader decides (also any parse error: the tree reader
   *     words it)
   */
  static Document parse(Path file, Listener listener) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new NotStreamable("not an object");
      }
      String type = null;
      List<RawFeature> features = null;
      JsonNode crs = null;
      JsonNode name = null;
      Positions scratch = new Positions();
      FeatureMembers self = new FeatureMembers(scratch);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String member = p.currentName();
        JsonToken value = p.nextToken();
        switch (member) {
          case "type" -> type = text(p, value);
          case "features" ->
              features =
                  features(p, value, scratch, listener == null ? null : listener.features(crs));
          case "crs" -> crs = node(p);
          case "name" -> name = node(p);
          default -> self.member(p, member, value);
        }
      }
      return new Document(type, features, crs, name, self.build(true));
    }
  }

  private static String text(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      throw new NotStreamable("a type that is not text");
    }
    return p.getText();
  }

  private static List<RawFeature> features(
      JsonParser p, JsonToken value, Positions scratch, FeatureSink sink) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      throw new NotStreamable("features is not an array");
    }
    List<RawFeature> out = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        out.add(NOT_A_FEATURE);
        if (sink != null) {
          sink.accept(out.size() - 1, NOT_A_FEATURE);
        }
        continue;
      }
      FeatureMembers f = new FeatureMembers(scratch);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String member = p.currentName();
        JsonToken v = p.nextToken();
        if ("type".equals(member)) {
          f.isFeature = v == JsonToken.VALUE_STRING && "Feature".equals(p.getText());
          p.skipChildren();
        } else {
          f.member(p, member, v);
        }
      }
      out.add(f.build(f.isFeature));
      if (sink != null) {
        sink.accept(out.size() - 1, out.get(out.size() - 1));
      }
    }
    return out;
  }

  /** The members of a feature as they are read; a repeated member replaces the earlier one. */
  private static final class FeatureMembers {
    final Positions scratch;
    boolean isFeature;
    GeometryValue geometry = GeometryValue.NONE;
    Map<String, Object> properties = Map.of();
    JsonNode id;

    FeatureMembers(Positions scratch) {
      this.scratch = scratch;
    }

    void member(JsonParser p, String member, JsonToken value) throws IOException {
      switch (member) {
        case "geometry" -> geometry = geometryValue(p, value, scratch);
        case "properties" -> properties = properties(p, value);
        case "id" -> id = node(p);
        default -> p.skipChildren();
      }
    }

    RawFeature build(boolean feature) {
      return new RawFeature(feature, geometry.geometry(), geometry.error(), properties, id);
    }
  }

  /** A geometry member: the geometry, or why it is malformed, or neither (null or absent). */
  private record GeometryValue(RawGeometry geometry, String error) {
    static final GeometryValue NONE = new GeometryValue(null, null);
  }

  private static GeometryValue geometryValue(JsonParser p, JsonToken value, Positions scratch)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return GeometryValue.NONE;
    }
    if (value != JsonToken.START_OBJECT) {
      throw new NotStreamable("a geometry that is not an object");
    }
    return geometryObject(p, scratch);
  }

  /** A geometry object whose START_OBJECT was read. */
  private static GeometryValue geometryObject(JsonParser p, Positions scratch) throws IOException {
    String type = null;
    Object coordinates = null;
    List<GeometryValue> members = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String member = p.currentName();
      JsonToken value = p.nextToken();
      switch (member) {
        case "type" -> type = text(p, value);
        case "coordinates" -> {
          if (value != JsonToken.START_ARRAY) {
            throw new NotStreamable("coordinates that are not an array");
          }
          coordinates = array(p, p.nextToken(), scratch);
        }
        case "geometries" -> {
          if (value != JsonToken.START_ARRAY) {
            throw new NotStreamable("geometries that are not an array");
          }
          members = new ArrayList<>();
          for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
              throw new NotStreamable("a collection member that is not an object");
            }
            members.add(geometryObject(p, scratch));
          }
        }
        default -> p.skipChildren();
      }
    }
    if (type == null) {
      throw new NotStreamable("a geometry without type");
    }
    if ("GeometryCollection".equals(type)) {
      if (members == null) {
        throw new NotStreamable("a collection without geometries");
      }
      RawGeometry[] parts = new RawGeometry[members.size()];
      for (int i = 0; i < parts.length; i++) {
        if (members.get(i).error() != null) {
          return members.get(i);
        }
        parts[i] = members.get(i).geometry();
      }
      return new GeometryValue(RawGeometry.collection(parts), null);
    }
    if (coordinates == null) {
      throw new NotStreamable("a geometry without coordinates");
    }
    try {
      return new GeometryValue(geometry(type, coordinates), null);
    } catch (IllegalArgumentException e) {
      return new GeometryValue(null, e.getMessage());
    }
  }

  /**
   * A nested coordinate array whose START_ARRAY was read and whose first token is {@code first}:
   * {@link #EMPTY} for {@code []}, a position as {@code double[2]}, an array of positions as a
   * {@link Run}, anything deeper as a list of such values. Positions are gathered in {@code
   * scratch}, so each run costs one array of its exact size.
   */
  private static Object array(JsonParser p, JsonToken first, Positions scratch) throws IOException {
    if (first == JsonToken.END_ARRAY) {
      return EMPTY;
    }
    if (first.isNumeric()) {
      double x = p.getDoubleValue();
      return new double[] {x, restOfPosition(p)};
    }
    if (first != JsonToken.START_ARRAY) {
      throw new NotStreamable("a coordinate that is not a number");
    }
    JsonToken inner = p.nextToken();
    if (inner.isNumeric()) {
      Positions positions = scratch.clear();
      positions.add(p.getDoubleValue(), p);
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.START_ARRAY || !p.nextToken().isNumeric()) {
          throw new NotStreamable("a position that is not numbers");
        }
        positions.add(p.getDoubleValue(), p);
      }
      return new Run(positions.toArray());
    }
    List<Object> children = new ArrayList<>();
    children.add(array(p, inner, scratch));
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_ARRAY) {
        throw new NotStreamable("coordinates mixing arrays and values");
      }
      children.add(array(p, p.nextToken(), scratch));
    }
    return children;
  }

  /**
   * The y of a position whose x was read, skipping what follows it (z, m or anything else, as the
   * tree reader ignores it) up to the position's END_ARRAY.
   */
  private static double restOfPosition(JsonParser p) throws IOException {
    if (!p.nextToken().isNumeric()) {
      throw new NotStreamable("a position without a number for y");
    }
    double y = p.getDoubleValue();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      p.skipChildren();
    }
    return y;
  }

  /** An array of positions, x/y pairs one after another. */
  private record Run(double[] xy) {}

  /** A growing run of x/y positions, reused for every run of a file. */
  private static final class Positions {
    private double[] xy = new double[4096];
    private int n;

    Positions clear() {
      n = 0;
      return this;
    }

    /** Adds the position whose x was read. */
    void add(double x, JsonParser p) throws IOException {
      double y = restOfPosition(p);
      if (n + 2 > xy.length) {
        xy = Arrays.copyOf(xy, 2 * xy.length);
      }
      xy[n++] = x;
      xy[n++] = y;
    }

    double[] toArray() {
      return Arrays.copyOf(xy, n);
    }
  }

  /** The geometry of a type from its coordinates, nested as that type nests them. */
  private static RawGeometry geometry(String type, Object c) {
    return switch (type) {
      case "Point" -> RawGeometry.point(c == EMPTY ? new double[0] : position(c));
      case "MultiPoint" -> RawGeometry.multiPoint(positions(c));
      case "LineString" -> RawGeometry.lineString(positions(c));
      case "MultiLineString" -> RawGeometry.multiLineString(runs(c));
      case "Polygon" -> RawGeometry.polygon(runs(c));
      case "MultiPolygon" -> {
        List<?> polygons = list(c);
        double[][][] out = new double[polygons.size()][][];
        for (int i = 0; i < out.length; i++) {
          out[i] = runs(polygons.get(i));
        }
        yield RawGeometry.multiPolygon(out);
      }
      default -> throw new NotStreamable("an unknown geometry type");
    };
  }

  private static double[] position(Object c) {
    if (c instanceof double[] xy) {
      return xy;
    }
    throw new NotStreamable("not a position");
  }

  private static double[] positions(Object c) {
    if (c == EMPTY) {
      return new double[0];
    }
    if (c instanceof Run run) {
      return run.xy();
    }
    throw new NotStreamable("not an array of positions");
  }

  private static double[][] runs(Object c) {
    List<?> list = list(c);
    double[][] out = new double[list.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = positions(list.get(i));
    }
    return out;
  }

  private static List<?> list(Object c) {
    if (c == EMPTY) {
      return List.of();
    }
    if (c instanceof List<?> l) {
      return l;
    }
    throw new NotStreamable("not an array of arrays of positions");
  }

  /**
   * A properties member: its values with their JSON types, as the tree reader keeps them (whole
   * numbers that fit a long as Long, other numbers as Double, nested objects and arrays as their
   * JSON text); anything but an object is no properties.
   */
  private static Map<String, Object> properties(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Map.of();
    }
    Map<String, Object> props = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken v = p.nextToken();
      props.put(key, value(p, v));
    }
    return props;
  }

  private static Object value(JsonParser p, JsonToken v) throws IOException {
    return switch (v) {
      case VALUE_NULL -> null;
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT ->
          p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? (Object) p.getBigIntegerValue().doubleValue()
              : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case START_OBJECT, START_ARRAY -> node(p).toString();
      default -> throw new NotStreamable("an unexpected property value");
    };
  }

  /**
   * The value at the parser's current token as a JSON tree, node for node as the tree reader's
   * {@code ObjectMapper.readTree} builds it (ints as int, long or big integer nodes by size, other
   * numbers as double nodes; a repeated member replaces the earlier one in its place).
   */
  static JsonNode node(JsonParser p) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (p.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = nodes.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          object.replace(key, node(p));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          array.add(node(p));
        }
        yield array;
      }
      case VALUE_STRING -> nodes.textNode(p.getText());
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> nodes.numberNode(p.getIntValue());
            case LONG -> nodes.numberNode(p.getLongValue());
            default -> nodes.numberNode(p.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> nodes.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> nodes.booleanNode(true);
      case VALUE_FALSE -> nodes.booleanNode(false);
      case VALUE_NULL -> nodes.nullNode();
      default -> throw new NotStreamable("an unexpected JSON value");
    };
  }
}
