package org.pcnatlas.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.geom.Envelope;
import org.pcnatlas.api.cql.Cql2;
import org.pcnatlas.api.cql.CqlException;
import org.pcnatlas.api.cql.Expr;
import org.pcnatlas.api.cql.Queryable;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.model.AttributeType;

/**
 * The parameters of {@code /collections/{id}/items}, parsed and checked: every rule gives a 400
 * naming the parameter, the value and what is allowed. Nothing is clamped silently.
 *
 * @param bbox the bbox in {@code bboxEpsg} coordinates, or null
 * @param bboxEpsg 4326 (CRS84, lon/lat) or 27700
 * @param limit 1 to {@link #MAX_LIMIT}
 * @param offset 0 or more
 * @param crsEpsg the output CRS: 4326 (CRS84) or 27700
 * @param html true for {@code f=html}
 * @param simplify tolerance in metres, 0 for none
 * @param precision decimals of output coordinates
 * @param filters property -> value, equality on the property's text form
 * @param datetime the {@code datetime} parameter as given (checked), or null: no feature served has
 *     a temporal geometry, so it matches every feature (OGC 17-069r4, /req/core/fc-time-response C)
 * @param sortby the sort keys in order (empty: collection order)
 * @param properties the properties to return in order, or null for all
 * @param filter the CQL2 filter ({@code filter}, in {@code filter-lang}), checked against the
 *     collection's queryables, or null
 * @param filterCrs the CRS of the filter's geometry literals ({@code filter-crs}): 4326 (CRS84) or
 *     27700
 */
public record ItemsQuery(
    Envelope bbox,
    int bboxEpsg,
    int limit,
    int offset,
    int crsEpsg,
    boolean html,
    double simplify,
    int precision,
    Map<String, String> filters,
    String datetime,
    List<SortKey> sortby,
    List<String> properties,
    Expr filter,
    int filterCrs) {

  /** One key of {@code sortby}: a property, ascending or descending. */
  public record SortKey(String property, boolean ascending) {}

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 10_000;
  public static final double MAX_SIMPLIFY = 10_000;
  public static final int MAX_PRECISION = 12;

  /** The URIs of the two CRSs served, as OGC API - Features Part 2 names them. */
  public static final String CRS84 = Crs.CRS84_URI;

  public static final String BNG = "http://www.opengis.net/def/crs/EPSG/0/27700";

  /** The parameters every collection accepts (besides its queryable properties). */
  public static final List<String> STANDARD =
      List.of(
          "bbox",
          "bbox-crs",
          "datetime",
          "limit",
          "offset",
          "crs",
          "f",
          "simplify",
          "precision",
          "sortby",
          "properties",
          "filter",
          "filter-lang",
          "filter-crs");

  /**
   * The filter languages {@code filter-lang} takes; the first is the default. {@code cql-text}, the
   * name of the draft before CQL2, is read as cql2-text: GDAL up to 3.6 sends filters only to
   * servers that list it (and writes its comparisons, AND/OR/NOT, LIKE, IN and IS NULL the same
   * way).
   */
  public static final List<String> FILTER_LANGS = List.of("cql2-text", "cql2-json", "cql-text");

  /**
   * Parses the query string parameters.
   *
   * @param params every parameter with all its values
   * @param attributes the collection's properties and their types: those not real-valued are usable
   *     as equality filters, all can be sorted on and chosen
   */
  public static ItemsQuery parse(
      Map<String, List<String>> params, Map<String, AttributeType> attributes) {
    List<String> queryables = equalityQueryables(attributes);
    Set<String> unknown = new TreeSet<>();
    for (String name : params.keySet()) {
      if (!STANDARD.contains(name) && !queryables.contains(name)) {
        unknown.add(name);
      }
      if (params.get(name).size() > 1) {
        throw ApiError.badParameter("parameter '" + name + "' is given more than once");
      }
    }
    if (!unknown.isEmpty()) {
      List<String> allowed = new ArrayList<>(STANDARD);
      allowed.addAll(queryables);
      throw ApiError.badParameter(
          "unknown parameter"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown.stream().map(u -> "'" + u + "'").toList())
              + "; the parameters of this collection are "
              + String.join(", ", allowed));
    }
    int bboxEpsg = crs(one(params, "bbox-crs"), "bbox-crs");
    Envelope bbox = bbox(one(params, "bbox"), bboxEpsg);
    int limit = integer(one(params, "limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = integer(one(params, "offset"), "offset", 0, 0, Integer.MAX_VALUE);
    int crs = crs(one(params, "crs"), "crs");
    String f = one(params, "f");
    if (f != null && !f.equals("json") && !f.equals("html")) {
      throw ApiError.badParameter("f must be json or html, not '" + f + "'");
    }
    double simplify = simplify(one(params, "simplify"));
    int precision =
        integer(one(params, "precision"), "precision", crs == Crs.WGS84 ? 6 : 3, 0, MAX_PRECISION);
    Map<String, String> filters = new LinkedHashMap<>();
    for (String q : queryables) {
      String v = one(params, q);
      if (v != null) {
        filters.put(q, v);
      }
    }
    String datetime = datetime(one(params, "datetime"));
    List<SortKey> sortby = sortby(one(params, "sortby"), attributes);
    List<String> properties = properties(one(params, "properties"), attributes);
    String lang = one(params, "filter-lang");
    int filterCrs = crs(one(params, "filter-crs"), "filter-crs");
    Expr filter = filter(one(params, "filter"), lang, attributes);
    return new ItemsQuery(
        bbox,
        bboxEpsg,
        limit,
        offset,
        crs,
        "html".equals(f),
        simplify,
        precision,
        filters,
        datetime,
        sortby,
        properties,
        filter,
        filterCrs);
  }

  /** The queryables of a collection for CQL2: its properties by type, and {@code geometry}. */
  public static Map<String, Queryable> cqlQueryables(Map<String, AttributeType> attributes) {
    Map<String, Queryable> q = new LinkedHashMap<>();
    attributes.forEach(
        (name, type) ->
            q.put(
                name,
                switch (type) {
                  case STRING, DATE -> Queryable.STRING;
                  case INTEGER -> Queryable.INTEGER;
                  case REAL -> Queryable.NUMBER;
                  case BOOLEAN -> Queryable.BOOLEAN;
                }));
    q.put(Schemas.GEOMETRY, Queryable.GEOMETRY);
    return q;
  }

  /** {@code filter} in {@code filter-lang}, parsed and checked; a CQL2 error is a 400. */
  static Expr filter(String value, String lang, Map<String, AttributeType> attributes) {
    if (lang != null && !FILTER_LANGS.contains(lang)) {
      throw ApiError.badParameter(
          "filter-lang '" + lang + "' is not supported; use " + String.join(" or ", FILTER_LANGS));
    }
    if (value == null) {
      return null;
    }
    try {
      Expr e = "cql2-json".equals(lang) ? Cql2.parseJson(value) : Cql2.parseText(value);
      Cql2.check(e, cqlQueryables(attributes));
      return e;
    } catch (CqlException e) {
      throw ApiError.badParameter(
          "filter (" + (lang == null ? FILTER_LANGS.get(0) : lang) + "): " + e.getMessage());
    }
  }

  /** The properties usable as equality query parameters: every one not real-valued. */
  public static List<String> equalityQueryables(Map<String, AttributeType> attributes) {
    List<String> q = new ArrayList<>();
    attributes.forEach(
        (name, type) -> {
          if (type != AttributeType.REAL) {
            q.add(name);
          }
        });
    return q;
  }

  /**
   * Checks {@code datetime}: an RFC 3339 date-time or date, or an interval of two such with {@code
   * /}, either end open ({@code ..} or empty), not both.
   */
  static String datetime(String value) {
    if (value == null) {
      return null;
    }
    String[] parts = value.split("/", -1);
    if (parts.length > 2) {
      throw ApiError.badParameter(
          "datetime '" + value + "' has more than one '/'; give an instant or start/end");
    }
    if (parts.length == 1) {
      instant(parts[0], value);
      return value;
    }
    boolean openStart = parts[0].isEmpty() || parts[0].equals("..");
    boolean openEnd = parts[1].isEmpty() || parts[1].equals("..");
    if (openStart && openEnd) {
      throw ApiError.badParameter(
          "datetime '" + value + "': an interval needs at least one end (start/.. or ../end)");
    }
    OffsetDateTime start = openStart ? null : instant(parts[0], value);
    OffsetDateTime end = openEnd ? null : instant(parts[1], value);
    if (start != null && end != null && start.isAfter(end)) {
      throw ApiError.badParameter("datetime '" + value + "': the start is after the end");
    }
    return value;
  }

  private static OffsetDateTime instant(String text, String whole) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay().atOffset(java.time.ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(text.replace('t', 'T').replace('z', 'Z'));
    } catch (DateTimeParseException e) {
      throw ApiError.badParameter(
          "datetime '"
              + whole
              + "': '"
              + text
              + "' is not an RFC 3339 date-time (2024-04-01T00:00:00Z) or date (2024-04-01)");
    }
  }

  /** {@code sortby=+a,-b,c}: properties of the collection, each once; + or none is ascending. */
  static List<SortKey> sortby(String value, Map<String, AttributeType> attributes) {
    if (value == null) {
      return List.of();
    }
    List<SortKey> keys = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String part : value.split(",", -1)) {
      String t = part.strip();
      boolean ascending = true;
      if (t.startsWith("+") || t.startsWith("-")) {
        ascending = t.charAt(0) == '+';
        t = t.substring(1).strip();
      }
      if (t.isEmpty()) {
        throw ApiError.badParameter(
            "sortby '" + value + "' has an empty key; give +name or -name, comma-separated");
      }
      if (!attributes.containsKey(t)) {
        throw ApiError.badParameter(
            "sortby: no property '"
                + t
                + "' in this collection; it has "
                + String.join(", ", attributes.keySet()));
      }
      if (!seen.add(t)) {
        throw ApiError.badParameter("sortby names '" + t + "' more than once");
      }
      keys.add(new SortKey(t, ascending));
    }
    return List.copyOf(keys);
  }

  /** {@code properties=a,b}: properties of the collection, each once, at least one. */
  static List<String> properties(String value, Map<String, AttributeType> attributes) {
    if (value == null) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String part : value.split(",", -1)) {
      String t = part.strip();
      if (t.isEmpty()) {
        throw ApiError.badParameter(
            "properties '" + value + "' has an empty name; give names, comma-separated");
      }
      if (!attributes.containsKey(t)) {
        throw ApiError.badParameter(
            "properties: no property '"
                + t
                + "' in this collection; it has "
                + String.join(", ", attributes.keySet()));
      }
      if (!out.add(t)) {
        throw ApiError.badParameter("properties names '" + t + "' more than once");
      }
    }
    return List.copyOf(out);
  }

  private static String one(Map<String, List<String>> params, String name) {
    List<String> v = params.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  static int crs(String value, String name) {
    if (value == null || value.equals(CRS84)) {
      return Crs.WGS84;
    }
    if (value.equals(BNG)) {
      return Crs.BNG;
    }
    throw ApiError.badParameter(
        name + " '" + value + "' is not supported; use " + CRS84 + " (default) or " + BNG);
  }

  static Envelope bbox(String value, int epsg) {
    if (value == null) {
      return null;
    }
    String[] parts = value.split(",", -1);
    if (parts.length != 4 && parts.length != 6) {
      throw ApiError.badParameter(
          "bbox must be four comma-separated numbers minx,miny,maxx,maxy (or six with heights,"
              + " minx,miny,minz,maxx,maxy,maxz), not '"
              + value
              + "'");
    }
    double[] all = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        all[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw ApiError.badParameter("bbox value '" + parts[i] + "' is not a number");
      }
      if (!Double.isFinite(all[i])) {
        throw ApiError.badParameter("bbox value '" + parts[i] + "' is not a finite number");
      }
    }
    double[] v;
    if (all.length == 6) {
      // a 3-D box: the features served have no heights, so only its footprint selects
      if (all[2] > all[5]) {
        throw ApiError.badParameter("bbox '" + value + "': minz must not exceed maxz");
      }
      v = new double[] {all[0], all[1], all[3], all[4]};
    } else {
      v = all;
    }
    if (v[0] > v[2] || v[1] > v[3]) {
      throw ApiError.badParameter("bbox '" + value + "': minx must not exceed maxx, nor miny maxy");
    }
    if (epsg == Crs.WGS84 && (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90)) {
      throw ApiError.badParameter(
          "bbox '"
              + value
              + "' is outside longitude -180..180, latitude -90..90 (CRS84); for British National"
              + " Grid coordinates add bbox-crs="
              + BNG);
    }
    return new Envelope(v[0], v[2], v[1], v[3]);
  }

  static int integer(String value, String name, int fallback, int min, int max) {
    if (value == null) {
      return fallback;
    }
    long n;
    try {
      n = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw ApiError.badParameter(name + " must be a whole number, not '" + value + "'");
    }
    if (n < min || n > max) {
      throw ApiError.badParameter(name + " must be from " + min + " to " + max + ", not " + value);
    }
    return (int) n;
  }

  static double simplify(String value) {
    if (value == null) {
      return 0;
    }
    double d;
    try {
      d = Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw ApiError.badParameter("simplify must be a number of metres, not '" + value + "'");
    }
    if (!(d >= 0 && d <= MAX_SIMPLIFY)) {
      throw ApiError.badParameter(
          "simplify must be from 0 to " + (int) MAX_SIMPLIFY + " metres, not " + value);
    }
    return d;
  }
}
