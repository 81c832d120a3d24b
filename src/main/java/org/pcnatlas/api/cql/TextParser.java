package org.pcnatlas.api.cql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.pcnatlas.api.cql.Operand.Literal;
import org.pcnatlas.api.cql.Operand.Property;
import org.pcnatlas.api.cql.TextLexer.Kind;
import org.pcnatlas.api.cql.TextLexer.Token;
import org.pcnatlas.geo.GeoUtils;

/**
 * A recursive-descent parser of cql2-text, by the grammar of the standard restricted to the
 * conformance classes implemented:
 *
 * <pre>
 * filter    = or END
 * or        = and { OR and }
 * and       = not { AND not }
 * not       = NOT not | primary
 * primary   = "(" or ")" | S_INTERSECTS "(" geomArg "," geomArg ")"
 *           | TRUE | FALSE | scalar predicate
 * predicate = compOp scalar | [NOT] LIKE string | [NOT] IN "(" scalar {"," scalar} ")"
 *           | [NOT] BETWEEN scalar AND scalar | IS [NOT] NULL
 * scalar    = property | "property" | string | number | TRUE | FALSE
 * geomArg   = property | "property" | wkt | BBOX "(" n "," n "," n "," n ["," n "," n] ")"
 * </pre>
 *
 * So NOT binds tighter than AND, and AND tighter than OR. Keywords are case-insensitive; a property
 * named like a keyword is written in double quotes. Each {@code (} and {@code NOT} is a level of
 * nesting, and more than {@link Cql2#MAX_DEPTH} levels are an error (the parser's recursion is
 * bounded by that, not by the stack).
 */
final class TextParser {
  private static final Set<String> KEYWORDS =
      Set.of("AND", "OR", "NOT", "LIKE", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE");
  private static final Set<String> WKT_TYPES =
      Set.of("POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON");
  private static final String COMPARISONS =
      "a comparison (=, <>, <, <=, >, >=), LIKE, IN, BETWEEN or IS NULL";

  private final List<Token> tokens;
  private int at;
  private int depth;

  private TextParser(String text) {
    this.tokens = TextLexer.tokens(text);
  }

  static Expr parse(String text) {
    return new TextParser(text).filter();
  }

  private Expr filter() {
    if (peek().kind() == Kind.END) {
      throw new CqlException("the filter is empty", 1);
    }
    Expr e = or();
    Token t = peek();
    if (t.kind() != Kind.END) {
      throw new CqlException(
          "expected AND, OR or the end of the filter after "
              + previous().describe()
              + ", found "
              + t.describe(),
          t.position());
    }
    return e;
  }

  // ---- boolean expressions ----

  private Expr or() {
    List<Expr> args = new ArrayList<>();
    args.add(and());
    while (peek().is("OR")) {
      next();
      args.add(and());
    }
    return args.size() == 1 ? args.get(0) : new Expr.Or(args);
  }

  private Expr and() {
    List<Expr> args = new ArrayList<>();
    args.add(not());
    while (peek().is("AND")) {
      next();
      args.add(not());
    }
    return args.size() == 1 ? args.get(0) : new Expr.And(args);
  }

  private Expr not() {
    Token t = peek();
    if (t.is("NOT")) {
      enter(t);
      next();
      Expr e = new Expr.Not(not());
      depth--;
      return e;
    }
    return primary();
  }

  private Expr primary() {
    Token t = peek();
    if (t.kind() == Kind.LPAREN) {
      enter(t);
      next();
      Expr e = or();
      Token close = peek();
      if (close.kind() != Kind.RPAREN) {
        throw new CqlException(
            "expected ')' to close the '(' at position "
                + t.position()
                + ", found "
                + close.describe(),
            close.position());
      }
      next();
      depth--;
      return e;
    }
    if (t.kind() == Kind.IDENT && peek(1).kind() == Kind.LPAREN && !keyword(t)) {
      if (t.is("S_INTERSECTS")) {
        return intersects();
      }
      throw Unsupported.function(t.text(), t.position());
    }
    if ((t.is("TRUE") || t.is("FALSE")) && !startsPredicate(1)) {
      next();
      return new Expr.Bool(t.is("TRUE"));
    }
    boolean value = t.is("NULL") || t.is("TRUE") || t.is("FALSE"); // NULL: scalar() explains
    if (t.kind() == Kind.END || (t.kind() == Kind.IDENT && keyword(t) && !value)) {
      throw new CqlException(
          "expected a predicate"
              + (at == 0 ? "" : " after " + previous().describe())
              + ", found "
              + t.describe(),
          t.position());
    }
    Operand left = scalar(at == 0 ? "" : " after " + previous().describe());
    return predicate(left);
  }

  /** Whether the token {@code ahead} from here starts the predicate part after a scalar. */
  private boolean startsPredicate(int ahead) {
    Token t = peek(ahead);
    if (t.kind() == Kind.OP) {
      return true;
    }
    if (t.is("LIKE") || t.is("IN") || t.is("BETWEEN") || t.is("IS")) {
      return true;
    }
    Token u = peek(ahead + 1);
    return t.is("NOT") && (u.is("LIKE") || u.is("IN") || u.is("BETWEEN"));
  }

  private Expr predicate(Operand left) {
    Token t = peek();
    if (t.kind() == Kind.OP) {
      next();
      ComparisonOp op = ComparisonOp.ofSymbol(t.text());
      return new Expr.Compare(op, left, scalar(" after '" + t.text() + "'"));
    }
    boolean negated = false;
    if (t.is("NOT")) {
      next();
      negated = true;
      t = peek();
      if (!t.is("LIKE") && !t.is("IN") && !t.is("BETWEEN")) {
        throw new CqlException(
            "expected LIKE, IN or BETWEEN after NOT, found " + t.describe(), t.position());
      }
    }
    Expr e;
    if (t.is("LIKE")) {
      e = like(left);
    } else if (t.is("IN")) {
      e = in(left);
    } else if (t.is("BETWEEN")) {
      e = between(left);
    } else if (t.is("IS")) {
      next();
      Token n = peek();
      if (n.is("NOT")) {
        next();
        negated = true;
        n = peek();
      }
      if (!n.is("NULL")) {
        throw new CqlException(
            "expected NULL after " + previous().describe() + ", found " + n.describe(),
            n.position());
      }
      next();
      e = new Expr.IsNull(left);
    } else {
      throw new CqlException(
          "expected " + COMPARISONS + " after " + previous().describe() + ", found " + t.describe(),
          t.position());
    }
    return negated ? new Expr.Not(e) : e;
  }

  private Expr like(Operand value) {
    next();
    Token p = peek();
    if (p.kind() == Kind.IDENT && peek(1).kind() == Kind.LPAREN) {
      throw Unsupported.function(p.text(), p.position());
    }
    if (p.kind() != Kind.STRING) {
      throw new CqlException(
          "expected a pattern in quotes after LIKE, found " + p.describe(), p.position());
    }
    next();
    return new Expr.Like(value, (String) p.value(), p.position());
  }

  private Expr in(Operand value) {
    next();
    Token open = peek();
    if (open.kind() != Kind.LPAREN) {
      throw new CqlException(
          "expected '(' and a list of values after IN, found " + open.describe(), open.position());
    }
    next();
    List<Operand> list = new ArrayList<>();
    list.add(scalar(" in the IN list"));
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.RPAREN) {
        next();
        return new Expr.In(value, list);
      }
      if (t.kind() != Kind.COMMA) {
        throw new CqlException(
            "expected ',' or ')' in the IN list, found " + t.describe(), t.position());
      }
      next();
      list.add(scalar(" after ',' in the IN list"));
    }
  }

  private Expr between(Operand value) {
    next();
    Operand low = scalar(" after BETWEEN");
    Token and = peek();
    if (!and.is("AND")) {
      throw new CqlException(
          "expected AND between the bounds of BETWEEN, found " + and.describe(), and.position());
    }
    next();
    Operand high = scalar(" after BETWEEN ... AND");
    return new Expr.Between(value, low, high);
  }

  /** A property or literal; {@code after} says where, for the message. */
  private Operand scalar(String after) {
    Token t = peek();
    switch (t.kind()) {
      case QUOTED:
        next();
        return new Property((String) t.value(), t.position());
      case STRING:
      case NUMBER:
        next();
        return new Literal(t.value(), t.position());
      case IDENT:
        if (t.is("TRUE") || t.is("FALSE")) {
          next();
          return new Literal(t.is("TRUE"), t.position());
        }
        if (t.is("NULL")) {
          throw new CqlException(
              "NULL is not a value", t.position(), "test for a missing value with IS NULL");
        }
        if (keyword(t)) {
          break;
        }
        if (peek(1).kind() == Kind.LPAREN) {
          throw Unsupported.function(t.text(), t.position());
        }
        next();
        return new Property(t.text(), t.position());
      default:
        break;
    }
    throw new CqlException(
        "expected a value" + after + (t.kind() == Kind.END ? "" : ", found " + t.describe()),
        t.position());
  }

  // ---- spatial ----

  private Expr intersects() {
    Token name = next();
    next(); // the "(" seen by primary()
    Object a = geometryArgument("the first argument of " + name.text());
    expect(Kind.COMMA, "',' between the arguments of " + name.text());
    Object b = geometryArgument("the second argument of " + name.text());
    expect(Kind.RPAREN, "')' after the second argument of " + name.text());
    if (a instanceof Property p && b instanceof SpatialLiteral l) {
      return new Expr.Intersects(p, l);
    }
    if (a instanceof SpatialLiteral l && b instanceof Property p) {
      return new Expr.Intersects(p, l);
    }
    if (a instanceof Property) {
      throw new CqlException(
          name.text()
              + " compares the geometry property with a geometry literal; both arguments"
              + " are properties",
          name.position());
    }
    throw new CqlException(
        name.text()
            + " compares the geometry property with a geometry literal; both arguments"
            + " are literals",
        name.position());
  }

  /** A Property or a SpatialLiteral. */
  private Object geometryArgument(String what) {
    Token t = peek();
    if (t.kind() == Kind.QUOTED) {
      next();
      return new Property((String) t.value(), t.position());
    }
    if (t.kind() == Kind.IDENT) {
      String upper = t.text().toUpperCase(Locale.ROOT);
      Token after = peek(1);
      boolean opens = after.kind() == Kind.LPAREN;
      if (WKT_TYPES.contains(upper) && (opens || after.kind() == Kind.IDENT)) {
        return wkt(upper);
      }
      if (upper.equals("BBOX") && opens) {
        return bbox();
      }
      if (opens) {
        throw Unsupported.function(t.text(), t.position());
      }
      if (!keyword(t)) {
        next();
        return new Property(t.text(), t.position());
      }
    }
    throw new CqlException(
        "expected a geometry property or a geometry literal (POINT, LINESTRING, POLYGON,"
            + " MULTIPOINT, MULTILINESTRING, MULTIPOLYGON or BBOX) as "
            + what
            + ", found "
            + t.describe(),
        t.position());
  }

  private SpatialLiteral bbox() {
    Token name = next();
    next(); // "("
    List<Double> v = new ArrayList<>();
    v.add(number("a number in BBOX"));
    while (peek().kind() == Kind.COMMA) {
      next();
      v.add(number("a number after ',' in BBOX"));
    }
    expect(Kind.RPAREN, "',' or ')' in BBOX");
    double[] values = v.stream().mapToDouble(Double::doubleValue).toArray();
    return new SpatialLiteral(Shapes.bbox(values, name.position()), name.position());
  }

  /** Well-known text of one of {@link #WKT_TYPES}, optionally with Z. */
  private SpatialLiteral wkt(String type) {
    Token name = next();
    boolean z = false;
    Token t = peek();
    if (t.kind() == Kind.IDENT) {
      if (t.is("Z")) {
        z = true;
        next();
      } else if (t.is("EMPTY")) {
        throw new CqlException(
            "an empty " + type + " is not supported as a literal (it intersects nothing)",
            t.position());
      } else if (t.is("M") || t.is("ZM")) {
        throw new CqlException(
            "measures (" + t.text() + ") are not supported in geometry literals",
            t.position(),
            "write " + type + " or " + type + " Z");
      } else {
        throw new CqlException(
            "expected '(' or Z after " + type + ", found " + t.describe(), t.position());
      }
    }
    Wkt w = new Wkt(type, z);
    Geometry g =
        switch (type) {
          case "POINT" -> w.pointText();
          case "LINESTRING" -> w.lineText();
          case "POLYGON" -> w.polygonText();
          case "MULTIPOINT" -> w.multiPointText();
          case "MULTILINESTRING" -> w.multiLineText();
          default -> w.multiPolygonText();
        };
    return new SpatialLiteral(Shapes.valid(type, g, name.position()), name.position());
  }

  /** The parts of one WKT literal: every point has 2 coordinates, or 3 when Z is given. */
  private final class Wkt {
    private final String type;
    private final boolean z;

    Wkt(String type, boolean z) {
      this.type = type;
      this.z = z;
    }

    Point pointText() {
      open();
      Coordinate c = point();
      close();
      return Shapes.point(c);
    }

    LineString lineText() {
      int position = open();
      List<Coordinate> points = points();
      close();
      return Shapes.line(type, points, position);
    }

    Polygon polygonText() {
      open();
      List<LinearRing> rings = new ArrayList<>();
      do {
        int position = open();
        List<Coordinate> points = points();
        close();
        rings.add(Shapes.ring(type, points, position));
      } while (comma());
      close();
      return Shapes.polygon(rings);
    }

    Geometry multiPointText() {
      open();
      List<Point> parts = new ArrayList<>();
      do {
        // MULTIPOINT ((1 2), (3 4)) as the standard writes it, or MULTIPOINT (1 2, 3 4)
        if (peek().kind() == Kind.LPAREN) {
          parts.add(pointText());
        } else {
          parts.add(Shapes.point(point()));
        }
      } while (comma());
      close();
      return GeoUtils.FACTORY.createMultiPoint(parts.toArray(Point[]::new));
    }

    Geometry multiLineText() {
      open();
      List<LineString> parts = new ArrayList<>();
      do {
        parts.add(lineText());
      } while (comma());
      close();
      return GeoUtils.FACTORY.createMultiLineString(parts.toArray(LineString[]::new));
    }

    Geometry multiPolygonText() {
      open();
      List<Polygon> parts = new ArrayList<>();
      do {
        parts.add(polygonText());
      } while (comma());
      close();
      return GeoUtils.FACTORY.createMultiPolygon(parts.toArray(Polygon[]::new));
    }

    private List<Coordinate> points() {
      List<Coordinate> out = new ArrayList<>();
      do {
        out.add(point());
      } while (comma());
      return out;
    }

    private Coordinate point() {
      int position = peek().position();
      List<Double> v = new ArrayList<>();
      v.add(number("a coordinate (a number) in the " + type));
      v.add(number("a second coordinate (a number) in the " + type));
      while (peek().kind() == Kind.NUMBER) {
        v.add(number("a coordinate"));
      }
      int want = z ? 3 : v.size() == 3 ? 3 : 2;
      if (v.size() != want) {
        throw new CqlException(
            "a point of a "
                + type
                + (z ? " Z" : "")
                + " has "
                + (z ? "3 coordinates (x y z)" : "2 coordinates (x y) or 3 (x y z)")
                + ", not "
                + v.size(),
            position);
      }
      return Shapes.coordinate(v.stream().mapToDouble(Double::doubleValue).toArray(), position);
    }

    private int open() {
      return expect(Kind.LPAREN, "'(' in the " + type).position();
    }

    private void close() {
      expect(Kind.RPAREN, "',' or ')' in the " + type);
    }

    private boolean comma() {
      if (peek().kind() == Kind.COMMA) {
        next();
        return true;
      }
      return false;
    }
  }

  private double number(String what) {
    Token t = peek();
    if (t.kind() != Kind.NUMBER) {
      throw new CqlException("expected " + what + ", found " + t.describe(), t.position());
    }
    next();
    return ((Number) t.value()).doubleValue();
  }

  // ---- tokens ----

  private Token expect(Kind kind, String what) {
    Token t = peek();
    if (t.kind() != kind) {
      throw new CqlException("expected " + what + ", found " + t.describe(), t.position());
    }
    return next();
  }

  private void enter(Token t) {
    if (++depth > Cql2.MAX_DEPTH) {
      throw new CqlException(
          "the filter nests deeper than " + Cql2.MAX_DEPTH + " levels of parentheses and NOT",
          t.position());
    }
  }

  private static boolean keyword(Token t) {
    return t.kind() == Kind.IDENT && KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT));
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(at + ahead, tokens.size() - 1));
  }

  private Token previous() {
    return tokens.get(at - 1);
  }

  private Token next() {
    Token t = tokens.get(at);
    if (t.kind() != Kind.END) {
      at++;
    }
    return t;
  }
}
