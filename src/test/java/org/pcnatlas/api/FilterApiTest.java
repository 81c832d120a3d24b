package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Feature;

/**
 * OGC API - Features - Part 3 over HTTP: each filter returns exactly the features a brute-force
 * evaluation in the test selects, paging and counts follow the filter, bad filters are 400s naming
 * the position.
 */
class FilterApiTest {
  static final String ITEMS = "/collections/catchments-voronoi/items?limit=1000&filter=";

  static List<Feature> catchments() {
    return DemoCatalogue.get().collection("catchments-voronoi").layer().features();
  }

  static Object p(Feature f, String name) {
    return f.properties().get(name);
  }

  static double num(Feature f, String name) {
    return ((Number) p(f, name)).doubleValue();
  }

  static List<String> expected(Predicate<Feature> rule) {
    return catchments().stream().filter(rule).map(Feature::id).toList();
  }

  static List<String> got(io.javalin.testtools.HttpClient client, String filter) throws Exception {
    Response r = client.get(ITEMS + OgcApi.encode(filter));
    assertThat(r.code()).as(filter).isEqualTo(200);
    JsonNode fc = OgcApiTest.json(r);
    assertThat(fc.get("numberMatched").asInt()).isEqualTo(fc.get("numberReturned").asInt());
    return OgcConformanceTest.ids(fc);
  }

  @Test
  void each_filter_returns_what_a_brute_force_evaluation_selects() {
    Map<String, Predicate<Feature>> table = new java.util.LinkedHashMap<>();
    table.put("registered_list > 40000", f -> num(f, "registered_list") > 40000);
    table.put("registered_list <= 30000", f -> num(f, "registered_list") <= 30000);
    table.put("size_band = '30k-50k'", f -> "30k-50k".equals(p(f, "size_band")));
    table.put("size_band <> '30k-50k'", f -> !"30k-50k".equals(p(f, "size_band")));
    table.put("straddles = TRUE", f -> Boolean.TRUE.equals(p(f, "straddles")));
    table.put(
        "straddles = TRUE AND registered_list > 35000",
        f -> Boolean.TRUE.equals(p(f, "straddles")) && num(f, "registered_list") > 35000);
    table.put(
        "straddles = TRUE OR area_km2 < 50",
        f -> Boolean.TRUE.equals(p(f, "straddles")) || num(f, "area_km2") < 50);
    table.put("NOT (straddles = TRUE)", f -> Boolean.FALSE.equals(p(f, "straddles")));
    table.put("pcn_name LIKE 'K%'", f -> ((String) p(f, "pcn_name")).startsWith("K"));
    table.put(
        "pcn_code IN ('U90001', 'U90003', 'nope')",
        f -> List.of("U90001", "U90003").contains(f.id()));
    table.put(
        "resident_population BETWEEN 20000 AND 40000",
        f -> num(f, "resident_population") >= 20000 && num(f, "resident_population") <= 40000);
    table.put("resident_per_registered IS NULL", f -> p(f, "resident_per_registered") == null);
    table.put("resident_per_registered IS NOT NULL", f -> p(f, "resident_per_registered") != null);
    Envelope box = DemoCatalogue.get().collection("catchments-voronoi").extentCrs84();
    double midX = (box.getMinX() + box.getMaxX()) / 2;
    double midY = (box.getMinY() + box.getMaxY()) / 2;
    Geometry point =
        GeoUtils.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(midX, midY));
    ApiCollection c = DemoCatalogue.get().collection("catchments-voronoi");
    table.put(
        "S_INTERSECTS(geometry, POINT(" + midX + " " + midY + "))",
        f -> c.crs84(c.indexOf(f.id())).intersects(point));
    Geometry west =
        GeoUtils.rectangle(box.getMinX() - 1, box.getMinY() - 1, midX, box.getMaxY() + 1);
    table.put(
        "S_INTERSECTS(geometry, BBOX("
            + (box.getMinX() - 1)
            + ","
            + (box.getMinY() - 1)
            + ","
            + midX
            + ","
            + (box.getMaxY() + 1)
            + "))",
        f -> c.crs84(c.indexOf(f.id())).intersects(west));
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          for (Map.Entry<String, Predicate<Feature>> e : table.entrySet()) {
            List<String> want = expected(e.getValue());
            assertThat(got(client, e.getKey())).as(e.getKey()).isEqualTo(want);
          }
          // the tests can fail: the table's filters do not all select the same features
          assertThat(table.values().stream().map(FilterApiTest::expected).distinct().count())
              .isGreaterThan(8);
        });
  }

  @Test
  void cql2_json_filter_selects_as_its_text_twin() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          String json =
              "{\"op\":\"and\",\"args\":[{\"op\":\">\",\"args\":[{\"property\":\"registered_list\"},30000]},"
                  + "{\"op\":\"=\",\"args\":[{\"property\":\"straddles\"},false]}]}";
          Response r = client.get(ITEMS + OgcApi.encode(json) + "&filter-lang=cql2-json");
          assertThat(r.code()).isEqualTo(200);
          assertThat(OgcConformanceTest.ids(OgcApiTest.json(r)))
              .isEqualTo(got(client, "registered_list > 30000 AND straddles = FALSE"));
        });
  }

  @Test
  void filter_crs_takes_british_national_grid_literals() {
    ApiCollection c = DemoCatalogue.get().collection("catchments-voronoi");
    Feature first = c.layer().features().get(3);
    org.locationtech.jts.geom.Point inside = first.geometry().getInteriorPoint();
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          String f = "S_INTERSECTS(geometry, POINT(" + inside.getX() + " " + inside.getY() + "))";
          Response r =
              client.get(ITEMS + OgcApi.encode(f) + "&filter-crs=" + OgcApi.encode(ItemsQuery.BNG));
          assertThat(OgcConformanceTest.ids(OgcApiTest.json(r))).containsExactly(first.id());
        });
  }

  @Test
  void filter_paging_and_counts_follow_the_filter() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          String filter = OgcApi.encode("registered_list > 20000");
          JsonNode page =
              OgcApiTest.json(
                  client.get("/collections/catchments-voronoi/items?limit=3&filter=" + filter));
          int matched = page.get("numberMatched").asInt();
          assertThat(matched).isEqualTo(expected(f -> num(f, "registered_list") > 20000).size());
          boolean next = false;
          for (JsonNode l : page.get("links")) {
            if (l.get("rel").asText().equals("next")) {
              next = true;
              assertThat(l.get("href").asText()).contains("filter=");
            }
          }
          assertThat(next).isEqualTo(matched > 3);
        });
  }

  @Test
  void a_bad_filter_is_a_400_naming_the_position_or_the_queryable() {
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          for (String[] bad :
              new String[][] {
                {"registered_list >", "position"},
                {"nope = 1", "unknown queryable 'nope'"},
                {"registered_list = 'many'", "registered_list"},
                {"size_band LIKE", "position"},
                {"S_INTERSECTS(geometry, POINT(1))", "position"},
                {"(".repeat(200) + "straddles = TRUE" + ")".repeat(200), "nest"},
              }) {
            Response r = client.get(ITEMS + OgcApi.encode(bad[0]));
            assertThat(r.code()).as(bad[0]).isEqualTo(400);
            String d = OgcApiTest.json(r).get("description").asText();
            assertThat(d).as(bad[0]).startsWith("filter").containsIgnoringCase(bad[1]);
          }
          Response lang = client.get(ITEMS + "a%3D1&filter-lang=ecql");
          assertThat(lang.code()).isEqualTo(400);
          assertThat(OgcApiTest.json(lang).get("description").asText()).contains("filter-lang");
        });
  }

  @Test
  void seeded_random_filters_agree_with_brute_force() {
    SplittableRandom random = new SplittableRandom(12);
    List<String> fields = List.of("registered_list", "resident_population", "area_km2");
    List<String> filters = new ArrayList<>();
    List<Predicate<Feature>> rules = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String a = fields.get(random.nextInt(fields.size()));
      String b = fields.get(random.nextInt(fields.size()));
      double va =
          catchments().stream().mapToDouble(f -> num(f, a)).sorted().toArray()[random.nextInt(21)];
      double vb =
          catchments().stream().mapToDouble(f -> num(f, b)).sorted().toArray()[random.nextInt(21)];
      boolean and = random.nextBoolean();
      boolean not = random.nextBoolean();
      filters.add(
          (not ? "NOT " : "")
              + "("
              + a
              + " >= "
              + va
              + (and ? " AND " : " OR ")
              + b
              + " < "
              + vb
              + ")");
      Predicate<Feature> x = f -> num(f, a) >= va;
      Predicate<Feature> y = f -> num(f, b) < vb;
      Predicate<Feature> xy = and ? x.and(y) : x.or(y);
      rules.add(not ? xy.negate() : xy);
    }
    JavalinTest.test(
        OgcApiTest.app(),
        (server, client) -> {
          for (int i = 0; i < filters.size(); i++) {
            assertThat(got(client, filters.get(i)))
                .as(filters.get(i))
                .isEqualTo(expected(rules.get(i)));
          }
        });
  }
}
