package org.pcnatlas.api.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

/**
 * Seeded random filters against a reference evaluator written here, independently of the package:
 * 500 random trees over string, integer, number, boolean and missing values and point and polygon
 * geometries, each printed to cql2-text and to cql2-json by the printers below, parsed both ways,
 * checked against the queryables, and evaluated over 200 random rows. Both parses must give the
 * reference's truth (TRUE, FALSE or UNKNOWN) for every row.
 *
 * <p>The reference has its own three-valued logic, LIKE by regular expression, and geometry
 * predicates from first principles on integer coordinates (exact): point on segment, segments
 * crossing, point in ring by crossing number.
 */
class Cql2RandomTest {
  private static final long SEED = 20_240_521L;
  private static final int TREES = 500;
  private static final int ROWS = 200;

  private static final Map<String, Queryable> QUERYABLES =
      Map.of(
          "s", Queryable.STRING,
          "t", Queryable.STRING,
          "i", Queryable.INTEGER,
          "n", Queryable.NUMBER,
          "b", Queryable.BOOLEAN,
          "geometry", Queryable.GEOMETRY);

  // ---- the test's own filter trees ----

  private enum Kind {
    STRING,
    NUMBER,
    BOOLEAN
  }

  private sealed interface Node
      permits TAnd, TOr, TNot, TBool, TCmp, TLike, TIn, TBetween, TIsNull, TIntersects {}

  private record TAnd(List<Node> args) implements Node {}

  private record TOr(List<Node> args) implements Node {}

  private record TNot(Node arg) implements Node {}

  private record TBool(boolean value) implements Node {}

  private record TCmp(String op, Val a, Val b) implements Node {}

  /**
   * A pattern as tokens: a one-character string is that character literally, "%" or "_" wildcards.
   */
  private record TLike(Val value, List<PatternToken> pattern, boolean negated) implements Node {}

  private record TIn(Val value, List<Val> list, boolean negated) implements Node {}

  private record TBetween(Val value, Val low, Val high, boolean negated) implements Node {}

  private record TIsNull(Val value, boolean negated) implements Node {}

  private record TIntersects(Shape literal, boolean literalFirst) implements Node {}

  private record PatternToken(char c, boolean wildcard) {}

  private sealed interface Val permits TProp, TLit {}

  private record TProp(String name) implements Val {}

  /** String, Long, Double or Boolean. */
  private record TLit(Object value) implements Val {}

  /** A geometry literal: its type and integer coordinates (x0 y0 x1 y1 ...). */
  private record Shape(String type, int[] xy) {}

  /** A row of the test: values by property, and the geometry as components (or null / empty). */
  private record TRow(Map<String, Object> values, List<Component> parts, Geometry jts)
      implements Row {
    @Override
    public Object value(String property) {
      return values.get(property);
    }

    @Override
    public Geometry geometry() {
      return jts;
    }

    @Override
    public String toString() {
      return values + " " + (jts == null ? "no geometry" : jts.toText());
    }
  }

  // ---- generating ----

  private final Random random = new Random(SEED);

  private Node tree(int depth) {
    int r = random.nextInt(depth <= 0 ? 6 : 10);
    return switch (r) {
      case 0 -> comparison();
      case 1 -> like();
      case 2 -> in();
      case 3 -> between();
      case 4 -> isNull();
      case 5 -> random.nextInt(6) == 0 ? new TBool(random.nextBoolean()) : intersects();
      case 6 -> new TAnd(children(depth));
      case 7 -> new TOr(children(depth));
      case 8 -> new TNot(tree(depth - 1));
      default -> random.nextBoolean() ? comparison() : new TAnd(children(depth));
    };
  }

  private List<Node> children(int depth) {
    List<Node> out = new ArrayList<>();
    int n = 2 + random.nextInt(2);
    for (int i = 0; i < n; i++) {
      out.add(tree(depth - 1));
    }
    return out;
  }

  private Kind kind() {
    return Kind.values()[random.nextInt(3)];
  }

  private Val operand(Kind kind) {
    if (random.nextInt(3) > 0) {
      return property(kind);
    }
    return new TLit(literal(kind));
  }

  private TProp property(Kind kind) {
    return switch (kind) {
      case STRING -> new TProp(random.nextBoolean() ? "s" : "t");
      case NUMBER -> new TProp(random.nextBoolean() ? "i" : "n");
      case BOOLEAN -> new TProp("b");
    };
  }

  private Object literal(Kind kind) {
    return switch (kind) {
      case STRING -> string();
      case NUMBER ->
          random.nextBoolean()
              ? (Object) (long) (random.nextInt(7) - 3)
              : (Object) ((random.nextInt(13) - 6) * 0.5);
      case BOOLEAN -> random.nextBoolean();
    };
  }

  private static final String ALPHABET = "abA%_'\\";

  private String string() {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(random.nextInt(4) == 0 ? ALPHABET.length() : 2)));
    }
    return sb.toString();
  }

  private Node comparison() {
    Kind k = kind();
    String op = List.of("=", "<>", "<", "<=", ">", ">=").get(random.nextInt(6));
    return new TCmp(op, operand(k), operand(k));
  }

  private Node like() {
    List<PatternToken> p = new ArrayList<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      int r = random.nextInt(5);
      if (r == 0) {
        p.add(new PatternToken('%', true));
      } else if (r == 1) {
        p.add(new PatternToken('_', true));
      } else {
        p.add(
            new PatternToken(
                ALPHABET.charAt(random.nextInt(r == 2 ? ALPHABET.length() : 2)), false));
      }
    }
    return new TLike(
        random.nextInt(5) == 0 ? new TLit(string()) : property(Kind.STRING),
        p,
        random.nextInt(3) == 0);
  }

  private Node in() {
    Kind k = kind();
    List<Val> list = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      list.add(random.nextInt(4) == 0 ? operand(k) : new TLit(literal(k)));
    }
    return new TIn(operand(k), list, random.nextInt(3) == 0);
  }

  private Node between() {
    return new TBetween(
        operand(Kind.NUMBER), operand(Kind.NUMBER), operand(Kind.NUMBER), random.nextInt(3) == 0);
  }

  private Node isNull() {
    return new TIsNull(operand(kind()), random.nextInt(3) == 0);
  }

  private Node intersects() {
    return new TIntersects(shape(), random.nextBoolean());
  }

  private int c() {
    return random.nextInt(11);
  }

  private Shape shape() {
    switch (random.nextInt(5)) {
      case 0:
        return new Shape("Point", new int[] {c(), c()});
      case 1:
        {
          int[] xy = new int[2 * (2 + random.nextInt(2))];
          for (int i = 0; i < xy.length; i++) {
            xy[i] = c();
          }
          if (xy[0] == xy[2] && xy[1] == xy[3]) {
            xy[2] = (xy[2] + 1) % 11;
          }
          return new Shape("LineString", xy);
        }
      case 2:
        return new Shape("Polygon", polygonRing());
      case 3:
        {
          int x0 = random.nextInt(10);
          int y0 = random.nextInt(10);
          return new Shape(
              "BBOX",
              new int[] {
                x0, y0, x0 + 1 + random.nextInt(10 - x0), y0 + 1 + random.nextInt(10 - y0)
              });
        }
      default:
        return new Shape("MultiPoint", new int[] {c(), c(), c(), c()});
    }
  }

  /** A closed ring: a rectangle or a triangle of non-zero area, as x0 y0 ... x0 y0. */
  private int[] polygonRing() {
    if (random.nextBoolean()) {
      int x0 = random.nextInt(10);
      int y0 = random.nextInt(10);
      int x1 = x0 + 1 + random.nextInt(10 - x0);
      int y1 = y0 + 1 + random.nextInt(10 - y0);
      return new int[] {x0, y0, x1, y0, x1, y1, x0, y1, x0, y0};
    }
    while (true) {
      int[] t = {c(), c(), c(), c(), c(), c()};
      long area = (long) (t[2] - t[0]) * (t[5] - t[1]) - (long) (t[3] - t[1]) * (t[4] - t[0]);
      if (area != 0) {
        return new int[] {t[0], t[1], t[2], t[3], t[4], t[5], t[0], t[1]};
      }
    }
  }

  private TRow row() {
    Map<String, Object> v = new HashMap<>();
    if (random.nextInt(7) > 0) {
      v.put("s", string());
    }
    if (random.nextInt(7) > 0) {
      v.put("t", string());
    }
    if (random.nextInt(7) > 0) {
      long i = random.nextInt(7) - 3;
      v.put("i", random.nextBoolean() ? (Object) i : (Object) (int) i);
    }
    if (random.nextInt(7) > 0) {
      v.put("n", (random.nextInt(13) - 6) * 0.5);
    }
    if (random.nextInt(7) > 0) {
      v.put("b", random.nextBoolean());
    }
    int g = random.nextInt(20);
    if (g == 0) {
      return new TRow(v, null, null);
    }
    if (g == 1) {
      return new TRow(v, List.of(), Cql2Testing.wkt("POINT EMPTY"));
    }
    if (g < 12) {
      int x = c();
      int y = c();
      return new TRow(
          v,
          List.of(new Component(0, new int[] {x, y})),
          Cql2Testing.wkt("POINT (" + x + " " + y + ")"));
    }
    int[] ring = polygonRing();
    return new TRow(
        v, List.of(new Component(2, ring)), Cql2Testing.wkt("POLYGON ((" + pairs(ring) + "))"));
  }

  // ---- printing cql2-text ----

  private String kw(String keyword) {
    return switch (random.nextInt(3)) {
      case 0 -> keyword.toLowerCase(Locale.ROOT);
      case 1 -> keyword.charAt(0) + keyword.substring(1).toLowerCase(Locale.ROOT);
      default -> keyword;
    };
  }

  private static int precedence(Node n) {
    if (n instanceof TOr) {
      return 1;
    }
    if (n instanceof TAnd) {
      return 2;
    }
    if (n instanceof TNot) {
      return 3;
    }
    return 4;
  }

  /** The node in cql2-text, in parentheses where its precedence is below {@code needed}. */
  private String text(Node n, int needed) {
    String s = text(n);
    return precedence(n) < needed || random.nextInt(12) == 0 ? "(" + s + ")" : s;
  }

  private String text(Node n) {
    if (n instanceof TAnd a) {
      return a.args().stream()
          .map(x -> text(x, 2))
          .collect(Collectors.joining(" " + kw("AND") + " "));
    }
    if (n instanceof TOr o) {
      return o.args().stream()
          .map(x -> text(x, 1))
          .collect(Collectors.joining(" " + kw("OR") + " "));
    }
    if (n instanceof TNot x) {
      return kw("NOT") + " " + text(x.arg(), 3);
    }
    if (n instanceof TBool b) {
      return kw(b.value() ? "TRUE" : "FALSE");
    }
    if (n instanceof TCmp c) {
      return text(c.a()) + " " + c.op() + " " + text(c.b());
    }
    if (n instanceof TLike l) {
      StringBuilder p = new StringBuilder();
      for (PatternToken t : l.pattern()) {
        p.append(t.wildcard() || (t.c() != '%' && t.c() != '_' && t.c() != '\\') ? "" : "\\")
            .append(t.c());
      }
      return text(l.value())
          + (l.negated() ? " " + kw("NOT") : "")
          + " "
          + kw("LIKE")
          + " "
          + quote(p.toString());
    }
    if (n instanceof TIn in) {
      return text(in.value())
          + (in.negated() ? " " + kw("NOT") : "")
          + " "
          + kw("IN")
          + " ("
          + in.list().stream().map(this::text).collect(Collectors.joining(", "))
          + ")";
    }
    if (n instanceof TBetween b) {
      return text(b.value())
          + (b.negated() ? " " + kw("NOT") : "")
          + " "
          + kw("BETWEEN")
          + " "
          + text(b.low())
          + " "
          + kw("AND")
          + " "
          + text(b.high());
    }
    if (n instanceof TIsNull x) {
      return text(x.value())
          + " "
          + kw("IS")
          + (x.negated() ? " " + kw("NOT") : "")
          + " "
          + kw("NULL");
    }
    TIntersects i = (TIntersects) n;
    String g = random.nextBoolean() ? "geometry" : "\"geometry\"";
    String w = wkt(i.literal());
    return kw("S_INTERSECTS") + "(" + (i.literalFirst() ? w + ", " + g : g + ", " + w) + ")";
  }

  private String text(Val v) {
    if (v instanceof TProp p) {
      return random.nextInt(4) == 0 ? "\"" + p.name() + "\"" : p.name();
    }
    Object o = ((TLit) v).value();
    if (o instanceof String s) {
      return quote(s);
    }
    if (o instanceof Boolean b) {
      return kw(b ? "TRUE" : "FALSE");
    }
    if (o instanceof Double d) {
      return switch (random.nextInt(3)) {
        case 0 -> Double.toString(d);
        case 1 ->
            new BigDecimal(d).scaleByPowerOfTen(-1).stripTrailingZeros().toPlainString() + "e1";
        default -> new BigDecimal(d).toPlainString() + (d == Math.rint(d) ? ".0" : "");
      };
    }
    return o.toString();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private String wkt(Shape s) {
    int[] xy = s.xy();
    return switch (s.type()) {
      case "Point" -> kw("POINT") + "(" + xy[0] + " " + xy[1] + ")";
      case "LineString" -> kw("LINESTRING") + "(" + pairs(xy) + ")";
      case "Polygon" -> kw("POLYGON") + "((" + pairs(xy) + "))";
      case "BBOX" -> kw("BBOX") + "(" + xy[0] + ", " + xy[1] + ", " + xy[2] + ", " + xy[3] + ")";
      default ->
          kw("MULTIPOINT")
              + (random.nextBoolean()
                  ? "((" + xy[0] + " " + xy[1] + "), (" + xy[2] + " " + xy[3] + "))"
                  : "(" + pairs(xy) + ")");
    };
  }

  private static String pairs(int[] xy) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < xy.length; i += 2) {
      sb.append(i == 0 ? "" : ", ").append(xy[i]).append(' ').append(xy[i + 1]);
    }
    return sb.toString();
  }

  // ---- printing cql2-json ----

  private static String json(Node n) {
    if (n instanceof TAnd a) {
      return op("and", a.args().stream().map(Cql2RandomTest::json).toList());
    }
    if (n instanceof TOr o) {
      return op("or", o.args().stream().map(Cql2RandomTest::json).toList());
    }
    if (n instanceof TNot x) {
      return op("not", List.of(json(x.arg())));
    }
    if (n instanceof TBool b) {
      return Boolean.toString(b.value());
    }
    if (n instanceof TCmp c) {
      return op(c.op(), List.of(json(c.a()), json(c.b())));
    }
    if (n instanceof TLike l) {
      StringBuilder p = new StringBuilder();
      for (PatternToken t : l.pattern()) {
        p.append(t.wildcard() || (t.c() != '%' && t.c() != '_' && t.c() != '\\') ? "" : "\\")
            .append(t.c());
      }
      return negated(l.negated(), op("like", List.of(json(l.value()), jsonString(p.toString()))));
    }
    if (n instanceof TIn in) {
      String list =
          "[" + in.list().stream().map(Cql2RandomTest::json).collect(Collectors.joining(",")) + "]";
      return negated(in.negated(), op("in", List.of(json(in.value()), list)));
    }
    if (n instanceof TBetween b) {
      return negated(
          b.negated(), op("between", List.of(json(b.value()), json(b.low()), json(b.high()))));
    }
    if (n instanceof TIsNull x) {
      return negated(x.negated(), op("isNull", List.of(json(x.value()))));
    }
    TIntersects i = (TIntersects) n;
    String g = "{\"property\":\"geometry\"}";
    String lit = geoJson(i.literal());
    return op("s_intersects", i.literalFirst() ? List.of(lit, g) : List.of(g, lit));
  }

  private static String negated(boolean negated, String json) {
    return negated ? op("not", List.of(json)) : json;
  }

  private static String op(String op, List<String> args) {
    return "{\"op\":" + jsonString(op) + ",\"args\":[" + String.join(",", args) + "]}";
  }

  private static String json(Val v) {
    if (v instanceof TProp p) {
      return "{\"property\":" + jsonString(p.name()) + "}";
    }
    Object o = ((TLit) v).value();
    return o instanceof String s ? jsonString(s) : o.toString();
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String geoJson(Shape s) {
    int[] xy = s.xy();
    StringBuilder positions = new StringBuilder();
    for (int i = 0; i < xy.length; i += 2) {
      positions
          .append(i == 0 ? "" : ",")
          .append('[')
          .append(xy[i])
          .append(',')
          .append(xy[i + 1])
          .append(']');
    }
    return switch (s.type()) {
      case "Point" -> "{\"type\":\"Point\",\"coordinates\":[" + xy[0] + "," + xy[1] + "]}";
      case "LineString" -> "{\"type\":\"LineString\",\"coordinates\":[" + positions + "]}";
      case "Polygon" -> "{\"type\":\"Polygon\",\"coordinates\":[[" + positions + "]]}";
      case "BBOX" -> "{\"bbox\":[" + xy[0] + "," + xy[1] + "," + xy[2] + "," + xy[3] + "]}";
      default -> "{\"type\":\"MultiPoint\",\"coordinates\":[" + positions + "]}";
    };
  }

  // ---- the reference evaluator ----

  private static Truth and(Truth a, Truth b) {
    if (a == Truth.FALSE || b == Truth.FALSE) {
      return Truth.FALSE;
    }
    return a == Truth.UNKNOWN || b == Truth.UNKNOWN ? Truth.UNKNOWN : Truth.TRUE;
  }

  private static Truth or(Truth a, Truth b) {
    return not(and(not(a), not(b)));
  }

  private static Truth not(Truth a) {
    return a == Truth.TRUE ? Truth.FALSE : a == Truth.FALSE ? Truth.TRUE : Truth.UNKNOWN;
  }

  private static Truth truth(boolean b) {
    return b ? Truth.TRUE : Truth.FALSE;
  }

  private static Object value(Val v, TRow row) {
    Object o = v instanceof TProp p ? row.values().get(p.name()) : ((TLit) v).value();
    return o instanceof Integer i ? (Object) (long) i : o;
  }

  /** Negative, zero or positive; both values non-null and of one kind (the trees are typed). */
  private static int order(Object a, Object b) {
    if (a instanceof Number x) {
      return Double.compare(x.doubleValue() + 0.0, ((Number) b).doubleValue() + 0.0);
    }
    if (a instanceof Boolean x) {
      return (x ? 1 : 0) - ((Boolean) b ? 1 : 0);
    }
    return ((String) a).compareTo((String) b); // ASCII only, so code unit order is code point order
  }

  private static Truth compare(String op, Object a, Object b) {
    if (a == null || b == null) {
      return Truth.UNKNOWN;
    }
    int c = order(a, b);
    return truth(
        switch (op) {
          case "=" -> c == 0;
          case "<>" -> c != 0;
          case "<" -> c < 0;
          case "<=" -> c <= 0;
          case ">" -> c > 0;
          default -> c >= 0;
        });
  }

  private static Truth reference(Node n, TRow row) {
    if (n instanceof TAnd a) {
      Truth t = Truth.TRUE;
      for (Node x : a.args()) {
        t = and(t, reference(x, row));
      }
      return t;
    }
    if (n instanceof TOr o) {
      Truth t = Truth.FALSE;
      for (Node x : o.args()) {
        t = or(t, reference(x, row));
      }
      return t;
    }
    if (n instanceof TNot x) {
      return not(reference(x.arg(), row));
    }
    if (n instanceof TBool b) {
      return truth(b.value());
    }
    if (n instanceof TCmp c) {
      return compare(c.op(), value(c.a(), row), value(c.b(), row));
    }
    if (n instanceof TLike l) {
      Object v = value(l.value(), row);
      if (v == null) {
        return Truth.UNKNOWN;
      }
      StringBuilder regex = new StringBuilder();
      for (PatternToken t : l.pattern()) {
        regex.append(
            t.wildcard() ? (t.c() == '%' ? ".*" : ".") : Pattern.quote(String.valueOf(t.c())));
      }
      Truth t =
          truth(Pattern.compile(regex.toString(), Pattern.DOTALL).matcher((String) v).matches());
      return l.negated() ? not(t) : t;
    }
    if (n instanceof TIn in) {
      Truth t = Truth.FALSE;
      for (Val item : in.list()) {
        t = or(t, compare("=", value(in.value(), row), value(item, row)));
      }
      return in.negated() ? not(t) : t;
    }
    if (n instanceof TBetween b) {
      Object v = value(b.value(), row);
      Truth t = and(compare(">=", v, value(b.low(), row)), compare("<=", v, value(b.high(), row)));
      return b.negated() ? not(t) : t;
    }
    if (n instanceof TIsNull x) {
      Truth t = truth(value(x.value(), row) == null);
      return x.negated() ? not(t) : t;
    }
    TIntersects i = (TIntersects) n;
    if (row.parts() == null) {
      return Truth.UNKNOWN;
    }
    for (Component a : row.parts()) {
      for (Component b : components(i.literal())) {
        if (intersects(a, b)) {
          return Truth.TRUE;
        }
      }
    }
    return Truth.FALSE;
  }

  // ---- geometry from first principles ----

  /** A point (dimension 0), a polyline (1) or a closed ring bounding an area (2). */
  private record Component(int dimension, int[] xy) {}

  private static List<Component> components(Shape s) {
    int[] xy = s.xy();
    return switch (s.type()) {
      case "Point" -> List.of(new Component(0, xy));
      case "LineString" -> List.of(new Component(1, xy));
      case "Polygon" -> List.of(new Component(2, xy));
      case "BBOX" ->
          List.of(
              new Component(
                  2,
                  new int[] {
                    xy[0], xy[1], xy[2], xy[1], xy[2], xy[3], xy[0], xy[3], xy[0], xy[1]
                  }));
      default ->
          List.of(
              new Component(0, new int[] {xy[0], xy[1]}),
              new Component(0, new int[] {xy[2], xy[3]}));
    };
  }

  private static boolean intersects(Component a, Component b) {
    if (a.dimension() > b.dimension()) {
      return intersects(b, a);
    }
    int[] p = a.xy();
    int[] q = b.xy();
    if (a.dimension() == 0) {
      return switch (b.dimension()) {
        case 0 -> p[0] == q[0] && p[1] == q[1];
        case 1 -> onLine(p[0], p[1], q);
        default -> inArea(p[0], p[1], q);
      };
    }
    // a line or an area against a line or an area: crossing edges, or one inside the other
    if (edgesCross(p, q)) {
      return true;
    }
    if (b.dimension() == 2 && inArea(p[0], p[1], q)) {
      return true;
    }
    return a.dimension() == 2 && inArea(q[0], q[1], p);
  }

  private static long cross(long ax, long ay, long bx, long by, long cx, long cy) {
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  }

  private static boolean onSegment(long x, long y, long ax, long ay, long bx, long by) {
    return cross(ax, ay, bx, by, x, y) == 0
        && Math.min(ax, bx) <= x
        && x <= Math.max(ax, bx)
        && Math.min(ay, by) <= y
        && y <= Math.max(ay, by);
  }

  private static boolean onLine(int x, int y, int[] line) {
    for (int i = 0; i + 3 < line.length; i += 2) {
      if (onSegment(x, y, line[i], line[i + 1], line[i + 2], line[i + 3])) {
        return true;
      }
    }
    return false;
  }

  private static boolean segmentsMeet(int[] p, int i, int[] q, int j) {
    long ax = p[i], ay = p[i + 1], bx = p[i + 2], by = p[i + 3];
    long cx = q[j], cy = q[j + 1], dx = q[j + 2], dy = q[j + 3];
    long d1 = cross(cx, cy, dx, dy, ax, ay);
    long d2 = cross(cx, cy, dx, dy, bx, by);
    long d3 = cross(ax, ay, bx, by, cx, cy);
    long d4 = cross(ax, ay, bx, by, dx, dy);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
      return true;
    }
    return onSegment(ax, ay, cx, cy, dx, dy)
        || onSegment(bx, by, cx, cy, dx, dy)
        || onSegment(cx, cy, ax, ay, bx, by)
        || onSegment(dx, dy, ax, ay, bx, by);
  }

  private static boolean edgesCross(int[] p, int[] q) {
    for (int i = 0; i + 3 < p.length; i += 2) {
      for (int j = 0; j + 3 < q.length; j += 2) {
        if (segmentsMeet(p, i, q, j)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Inside the closed ring or on it: crossing number, with the boundary counted. */
  private static boolean inArea(int x, int y, int[] ring) {
    if (onLine(x, y, ring)) {
      return true;
    }
    boolean inside = false;
    for (int i = 0; i + 3 < ring.length; i += 2) {
      int ax = ring[i], ay = ring[i + 1], bx = ring[i + 2], by = ring[i + 3];
      if ((ay > y) != (by > y)) {
        // the x where the edge crosses the horizontal line through y, compared exactly
        long lhs = (long) (x - ax) * (by - ay);
        long rhs = (long) (bx - ax) * (y - ay);
        if (by - ay > 0 ? lhs < rhs : lhs > rhs) {
          inside = !inside;
        }
      }
    }
    return inside;
  }

  // ---- the test ----

  @Test
  void random_filters_printed_as_text_and_json_agree_with_the_reference() {
    List<TRow> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(row());
    }
    Map<Truth, Integer> outcomes = new EnumMap<>(Truth.class);
    Map<String, Integer> nodes = new LinkedHashMap<>();
    for (int t = 0; t < TREES; t++) {
      Node tree = tree(1 + random.nextInt(4));
      count(tree, nodes);
      String text = text(tree, 0);
      String json = json(tree);
      Expr fromText;
      Expr fromJson;
      try {
        fromText = Cql2.parseText(text);
        fromJson = Cql2.parseJson(json);
        Cql2.check(fromText, QUERYABLES);
        Cql2.check(fromJson, QUERYABLES);
      } catch (CqlException e) {
        throw new AssertionError(
            "tree " + t + ": " + e.getMessage() + "\n" + text + "\n" + json, e);
      }
      for (TRow row : rows) {
        Truth expected = reference(tree, row);
        Truth gotText = fromText.evaluate(row);
        Truth gotJson = fromJson.evaluate(row);
        if (gotText != expected || gotJson != expected) {
          fail(
              "tree %d: reference %s, text %s, json %s%n%s%n%s%nrow %s",
              t, expected, gotText, gotJson, text, json, row);
        }
        assertThat(fromText.test(row)).isEqualTo(expected == Truth.TRUE);
        outcomes.merge(expected, 1, Integer::sum);
      }
    }
    // the trees are not trivial: each outcome is common, and every kind of node was made
    int total = TREES * ROWS;
    assertThat(outcomes.getOrDefault(Truth.TRUE, 0)).isGreaterThan(total / 10);
    assertThat(outcomes.getOrDefault(Truth.FALSE, 0)).isGreaterThan(total / 10);
    assertThat(outcomes.getOrDefault(Truth.UNKNOWN, 0)).isGreaterThan(total / 50);
    assertThat(nodes.keySet())
        .contains(
            "TAnd",
            "TOr",
            "TNot",
            "TBool",
            "TCmp",
            "TLike",
            "TIn",
            "TBetween",
            "TIsNull",
            "TIntersects");
    assertThat(nodes.get("TIntersects")).isGreaterThan(100);
  }

  private static void count(Node n, Map<String, Integer> nodes) {
    nodes.merge(n.getClass().getSimpleName(), 1, Integer::sum);
    if (n instanceof TAnd a) {
      a.args().forEach(x -> count(x, nodes));
    } else if (n instanceof TOr o) {
      o.args().forEach(x -> count(x, nodes));
    } else if (n instanceof TNot x) {
      count(x.arg(), nodes);
    }
  }
}
