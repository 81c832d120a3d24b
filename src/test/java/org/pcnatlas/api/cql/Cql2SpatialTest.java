package org.pcnatlas.api.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcnatlas.api.cql.Cql2Testing.passes;
import static org.pcnatlas.api.cql.Cql2Testing.row;
import static org.pcnatlas.api.cql.Cql2Testing.truth;
import static org.pcnatlas.api.cql.Cql2Testing.wkt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedPolygon;
import org.pcnatlas.api.cql.Cql2Testing.TestRow;
import org.pcnatlas.geo.GeoUtils;

/** Basic Spatial Functions: S_INTERSECTS with WKT and BBOX literals. */
class Cql2SpatialTest {
  private static TestRow at(String geometry) {
    return row("g", wkt(geometry));
  }

  private static Geometry literal(String filter) {
    return ((Expr.Intersects) Cql2.parseText(filter)).literal().geometry();
  }

  @Test
  void s_intersects_is_true_for_a_point_inside_a_polygon_literal() {
    String f = "S_INTERSECTS(geometry, POLYGON((0 0, 10 0, 10 10, 0 10, 0 0)))";
    assertThat(passes(f, at("POINT (5 5)"))).isTrue();
    assertThat(passes(f, at("POINT (15 5)"))).isFalse();
  }

  @Test
  void s_intersects_counts_shared_boundaries() {
    String f = "S_INTERSECTS(geometry, POLYGON((0 0, 10 0, 10 10, 0 10, 0 0)))";
    assertThat(passes(f, at("POINT (10 5)"))).isTrue();
    assertThat(passes(f, at("POINT (0 0)"))).isTrue();
    assertThat(passes(f, at("POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))"))).isTrue();
    assertThat(passes(f, at("POLYGON ((10.001 0, 20 0, 20 10, 10.001 10, 10.001 0))"))).isFalse();
  }

  @Test
  void s_intersects_is_false_where_only_the_envelopes_meet() {
    // an L: its envelope holds (8 8), the polygon does not
    String f = "S_INTERSECTS(geometry, POLYGON((0 0, 10 0, 10 2, 2 2, 2 10, 0 10, 0 0)))";
    assertThat(passes(f, at("POINT (8 8)"))).isFalse();
    assertThat(passes(f, at("LINESTRING (5 5, 9 9)"))).isFalse();
    assertThat(passes(f, at("LINESTRING (5 5, 5 1)"))).isTrue();
    assertThat(passes(f, at("POLYGON ((3 3, 9 3, 9 9, 3 9, 3 3))"))).isFalse();
  }

  @Test
  void s_intersects_takes_the_literal_first_or_second() {
    TestRow r = at("POINT (5 5)");
    assertThat(passes("S_INTERSECTS(POLYGON((0 0, 10 0, 10 10, 0 10, 0 0)), geometry)", r))
        .isTrue();
    Expr.Intersects e = (Expr.Intersects) Cql2.parseText("S_INTERSECTS(POINT(1 2), geometry)");
    assertThat(e.property().name()).isEqualTo("geometry");
    assertThat(e.property().position()).isEqualTo(26);
    assertThat(e.literal().geometry().equalsExact(wkt("POINT (1 2)"))).isTrue();
  }

  @Test
  void s_intersects_is_case_insensitive_as_are_the_geometry_types() {
    assertThat(passes("s_intersects(geometry, point(5 5))", at("POINT (5 5)"))).isTrue();
    assertThat(passes("S_Intersects(geometry, Polygon((0 0, 1 0, 1 1, 0 0)))", at("POINT (1 0)")))
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "POINT(1 2) | POINT (1 2)",
        "POINT (-1.5 2e1) | POINT (-1.5 20)",
        "LINESTRING(0 0, 1 1, 2 0) | LINESTRING (0 0, 1 1, 2 0)",
        "POLYGON((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1))"
            + " | POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1))",
        "MULTIPOINT((1 2), (3 4)) | MULTIPOINT ((1 2), (3 4))",
        "MULTIPOINT(1 2, 3 4) | MULTIPOINT ((1 2), (3 4))",
        "MULTILINESTRING((0 0, 1 1), (2 2, 3 3)) | MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
        "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))"
            + " | MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
      })
  void each_wkt_type_is_a_geometry_literal(String text, String expected) {
    Geometry g = literal("S_INTERSECTS(geometry, " + text + ")");
    assertThat(g.equalsExact(wkt(expected))).as(g.toText()).isTrue();
    assertThat(g.getFactory()).isSameAs(GeoUtils.FACTORY);
  }

  @Test
  void a_polygon_hole_is_outside_the_polygon() {
    String f =
        "S_INTERSECTS(geometry, POLYGON((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 3, 3 3, 3 1, 1 1)))";
    assertThat(passes(f, at("POINT (2 2)"))).isFalse();
    assertThat(passes(f, at("POINT (0.5 2)"))).isTrue();
    assertThat(passes(f, at("POINT (1 2)"))).isTrue(); // on the hole's edge
  }

  @Test
  void each_part_of_a_multi_literal_counts() {
    String f =
        "S_INTERSECTS(geometry, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5))))";
    assertThat(passes(f, at("POINT (5.9 5.5)"))).isTrue();
    assertThat(passes(f, at("POINT (3 3)"))).isFalse();
    String m = "S_INTERSECTS(geometry, MULTIPOINT((1 1), (7 7)))";
    assertThat(passes(m, at("POLYGON ((6 6, 8 6, 8 8, 6 8, 6 6))"))).isTrue();
    assertThat(passes(m, at("POLYGON ((2 2, 3 2, 3 3, 2 3, 2 2))"))).isFalse();
  }

  @Test
  void a_line_literal_intersects_what_it_crosses_or_touches() {
    String f = "S_INTERSECTS(geometry, LINESTRING(0 0, 10 10))";
    assertThat(passes(f, at("POLYGON ((4 0, 6 0, 6 2, 4 2, 4 0))"))).isFalse();
    assertThat(passes(f, at("POLYGON ((4 3, 6 3, 6 5, 4 5, 4 3))"))).isTrue();
    assertThat(passes(f, at("POINT (3 3)"))).isTrue();
    assertThat(passes(f, at("LINESTRING (0 10, 10 0)"))).isTrue();
  }

  @Test
  void z_coordinates_are_accepted_and_ignored() {
    Geometry g = literal("S_INTERSECTS(geometry, POINT Z (1 2 3))");
    assertThat(g.getCoordinate().getZ()).isEqualTo(3.0);
    assertThat(passes("S_INTERSECTS(geometry, POINT Z (1 2 3))", at("POINT (1 2)"))).isTrue();
    assertThat(passes("S_INTERSECTS(geometry, POINT (1 2 99))", at("POINT (1 2)"))).isTrue();
    assertThat(
            passes(
                "S_INTERSECTS(geometry, POLYGON Z ((0 0 1, 4 0 1, 4 4 1, 0 4 1, 0 0 1)))",
                at("POINT (2 2)")))
        .isTrue();
  }

  @Test
  void bbox_is_a_rectangle_polygon() {
    Geometry g = literal("S_INTERSECTS(geometry, BBOX(0, 1, 10, 11))");
    assertThat(g.isRectangle()).isTrue();
    assertThat(g.getEnvelopeInternal().getMinX()).isEqualTo(0);
    assertThat(g.getEnvelopeInternal().getMaxY()).isEqualTo(11);
    String f = "S_INTERSECTS(geometry, BBOX(0, 0, 10, 10))";
    assertThat(passes(f, at("POINT (10 10)"))).isTrue();
    assertThat(passes(f, at("POINT (10 10.5)"))).isFalse();
    assertThat(passes(f, at("LINESTRING (-5 5, 15 5)"))).isTrue();
    assertThat(passes(f, at("POLYGON ((-5 -5, 15 -5, 15 15, -5 15, -5 -5))"))).isTrue();
  }

  @Test
  void bbox_with_six_numbers_ignores_the_heights() {
    Geometry g = literal("S_INTERSECTS(geometry, BBOX(0, 1, -100, 10, 11, 100))");
    assertThat(g.equalsExact(literal("S_INTERSECTS(geometry, BBOX(0, 1, 10, 11))"))).isTrue();
  }

  @Test
  void a_bbox_of_zero_width_is_a_line_and_of_zero_size_a_point() {
    assertThat(literal("S_INTERSECTS(geometry, BBOX(5, 0, 5, 10))").getGeometryType())
        .isEqualTo("LineString");
    assertThat(literal("S_INTERSECTS(geometry, BBOX(5, 5, 5, 5))").getGeometryType())
        .isEqualTo("Point");
    assertThat(passes("S_INTERSECTS(geometry, BBOX(5, 0, 5, 10))", at("POINT (5 3)"))).isTrue();
  }

  @Test
  void a_feature_without_geometry_is_unknown_and_an_empty_geometry_is_false() {
    String f = "S_INTERSECTS(geometry, BBOX(0, 0, 10, 10))";
    assertThat(truth(f, row("n", null))).isEqualTo(Truth.UNKNOWN);
    assertThat(truth("NOT " + f, row("n", null))).isEqualTo(Truth.UNKNOWN);
    assertThat(truth(f, at("POLYGON EMPTY"))).isEqualTo(Truth.FALSE);
  }

  @Test
  void a_property_named_like_a_geometry_type_is_a_property() {
    Expr.Intersects e = (Expr.Intersects) Cql2.parseText("S_INTERSECTS(point, POINT(1 2))");
    assertThat(e.property().name()).isEqualTo("point");
    Expr.Intersects q = (Expr.Intersects) Cql2.parseText("S_INTERSECTS(\"geom\", BBOX(0,0,1,1))");
    assertThat(q.property().name()).isEqualTo("geom");
  }

  @Test
  void s_intersects_combines_with_the_other_predicates() {
    TestRow r = row("r", wkt("POINT (5 5)"), "list_size", 10L);
    assertThat(passes("list_size > 5 AND S_INTERSECTS(geometry, BBOX(0, 0, 10, 10))", r)).isTrue();
    assertThat(passes("NOT S_INTERSECTS(geometry, BBOX(0, 0, 1, 1)) AND list_size = 10", r))
        .isTrue();
  }

  @Test
  void the_literal_is_prepared_once_with_its_indexes_built() {
    Expr.Intersects e =
        (Expr.Intersects)
            Cql2.parseText(
                "S_INTERSECTS(geometry, POLYGON((0 0, 10 0, 10 2, 2 2, 2 10, 0 10, 0 0)))");
    assertThat(e.prepared()).isInstanceOf(PreparedPolygon.class);
    assertThat((Object) e.prepared().getGeometry()).isSameAs(e.literal().geometry());
  }

  @Test
  void concurrent_tests_of_one_filter_agree_with_one_thread() throws Exception {
    // a star polygon of 600 vertices (in under 10,000 characters), its segments and rings indexed
    StringBuilder ring = new StringBuilder();
    int n = 600;
    Coordinate first = null;
    for (int i = 0; i < n; i++) {
      double a = 2 * Math.PI * i / n;
      double r = i % 2 == 0 ? 100 : 60;
      Coordinate c =
          new Coordinate(
              Math.rint(r * Math.cos(a) * 10) / 10, Math.rint(r * Math.sin(a) * 10) / 10);
      first = first == null ? c : first;
      ring.append(c.x).append(' ').append(c.y).append(", ");
    }
    ring.append(first.x).append(' ').append(first.y);
    List<TestRow> rows = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 4000; i++) {
      double x = random.nextDouble() * 240 - 120;
      double y = random.nextDouble() * 240 - 120;
      rows.add(
          row(
              "r" + i,
              i % 2 == 0
                  ? GeoUtils.point(x, y)
                  : wkt("LINESTRING (" + x + " " + y + ", " + (x + 3) + " " + (y + 1) + ")")));
    }
    String text = "S_INTERSECTS(geometry, POLYGON((" + ring + ")))";
    boolean[] expected = new boolean[rows.size()];
    Expr reference = Cql2.parseText(text);
    int inside = 0;
    for (int i = 0; i < rows.size(); i++) {
      expected[i] = reference.test(rows.get(i));
      inside += expected[i] ? 1 : 0;
    }
    assertThat(inside).isBetween(rows.size() / 10, rows.size() * 9 / 10);
    // a fresh filter, first used by many threads at once
    Expr shared = Cql2.parseText(text);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<boolean[]>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t;
        results.add(
            pool.submit(
                () -> {
                  boolean[] out = new boolean[rows.size()];
                  for (int k = 0; k < rows.size(); k++) {
                    int i = (k + offset * 499) % rows.size();
                    out[i] = shared.test(rows.get(i));
                  }
                  return out;
                }));
      }
      for (Future<boolean[]> f : results) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
