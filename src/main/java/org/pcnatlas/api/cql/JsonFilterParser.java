package org.pcnatlas.api.cql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.pcnatlas.api.cql.Operand.Literal;
import org.pcnatlas.api.cql.Operand.Property;
import org.pcnatlas.geo.GeoUtils;

/**
 * A parser of cql2-json: the JSON is read into a small tree that keeps each value's position, then
 * turned into an {@link Expr}. Errors start with the JSON path of the value at fault ({@code
 * $.args[1].op}) and end with its 1-based character position in the JSON text.
 *
 * <p>Operations are objects {@code {"op": ..., "args": [...]}} (no other members); properties
 * {@code {"property": "name"}}; literals JSON strings, numbers and booleans; geometries GeoJSON
 * geometry objects or {@code {"bbox": [minx, miny, maxx, maxy]}}.
 */
final class JsonFilterParser {
  private static final JsonFactory JSON = new JsonFactory();

  /** Each level of the filter is an object and its args array; geometries add up to four. */
  private static final int MAX_JSON_DEPTH = 2 * Cql2.MAX_DEPTH + 8;

  private static final List<String> OPS =
      List.of(
          "and",
          "or",
          "not",
          "=",
          "<>",
          "<",
          "<=",
          ">",
          ">=",
          "like",
          "in",
          "between",
          "isNull",
          "s_intersects");
  private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "^", "%", "div");

  /** A JSON value with its position: an object (members), array (items) or scalar (value). */
  private record Node(
      JsonToken token, Object value, Map<String, Node> members, List<Node> items, int position) {
    boolean isObject() {
      return members != null;
    }

    boolean isArray() {
      return items != null;
    }

    boolean isNumber() {
      return value instanceof Number;
    }

    String describe() {
      if (isObject()) {
        return "an object";
      }
      if (isArray()) {
        return "an array";
      }
      return switch (token) {
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        default -> "null";
      };
    }
  }

  private int exprDepth;

  private JsonFilterParser() {}

  static Expr parse(String json) {
    Node root;
    try (JsonParser p = JSON.createParser(json)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new CqlException("the filter is empty", 1);
      }
      root = read(p, 1);
      if (p.nextToken() != null) {
        throw new CqlException(
            "$: unexpected JSON after the filter", position(p), "a filter is one JSON value");
      }
    } catch (JsonProcessingException e) {
      long offset = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
      String message = e.getOriginalMessage().lines().findFirst().orElse("").strip();
      throw new CqlException(
          "the filter is not valid JSON (" + message + ")", offset < 0 ? 1 : (int) offset + 1);
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    return new JsonFilterParser().filter(root, "$");
  }

  // ---- the JSON tree ----

  private static int position(JsonParser p) {
    long offset = p.currentTokenLocation().getCharOffset();
    return offset < 0 ? 1 : (int) offset + 1;
  }

  /** The value at the parser's current token, its children read too. */
  private static Node read(JsonParser p, int depth) throws IOException {
    int position = position(p);
    JsonToken t = p.currentToken();
    if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth > MAX_JSON_DEPTH) {
      throw new CqlException(
          "the JSON nests deeper than " + MAX_JSON_DEPTH + " levels",
          position,
          "a filter nests at most " + Cql2.MAX_DEPTH + " operations");
    }
    switch (t) {
      case START_OBJECT -> {
        Map<String, Node> members = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          int at = position(p);
          p.nextToken();
          if (members.put(name, read(p, depth + 1)) != null) {
            throw new CqlException("member \"" + name + "\" is given twice", at);
          }
        }
        return new Node(t, null, members, null, position);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, depth + 1));
        }
        return new Node(t, null, null, items, position);
      }
      case VALUE_STRING -> {
        return new Node(t, p.getText(), null, null, position);
      }
      case VALUE_NUMBER_INT -> {
        Object v =
            p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                ? (Object) p.getDoubleValue()
                : (Object) p.getLongValue();
        return new Node(t, v, null, null, position);
      }
      case VALUE_NUMBER_FLOAT -> {
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
          throw new CqlException("number " + p.getText() + " is too large", position);
        }
        return new Node(t, d, null, null, position);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Node(t, t == JsonToken.VALUE_TRUE, null, null, position);
      }
      default -> {
        return new Node(t, null, null, null, position);
      }
    }
  }

  // ---- filters ----

  private Expr filter(Node n, String path) {
    if (n.token() == JsonToken.VALUE_TRUE || n.token() == JsonToken.VALUE_FALSE) {
      return new Expr.Bool((Boolean) n.value());
    }
    if (!n.isObject() || !n.members().containsKey("op")) {
      String hint =
          n.isObject() && n.members().containsKey("property")
              ? " (a property alone is" + " not a filter: compare it with a value)"
              : "";
      throw error(
          path,
          "expected a filter (an object with \"op\" and \"args\", or true or false), found "
              + n.describe()
              + hint,
          n.position());
    }
    Node opNode = n.members().get("op");
    if (opNode.token() != JsonToken.VALUE_STRING) {
      throw error(
          path + ".op", "\"op\" must be a string, not " + opNode.describe(), opNode.position());
    }
    String op = (String) opNode.value();
    for (String member : n.members().keySet()) {
      if (!member.equals("op") && !member.equals("args")) {
        throw error(
            path,
            "unknown member \"" + member + "\" in the " + op + " operation",
            n.position(),
            "an operation has \"op\" and \"args\" only");
      }
    }
    if (!OPS.contains(op)) {
      throw unknownOp(path + ".op", op, opNode.position());
    }
    Node argsNode = n.members().get("args");
    if (argsNode == null || !argsNode.isArray()) {
      throw error(
          path + (argsNode == null ? "" : ".args"),
          "the "
              + op
              + " operation needs an \"args\" array"
              + (argsNode == null ? "" : ", not " + argsNode.describe()),
          argsNode == null ? n.position() : argsNode.position());
    }
    List<Node> args = argsNode.items();
    String argsPath = path + ".args";
    switch (op) {
      case "and", "or" -> {
        if (args.size() < 2) {
          throw error(
              argsPath,
              "\"" + op + "\" needs two or more args, not " + args.size(),
              argsNode.position());
        }
        enter(path, n.position());
        List<Expr> list = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
          list.add(filter(args.get(i), argsPath + "[" + i + "]"));
        }
        exprDepth--;
        return op.equals("and") ? new Expr.And(list) : new Expr.Or(list);
      }
      case "not" -> {
        count(op, argsPath, argsNode, 1);
        enter(path, n.position());
        Expr e = new Expr.Not(filter(args.get(0), argsPath + "[0]"));
        exprDepth--;
        return e;
      }
      case "like" -> {
        count(op, argsPath, argsNode, 2);
        Operand value = scalar(args.get(0), argsPath + "[0]");
        Node pattern = args.get(1);
        if (pattern.isObject()
            && pattern.members().get("op") != null
            && pattern.members().get("op").value() instanceof String f) {
          throw Unsupported.function(argsPath + "[1]: ", f, pattern.position());
        }
        if (pattern.token() != JsonToken.VALUE_STRING) {
          throw error(
              argsPath + "[1]",
              "the pattern of \"like\" must be a string, not " + pattern.describe(),
              pattern.position());
        }
        return new Expr.Like(value, (String) pattern.value(), pattern.position());
      }
      case "in" -> {
        count(op, argsPath, argsNode, 2);
        Operand value = scalar(args.get(0), argsPath + "[0]");
        Node list = args.get(1);
        if (!list.isArray() || list.items().isEmpty()) {
          throw error(
              argsPath + "[1]",
              "the second arg of \"in\" must be an array of one or more values, not "
                  + (list.isArray() ? "an empty array" : list.describe()),
              list.position());
        }
        List<Operand> items = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
          items.add(scalar(list.items().get(i), argsPath + "[1][" + i + "]"));
        }
        return new Expr.In(value, items);
      }
      case "between" -> {
        count(op, argsPath, argsNode, 3);
        return new Expr.Between(
            scalar(args.get(0), argsPath + "[0]"),
            scalar(args.get(1), argsPath + "[1]"),
            scalar(args.get(2), argsPath + "[2]"));
      }
      case "isNull" -> {
        count(op, argsPath, argsNode, 1);
        return new Expr.IsNull(scalar(args.get(0), argsPath + "[0]"));
      }
      case "s_intersects" -> {
        count(op, argsPath, argsNode, 2);
        Object a = geometryArgument(args.get(0), argsPath + "[0]");
        Object b = geometryArgument(args.get(1), argsPath + "[1]");
        if (a instanceof Property p && b instanceof SpatialLiteral l) {
          return new Expr.Intersects(p, l);
        }
        if (a instanceof SpatialLiteral l && b instanceof Property p) {
          return new Expr.Intersects(p, l);
        }
        throw error(
            argsPath,
            "s_intersects compares the geometry property with a geometry literal; both args are "
                + (a instanceof Property ? "properties" : "literals"),
            argsNode.position());
      }
      default -> {
        count(op, argsPath, argsNode, 2);
        return new Expr.Compare(
            ComparisonOp.ofSymbol(op),
            scalar(args.get(0), argsPath + "[0]"),
            scalar(args.get(1), argsPath + "[1]"));
      }
    }
  }

  private Operand scalar(Node n, String path) {
    switch (n.token()) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
        return new Literal(n.value(), n.position());
      }
      case VALUE_NULL ->
          throw error(
              path, "null is not a value", n.position(), "test for a missing value with isNull");
      default -> {
        // an object or an array
      }
    }
    if (n.isObject()) {
      Map<String, Node> m = n.members();
      if (m.containsKey("property")) {
        return property(n, path);
      }
      if (m.get("op") != null && m.get("op").value() instanceof String f) {
        if (ARITHMETIC.contains(f)) {
          throw error(
              path + ".op",
              "arithmetic (" + f + ") is not supported",
              m.get("op").position(),
              "compare a property with a value");
        }
        if (OPS.contains(f)) {
          throw error(
              path,
              "expected a value (a string, number, boolean or {\"property\": ...}), found the "
                  + f
                  + " operation",
              n.position());
        }
        throw Unsupported.function(path + ".op: ", f, m.get("op").position());
      }
      for (String temporal : List.of("date", "timestamp", "interval")) {
        if (m.containsKey(temporal)) {
          throw Unsupported.function(path + ": ", temporal.toUpperCase(Locale.ROOT), n.position());
        }
      }
    }
    throw error(
        path,
        "expected a value (a string, number, boolean or {\"property\": ...}), found "
            + n.describe(),
        n.position());
  }

  private Property property(Node n, String path) {
    Node name = n.members().get("property");
    if (n.members().size() != 1) {
      throw error(path, "a property object has the one member \"property\"", n.position());
    }
    if (name.token() != JsonToken.VALUE_STRING || ((String) name.value()).isEmpty()) {
      throw error(
          path + ".property",
          "\"property\" must be a property name, not "
              + (name.token() == JsonToken.VALUE_STRING ? "an empty string" : name.describe()),
          name.position());
    }
    // the position of the property object, the value at fault in messages about it
    return new Property((String) name.value(), n.position());
  }

  // ---- geometries ----

  /** A Property or a SpatialLiteral. */
  private Object geometryArgument(Node n, String path) {
    if (n.isObject()) {
      Map<String, Node> m = n.members();
      if (m.containsKey("property")) {
        return property(n, path);
      }
      if (m.containsKey("bbox") && !m.containsKey("type")) {
        Node box = m.get("bbox");
        double[] v = numbers(box, path + ".bbox", "bbox");
        try {
          return new SpatialLiteral(Shapes.bbox(v, box.position()), n.position());
        } catch (CqlException e) {
          throw e.prefixed(path + ".bbox: ");
        }
      }
      if (m.containsKey("type")) {
        return new SpatialLiteral(geoJson(n, path), n.position());
      }
    }
    throw error(
        path,
        "expected a geometry property ({\"property\": ...}), a GeoJSON geometry or {\"bbox\":"
            + " [...]}, found "
            + n.describe(),
        n.position());
  }

  private Geometry geoJson(Node n, String path) {
    Node typeNode = n.members().get("type");
    if (typeNode.token() != JsonToken.VALUE_STRING) {
      throw error(path + ".type", "\"type\" must be a string", typeNode.position());
    }
    String type = (String) typeNode.value();
    List<String> types =
        List.of("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon");
    if (!types.contains(type)) {
      if (type.equals("GeometryCollection")) {
        throw Unsupported.function(path + ".type: ", "GeometryCollection", typeNode.position());
      }
      throw error(
          path + ".type",
          "unknown geometry type '" + type + "'",
          typeNode.position(),
          "the types are " + String.join(", ", types));
    }
    Node c = n.members().get("coordinates");
    String cp = path + ".coordinates";
    if (c == null) {
      throw error(path, "a " + type + " needs \"coordinates\"", n.position());
    }
    Geometry g =
        switch (type) {
          case "Point" -> Shapes.point(position(c, cp, type));
          case "LineString" -> line(c, cp, type);
          case "Polygon" -> polygon(c, cp, type);
          case "MultiPoint" -> {
            List<Point> parts = new ArrayList<>();
            List<Node> items = array(c, cp, type);
            for (int i = 0; i < items.size(); i++) {
              parts.add(Shapes.point(position(items.get(i), cp + "[" + i + "]", type)));
            }
            yield GeoUtils.FACTORY.createMultiPoint(parts.toArray(Point[]::new));
          }
          case "MultiLineString" -> {
            List<LineString> parts = new ArrayList<>();
            List<Node> items = array(c, cp, type);
            for (int i = 0; i < items.size(); i++) {
              parts.add(line(items.get(i), cp + "[" + i + "]", type));
            }
            yield GeoUtils.FACTORY.createMultiLineString(parts.toArray(LineString[]::new));
          }
          default -> {
            List<Polygon> parts = new ArrayList<>();
            List<Node> items = array(c, cp, type);
            for (int i = 0; i < items.size(); i++) {
              parts.add(polygon(items.get(i), cp + "[" + i + "]", type));
            }
            yield GeoUtils.FACTORY.createMultiPolygon(parts.toArray(Polygon[]::new));
          }
        };
    try {
      return Shapes.valid(type, g, n.position());
    } catch (CqlException e) {
      throw e.prefixed(path + ": ");
    }
  }

  private LineString line(Node n, String path, String type) {
    List<Coordinate> points = positions(n, path, type);
    try {
      return Shapes.line(type, points, n.position());
    } catch (CqlException e) {
      throw e.prefixed(path + ": ");
    }
  }

  private Polygon polygon(Node n, String path, String type) {
    List<Node> items = array(n, path, type);
    if (items.isEmpty()) {
      throw error(path, "a " + type + " needs at least one ring", n.position());
    }
    List<LinearRing> rings = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Node ring = items.get(i);
      List<Coordinate> points = positions(ring, path + "[" + i + "]", type);
      try {
        rings.add(Shapes.ring(type, points, ring.position()));
      } catch (CqlException e) {
        throw e.prefixed(path + "[" + i + "]: ");
      }
    }
    return Shapes.polygon(rings);
  }

  private List<Coordinate> positions(Node n, String path, String type) {
    List<Node> items = array(n, path, type);
    List<Coordinate> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(position(items.get(i), path + "[" + i + "]", type));
    }
    return out;
  }

  /** A GeoJSON position: two numbers, or three (with the height, kept and ignored). */
  private Coordinate position(Node n, String path, String type) {
    double[] v = numbers(n, path, "a position of the " + type);
    if (v.length != 2 && v.length != 3) {
      throw error(
          path, "a position of the " + type + " has 2 or 3 numbers, not " + v.length, n.position());
    }
    return Shapes.coordinate(v, n.position());
  }

  private List<Node> array(Node n, String path, String type) {
    if (!n.isArray()) {
      throw error(
          path,
          "expected an array in the coordinates of the " + type + ", found " + n.describe(),
          n.position());
    }
    return n.items();
  }

  private double[] numbers(Node n, String path, String what) {
    if (!n.isArray()) {
      throw error(path, what + " must be an array of numbers, not " + n.describe(), n.position());
    }
    double[] v = new double[n.items().size()];
    for (int i = 0; i < v.length; i++) {
      Node item = n.items().get(i);
      if (!item.isNumber()) {
        throw error(
            path + "[" + i + "]",
            "expected a number in " + what + ", found " + item.describe(),
            item.position());
      }
      v[i] = ((Number) item.value()).doubleValue();
    }
    return v;
  }

  // ---- errors and limits ----

  private void count(String op, String path, Node args, int n) {
    if (args.items().size() != n) {
      throw error(
          path,
          "\""
              + op
              + "\" takes "
              + n
              + (n == 1 ? " arg" : " args")
              + ", not "
              + args.items().size(),
          args.position());
    }
  }

  private void enter(String path, int position) {
    if (++exprDepth > Cql2.MAX_DEPTH) {
      throw error(path, "the filter nests deeper than " + Cql2.MAX_DEPTH + " levels", position);
    }
  }

  private static CqlException unknownOp(String path, String op, int position) {
    if (ARITHMETIC.contains(op)) {
      return error(path, "arithmetic (" + op + ") is not supported", position);
    }
    for (String known : OPS) {
      if (known.equalsIgnoreCase(op)) {
        return error(path, "unknown op '" + op + "'", position, "did you mean '" + known + "'?");
      }
    }
    if (op.startsWith("s_")
        || op.startsWith("t_")
        || op.startsWith("a_")
        || op.equals("casei")
        || op.equals("accenti")) {
      return Unsupported.function(path + ": ", op, position);
    }
    return error(
        path, "unknown op '" + op + "'", position, "the ops are " + String.join(", ", OPS));
  }

  private static CqlException error(String path, String what, int position) {
    return new CqlException(path + ": " + what, position);
  }

  private static CqlException error(String path, String what, int position, String hint) {
    return new CqlException(path + ": " + what, position, hint);
  }
}
