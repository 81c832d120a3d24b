package org.pcnatlas.api.cql;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.pcnatlas.api.cql.Operand.Literal;
import org.pcnatlas.api.cql.Operand.Property;

/**
 * Checks a filter against a collection's queryables: every property is one of them, the geometry
 * property appears only in S_INTERSECTS and is the only property there, and the operands of each
 * predicate are of one kind (strings with strings, numbers with numbers whether integer or not,
 * booleans with booleans); LIKE takes strings and BETWEEN numbers. Errors name the property and the
 * position of the operand at fault.
 */
final class Checker {
  private enum Kind {
    STRING,
    NUMBER,
    BOOLEAN
  }

  private final Map<String, Queryable> queryables;

  Checker(Map<String, Queryable> queryables) {
    this.queryables = queryables;
  }

  void check(Expr e) {
    if (e instanceof Expr.And a) {
      a.args().forEach(this::check);
    } else if (e instanceof Expr.Or o) {
      o.args().forEach(this::check);
    } else if (e instanceof Expr.Not n) {
      check(n.arg());
    } else if (e instanceof Expr.Compare c) {
      same(c.left(), c.right());
    } else if (e instanceof Expr.Like l) {
      if (kind(l.value()) != Kind.STRING) {
        throw new CqlException(describe(l.value()) + "; LIKE needs a string", l.value().position());
      }
    } else if (e instanceof Expr.In in) {
      for (Operand o : in.list()) {
        same(in.value(), o);
      }
    } else if (e instanceof Expr.Between b) {
      for (Operand o : List.of(b.value(), b.low(), b.high())) {
        if (kind(o) != Kind.NUMBER) {
          throw new CqlException(describe(o) + "; BETWEEN needs numbers", o.position());
        }
      }
    } else if (e instanceof Expr.IsNull n) {
      kind(n.value());
    } else if (e instanceof Expr.Intersects i) {
      Property p = i.property();
      Queryable q = queryable(p);
      if (q != Queryable.GEOMETRY) {
        throw new CqlException(
            "property '" + p.name() + "' is " + q.noun() + "; S_INTERSECTS needs " + geometry(),
            p.position());
      }
    }
    // Expr.Bool: nothing to check
  }

  /** Both operands of one kind, or an error at the second's position naming both. */
  private void same(Operand a, Operand b) {
    Kind ka = kind(a);
    Kind kb = kind(b);
    if (ka != kb) {
      // name the property first: "property 'list_size' is an integer; 'abc' is a string"
      boolean swap = a instanceof Literal && b instanceof Property;
      Operand first = swap ? b : a;
      Operand second = swap ? a : b;
      throw new CqlException(describe(first) + "; " + describe(second), second.position());
    }
  }

  /** "property 'list_size' is an integer" or "'abc' is a string". */
  private String describe(Operand o) {
    if (o instanceof Property p) {
      return "property '" + p.name() + "' is " + queryable(p).noun();
    }
    Literal l = (Literal) o;
    return l.text() + " is " + Values.noun(l.value());
  }

  private Kind kind(Operand o) {
    if (o instanceof Literal l) {
      return l.value() instanceof String
          ? Kind.STRING
          : l.value() instanceof Boolean ? Kind.BOOLEAN : Kind.NUMBER;
    }
    Property p = (Property) o;
    return switch (queryable(p)) {
      case STRING -> Kind.STRING;
      case INTEGER, NUMBER -> Kind.NUMBER;
      case BOOLEAN -> Kind.BOOLEAN;
      case GEOMETRY ->
          throw new CqlException(
              "property '" + p.name() + "' is a geometry",
              p.position(),
              "a geometry is only an argument of S_INTERSECTS");
    };
  }

  private Queryable queryable(Property p) {
    Queryable q = queryables.get(p.name());
    if (q == null) {
      throw new CqlException(
          "unknown queryable '" + p.name() + "'",
          p.position(),
          queryables.isEmpty()
              ? "this collection has no queryables"
              : "the queryables are " + String.join(", ", new TreeSet<>(queryables.keySet())));
    }
    return q;
  }

  /** "the geometry property 'geometry'", or what to say when there is none. */
  private String geometry() {
    List<String> names =
        queryables.entrySet().stream()
            .filter(q -> q.getValue() == Queryable.GEOMETRY)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    if (names.isEmpty()) {
      return "a geometry property, and this collection has none";
    }
    return "the geometry property "
        + String.join(" or ", names.stream().map(n -> "'" + n + "'").toList());
  }
}
