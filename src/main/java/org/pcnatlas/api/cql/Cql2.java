package org.pcnatlas.api.cql;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CQL2 (OGC 21-065) filters for OGC API - Features Part 3: parsing cql2-text and cql2-json into an
 * {@link Expr}, and checking one against a collection's queryables. Evaluate with {@link
 * Expr#test}, which follows CQL2's three-valued logic (see {@link Expr} and {@link Truth}): a
 * comparison with a missing value is unknown, NOT unknown is unknown, and a feature passes only
 * when the filter is true.
 *
 * <p>Implemented: {@link #CONFORMANCE}. Not implemented: temporal literals and functions (DATE,
 * TIMESTAMP, T_*), CASEI and ACCENTI, arithmetic, array functions, spatial functions other than
 * S_INTERSECTS, GEOMETRYCOLLECTION literals, functions; each is an error that says so. Geometry
 * literals may have Z coordinates ({@code POINT Z (1 2 3)}, or three numbers a point): they are
 * kept and ignored, S_INTERSECTS being two-dimensional. Geometry literals are in the CRS of the
 * features' geometries ({@link Row#geometry}); converting between them (filter-crs) is the
 * caller's.
 *
 * <p>Limits against abuse: a filter longer than {@link #MAX_LENGTH} characters, or nesting deeper
 * than {@link #MAX_DEPTH} levels (parentheses and NOT in cql2-text, and/or/not operations in
 * cql2-json), is a {@link CqlException}; parsing never recurses deeper than that.
 */
public final class Cql2 {
  /** The longest filter accepted, in characters. */
  public static final int MAX_LENGTH = 10_000;

  /** The deepest nesting accepted. */
  public static final int MAX_DEPTH = 100;

  /** The CQL2 conformance classes implemented. */
  public static final List<String> CONFORMANCE =
      List.of(
          "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
          "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
          "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
          "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
          "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json");

  private Cql2() {}

  /**
   * Parses cql2-text, such as {@code list_size > 10000 AND name LIKE 'The %'}.
   *
   * @throws CqlException naming what was expected and the 1-based character position
   */
  public static Expr parseText(String text) {
    limit(text);
    return TextParser.parse(text);
  }

  /**
   * Parses cql2-json (a JSON document as text), such as {@code {"op": ">", "args": [{"property":
   * "list_size"}, 10000]}}.
   *
   * @throws CqlException whose message starts with the JSON path of the value at fault (such as
   *     {@code $.args[1].op}) and ends with its position: the 1-based character offset in the JSON
   *     text of the value's first character
   */
  public static Expr parseJson(String json) {
    limit(json);
    return JsonFilterParser.parse(json);
  }

  /**
   * Checks every property against the queryables (name to type) and the operands of every predicate
   * against each other: a string property with string literals, an integer or number property with
   * numbers, a boolean with TRUE and FALSE; LIKE needs strings, BETWEEN numbers; the geometry
   * property is only an argument of S_INTERSECTS, and S_INTERSECTS takes only it.
   *
   * @throws CqlException naming the property and the position, such as {@code property 'list_size'
   *     is an integer; 'abc' is a string at position 14} or {@code unknown queryable 'foo' at
   *     position 1; the queryables are a, b, c}
   */
  public static void check(Expr e, Map<String, Queryable> queryables) {
    Objects.requireNonNull(e, "e");
    Objects.requireNonNull(queryables, "queryables");
    new Checker(queryables).check(e);
  }

  private static void limit(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw new CqlException(
          "the filter is "
              + text.length()
              + " characters long, more than the "
              + MAX_LENGTH
              + " allowed",
          MAX_LENGTH + 1);
    }
  }
}
