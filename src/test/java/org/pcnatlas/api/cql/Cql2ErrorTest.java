package org.pcnatlas.api.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The error rules of cql2-text: each names what was expected and the 1-based position. */
class Cql2ErrorTest {
  private static String error(String text) {
    try {
      Cql2.parseText(text);
    } catch (CqlException e) {
      assertThat(e.getMessage()).contains(" at position " + e.position());
      return e.getMessage();
    }
    throw new AssertionError("no error for " + text);
  }

  private static int position(String text) {
    try {
      Cql2.parseText(text);
    } catch (CqlException e) {
      return e.position();
    }
    throw new AssertionError("no error for " + text);
  }

  // ---- syntax ----

  @Test
  void syntax_error_names_the_position() {
    assertThat(error("list_size =")).isEqualTo("expected a value after '=' at position 12");
    assertThat(error("list_size = AND x = 1"))
        .isEqualTo("expected a value after '=', found 'AND' at position 13");
  }

  @Test
  void an_empty_filter_is_an_error() {
    assertThat(error("")).isEqualTo("the filter is empty at position 1");
    assertThat(error(" \t\n")).isEqualTo("the filter is empty at position 1");
  }

  @Test
  void a_predicate_needs_a_comparison_after_its_first_value() {
    assertThat(error("list_size 5"))
        .isEqualTo(
            "expected a comparison (=, <>, <, <=, >, >=), LIKE, IN, BETWEEN or IS NULL after"
                + " 'list_size', found '5' at position 11");
    assertThat(error("dispensing AND TRUE"))
        .startsWith("expected a comparison")
        .endsWith("found 'AND' at position 12");
  }

  @Test
  void and_or_and_not_need_a_predicate_after_them() {
    assertThat(error("a = 1 AND"))
        .isEqualTo("expected a predicate after 'AND', found the end of the filter at position 10");
    assertThat(error("a = 1 OR OR b = 2"))
        .isEqualTo("expected a predicate after 'OR', found 'OR' at position 10");
    assertThat(error("NOT"))
        .isEqualTo("expected a predicate after 'NOT', found the end of the filter at position 4");
    assertThat(error("AND a = 1")).isEqualTo("expected a predicate, found 'AND' at position 1");
  }

  @Test
  void an_opened_parenthesis_must_be_closed() {
    assertThat(error("(a = 1 OR b = 2"))
        .isEqualTo(
            "expected ')' to close the '(' at position 1, found the end of the filter at position"
                + " 16");
  }

  @Test
  void input_after_a_complete_filter_is_an_error() {
    assertThat(error("a = 1)"))
        .isEqualTo("expected AND, OR or the end of the filter after '1', found ')' at position 6");
    assertThat(error("a = 1 b = 2")).endsWith("found 'b' at position 7");
  }

  @Test
  void a_string_must_be_closed() {
    assertThat(error("name = 'St Mary''s"))
        .isEqualTo(
            "expected a closing ' for the string that starts at position 8; write '' for a quote");
  }

  @Test
  void a_double_quoted_name_must_be_closed_and_not_empty() {
    assertThat(error("\"list size = 1"))
        .isEqualTo("expected a closing \" for the property name that starts at position 1");
    assertThat(error("\"\" = 1"))
        .isEqualTo("a property name in double quotes is empty at position 1");
  }

  @Test
  void not_equal_written_with_an_exclamation_mark_gets_a_hint() {
    assertThat(error("a != 1"))
        .isEqualTo("unexpected '!=' at position 3; CQL2 writes not-equal as <>");
  }

  @Test
  void an_unexpected_character_is_named() {
    assertThat(error("a = 1 # comment")).isEqualTo("unexpected character '#' at position 7");
    assertThat(error("a = 1 + 2")).isEqualTo("unexpected character '+' at position 7");
    assertThat(error("a =\u0001 1")).isEqualTo("unexpected character U+0001 at position 4");
  }

  @Test
  void a_number_needs_digits_in_its_exponent_and_must_be_finite() {
    assertThat(error("a = 1e"))
        .isEqualTo("expected the digits of an exponent after '1e' at position 7");
    assertThat(error("a = 1e400")).isEqualTo("number 1e400 is too large at position 5");
  }

  @Test
  void null_is_not_a_value() {
    assertThat(error("a = NULL"))
        .isEqualTo("NULL is not a value at position 5; test for a missing value with IS NULL");
  }

  @Test
  void not_before_a_predicate_operator_needs_like_in_or_between() {
    assertThat(error("a NOT = 1"))
        .isEqualTo("expected LIKE, IN or BETWEEN after NOT, found '=' at position 7");
  }

  @Test
  void is_needs_null_or_not_null() {
    assertThat(error("a IS 1")).isEqualTo("expected NULL after 'IS', found '1' at position 6");
    assertThat(error("a IS NOT"))
        .isEqualTo("expected NULL after 'NOT', found the end of the filter at position 9");
  }

  @Test
  void like_needs_a_pattern_in_quotes() {
    assertThat(error("name LIKE other"))
        .isEqualTo("expected a pattern in quotes after LIKE, found 'other' at position 11");
  }

  @Test
  void like_pattern_must_not_end_with_a_lone_backslash() {
    assertThat(error("name LIKE 'abc\\'"))
        .isEqualTo(
            "the LIKE pattern 'abc\\' ends with a lone backslash at position 11; write \\\\ for a"
                + " backslash, \\% and \\_ for a literal % and _");
    assertThat(Cql2.parseText("name LIKE 'abc\\\\'")).isInstanceOf(Expr.Like.class);
  }

  @Test
  void in_needs_a_parenthesised_list_of_values() {
    assertThat(error("code IN 'a'"))
        .isEqualTo("expected '(' and a list of values after IN, found 'a' at position 9");
    assertThat(error("code IN ()"))
        .isEqualTo("expected a value in the IN list, found ')' at position 10");
    assertThat(error("code IN ('a' 'b')"))
        .isEqualTo("expected ',' or ')' in the IN list, found 'b' at position 14");
    assertThat(error("code IN ('a',)"))
        .isEqualTo("expected a value after ',' in the IN list, found ')' at position 14");
  }

  @Test
  void between_needs_and_between_its_bounds() {
    assertThat(error("a BETWEEN 1 OR 2"))
        .isEqualTo("expected AND between the bounds of BETWEEN, found 'OR' at position 13");
    assertThat(error("a BETWEEN 1 AND"))
        .isEqualTo("expected a value after BETWEEN ... AND at position 16");
  }

  // ---- outside the conformance classes ----

  @Test
  void an_unknown_function_is_named_with_the_functions_there_are() {
    assertThat(error("foo(a) = 1"))
        .isEqualTo("unknown function 'foo' at position 1; the only function is S_INTERSECTS");
    assertThat(error("a = bar(1)"))
        .isEqualTo("unknown function 'bar' at position 5; the only function is S_INTERSECTS");
  }

  @Test
  void spatial_functions_other_than_s_intersects_are_not_supported() {
    assertThat(error("S_WITHIN(geometry, POINT(1 1))"))
        .isEqualTo(
            "S_WITHIN is not supported at position 1; of the spatial functions only S_INTERSECTS"
                + " is (Basic Spatial Functions)");
  }

  @Test
  void temporal_array_and_case_insensitive_functions_are_not_supported() {
    assertThat(error("updated > DATE('2020-01-01')"))
        .isEqualTo(
            "DATE is not supported at position 11; no queryable is a date or time, so temporal"
                + " literals and functions are not");
    assertThat(error("T_AFTER(updated, TIMESTAMP('2020-01-01T00:00:00Z'))"))
        .startsWith("T_AFTER is not supported at position 1");
    assertThat(error("A_CONTAINS(tags, ('a'))"))
        .startsWith("A_CONTAINS is not supported at position 1");
    assertThat(error("CASEI(name) = 'x'")).startsWith("CASEI is not supported at position 1");
    assertThat(error("name LIKE CASEI('x%')")).startsWith("CASEI is not supported at position 11");
  }

  // ---- S_INTERSECTS and geometry literals ----

  @Test
  void s_intersects_needs_a_property_and_a_literal() {
    assertThat(error("S_INTERSECTS(geometry, other)"))
        .isEqualTo(
            "S_INTERSECTS compares the geometry property with a geometry literal; both arguments"
                + " are properties at position 1");
    assertThat(error("S_INTERSECTS(POINT(1 1), POINT(1 1))"))
        .endsWith("both arguments are literals at position 1");
    assertThat(error("S_INTERSECTS(geometry POINT(1 1))"))
        .isEqualTo(
            "expected ',' between the arguments of S_INTERSECTS, found 'POINT' at position 23");
    assertThat(error("S_INTERSECTS(geometry, 5)"))
        .startsWith("expected a geometry property or a geometry literal")
        .endsWith("found '5' at position 24");
    assertThat(error("S_INTERSECTS(geometry, POINT(1 1)"))
        .isEqualTo(
            "expected ')' after the second argument of S_INTERSECTS, found the end of the filter at position 34");
  }

  @Test
  void a_point_has_two_coordinates_or_three() {
    assertThat(error("S_INTERSECTS(geometry, POINT(1))"))
        .isEqualTo(
            "expected a second coordinate (a number) in the POINT, found ')' at position 31");
    assertThat(error("S_INTERSECTS(geometry, POINT(1 2 3 4))"))
        .startsWith("a point of a POINT has 2 coordinates (x y) or 3 (x y z), not 4");
    assertThat(error("S_INTERSECTS(geometry, POINT Z (1 2))"))
        .isEqualTo("a point of a POINT Z has 3 coordinates (x y z), not 2 at position 33");
    assertThat(error("S_INTERSECTS(geometry, POINT(1 a))"))
        .isEqualTo(
            "expected a second coordinate (a number) in the POINT, found 'a' at position 32");
  }

  @Test
  void measures_and_empty_geometries_are_not_literals() {
    assertThat(error("S_INTERSECTS(geometry, POINT M (1 2 3))"))
        .isEqualTo(
            "measures (M) are not supported in geometry literals at position 30; write POINT or POINT Z");
    assertThat(error("S_INTERSECTS(geometry, POINT EMPTY)"))
        .isEqualTo(
            "an empty POINT is not supported as a literal (it intersects nothing) at position 30");
  }

  @Test
  void a_line_needs_two_points() {
    assertThat(error("S_INTERSECTS(geometry, LINESTRING(1 1))"))
        .isEqualTo("a LINESTRING needs two or more points, not 1 at position 34");
  }

  @Test
  void a_polygon_ring_is_closed_with_four_points_or_more() {
    assertThat(error("S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 0 0)))"))
        .isEqualTo(
            "a POLYGON ring needs four or more points (the last one repeating the first), not 3 at"
                + " position 32");
    assertThat(error("S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 1)))"))
        .isEqualTo("a POLYGON ring must end at its first point (0 0), not at (0 1) at position 32");
  }

  @Test
  void an_invalid_polygon_is_an_error() {
    assertThat(error("S_INTERSECTS(geometry, POLYGON((0 0, 2 2, 2 0, 0 2, 0 0)))"))
        .isEqualTo("the POLYGON is not a valid polygon: self-intersection at (1 1) at position 24");
    // overlapping parts of a multipolygon
    assertThat(
            error(
                "S_INTERSECTS(geometry, MULTIPOLYGON(((0 0, 2 0, 2 2, 0 2, 0 0)), ((1 1, 3 1, 3 3, 1"
                    + " 3, 1 1))))"))
        .startsWith("the MULTIPOLYGON is not a valid polygon");
  }

  @Test
  void geometry_collections_and_envelopes_are_not_literals() {
    assertThat(error("S_INTERSECTS(geometry, GEOMETRYCOLLECTION(POINT(1 1)))"))
        .startsWith(
            "GEOMETRYCOLLECTION is not supported at position 24; the geometry literals are POINT");
    assertThat(error("S_INTERSECTS(geometry, ENVELOPE(0, 1, 0, 1))"))
        .startsWith("ENVELOPE is not supported at position 24");
  }

  @Test
  void bbox_has_four_or_six_numbers_min_before_max() {
    assertThat(error("S_INTERSECTS(geometry, BBOX(0, 0, 1))"))
        .isEqualTo(
            "a BBOX has four numbers (minx, miny, maxx, maxy) or six (with minz and maxz), not 3 at position 24");
    assertThat(error("S_INTERSECTS(geometry, BBOX(5, 0, 1, 1))"))
        .isEqualTo(
            "BBOX minx must not exceed maxx, nor miny maxy (a box across the antimeridian is not"
                + " supported) at position 24");
    assertThat(error("S_INTERSECTS(geometry, BBOX(0 0, 1, 1))"))
        .isEqualTo("expected ',' or ')' in BBOX, found '0' at position 31");
  }

  // ---- limits ----

  @Test
  void a_filter_longer_than_10000_characters_is_an_error() {
    String longest = "name = '" + "x".repeat(10_000 - 9) + "'";
    assertThat(longest).hasSize(10_000);
    assertThat(Cql2.parseText(longest)).isInstanceOf(Expr.Compare.class);
    assertThat(error(longest + " "))
        .isEqualTo(
            "the filter is 10001 characters long, more than the 10000 allowed at position 10001");
    assertThatThrownBy(() -> Cql2.parseJson(" ".repeat(10_001))).isInstanceOf(CqlException.class);
  }

  @Test
  void nesting_deeper_than_100_is_an_error_not_a_stack_overflow() {
    String parens = "(".repeat(101) + "TRUE" + ")".repeat(101);
    assertThat(error(parens))
        .isEqualTo(
            "the filter nests deeper than 100 levels of parentheses and NOT at position 101");
    assertThat(position("NOT ".repeat(101) + "TRUE")).isEqualTo(401);
    // as deep as 10,000 characters allow
    assertThat(error("(".repeat(9_990) + "TRUE")).contains("nests deeper than 100 levels");
    assertThat(error("NOT (".repeat(1_990) + "TRUE")).contains("nests deeper than 100 levels");
  }

  @Test
  void nesting_of_100_levels_is_allowed() {
    assertThat(
            Cql2.parseText("(".repeat(100) + "TRUE" + ")".repeat(100))
                .test(Cql2Testing.row("r", null)))
        .isTrue();
    assertThat(
            Cql2.parseText("NOT (".repeat(50) + "TRUE" + ")".repeat(50))
                .test(Cql2Testing.row("r", null)))
        .isTrue();
  }

  @Test
  void a_long_flat_chain_of_and_is_not_nesting() {
    String chain = String.join(" AND ", java.util.Collections.nCopies(1_000, "a = 1"));
    Expr e = Cql2.parseText(chain);
    assertThat(((Expr.And) e).args()).hasSize(1_000);
    assertThat(e.test(Cql2Testing.row("r", null, "a", 1L))).isTrue();
  }
}
