package org.pcnatlas.api.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.pcnatlas.api.cql.Cql2Testing.QUERYABLES;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cql2.check: properties against the queryables, operand types against each other. */
class Cql2CheckTest {
  private static String error(String text) {
    return error(Cql2.parseText(text), QUERYABLES);
  }

  private static String error(Expr e, Map<String, Queryable> queryables) {
    try {
      Cql2.check(e, queryables);
    } catch (CqlException x) {
      return x.getMessage();
    }
    throw new AssertionError("no error for " + e);
  }

  private static void ok(String text) {
    assertThatCode(() -> Cql2.check(Cql2.parseText(text), QUERYABLES))
        .as(text)
        .doesNotThrowAnyException();
  }

  @Test
  void well_typed_filters_pass() {
    ok("code = 'U1' AND list_size > 5 AND share <= 0.5 AND dispensing = TRUE");
    ok("list_size = 2.5 AND share = 3 AND list_size = share");
    ok("name LIKE 'A%' AND code IN ('a', 'b') AND list_size BETWEEN 1 AND 2.5");
    ok("NOT (name IS NULL OR dispensing IS NOT NULL) OR TRUE");
    ok("S_INTERSECTS(geometry, BBOX(0, 0, 1, 1)) AND 'a' < 'b' AND 1 = 1.0");
    ok("dispensing < TRUE");
  }

  @Test
  void unknown_queryable_lists_the_queryables() {
    assertThat(error("foo = 1"))
        .isEqualTo(
            "unknown queryable 'foo' at position 1; the queryables are code, dispensing, geometry,"
                + " list_size, name, share");
    assertThat(error("code = 'a' AND NOT (\"list size\" > 1)"))
        .startsWith("unknown queryable 'list size' at position 21");
    assertThat(error("S_INTERSECTS(geom, POINT(1 1))"))
        .startsWith("unknown queryable 'geom' at position 14");
    assertThat(error(Cql2.parseText("a = 1"), Map.of()))
        .isEqualTo("unknown queryable 'a' at position 1; this collection has no queryables");
  }

  @Test
  void queryable_names_are_case_sensitive() {
    assertThat(error("List_Size = 1")).startsWith("unknown queryable 'List_Size' at position 1");
  }

  @Test
  void a_string_literal_for_an_integer_property_names_both() {
    assertThat(error("list_size <> 'abc'"))
        .isEqualTo("property 'list_size' is an integer; 'abc' is a string at position 14");
    // the property is named first whichever side it is on
    assertThat(error("'abc' = list_size"))
        .isEqualTo("property 'list_size' is an integer; 'abc' is a string at position 1");
  }

  @Test
  void a_number_literal_for_a_string_property_names_both() {
    assertThat(error("code = 5"))
        .isEqualTo("property 'code' is a string; 5 is a number at position 8");
    assertThat(error("name = 2.5"))
        .isEqualTo("property 'name' is a string; 2.5 is a number at position 8");
  }

  @Test
  void a_boolean_property_takes_true_and_false_only() {
    assertThat(error("dispensing = 1"))
        .isEqualTo("property 'dispensing' is a boolean; 1 is a number at position 14");
    assertThat(error("dispensing = 'yes'"))
        .isEqualTo("property 'dispensing' is a boolean; 'yes' is a string at position 14");
    assertThat(error("list_size = TRUE"))
        .isEqualTo("property 'list_size' is an integer; TRUE is a boolean at position 13");
  }

  @Test
  void two_properties_of_different_types_name_both() {
    assertThat(error("code = list_size"))
        .isEqualTo("property 'code' is a string; property 'list_size' is an integer at position 8");
  }

  @Test
  void two_literals_of_different_types_name_both() {
    assertThat(error("'a' = 1")).isEqualTo("'a' is a string; 1 is a number at position 7");
    assertThat(error("'it''s' = TRUE"))
        .isEqualTo("'it''s' is a string; TRUE is a boolean at position 11");
  }

  @Test
  void like_needs_a_string() {
    assertThat(error("list_size LIKE '1%'"))
        .isEqualTo("property 'list_size' is an integer; LIKE needs a string at position 1");
    assertThat(error("5 LIKE '5'")).isEqualTo("5 is a number; LIKE needs a string at position 1");
  }

  @Test
  void in_list_values_match_the_value_type() {
    assertThat(error("code IN ('a', 2, 'c')"))
        .isEqualTo("property 'code' is a string; 2 is a number at position 15");
    assertThat(error("list_size NOT IN (1, 'x')"))
        .isEqualTo("property 'list_size' is an integer; 'x' is a string at position 22");
  }

  @Test
  void between_needs_numbers() {
    assertThat(error("name BETWEEN 'a' AND 'b'"))
        .isEqualTo("property 'name' is a string; BETWEEN needs numbers at position 1");
    assertThat(error("list_size BETWEEN 1 AND 'z'"))
        .isEqualTo("'z' is a string; BETWEEN needs numbers at position 25");
    assertThat(error("list_size BETWEEN dispensing AND 5"))
        .isEqualTo("property 'dispensing' is a boolean; BETWEEN needs numbers at position 19");
  }

  @Test
  void the_geometry_property_is_only_an_argument_of_s_intersects() {
    assertThat(error("geometry = 'POINT (1 1)'"))
        .isEqualTo(
            "property 'geometry' is a geometry at position 1; a geometry is only an argument of"
                + " S_INTERSECTS");
    assertThat(error("geometry IS NULL"))
        .startsWith("property 'geometry' is a geometry at position 1");
  }

  @Test
  void s_intersects_needs_the_geometry_property() {
    assertThat(error("S_INTERSECTS(name, POINT(1 1))"))
        .isEqualTo(
            "property 'name' is a string; S_INTERSECTS needs the geometry property 'geometry' at"
                + " position 14");
    assertThat(
            error(
                Cql2.parseText("S_INTERSECTS(name, POINT(1 1))"), Map.of("name", Queryable.STRING)))
        .isEqualTo(
            "property 'name' is a string; S_INTERSECTS needs a geometry property, and this"
                + " collection has none at position 14");
  }

  @Test
  void the_first_error_from_the_left_is_reported() {
    assertThat(error("list_size = 1 AND (foo = 2 OR code = 3)"))
        .startsWith("unknown queryable 'foo' at position 20");
  }

  @Test
  void json_filters_are_checked_with_their_json_positions() {
    Expr e = Cql2.parseJson("{\"op\":\"=\",\"args\":[{\"property\":\"list_size\"},\"abc\"]}");
    assertThat(error(e, QUERYABLES))
        .isEqualTo("property 'list_size' is an integer; 'abc' is a string at position 44");
    Expr u = Cql2.parseJson("{\"op\":\"isNull\",\"args\":[{\"property\":\"foo\"}]}");
    assertThat(error(u, QUERYABLES)).startsWith("unknown queryable 'foo' at position 24;");
  }
}
