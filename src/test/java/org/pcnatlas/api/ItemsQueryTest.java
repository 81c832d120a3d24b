package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.pcnatlas.model.AttributeType;

/** One test per rule of the items parameters: each bad value is a 400 naming the parameter. */
class ItemsQueryTest {
  static final Map<String, AttributeType> ATTRIBUTES = new LinkedHashMap<>();

  static {
    ATTRIBUTES.put("pcn_code", AttributeType.STRING);
    ATTRIBUTES.put("registered_list", AttributeType.INTEGER);
    ATTRIBUTES.put("area_km2", AttributeType.REAL);
    ATTRIBUTES.put("straddles", AttributeType.BOOLEAN);
  }

  static ItemsQuery parse(String name, String value) {
    return ItemsQuery.parse(Map.of(name, List.of(value)), ATTRIBUTES);
  }

  static void assertBad(String name, String value, String... words) {
    assertThatThrownBy(() -> parse(name, value))
        .isInstanceOf(ApiError.class)
        .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(400))
        .hasMessageContaining(name)
        .satisfies(
            e -> {
              for (String w : words) {
                assertThat(e.getMessage()).contains(w);
              }
            });
  }

  @Test
  void bbox_takes_four_numbers() {
    Envelope e = parse("bbox", "-1.5,51.5,-1.0,52.0").bbox();
    assertThat(e.equals(new Envelope(-1.5, -1.0, 51.5, 52.0))).as(e.toString()).isTrue();
  }

  @Test
  void bbox_takes_six_numbers_and_selects_by_its_footprint() {
    Envelope six = parse("bbox", "-1.5,51.5,-100,-1.0,52.0,3000").bbox();
    assertThat(six.equals(parse("bbox", "-1.5,51.5,-1.0,52.0").bbox())).as(six.toString()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1,2,3", "1,2,3,4,5", "1,2,3,4,5,6,7", ""})
  void bbox_of_another_count_of_numbers_is_400(String value) {
    assertBad("bbox", value, "four", "six");
  }

  @Test
  void bbox_six_numbers_with_min_height_above_max_is_400() {
    assertBad("bbox", "-1.5,51.5,10,-1.0,52.0,5", "minz");
  }

  @Test
  void bbox_minimum_above_maximum_is_400() {
    assertBad("bbox", "-1.0,51.5,-1.5,52.0", "minx");
  }

  @Test
  void bbox_value_not_a_number_is_400() {
    assertBad("bbox", "a,51.5,-1.0,52.0", "'a'");
  }

  @Test
  void datetime_instant_interval_and_open_ends_are_accepted() {
    for (String v :
        List.of(
            "2024-04-01T00:00:00Z",
            "2024-04-01",
            "2024-04-01T00:00:00+01:00",
            "2024-01-01/2024-12-31",
            "2024-01-01T00:00:00Z/..",
            "../2024-12-31",
            "/2024-12-31",
            "2024-01-01/")) {
      assertThat(parse("datetime", v).datetime()).as(v).isEqualTo(v);
    }
  }

  @Test
  void datetime_not_rfc3339_is_400() {
    assertBad("datetime", "yesterday", "RFC 3339");
    assertBad("datetime", "2024-13-01", "RFC 3339");
    assertBad("datetime", "2024-04-01T00:00:00", "RFC 3339"); // no offset
  }

  @Test
  void datetime_interval_with_both_ends_open_is_400() {
    assertBad("datetime", "../..", "at least one end");
  }

  @Test
  void datetime_interval_ending_before_it_starts_is_400() {
    assertBad("datetime", "2024-12-31/2024-01-01", "after the end");
  }

  @Test
  void datetime_with_two_slashes_is_400() {
    assertBad("datetime", "2024-01-01/2024-02-01/2024-03-01", "more than one '/'");
  }

  @Test
  void sortby_takes_plus_minus_and_bare_names_in_order() {
    assertThat(parse("sortby", "-registered_list,+pcn_code,area_km2").sortby())
        .containsExactly(
            new ItemsQuery.SortKey("registered_list", false),
            new ItemsQuery.SortKey("pcn_code", true),
            new ItemsQuery.SortKey("area_km2", true));
  }

  @Test
  void sortby_unknown_property_is_400_naming_the_properties() {
    assertBad("sortby", "-size", "'size'", "pcn_code, registered_list");
  }

  @Test
  void sortby_empty_key_is_400() {
    assertBad("sortby", "pcn_code,,area_km2", "empty key");
    assertBad("sortby", "-", "empty key");
  }

  @Test
  void sortby_repeated_property_is_400() {
    assertBad("sortby", "pcn_code,-pcn_code", "more than once");
  }

  @Test
  void properties_chooses_a_subset_in_the_order_given() {
    assertThat(parse("properties", "straddles,pcn_code").properties())
        .containsExactly("straddles", "pcn_code");
    assertThat(ItemsQuery.parse(Map.of(), ATTRIBUTES).properties()).isNull();
  }

  @Test
  void properties_unknown_name_is_400() {
    assertBad("properties", "pcn_code,nope", "'nope'");
  }

  @Test
  void properties_empty_name_is_400() {
    assertBad("properties", "", "empty name");
    assertBad("properties", "pcn_code,", "empty name");
  }

  @Test
  void properties_repeated_name_is_400() {
    assertBad("properties", "pcn_code,pcn_code", "more than once");
  }

  @Test
  void limit_outside_its_range_is_400() {
    assertBad("limit", "0", "from 1 to 10000");
    assertBad("limit", "10001", "from 1 to 10000");
    assertBad("limit", "ten", "whole number");
  }

  @Test
  void equality_queryables_are_the_properties_that_are_not_real() {
    assertThat(ItemsQuery.equalityQueryables(ATTRIBUTES))
        .containsExactly("pcn_code", "registered_list", "straddles");
    assertThat(parse("pcn_code", "P01").filters()).containsEntry("pcn_code", "P01");
    assertThatThrownBy(() -> parse("area_km2", "3"))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("unknown parameter 'area_km2'");
  }
}
