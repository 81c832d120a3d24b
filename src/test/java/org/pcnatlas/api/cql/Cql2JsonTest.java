package org.pcnatlas.api.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pcnatlas.api.cql.Cql2Testing.row;
import static org.pcnatlas.api.cql.Cql2Testing.wkt;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.api.cql.Cql2Testing.TestRow;
import org.pcnatlas.api.cql.Operand.Literal;
import org.pcnatlas.api.cql.Operand.Property;

/** cql2-json: each operation, literal and geometry, and each error rule. */
class Cql2JsonTest {
  private static final List<TestRow> ROWS =
      List.of(
          row(
              "a",
              wkt("POINT (1 1)"),
              "code",
              "U1",
              "list_size",
              10L,
              "share",
              0.5,
              "dispensing",
              true,
              "name",
              "Abbey"),
          row(
              "b",
              wkt("POINT (5 5)"),
              "code",
              "U2",
              "list_size",
              20L,
              "share",
              1.5,
              "dispensing",
              false,
              "name",
              "Beech"),
          row(
              "c",
              wkt("POLYGON ((8 8, 9 8, 9 9, 8 9, 8 8))"),
              "code",
              "U3",
              "list_size",
              30L,
              "share",
              2.5,
              "name",
              "Ash_Tree"),
          row("d", null));

  /** Quotes written as ` to keep the JSON readable in Java strings. */
  private static String json(String backticked) {
    return backticked.replace('`', '"');
  }

  private static List<String> ids(String backticked) {
    return Cql2Testing.ids(Cql2.parseJson(json(backticked)), ROWS);
  }

  private static List<String> textIds(String text) {
    return Cql2Testing.ids(Cql2.parseText(text), ROWS);
  }

  private static String error(String backticked) {
    try {
      Cql2.parseJson(json(backticked));
    } catch (CqlException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + backticked);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "= | list_size = 20",
        "<> | list_size <> 20",
        "< | list_size < 20",
        "<= | list_size <= 20",
        "> | list_size > 20",
        ">= | list_size >= 20",
      })
  void each_comparison_op_is_the_text_operator(String op, String text) {
    List<String> got = ids("{`op`: `" + op + "`, `args`: [{`property`: `list_size`}, 20]}");
    assertThat(got).isEqualTo(textIds(text)).isNotEmpty();
  }

  @Test
  void a_property_object_names_a_property_and_literals_are_json_values() {
    Expr.Compare c =
        (Expr.Compare) Cql2.parseJson(json("{`op`:`=`,`args`:[{`property`:`code`},`U1`]}"));
    assertThat(c.left()).isEqualTo(new Property("code", 19));
    assertThat(c.right()).isEqualTo(new Literal("U1", 39));
    assertThat(ids("{`op`:`=`,`args`:[{`property`:`share`},1.5]}")).containsExactly("b");
    assertThat(ids("{`op`:`=`,`args`:[{`property`:`dispensing`},false]}")).containsExactly("b");
    assertThat(ids("{`op`:`=`,`args`:[{`property`:`list_size`},3e1]}")).containsExactly("c");
    assertThat(ids("{`op`:`=`,`args`:[`U2`, {`property`:`code`}]}")).containsExactly("b");
  }

  @Test
  void a_json_string_is_the_string_unescaped() {
    Expr.Compare c =
        (Expr.Compare)
            Cql2.parseJson(json("{`op`:`=`,`args`:[{`property`:`name`},`it's \\`x\\` \\u00e9`]}"));
    assertThat(((Literal) c.right()).value()).isEqualTo("it's \"x\" é");
  }

  @Test
  void and_or_and_not_combine_filters() {
    String a = "{`op`:`<`,`args`:[{`property`:`list_size`},25]}";
    String b = "{`op`:`>`,`args`:[{`property`:`list_size`},15]}";
    String c = "{`op`:`=`,`args`:[{`property`:`code`},`U1`]}";
    assertThat(ids("{`op`:`and`,`args`:[" + a + "," + b + "]}")).containsExactly("b");
    assertThat(ids("{`op`:`or`,`args`:[" + b + "," + c + "]}")).containsExactly("a", "b", "c");
    assertThat(ids("{`op`:`and`,`args`:[" + a + "," + b + "," + c + "]}")).isEmpty();
    assertThat(ids("{`op`:`not`,`args`:[" + c + "]}")).containsExactly("b", "c");
  }

  @Test
  void true_and_false_are_filters() {
    assertThat(ids("true")).containsExactly("a", "b", "c", "d");
    assertThat(ids("false")).isEmpty();
    assertThat(ids("{`op`:`and`,`args`:[true,{`op`:`isNull`,`args`:[{`property`:`code`}]}]}"))
        .containsExactly("d");
  }

  @Test
  void like_takes_a_value_and_a_pattern() {
    assertThat(ids("{`op`:`like`,`args`:[{`property`:`name`},`A%`]}")).containsExactly("a", "c");
    assertThat(ids("{`op`:`like`,`args`:[{`property`:`name`},`Ash\\\\_%`]}")).containsExactly("c");
    assertThat(ids("{`op`:`not`,`args`:[{`op`:`like`,`args`:[{`property`:`name`},`A%`]}]}"))
        .containsExactly("b");
  }

  @Test
  void in_takes_a_value_and_an_array() {
    assertThat(ids("{`op`:`in`,`args`:[{`property`:`code`},[`U1`,`U3`,`U9`]]}"))
        .containsExactly("a", "c");
    assertThat(ids("{`op`:`in`,`args`:[{`property`:`list_size`},[20]]}")).containsExactly("b");
  }

  @Test
  void between_takes_a_value_and_two_bounds() {
    assertThat(ids("{`op`:`between`,`args`:[{`property`:`share`},0.5,1.5]}"))
        .containsExactly("a", "b");
  }

  @Test
  void is_null_takes_one_value() {
    assertThat(ids("{`op`:`isNull`,`args`:[{`property`:`dispensing`}]}")).containsExactly("c", "d");
  }

  @Test
  void members_may_come_in_any_order() {
    assertThat(ids("{`args`:[{`property`:`code`},`U1`],`op`:`=`}")).containsExactly("a");
  }

  @Test
  void s_intersects_takes_a_geojson_geometry_or_a_bbox() {
    assertThat(ids("{`op`:`s_intersects`,`args`:[{`property`:`geometry`},{`bbox`:[0,0,6,6]}]}"))
        .containsExactly("a", "b");
    assertThat(
            ids(
                "{`op`:`s_intersects`,`args`:[{`type`:`Polygon`,`coordinates`:"
                    + "[[[4,4],[10,4],[10,10],[4,10],[4,4]]]},{`property`:`geometry`}]}"))
        .containsExactly("b", "c");
  }

  private static Geometry literal(String geometry) {
    Expr.Intersects e =
        (Expr.Intersects)
            Cql2.parseJson(
                json("{`op`:`s_intersects`,`args`:[{`property`:`geometry`}," + geometry + "]}"));
    return e.literal().geometry();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{`type`:`Point`,`coordinates`:[1,2]} | POINT (1 2)",
        "{`type`:`LineString`,`coordinates`:[[0,0],[1,1]]} | LINESTRING (0 0, 1 1)",
        "{`type`:`Polygon`,`coordinates`:[[[0,0],[4,0],[4,4],[0,0]],[[1,0.5],[3,2.5],[3,0.5],[1,0.5]]]}"
            + " | POLYGON ((0 0, 4 0, 4 4, 0 0), (1 0.5, 3 2.5, 3 0.5, 1 0.5))",
        "{`type`:`MultiPoint`,`coordinates`:[[1,2],[3,4]]} | MULTIPOINT ((1 2), (3 4))",
        "{`type`:`MultiLineString`,`coordinates`:[[[0,0],[1,1]],[[2,2],[3,3]]]}"
            + " | MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
        "{`type`:`MultiPolygon`,`coordinates`:[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"
            + " | MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
        "{`type`:`Point`,`coordinates`:[1,2,3],`bbox`:[1,2,1,2]} | POINT Z (1 2 3)",
        "{`bbox`:[0,1,2,3]} | POLYGON ((0 1, 2 1, 2 3, 0 3, 0 1))",
      })
  void each_geojson_type_is_a_geometry_literal(String geometry, String expected) {
    Geometry g = literal(geometry.replace('`', '"'));
    assertThat(g.equalsExact(wkt(expected))).as(g.toText()).isTrue();
  }

  @Test
  void text_and_json_of_one_filter_agree() {
    String text =
        "(code IN ('U1', 'U2') OR name LIKE '%Tree') AND NOT list_size BETWEEN 15 AND 25"
            + " AND S_INTERSECTS(geometry, BBOX(0, 0, 10, 10))";
    String js =
        "{`op`:`and`,`args`:["
            + "{`op`:`or`,`args`:[{`op`:`in`,`args`:[{`property`:`code`},[`U1`,`U2`]]},"
            + "{`op`:`like`,`args`:[{`property`:`name`},`%Tree`]}]},"
            + "{`op`:`not`,`args`:[{`op`:`between`,`args`:[{`property`:`list_size`},15,25]}]},"
            + "{`op`:`s_intersects`,`args`:[{`property`:`geometry`},{`bbox`:[0,0,10,10]}]}]}";
    assertThat(ids(js)).isEqualTo(textIds(text)).containsExactly("a", "c");
  }

  // ---- errors ----

  @Test
  void json_syntax_error_names_the_character_position() {
    assertThat(error("{`op`: `=`, `args`: [1, 2}"))
        .startsWith("the filter is not valid JSON (")
        .endsWith("at position 26");
  }

  @Test
  void json_unknown_op_lists_the_ops() {
    assertThat(error("{`op`: `equals`, `args`: [1, 2]}"))
        .isEqualTo(
            "$.op: unknown op 'equals' at position 8; the ops are and, or, not, =, <>, <, <=, >,"
                + " >=, like, in, between, isNull, s_intersects");
    assertThat(error("{`op`: `AND`, `args`: [true, true]}"))
        .isEqualTo("$.op: unknown op 'AND' at position 8; did you mean 'and'?");
  }

  @Test
  void json_error_names_the_path_of_the_value_at_fault() {
    assertThat(
            error(
                "{`op`:`and`,`args`:[true,{`op`:`or`,`args`:[true,{`op`:`like`,`args`:[{`property`:`name`},5]}]}]}"))
        .isEqualTo(
            "$.args[1].args[1].args[1]: the pattern of \"like\" must be a string, not a number at"
                + " position 91");
  }

  @Test
  void json_op_arg_counts_are_checked() {
    assertThat(error("{`op`:`=`,`args`:[1]}"))
        .isEqualTo("$.args: \"=\" takes 2 args, not 1 at position 18");
    assertThat(error("{`op`:`and`,`args`:[true]}"))
        .isEqualTo("$.args: \"and\" needs two or more args, not 1 at position 20");
    assertThat(error("{`op`:`not`,`args`:[true,false]}")).contains("\"not\" takes 1 arg, not 2");
    assertThat(error("{`op`:`between`,`args`:[1,2]}")).contains("\"between\" takes 3 args, not 2");
    assertThat(error("{`op`:`in`,`args`:[{`property`:`a`},[]]}"))
        .contains("$.args[1]: the second arg of \"in\" must be an array of one or more values");
  }

  @Test
  void json_operation_needs_args_and_no_other_member() {
    assertThat(error("{`op`:`=`}"))
        .isEqualTo("$: the = operation needs an \"args\" array at position 1");
    assertThat(error("{`op`:`=`,`args`:{}}")).contains("needs an \"args\" array, not an object");
    assertThat(error("{`op`:`=`,`args`:[1,1],`note`:1}"))
        .isEqualTo(
            "$: unknown member \"note\" in the = operation at position 1; an operation has \"op\""
                + " and \"args\" only");
    assertThat(error("{`op`:`=`,`op`:`<`,`args`:[1,1]}"))
        .isEqualTo("member \"op\" is given twice at position 11");
  }

  @Test
  void json_filter_must_be_an_operation_or_a_boolean() {
    assertThat(error("`list_size > 1`"))
        .isEqualTo(
            "$: expected a filter (an object with \"op\" and \"args\", or true or false), found a"
                + " string at position 1");
    assertThat(error("{`property`:`dispensing`}")).contains("a property alone is not a filter");
    assertThat(error("{`op`:`and`,`args`:[true, 1]}")).startsWith("$.args[1]: expected a filter");
  }

  @Test
  void json_null_is_not_a_value() {
    assertThat(error("{`op`:`=`,`args`:[{`property`:`a`},null]}"))
        .isEqualTo(
            "$.args[1]: null is not a value at position 36; test for a missing value with isNull");
  }

  @Test
  void json_values_are_strings_numbers_booleans_or_properties() {
    assertThat(error("{`op`:`=`,`args`:[{`property`:`a`},[1]]}"))
        .startsWith(
            "$.args[1]: expected a value (a string, number, boolean or {\"property\": ...}), found an array");
    assertThat(error("{`op`:`=`,`args`:[{`property`:`a`,`x`:1},1]}"))
        .startsWith("$.args[0]: a property object has the one member \"property\"");
    assertThat(error("{`op`:`=`,`args`:[{`property`:``},1]}")).contains("not an empty string");
    assertThat(error("{`op`:`=`,`args`:[{`property`:`a`},{`op`:`+`,`args`:[1,2]}]}"))
        .startsWith("$.args[1].op: arithmetic (+) is not supported");
  }

  @Test
  void json_operations_outside_the_conformance_classes_say_so() {
    assertThat(error("{`op`:`s_within`,`args`:[{`property`:`geometry`},{`bbox`:[0,0,1,1]}]}"))
        .isEqualTo(
            "$.op: s_within is not supported at position 7; of the spatial functions only"
                + " S_INTERSECTS is (Basic Spatial Functions)");
    assertThat(error("{`op`:`t_after`,`args`:[]}")).contains("t_after is not supported");
    assertThat(error("{`op`:`=`,`args`:[{`property`:`a`},{`timestamp`:`2020-01-01T00:00:00Z`}]}"))
        .contains("TIMESTAMP is not supported");
    assertThat(error("{`op`:`like`,`args`:[{`property`:`a`},{`op`:`casei`,`args`:[`x`]}]}"))
        .startsWith("$.args[1]: casei is not supported");
    assertThat(
            error(
                "{`op`:`s_intersects`,`args`:[{`property`:`geometry`},{`type`:`GeometryCollection`,`geometries`:[]}]}"))
        .startsWith("$.args[1].type: GeometryCollection is not supported");
  }

  @Test
  void json_geometry_errors_name_the_path() {
    String head = "{`op`:`s_intersects`,`args`:[{`property`:`geometry`},";
    assertThat(error(head + "{`type`:`Polygon`,`coordinates`:[[[0,0],[1,0],[1,1],[0,1]]]}]}"))
        .isEqualTo(
            "$.args[1].coordinates[0]: a Polygon ring must end at its first point (0 0), not at"
                + " (0 1) at position 87");
    assertThat(error(head + "{`type`:`Point`,`coordinates`:[1,2,3,4]}]}"))
        .startsWith("$.args[1].coordinates: a position of the Point has 2 or 3 numbers, not 4");
    assertThat(error(head + "{`type`:`Point`,`coordinates`:[1,`2`]}]}"))
        .startsWith(
            "$.args[1].coordinates[1]: expected a number in a position of the Point, found a string");
    assertThat(error(head + "{`type`:`LineString`,`coordinates`:[[1,2]]}]}"))
        .startsWith("$.args[1].coordinates: a LineString needs two or more points, not 1");
    assertThat(error(head + "{`type`:`Circle`,`coordinates`:[1,2]}]}"))
        .startsWith("$.args[1].type: unknown geometry type 'Circle'");
    assertThat(error(head + "{`type`:`Point`}]}"))
        .startsWith("$.args[1]: a Point needs \"coordinates\"");
    assertThat(error(head + "{`bbox`:[0,0,1]}]}"))
        .startsWith("$.args[1].bbox: a BBOX has four numbers");
    assertThat(error(head + "{`property`:`geometry`}]}"))
        .startsWith(
            "$.args: s_intersects compares the geometry property with a geometry literal; both args are properties");
    assertThat(error(head + "1]}")).startsWith("$.args[1]: expected a geometry property");
  }

  @Test
  void json_invalid_polygon_is_an_error() {
    assertThat(
            error(
                "{`op`:`s_intersects`,`args`:[{`property`:`geometry`},"
                    + "{`type`:`Polygon`,`coordinates`:[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}]}"))
        .startsWith("$.args[1]: the Polygon is not a valid polygon: self-intersection at (1 1)");
  }

  @Test
  void json_after_the_filter_is_an_error() {
    assertThat(error("true true"))
        .isEqualTo("$: unexpected JSON after the filter at position 6; a filter is one JSON value");
    assertThat(error("   ")).isEqualTo("the filter is empty at position 1");
  }

  @Test
  void json_nesting_deeper_than_100_is_an_error_not_a_stack_overflow() {
    String deep = "{`op`:`not`,`args`:[".repeat(101) + "true" + "]}".repeat(101);
    assertThat(error(deep)).contains("the filter nests deeper than 100 levels");
    String ok = "{`op`:`not`,`args`:[".repeat(100) + "true" + "]}".repeat(100);
    assertThat(Cql2.parseJson(json(ok)).test(ROWS.get(0))).isTrue();
    // arrays nested without operations: stopped by the JSON limit
    String arrays = "{`op`:`in`,`args`:[1," + "[".repeat(3000) + "]".repeat(3000) + "]}";
    assertThatThrownBy(() -> Cql2.parseJson(json(arrays)))
        .isInstanceOf(CqlException.class)
        .hasMessageContaining("the JSON nests deeper than 208 levels");
  }
}
