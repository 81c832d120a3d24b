package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.pcnatlas.api.MapQuery.Decoration;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.render.MapView;

/**
 * One test per rule of the map parameters ({@code /collections/{id}/map}, {@code /map.png}): each
 * bad value is a 400 {@code InvalidParameterValue} whose field and message name the parameter; the
 * defaults and the good values parse. The rules that need the data (colour-by, layers, method,
 * scenario) are the server's and are tested in {@link MapsApiTest}.
 */
class MapQueryTest {
  static final Set<Decoration> NONE = EnumSet.noneOf(Decoration.class);

  /** The collection map's parameters, as {@code name, value, name, value, ...}. */
  static MapQuery parse(String... nameValues) {
    return parse(MapQuery.COLLECTION, nameValues);
  }

  static MapQuery parse(List<String> allowed, String... nameValues) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      params.put(nameValues[i], List.of(nameValues[i + 1]));
    }
    return MapQuery.parse(params, allowed, Crs.BNG, NONE);
  }

  /** The value of {@code name} is a 400 naming {@code name}, with these words. */
  static void assertBad(String name, String value, String... words) {
    assertBadQuery(name, () -> parse(name, value), words);
  }

  static void assertBadQuery(String field, Runnable parse, String... words) {
    assertThatThrownBy(parse::run)
        .isInstanceOf(ApiError.class)
        .hasMessageContaining(field)
        .satisfies(
            e -> {
              ApiError a = (ApiError) e;
              assertThat(a.status()).isEqualTo(400);
              assertThat(a.code()).isEqualTo("InvalidParameterValue");
              assertThat(a.field()).isEqualTo(field);
              for (String w : words) {
                assertThat(e.getMessage()).contains(w);
              }
            });
  }

  static boolean same(Envelope a, Envelope b) {
    return a.equals(b);
  }

  // ---- defaults ----

  @Test
  void nothing_given_is_the_default_map() {
    MapQuery q = parse();
    assertThat((Object) q.bbox()).isNull();
    assertThat(q.bboxCrs()).isEqualTo(Crs.WGS84);
    assertThat(q.crs()).isEqualTo(Crs.BNG);
    assertThat(q.width()).isEqualTo(MapQuery.DEFAULT_WIDTH).isEqualTo(1024);
    assertThat(q.height()).isNull();
    assertThat(q.background()).isEqualTo(Color.WHITE);
    assertThat(q.decorations()).isEqualTo(NONE);
    assertThat(q.colourBy()).isNull();
    assertThat(q.title()).isNull();
    assertThat(q.layers()).isNull();
    assertThat(q.method()).isNull();
    assertThat(q.scenario()).isNull();
  }

  @Test
  void the_default_crs_and_decorations_are_the_callers() {
    MapQuery q =
        MapQuery.parse(Map.of(), MapQuery.VIEW, Crs.WEB_MERCATOR, EnumSet.allOf(Decoration.class));
    assertThat(q.crs()).isEqualTo(Crs.WEB_MERCATOR);
    assertThat(q.decorations()).containsExactlyInAnyOrder(Decoration.values());
  }

  // ---- the parameters a map takes ----

  @Test
  void an_unknown_parameter_is_400_naming_it_and_listing_the_parameters() {
    assertBad("colour", "red", "unknown parameter 'colour'", "bbox", "colour-by", "title");
  }

  @ParameterizedTest
  @ValueSource(strings = {"layers", "method", "scenario"})
  void the_views_own_parameters_are_unknown_to_a_collection_map(String name) {
    assertBad(name, "x", "unknown parameter '" + name + "'");
    assertThatCode(() -> parse(MapQuery.VIEW, name, "x")).doesNotThrowAnyException();
  }

  @Test
  void a_parameter_given_twice_is_400_naming_it() {
    assertBadQuery(
        "width",
        () ->
            MapQuery.parse(
                Map.of("width", List.of("10", "20")), MapQuery.COLLECTION, Crs.BNG, NONE),
        "more than once");
  }

  // ---- f ----

  @ParameterizedTest
  @ValueSource(strings = {"png", "image/png"})
  void f_png_is_the_map_format(String f) {
    assertThat(parse("f", f).width()).isEqualTo(1024);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jpeg", "json", "PNG", ""})
  void f_other_than_png_is_400(String f) {
    assertBad("f", f, "f must be png");
  }

  // ---- bbox and bbox-crs ----

  @Test
  void bbox_takes_four_numbers_minx_miny_maxx_maxy() {
    Envelope e = parse("bbox", "-1.5, 51.5, -1.0, 52.0").bbox();
    assertThat(same(e, new Envelope(-1.5, -1.0, 51.5, 52.0))).as(e.toString()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1,2,3", "1,2,3,4,5", "1,2,3,4,5,6", ""})
  void bbox_of_another_count_of_numbers_is_400(String value) {
    assertBad("bbox", value, "bbox must be four comma-separated numbers");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a,51,0,52", "-1,51,0,", ",,,", "-1,51,0x1,52"})
  void bbox_of_a_value_not_a_number_is_400(String value) {
    assertBad("bbox", value, "is not a number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN,51,0,52", "-1,51,Infinity,52", "-1,-Infinity,0,52"})
  void bbox_of_a_value_not_finite_is_400(String value) {
    assertBad("bbox", value, "not a finite number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0,51,-1,52", "-1,52,0,51", "-1,51,-1,52", "-1,51,0,51"})
  void bbox_whose_min_is_not_below_its_max_is_400(String value) {
    assertBad("bbox", value, "minx must be below maxx, and miny below maxy");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-181,51,0,52", "-1,51,181,52", "-1,-91,0,52", "-1,51,0,91"})
  void bbox_outside_crs84_is_400(String value) {
    assertBad("bbox", value, "outside longitude -180..180, latitude -90..90", "bbox-crs");
  }

  @Test
  void bbox_of_the_whole_crs84_world_is_accepted() {
    assertThat(parse("bbox", "-180,-90,180,90").bbox().getArea()).isEqualTo(360.0 * 180);
  }

  @Test
  void bbox_outside_the_web_mercator_world_is_400() {
    assertBadQuery(
        "bbox",
        () -> parse("bbox-crs", "EPSG:3857", "bbox", "-20037509,0,0,1000"),
        "outside the EPSG:3857 world");
    assertThat((Object) parse("bbox-crs", "EPSG:3857", "bbox", "-20037508,-20037508,0,1000").bbox())
        .isNotNull();
  }

  @Test
  void bbox_in_british_national_grid_is_in_metres_without_a_range_check() {
    MapQuery q = parse("bbox-crs", ItemsQuery.BNG, "bbox", "400000,200000,450000,250000");
    assertThat(q.bboxCrs()).isEqualTo(Crs.BNG);
    assertThat(same(q.bbox(), new Envelope(400000, 450000, 200000, 250000))).isTrue();
  }

  @Test
  void bbox_crs_unknown_is_400_naming_bbox_crs() {
    assertBad("bbox-crs", "EPSG:4326", "bbox-crs 'EPSG:4326' is not supported", "27700", "3857");
  }

  // ---- crs ----

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
        "OGC:CRS84",
        "[OGC:CRS84]",
        " OGC:CRS84 "
      })
  void crs_crs84_in_its_spellings(String value) {
    assertThat(parse("crs", value).crs()).isEqualTo(Crs.WGS84);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://www.opengis.net/def/crs/EPSG/0/27700",
        "EPSG:27700",
        "epsg:27700",
        "[EPSG:27700]"
      })
  void crs_british_national_grid_in_its_spellings(String value) {
    assertThat(parse("crs", value).crs()).isEqualTo(Crs.BNG);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://www.opengis.net/def/crs/EPSG/0/3857", "EPSG:3857", "[EPSG:3857]"})
  void crs_web_mercator_in_its_spellings(String value) {
    assertThat(parse("crs", value).crs()).isEqualTo(Crs.WEB_MERCATOR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"EPSG:4326", "EPSG:2157", "CRS84", "", "http://example.com/crs"})
  void crs_unknown_is_400_naming_crs_and_the_choices(String value) {
    assertBad("crs", value, "crs '" + value + "' is not supported", ItemsQuery.CRS84);
  }

  // ---- width and height ----

  @Test
  void width_and_height_take_whole_pixels_from_1_to_the_maximum() {
    MapQuery q = parse("width", "1", "height", String.valueOf(MapView.MAX_SIZE));
    assertThat(q.width()).isEqualTo(1);
    assertThat(q.height()).isEqualTo(4096);
    assertThat(parse("width", " 640 ").width()).isEqualTo(640);
  }

  @ParameterizedTest
  @ValueSource(strings = {"width", "height"})
  void size_zero_is_400(String name) {
    assertBad(name, "0", name + " must be from 1 to 4096 pixels, not 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"width", "height"})
  void size_negative_is_400(String name) {
    assertBad(name, "-5", name + " must be from 1 to 4096 pixels");
  }

  @ParameterizedTest
  @ValueSource(strings = {"width", "height"})
  void size_over_the_maximum_is_400(String name) {
    assertBad(name, "4097", name + " must be from 1 to 4096 pixels, not 4097");
  }

  @ParameterizedTest
  @ValueSource(strings = {"512.5", "1e3", "ten", "", "99999999999"})
  void size_not_a_whole_number_is_400(String value) {
    assertBad("width", value, "width must be a whole number of pixels");
    assertBad("height", value, "height must be a whole number of pixels");
  }

  // ---- the view: the box's shape gives the height ----

  @Test
  void view_without_height_takes_the_boxs_shape() {
    MapView v = parse("width", "400").view(new Envelope(0, 2000, 0, 1000));
    assertThat(v.width()).isEqualTo(400);
    assertThat(v.height()).isEqualTo(200);
    assertThat(v.epsg()).isEqualTo(Crs.BNG);
  }

  @Test
  void view_without_height_is_never_over_the_maximum_nor_under_one_pixel() {
    assertThat(parse("width", "1000").view(new Envelope(0, 1, 0, 1000)).height())
        .isEqualTo(MapView.MAX_SIZE);
    assertThat(parse("width", "10").view(new Envelope(0, 1000, 0, 1)).height()).isEqualTo(1);
  }

  @Test
  void view_with_height_widens_the_box_about_its_centre_to_the_image() {
    MapView v = parse("width", "200", "height", "200").view(new Envelope(0, 2000, 0, 1000));
    assertThat(same(v.bbox(), new Envelope(0, 2000, -500, 1500))).as(v.bbox().toString()).isTrue();
  }

  @Test
  void view_of_a_box_without_area_is_400_naming_bbox() {
    assertBadQuery("bbox", () -> parse().view(new Envelope(0, 0, 0, 10)), "must have an area");
  }

  // ---- background ----

  @Test
  void bgcolor_takes_hex_and_colour_names() {
    assertThat(parse("bgcolor", "0x336699").background()).isEqualTo(new Color(0x336699));
    assertThat(parse("bgcolor", "0x80336699").background())
        .isEqualTo(new Color(0x336699 | 0x80000000, true));
    assertThat(parse("bgcolor", "Black").background()).isEqualTo(Color.BLACK);
  }

  @ParameterizedTest
  @ValueSource(strings = {"#336699", "0x3366", "chartreuse", ""})
  void bgcolor_unknown_is_400(String value) {
    assertBad("bgcolor", value, "bgcolor must be 0xRRGGBB");
  }

  @Test
  void transparent_true_has_no_background_whatever_bgcolor_says() {
    assertThat(parse("transparent", "true", "bgcolor", "black").background()).isNull();
    assertThat(parse("transparent", "TRUE").background()).isNull();
    assertThat(parse("transparent", "false").background()).isEqualTo(Color.WHITE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "1", ""})
  void transparent_not_true_or_false_is_400(String value) {
    assertBad("transparent", value, "transparent must be true or false");
  }

  // ---- decorations ----

  @Test
  void decorations_all_none_or_a_list() {
    assertThat(parse("decorations", "all").decorations())
        .containsExactlyInAnyOrder(Decoration.values());
    assertThat(parse("decorations", "none").decorations()).isEmpty();
    assertThat(parse("decorations", "legend, scale-bar,north-arrow").decorations())
        .containsExactlyInAnyOrder(Decoration.LEGEND, Decoration.SCALE_BAR, Decoration.NORTH_ARROW);
    assertThat(parse("decorations", "attribution,title").decorations())
        .containsExactlyInAnyOrder(Decoration.ATTRIBUTION, Decoration.TITLE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"compass", "legend,,title", "legend,", "ALL", ""})
  void decorations_unknown_is_400_listing_the_choices(String value) {
    assertBad(
        "decorations",
        value,
        "decorations must be all, none or a comma-separated list of legend, scale-bar,"
            + " north-arrow, attribution, title");
  }

  // ---- title ----

  @Test
  void title_up_to_200_characters() {
    assertThat(parse("title", "Catchments, spring 2026").title())
        .isEqualTo("Catchments, spring 2026");
    assertThat(parse("title", "x".repeat(200)).title()).hasSize(200);
  }

  @Test
  void title_over_200_characters_is_400() {
    assertBad("title", "x".repeat(201), "title must be 1 to 200 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void title_blank_is_400(String value) {
    assertBad("title", value, "title must be 1 to 200 characters");
  }

  // ---- the view's layers, method and scenario ----

  @Test
  void layers_are_collection_ids_separated_by_commas() {
    assertThat(parse(MapQuery.VIEW, "layers", "catchments-voronoi, districts,practices").layers())
        .containsExactly("catchments-voronoi", "districts", "practices");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "districts,,practices", "districts,", ",districts", " "})
  void layers_with_an_empty_id_is_400(String value) {
    assertBadQuery(
        "layers",
        () -> parse(MapQuery.VIEW, "layers", value),
        "layers must be collection ids separated by commas");
  }

  @Test
  void colour_by_method_and_scenario_are_passed_on_as_given() {
    MapQuery q =
        parse(MapQuery.VIEW, "colour-by", "over-65", "method", "voronoi", "scenario", "s1");
    assertThat(q.colourBy()).isEqualTo("over-65");
    assertThat(q.method()).isEqualTo("voronoi");
    assertThat(q.scenario()).isEqualTo("s1");
  }
}
