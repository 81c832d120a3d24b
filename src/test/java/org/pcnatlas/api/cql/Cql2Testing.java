package org.pcnatlas.api.cql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.pcnatlas.geo.GeoUtils;

/** Rows, queryables and shorthands shared by the CQL2 tests. */
final class Cql2Testing {
  private Cql2Testing() {}

  /** The queryables of the tests: a PCN-like collection. */
  static final Map<String, Queryable> QUERYABLES = queryables();

  private static Map<String, Queryable> queryables() {
    Map<String, Queryable> q = new LinkedHashMap<>();
    q.put("code", Queryable.STRING);
    q.put("name", Queryable.STRING);
    q.put("list_size", Queryable.INTEGER);
    q.put("share", Queryable.NUMBER);
    q.put("dispensing", Queryable.BOOLEAN);
    q.put("geometry", Queryable.GEOMETRY);
    return q;
  }

  /** A feature: an id, property values (null allowed) and a geometry (null allowed). */
  record TestRow(String id, Map<String, Object> values, Geometry geometry) implements Row {
    @Override
    public Object value(String property) {
      return values.get(property);
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /** A row: {@code row("a", wkt("POINT (1 2)"), "code", "U1", "list_size", 5)}. */
  static TestRow row(String id, Geometry geometry, Object... kv) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      values.put((String) kv[i], kv[i + 1]);
    }
    return new TestRow(id, values, geometry);
  }

  static Geometry wkt(String wkt) {
    try {
      return new WKTReader(GeoUtils.FACTORY).read(wkt);
    } catch (ParseException e) {
      throw new IllegalArgumentException(wkt, e);
    }
  }

  /** Whether the cql2-text filter passes the row. */
  static boolean passes(String filter, Row row) {
    return Cql2.parseText(filter).test(row);
  }

  /** The truth of the cql2-text filter for the row. */
  static Truth truth(String filter, Row row) {
    return Cql2.parseText(filter).evaluate(row);
  }

  /** The ids of the rows the filter passes, in row order. */
  static List<String> ids(Expr filter, List<TestRow> rows) {
    List<String> out = new ArrayList<>();
    for (TestRow r : rows) {
      if (filter.test(r)) {
        out.add(r.id());
      }
    }
    return out;
  }
}
