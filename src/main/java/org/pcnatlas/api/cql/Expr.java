package org.pcnatlas.api.cql;

import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.prep.PreparedLineString;
import org.locationtech.jts.geom.prep.PreparedPolygon;
import org.pcnatlas.api.cql.Operand.Property;

/**
 * A parsed CQL2 filter: an immutable tree of records, safe to evaluate from many threads at once.
 *
 * <p>Evaluation follows CQL2's three-valued logic ({@link Truth}): a comparison, LIKE, IN or
 * BETWEEN with a missing (null) property value is unknown, and so is S_INTERSECTS on a feature
 * without geometry; {@code NOT unknown} is unknown, {@code unknown AND false} is false, {@code
 * unknown OR true} is true. A feature passes ({@link #test}) only when the filter is true: for a
 * feature with no {@code list_size}, both {@code list_size = 1} and {@code NOT (list_size = 1)}
 * reject it, and {@code list_size IS NULL} accepts it. Values of kinds that do not compare (a
 * string with a number: {@link Cql2#check} rejects such filters) are unknown too.
 *
 * <p>The negated forms have no nodes of their own: {@code a NOT LIKE p} is {@code NOT (a LIKE p)},
 * likewise NOT IN, NOT BETWEEN and IS NOT NULL, which is what the standard defines them as.
 */
public sealed interface Expr
    permits Expr.And,
        Expr.Or,
        Expr.Not,
        Expr.Bool,
        Expr.Compare,
        Expr.Like,
        Expr.In,
        Expr.Between,
        Expr.IsNull,
        Expr.Intersects {

  /** The filter's truth for a feature. */
  Truth evaluate(Row row);

  /** Whether a feature passes the filter: true only when the filter is {@link Truth#TRUE}. */
  default boolean test(Row row) {
    return evaluate(row) == Truth.TRUE;
  }

  /** Two or more filters that must all be true. */
  record And(List<Expr> args) implements Expr {
    public And {
      args = List.copyOf(args);
      if (args.size() < 2) {
        throw new IllegalArgumentException("AND joins two or more filters, not " + args.size());
      }
    }

    @Override
    public Truth evaluate(Row row) {
      Truth t = Truth.TRUE;
      for (Expr e : args) {
        t = t.and(e.evaluate(row));
        if (t == Truth.FALSE) {
          return t;
        }
      }
      return t;
    }
  }

  /** Two or more filters of which one must be true. */
  record Or(List<Expr> args) implements Expr {
    public Or {
      args = List.copyOf(args);
      if (args.size() < 2) {
        throw new IllegalArgumentException("OR joins two or more filters, not " + args.size());
      }
    }

    @Override
    public Truth evaluate(Row row) {
      Truth t = Truth.FALSE;
      for (Expr e : args) {
        t = t.or(e.evaluate(row));
        if (t == Truth.TRUE) {
          return t;
        }
      }
      return t;
    }
  }

  /** The negation of a filter (unknown stays unknown). */
  record Not(Expr arg) implements Expr {
    public Not {
      Objects.requireNonNull(arg, "arg");
    }

    @Override
    public Truth evaluate(Row row) {
      return arg.evaluate(row).not();
    }
  }

  /** TRUE or FALSE as a filter. */
  record Bool(boolean value) implements Expr {
    @Override
    public Truth evaluate(Row row) {
      return Truth.of(value);
    }
  }

  /** {@code left op right}: numbers numerically, strings by code point, FALSE before TRUE. */
  record Compare(ComparisonOp op, Operand left, Operand right) implements Expr {
    public Compare {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public Truth evaluate(Row row) {
      return compare(op, left.valueFor(row), right.valueFor(row));
    }

    static Truth compare(ComparisonOp op, Object a, Object b) {
      if (a == null || b == null) {
        return Truth.UNKNOWN;
      }
      int c = Values.compare(a, b);
      return c == Values.INCOMPARABLE ? Truth.UNKNOWN : Truth.of(op.holds(c));
    }
  }

  /**
   * {@code value LIKE 'pattern'}: {@code %} any run of characters, {@code _} one character, a
   * backslash escapes the next character; case-sensitive.
   *
   * @param patternPosition the 1-based position of the pattern in the filter text
   */
  record Like(Operand value, String pattern, int patternPosition) implements Expr {
    public Like {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(pattern, "pattern");
      LikePattern.validate(pattern, patternPosition);
    }

    @Override
    public Truth evaluate(Row row) {
      Object v = value.valueFor(row);
      if (!(v instanceof String s)) {
        return Truth.UNKNOWN;
      }
      return Truth.of(LikePattern.matches(pattern, s));
    }
  }

  /** {@code value IN (a, b, ...)}: as {@code value = a OR value = b OR ...}. */
  record In(Operand value, List<Operand> list) implements Expr {
    public In {
      Objects.requireNonNull(value, "value");
      list = List.copyOf(list);
      if (list.isEmpty()) {
        throw new IllegalArgumentException("IN takes a list of one or more values");
      }
    }

    @Override
    public Truth evaluate(Row row) {
      Object v = value.valueFor(row);
      Truth t = Truth.FALSE;
      for (Operand o : list) {
        t = t.or(Compare.compare(ComparisonOp.EQ, v, o.valueFor(row)));
        if (t == Truth.TRUE) {
          return t;
        }
      }
      return t;
    }
  }

  /** {@code value BETWEEN low AND high}: as {@code low <= value AND value <= high}. */
  record Between(Operand value, Operand low, Operand high) implements Expr {
    public Between {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(low, "low");
      Objects.requireNonNull(high, "high");
    }

    @Override
    public Truth evaluate(Row row) {
      Object v = value.valueFor(row);
      return Compare.compare(ComparisonOp.LE, low.valueFor(row), v)
          .and(Compare.compare(ComparisonOp.LE, v, high.valueFor(row)));
    }
  }

  /** {@code value IS NULL}: true when the feature has no value (never unknown). */
  record IsNull(Operand value) implements Expr {
    public IsNull {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Truth evaluate(Row row) {
      return Truth.of(value.valueFor(row) == null);
    }
  }

  /**
   * {@code S_INTERSECTS(property, literal)}: whether the feature's geometry ({@link Row#geometry})
   * and the literal share a point (boundaries included), in two dimensions; unknown for a feature
   * without geometry, false for an empty one.
   *
   * <p>The literal is prepared once ({@link PreparedGeometry}: its indexes are built here, before
   * the record is shared), and each feature's envelope is tested against the literal's first. JTS
   * documents its prepared polygons and lines as thread-safe (their lazily built indexes are made
   * under a lock), so one Intersects serves concurrent {@link #test} calls.
   *
   * @param property the geometry property (which {@link Cql2#check} verifies)
   * @param prepared the literal's geometry, prepared
   */
  record Intersects(Property property, SpatialLiteral literal, PreparedGeometry prepared)
      implements Expr {
    public Intersects {
      Objects.requireNonNull(property, "property");
      Objects.requireNonNull(literal, "literal");
      Objects.requireNonNull(prepared, "prepared");
      if (prepared.getGeometry() != literal.geometry()) {
        throw new IllegalArgumentException("the prepared geometry is not the literal's");
      }
    }

    /** The intersection of the property with a literal, prepared here. */
    public Intersects(Property property, SpatialLiteral literal) {
      this(property, literal, prepare(literal.geometry()));
    }

    private static PreparedGeometry prepare(Geometry g) {
      g.getEnvelopeInternal(); // computed and cached now, not raced for by the first callers
      PreparedGeometry p = PreparedGeometryFactory.prepare(g);
      // build the lazily made indexes on this thread, before the record is shared
      if (p instanceof PreparedPolygon polygon) {
        polygon.getIntersectionFinder();
        polygon.getPointLocator().locate(g.getCoordinate());
      } else if (p instanceof PreparedLineString line) {
        line.getIntersectionFinder();
      }
      return p;
    }

    @Override
    public Truth evaluate(Row row) {
      Geometry g = row.geometry();
      if (g == null) {
        return Truth.UNKNOWN;
      }
      if (g.isEmpty()) {
        return Truth.FALSE;
      }
      Envelope e = literal.geometry().getEnvelopeInternal();
      if (!e.intersects(g.getEnvelopeInternal())) {
        return Truth.FALSE;
      }
      return Truth.of(prepared.intersects(g));
    }

    /** Equal when property and literal are (the prepared geometry follows from the literal). */
    @Override
    public boolean equals(Object o) {
      return o instanceof Intersects i && property.equals(i.property) && literal.equals(i.literal);
    }

    @Override
    public int hashCode() {
      return Objects.hash(property, literal);
    }
  }
}
