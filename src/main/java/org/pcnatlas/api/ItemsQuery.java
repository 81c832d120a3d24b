package org.pcnatlas.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.geom.Envelope;
import org.pcnatlas.crs.Crs;

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
    Map<String, String> filters) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 10_000;
  public static final double MAX_SIMPLIFY = 10_000;
  public static final int MAX_PRECISION = 12;

  /** The URIs of the two CRSs served, as OGC API - Features Part 2 names them. */
  public static final String CRS84 = Crs.CRS84_URI;

  public static final String BNG = "http://www.opengis.net/def/crs/EPSG/0/27700";

  /** The parameters every collection accepts (besides its queryable properties). */
  public static final List<String> STANDARD =
      List.of("bbox", "bbox-crs", "limit", "offset", "crs", "f", "simplify", "precision");

  /**
   * Parses the query string parameters.
   *
   * @param params every parameter with all its values
   * @param queryables the collection's properties usable as equality filters
   */
  public static ItemsQuery parse(Map<String, List<String>> params, List<String> queryables) {
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
    return new ItemsQuery(
        bbox, bboxEpsg, limit, offset, crs, "html".equals(f), simplify, precision, filters);
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
    if (parts.length != 4) {
      throw ApiError.badParameter(
          "bbox must be four comma-separated numbers minx,miny,maxx,maxy, not '" + value + "'");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw ApiError.badParameter("bbox value '" + parts[i] + "' is not a number");
      }
      if (!Double.isFinite(v[i])) {
        throw ApiError.badParameter("bbox value '" + parts[i] + "' is not a finite number");
      }
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
