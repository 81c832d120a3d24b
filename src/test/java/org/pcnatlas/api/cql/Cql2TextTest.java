package org.pcnatlas.api.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcnatlas.api.cql.Cql2Testing.passes;
import static org.pcnatlas.api.cql.Cql2Testing.row;
import static org.pcnatlas.api.cql.Cql2Testing.truth;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcnatlas.api.cql.Cql2Testing.TestRow;
import org.pcnatlas.api.cql.Operand.Literal;
import org.pcnatlas.api.cql.Operand.Property;

/** The grammar rules of cql2-text (Basic CQL2 and Advanced Comparison Operators), one a test. */
class Cql2TextTest {
  private static final TestRow SURGERY =
      row(
          "s",
          null,
          "code",
          "U83604",
          "name",
          "St Mary's Surgery",
          "list_size",
          12000L,
          "share",
          0.25,
          "dispensing",
          true);
  private static final TestRow EMPTY = row("e", null);

  // ---- Basic CQL2: comparisons ----

  @Test
  void equals_compares_a_string_property_with_a_string_literal() {
    assertThat(passes("code = 'U83604'", SURGERY)).isTrue();
    assertThat(passes("code = 'U83605'", SURGERY)).isFalse();
  }

  @Test
  void a_string_literal_doubles_a_quote_to_escape_it() {
    assertThat(passes("name = 'St Mary''s Surgery'", SURGERY)).isTrue();
    Expr e = Cql2.parseText("name = 'it''s'");
    assertThat(((Expr.Compare) e).right()).isEqualTo(new Literal("it's", 8));
  }

  @Test
  void not_equal_is_written_as_less_than_greater_than() {
    assertThat(passes("code <> 'U83605'", SURGERY)).isTrue();
    assertThat(passes("code <> 'U83604'", SURGERY)).isFalse();
  }

  @Test
  void less_and_greater_operators_order_numbers() {
    assertThat(passes("list_size < 12001", SURGERY)).isTrue();
    assertThat(passes("list_size < 12000", SURGERY)).isFalse();
    assertThat(passes("list_size <= 12000", SURGERY)).isTrue();
    assertThat(passes("list_size > 11999", SURGERY)).isTrue();
    assertThat(passes("list_size > 12000", SURGERY)).isFalse();
    assertThat(passes("list_size >= 12000", SURGERY)).isTrue();
    assertThat(passes("list_size >= 12001", SURGERY)).isFalse();
  }

  @Test
  void less_and_greater_operators_order_strings_by_code_point() {
    assertThat(passes("code < 'U9'", SURGERY)).isTrue();
    assertThat(passes("code > 'U8'", SURGERY)).isTrue();
    // upper case sorts before lower case: 'U' (0x55) < 'u' (0x75)
    assertThat(passes("code < 'u'", SURGERY)).isTrue();
    // a character beyond the BMP sorts after every BMP character (not so by UTF-16 code unit)
    TestRow r = row("r", null, "name", "\uD83D\uDE00");
    assertThat(passes("name > '\uFFFD'", r)).isTrue();
  }

  @Test
  void an_integer_and_a_number_compare_numerically() {
    assertThat(passes("list_size = 12000.0", SURGERY)).isTrue();
    assertThat(passes("list_size < 12000.5", SURGERY)).isTrue();
    assertThat(passes("share = 0.25", SURGERY)).isTrue();
    assertThat(passes("share < 1", SURGERY)).isTrue();
    assertThat(passes("share > 0", SURGERY)).isTrue();
    // exactly, even where a double cannot hold the long
    TestRow big = row("b", null, "list_size", 9007199254740993L);
    assertThat(passes("list_size > 9007199254740992.0", big)).isTrue();
  }

  @Test
  void an_integer_value_from_the_row_is_the_same_as_a_long() {
    TestRow r = row("r", null, "list_size", 7);
    assertThat(passes("list_size = 7", r)).isTrue();
    assertThat(passes("list_size BETWEEN 6.5 AND 7.5", r)).isTrue();
  }

  @Test
  void numbers_may_be_signed_decimal_or_with_an_exponent() {
    TestRow r = row("r", null, "share", -1500.0);
    assertThat(passes("share = -1500", r)).isTrue();
    assertThat(passes("share = -1.5e3", r)).isTrue();
    assertThat(passes("share = -1.5E+3", r)).isTrue();
    assertThat(passes("share < +0", r)).isTrue();
    assertThat(passes("share < .5", r)).isTrue();
    assertThat(passes("share = -1500.", r)).isTrue();
  }

  @Test
  void true_and_false_compare_with_boolean_properties() {
    assertThat(passes("dispensing = TRUE", SURGERY)).isTrue();
    assertThat(passes("dispensing = FALSE", SURGERY)).isFalse();
    assertThat(passes("dispensing <> false", SURGERY)).isTrue();
  }

  @Test
  void true_and_false_are_filters_by_themselves() {
    assertThat(passes("TRUE", EMPTY)).isTrue();
    assertThat(passes("FALSE", EMPTY)).isFalse();
    assertThat(passes("true AND code = 'U83604'", SURGERY)).isTrue();
    assertThat(Cql2.parseText("FALSE")).isEqualTo(new Expr.Bool(false));
  }

  @Test
  void a_literal_may_be_on_the_left() {
    assertThat(passes("12000 = list_size", SURGERY)).isTrue();
    assertThat(passes("11000 < list_size", SURGERY)).isTrue();
    assertThat(passes("13000 < list_size", SURGERY)).isFalse();
  }

  @Test
  void a_boolean_literal_may_be_on_the_left() {
    assertThat(passes("TRUE = dispensing", SURGERY)).isTrue();
    assertThat(passes("FALSE < dispensing AND TRUE", SURGERY)).isTrue();
    assertThat(passes("TRUE IN (dispensing)", SURGERY)).isTrue();
    assertThat(passes("FALSE IS NOT NULL", SURGERY)).isTrue();
  }

  @Test
  void two_properties_compare_with_each_other() {
    TestRow r = row("r", null, "list_size", 5L, "share", 5.0);
    assertThat(passes("list_size = share", r)).isTrue();
    assertThat(passes("list_size < share", r)).isFalse();
  }

  @Test
  void keywords_are_case_insensitive() {
    assertThat(passes("code = 'U83604' and NOT list_size Is NuLl oR false", SURGERY)).isTrue();
    assertThat(passes("code like 'U%' AND list_size between 1 and 20000", SURGERY)).isTrue();
    assertThat(passes("code not in ('A') AND dispensing = True", SURGERY)).isTrue();
  }

  @Test
  void property_names_are_case_sensitive() {
    TestRow r = row("r", null, "Code", "x");
    assertThat(truth("code = 'x'", r)).isEqualTo(Truth.UNKNOWN);
    assertThat(passes("Code = 'x'", r)).isTrue();
  }

  @Test
  void a_double_quoted_identifier_names_a_property_even_a_keyword() {
    TestRow r = row("r", null, "and", 1L, "list size", 2L);
    assertThat(passes("\"and\" = 1", r)).isTrue();
    assertThat(passes("\"list size\" = 2", r)).isTrue();
    assertThat(Cql2.parseText("\"code\" = 'x'"))
        .isEqualTo(
            new Expr.Compare(ComparisonOp.EQ, new Property("code", 1), new Literal("x", 10)));
  }

  @Test
  void identifiers_may_hold_dots_colons_digits_and_letters_beyond_ascii() {
    TestRow r = row("r", null, "pcn.list_2", 1L, "ns:size", 2L, "größe", 3L);
    assertThat(passes("pcn.list_2 = 1 AND ns:size = 2 AND größe = 3", r)).isTrue();
  }

  // ---- Basic CQL2: logic ----

  @Test
  void and_needs_both_or_needs_either() {
    assertThat(passes("code = 'U83604' AND list_size = 12000", SURGERY)).isTrue();
    assertThat(passes("code = 'U83604' AND list_size = 1", SURGERY)).isFalse();
    assertThat(passes("code = 'X' OR list_size = 12000", SURGERY)).isTrue();
    assertThat(passes("code = 'X' OR list_size = 1", SURGERY)).isFalse();
  }

  @Test
  void not_negates() {
    assertThat(passes("NOT code = 'X'", SURGERY)).isTrue();
    assertThat(passes("NOT code = 'U83604'", SURGERY)).isFalse();
    assertThat(passes("NOT NOT code = 'U83604'", SURGERY)).isTrue();
  }

  @Test
  void not_binds_tighter_than_and_and_and_tighter_than_or() {
    // NOT a AND b is (NOT a) AND b; a OR b AND c is a OR (b AND c)
    assertThat(passes("NOT FALSE AND FALSE", EMPTY)).isFalse();
    assertThat(passes("TRUE OR TRUE AND FALSE", EMPTY)).isTrue();
    assertThat(passes("FALSE AND TRUE OR TRUE", EMPTY)).isTrue();
    assertThat(Cql2.parseText("TRUE OR FALSE AND NOT TRUE"))
        .isEqualTo(
            new Expr.Or(
                List.of(
                    new Expr.Bool(true),
                    new Expr.And(
                        List.of(new Expr.Bool(false), new Expr.Not(new Expr.Bool(true)))))));
  }

  @Test
  void parentheses_override_precedence() {
    assertThat(passes("(TRUE OR TRUE) AND FALSE", EMPTY)).isFalse();
    assertThat(passes("NOT (FALSE AND FALSE)", EMPTY)).isTrue();
    assertThat(passes("((((code = 'U83604'))))", SURGERY)).isTrue();
  }

  @Test
  void a_chain_of_and_is_one_node_with_every_argument() {
    Expr e = Cql2.parseText("TRUE AND TRUE AND FALSE AND TRUE");
    assertThat(((Expr.And) e).args()).hasSize(4);
  }

  // ---- Basic CQL2: null and three-valued logic ----

  @Test
  void is_null_is_true_for_a_missing_value_and_is_not_null_for_a_present_one() {
    assertThat(passes("list_size IS NULL", EMPTY)).isTrue();
    assertThat(passes("list_size IS NULL", SURGERY)).isFalse();
    assertThat(passes("list_size IS NOT NULL", SURGERY)).isTrue();
    assertThat(passes("list_size IS NOT NULL", EMPTY)).isFalse();
    assertThat(passes("'x' IS NULL", EMPTY)).isFalse();
  }

  @Test
  void a_comparison_with_a_missing_value_is_unknown_and_not_keeps_it_unknown() {
    assertThat(truth("list_size = 1", EMPTY)).isEqualTo(Truth.UNKNOWN);
    assertThat(truth("NOT (list_size = 1)", EMPTY)).isEqualTo(Truth.UNKNOWN);
    assertThat(passes("list_size = 1", EMPTY)).isFalse();
    assertThat(passes("NOT (list_size = 1)", EMPTY)).isFalse();
    assertThat(passes("list_size <> 1", EMPTY)).isFalse();
  }

  @Test
  void unknown_and_false_is_false_and_unknown_or_true_is_true() {
    assertThat(truth("list_size = 1 AND FALSE", EMPTY)).isEqualTo(Truth.FALSE);
    assertThat(truth("list_size = 1 AND TRUE", EMPTY)).isEqualTo(Truth.UNKNOWN);
    assertThat(truth("list_size = 1 OR TRUE", EMPTY)).isEqualTo(Truth.TRUE);
    assertThat(truth("list_size = 1 OR FALSE", EMPTY)).isEqualTo(Truth.UNKNOWN);
    // so NOT (unknown AND false) passes
    assertThat(passes("NOT (list_size = 1 AND FALSE)", EMPTY)).isTrue();
  }

  @Test
  void like_in_and_between_with_a_missing_value_are_unknown() {
    assertThat(truth("name LIKE '%'", EMPTY)).isEqualTo(Truth.UNKNOWN);
    assertThat(truth("name NOT LIKE 'x'", EMPTY)).isEqualTo(Truth.UNKNOWN);
    assertThat(truth("code IN ('a', 'b')", EMPTY)).isEqualTo(Truth.UNKNOWN);
    assertThat(truth("code NOT IN ('a', 'b')", EMPTY)).isEqualTo(Truth.UNKNOWN);
    assertThat(truth("list_size BETWEEN 1 AND 2", EMPTY)).isEqualTo(Truth.UNKNOWN);
    assertThat(truth("list_size NOT BETWEEN 1 AND 2", EMPTY)).isEqualTo(Truth.UNKNOWN);
  }

  @Test
  void values_of_kinds_that_do_not_compare_are_unknown_when_not_checked() {
    assertThat(truth("code = 5", SURGERY)).isEqualTo(Truth.UNKNOWN);
    assertThat(truth("list_size LIKE '1%'", SURGERY)).isEqualTo(Truth.UNKNOWN);
  }

  // ---- Advanced comparison operators ----

  @Test
  void like_percent_matches_any_run_of_characters() {
    assertThat(passes("name LIKE 'St%'", SURGERY)).isTrue();
    assertThat(passes("name LIKE '%Surgery'", SURGERY)).isTrue();
    assertThat(passes("name LIKE '%Mary%'", SURGERY)).isTrue();
    assertThat(passes("name LIKE 'St Mary''s Surgery%'", SURGERY)).isTrue(); // an empty run
    assertThat(passes("name LIKE '%'", SURGERY)).isTrue();
    assertThat(passes("name LIKE 'Mary%'", SURGERY)).isFalse();
    assertThat(passes("name LIKE '%Mary'", SURGERY)).isFalse();
  }

  @Test
  void like_underscore_matches_exactly_one_character() {
    assertThat(passes("code LIKE 'U8360_'", SURGERY)).isTrue();
    assertThat(passes("code LIKE 'U_3_0_'", SURGERY)).isTrue();
    assertThat(passes("code LIKE 'U836_'", SURGERY)).isFalse();
    assertThat(passes("code LIKE 'U83604_'", SURGERY)).isFalse();
    // one character is one code point, even beyond the BMP
    assertThat(passes("name LIKE 'a_b'", row("r", null, "name", "a\uD83D\uDE00b"))).isTrue();
  }

  @Test
  void like_without_wildcards_is_equality_and_case_sensitive() {
    assertThat(passes("code LIKE 'U83604'", SURGERY)).isTrue();
    assertThat(passes("code LIKE 'u83604'", SURGERY)).isFalse();
  }

  @Test
  void like_backslash_escapes_a_wildcard() {
    TestRow r = row("r", null, "name", "50%_off\\");
    assertThat(passes("name LIKE '50\\%\\_off\\\\'", r)).isTrue();
    assertThat(passes("name LIKE '50\\%%'", r)).isTrue();
    assertThat(passes("name LIKE '5\\%%'", r)).isFalse();
    // an escaped % is a literal %, not a run
    assertThat(passes("name LIKE '50\\%'", row("t", null, "name", "50%"))).isTrue();
    assertThat(passes("name LIKE '50\\%'", row("t", null, "name", "50%x"))).isFalse();
    assertThat(passes("name LIKE 'a\\_c'", row("t", null, "name", "abc"))).isFalse();
  }

  @Test
  void like_matches_long_values_against_many_runs_quickly() {
    TestRow r = row("r", null, "name", "a".repeat(5000));
    long start = System.nanoTime();
    assertThat(passes("name LIKE '%a%a%a%a%a%a%a%a%a%a%b'", r)).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void not_like_negates_like() {
    assertThat(passes("name NOT LIKE 'St%'", SURGERY)).isFalse();
    assertThat(passes("name NOT LIKE 'X%'", SURGERY)).isTrue();
    assertThat(Cql2.parseText("name NOT LIKE 'X%'")).isInstanceOf(Expr.Not.class);
  }

  @Test
  void in_matches_any_value_of_the_list() {
    assertThat(passes("code IN ('U1', 'U83604', 'U2')", SURGERY)).isTrue();
    assertThat(passes("code IN ('U1')", SURGERY)).isFalse();
    assertThat(passes("list_size IN (1, 12000.0)", SURGERY)).isTrue();
  }

  @Test
  void not_in_matches_a_value_outside_the_list() {
    assertThat(passes("code NOT IN ('U1', 'U2')", SURGERY)).isTrue();
    assertThat(passes("code NOT IN ('U1', 'U83604')", SURGERY)).isFalse();
  }

  @Test
  void between_includes_both_bounds() {
    assertThat(passes("list_size BETWEEN 12000 AND 13000", SURGERY)).isTrue();
    assertThat(passes("list_size BETWEEN 11000 AND 12000", SURGERY)).isTrue();
    assertThat(passes("list_size BETWEEN 12001 AND 13000", SURGERY)).isFalse();
    assertThat(passes("list_size BETWEEN 13000 AND 12000", SURGERY)).isFalse();
    assertThat(passes("share BETWEEN 0.2 AND 0.3", SURGERY)).isTrue();
  }

  @Test
  void between_binds_its_and_before_the_logical_and() {
    assertThat(passes("list_size BETWEEN 1 AND 20000 AND code = 'U83604'", SURGERY)).isTrue();
    assertThat(passes("list_size BETWEEN 1 AND 20000 AND code = 'X'", SURGERY)).isFalse();
    Expr e = Cql2.parseText("list_size BETWEEN 1 AND 2 AND TRUE");
    assertThat(((Expr.And) e).args().get(0)).isInstanceOf(Expr.Between.class);
  }

  @Test
  void not_between_matches_outside_the_bounds() {
    assertThat(passes("list_size NOT BETWEEN 1 AND 100", SURGERY)).isTrue();
    assertThat(passes("list_size NOT BETWEEN 1 AND 20000", SURGERY)).isFalse();
  }

  @Test
  void whitespace_may_be_spaces_tabs_or_new_lines_or_none_around_operators() {
    assertThat(passes("code='U83604'AND\tlist_size>=12000\nAND(dispensing=TRUE)", SURGERY))
        .isTrue();
  }

  @Test
  void the_tree_keeps_each_operand_position() {
    Expr.Compare c = (Expr.Compare) Cql2.parseText("  list_size >= 10");
    assertThat(c.left()).isEqualTo(new Property("list_size", 3));
    assertThat(c.right()).isEqualTo(new Literal(10L, 16));
    assertThat(c.op()).isEqualTo(ComparisonOp.GE);
  }
}
