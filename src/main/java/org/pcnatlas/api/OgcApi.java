package org.pcnatlas.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.export.CsvWriter;
import org.pcnatlas.export.GeoJsonWriter;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Feature;

/**
 * OGC API - Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) and the CRS parameters of Part 2
 * over a {@link Catalogue}: landing page, conformance, collections, items and single items.
 */
final class OgcApi {
  private static List<String> conformance() {
    List<String> all = new ArrayList<>(OWN_CONFORMANCE);
    all.addAll(org.pcnatlas.api.cql.Cql2.CONFORMANCE);
    return List.copyOf(all);
  }

  private static final List<String> OWN_CONFORMANCE =
      List.of(
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
          "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
          "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
          "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
          "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/schemas",
          "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/core-roles-features",
          "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/sorting",
          "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
          "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter");

  /** Every conformance class declared: ours and CQL2's (declared after the list it reads). */
  static final List<String> CONFORMANCE = conformance();

  /** The parameters of a single feature. */
  static final List<String> ITEM_PARAMETERS =
      List.of("f", "crs", "simplify", "precision", "properties");

  private final Catalogue catalogue;
  private final ResponseCache cache;

  OgcApi(Catalogue catalogue, ResponseCache cache) {
    this.catalogue = catalogue;
    this.cache = cache;
  }

  // ---- landing page, conformance, collections ----

  void landing(Context ctx) {
    boolean html = format(ctx, List.of());
    String base = base(ctx);
    List<Map<String, Object>> links = new ArrayList<>();
    links.add(
        link(base + "/", "self", html ? Responses.HTML_LINK : Responses.JSON, "This document"));
    links.add(
        link(
            base + "/?f=" + (html ? "json" : "html"),
            "alternate",
            html ? Responses.JSON : Responses.HTML_LINK,
            "This document as " + (html ? "JSON" : "HTML")));
    links.add(
        link(base + "/api", "service-desc", Responses.OPENAPI, "The API definition (OpenAPI 3.0)"));
    links.add(link(base + "/conformance", "conformance", Responses.JSON, "Conformance classes"));
    links.add(link(base + "/collections", "data", Responses.JSON, "The collections"));
    links.add(
        link(
            base + "/tileMatrixSets",
            TilesApi.REL_TILING_SCHEMES,
            Responses.JSON,
            "Tile matrix sets (the tiles' tiling schemes)"));
    links.add(link(base + "/map", "alternate", Responses.HTML_LINK, "The planners' catchment map"));
    links.add(link(base + "/analysis/summary", "describedby", Responses.JSON, "Analysis summary"));
    links.add(link(base + "/analysis/pcns", "related", Responses.JSON, "Per-PCN figures"));
    if (html) {
      List<String[]> l = new ArrayList<>();
      l.add(new String[] {"/?f=json", "This document as JSON"});
      l.add(new String[] {"/map", "The planners' catchment map"});
      l.add(new String[] {"/collections?f=html", "Collections"});
      l.add(new String[] {"/api", "API definition (OpenAPI 3.0)"});
      l.add(new String[] {"/conformance", "Conformance"});
      l.add(new String[] {"/analysis/summary", "Analysis summary (JSON)"});
      l.add(new String[] {"/analysis/pcns?f=csv", "Per-PCN figures (CSV)"});
      Responses.send(
          ctx,
          Responses.Body.of(Responses.html("pcn-atlas", l, null, null), Responses.HTML, Map.of()));
      return;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("title", "pcn-atlas");
    doc.put(
        "description",
        "Primary Care Network catchments, their population and their alignment with districts and"
            + " network areas, as OGC API - Features.");
    doc.put("links", links);
    Responses.send(ctx, Responses.Body.of(Responses.json(doc), Responses.JSON, Map.of()));
  }

  void conformance(Context ctx) {
    format(ctx, List.of());
    Responses.send(
        ctx,
        Responses.Body.of(
            Responses.json(
                Map.of(
                    "conformsTo",
                    java.util.stream.Stream.concat(
                            CONFORMANCE.stream(),
                            java.util.stream.Stream.concat(
                                TilesApi.CONFORMANCE.stream(), MapsApi.CONFORMANCE.stream()))
                        .toList())),
            Responses.JSON,
            Map.of()));
  }

  void collections(Context ctx) {
    boolean html = format(ctx, List.of());
    String base = base(ctx);
    List<ApiCollection> all = catalogue.allCollections();
    if (html) {
      List<List<String>> rows = new ArrayList<>();
      for (ApiCollection c : all) {
        rows.add(List.of(c.id(), c.title(), Integer.toString(c.size()), c.description()));
      }
      List<String[]> links = new ArrayList<>();
      links.add(new String[] {"/collections?f=json", "The collections as JSON"});
      for (ApiCollection c : all) {
        links.add(new String[] {"/collections/" + c.id() + "/items?f=html", c.title()});
      }
      Responses.send(
          ctx,
          Responses.Body.of(
              Responses.html(
                  "Collections", links, List.of("id", "title", "items", "description"), rows),
              Responses.HTML,
              Map.of()));
      return;
    }
    List<Object> list = new ArrayList<>();
    for (ApiCollection c : all) {
      list.add(describe(base, c));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(
        "links",
        List.of(
            link(base + "/collections", "self", Responses.JSON, "The collections"),
            link(
                base + "/collections?f=html",
                "alternate",
                Responses.HTML_LINK,
                "The collections as HTML")));
    doc.put("collections", list);
    doc.put("crs", List.of(ItemsQuery.CRS84, ItemsQuery.BNG));
    Responses.send(ctx, Responses.Body.of(Responses.json(doc), Responses.JSON, Map.of()));
  }

  void collection(Context ctx) {
    ApiCollection c = catalogue.collection(ctx.pathParam("collectionId"));
    boolean html = format(ctx, List.of());
    if (html) {
      List<String[]> links =
          List.of(
              new String[] {"/collections/" + c.id() + "/items?f=html", "Items"},
              new String[] {"/collections/" + c.id() + "/items", "Items (GeoJSON)"},
              new String[] {"/collections/" + c.id() + "?f=json", "This collection as JSON"},
              new String[] {"/collections/" + c.id() + "/schema", "Schema (JSON Schema)"},
              new String[] {"/collections/" + c.id() + "/queryables", "Queryables"});
      Responses.send(
          ctx,
          Responses.Body.of(
              Responses.html(
                  c.title(),
                  links,
                  List.of("description", "items", "queryables"),
                  List.of(
                      List.of(
                          c.description(),
                          Integer.toString(c.size()),
                          String.join(", ", c.queryables())))),
              Responses.HTML,
              Map.of()));
      return;
    }
    Responses.send(
        ctx, Responses.Body.of(Responses.json(describe(base(ctx), c)), Responses.JSON, Map.of()));
  }

  /** {@code /collections/{id}/schema}: the features' JSON Schema (Part 5). */
  void schema(Context ctx) {
    ApiCollection c = catalogue.collection(ctx.pathParam("collectionId"));
    jsonOnly(ctx, "the schema");
    Responses.send(
        ctx,
        Responses.Body.of(
            Responses.json(Schemas.schema(base(ctx), c)), Schemas.SCHEMA_JSON, Map.of()));
  }

  /** {@code /collections/{id}/queryables}: what a filter can name (Part 3). */
  void queryables(Context ctx) {
    ApiCollection c = catalogue.collection(ctx.pathParam("collectionId"));
    jsonOnly(ctx, "the queryables");
    Responses.send(
        ctx,
        Responses.Body.of(
            Responses.json(Schemas.queryables(base(ctx), c)), Schemas.SCHEMA_JSON, Map.of()));
  }

  private static void jsonOnly(Context ctx, String what) {
    if (format(ctx, List.of())) {
      throw ApiError.badParameter(
          what + " is served as JSON Schema only; leave out f or give f=json");
    }
  }

  private Map<String, Object> describe(String base, ApiCollection c) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", c.id());
    d.put("title", c.title());
    d.put("description", c.description());
    // an empty collection (no gaps, say) still has the study area as its domain
    Envelope e = c.extentCrs84().isNull() ? catalogue.studyAreaCrs84() : c.extentCrs84();
    Map<String, Object> spatial = new LinkedHashMap<>();
    spatial.put(
        "bbox",
        e.isNull()
            ? List.of()
            : List.of(
                List.of(
                    round(e.getMinX()),
                    round(e.getMinY()),
                    round(e.getMaxX()),
                    round(e.getMaxY()))));
    spatial.put("crs", ItemsQuery.CRS84);
    d.put("extent", Map.of("spatial", spatial));
    d.put("itemType", "feature");
    d.put("itemCount", c.size());
    d.put("crs", List.of(ItemsQuery.CRS84, ItemsQuery.BNG));
    d.put("storageCrs", ItemsQuery.BNG);
    d.put("queryables", c.queryables());
    String self = base + "/collections/" + c.id();
    String items = self + "/items";
    d.put(
        "links",
        List.of(
            link(self, "self", Responses.JSON, c.title()),
            link(self + "?f=html", "alternate", Responses.HTML_LINK, c.title() + " as HTML"),
            link(items, "items", Responses.GEO_JSON, c.title() + " (GeoJSON)"),
            link(items + "?f=html", "items", Responses.HTML_LINK, c.title() + " (HTML)"),
            link(
                self + "/schema",
                "describedby",
                Schemas.SCHEMA_JSON,
                "The schema of the features (OGC API - Features - Part 5)"),
            link(
                self + "/queryables",
                Schemas.QUERYABLES_REL,
                Schemas.SCHEMA_JSON,
                "The properties a filter can use"),
            link(
                base + "/collections/" + c.id() + "/tiles",
                TilesApi.REL_TILESETS_VECTOR,
                Responses.JSON,
                c.title() + ": vector tilesets"),
            link(
                base + "/collections/" + c.id() + "/map",
                MapsApi.REL_MAP,
                MapsApi.PNG,
                c.title() + ": map image (PNG)")));
    return d;
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  // ---- items ----

  void items(Context ctx) {
    // the request as sent is the key: a repeated request skips parsing and rendering
    ApiCollection c = catalogue.collection(ctx.pathParam("collectionId"));
    String key =
        base(ctx) + ctx.path() + "?" + Objects.toString(ctx.queryString(), "") + "#" + c.revision();
    Responses.Body body =
        cache.get(
            key,
            () -> {
              ItemsQuery q = ItemsQuery.parse(ctx.queryParamMap(), c.attributes());
              return itemsBody(base(ctx), c, q, ctx.queryParamMap());
            });
    Responses.send(ctx, revalidated(c, body));
  }

  void item(Context ctx) {
    ApiCollection c = catalogue.collection(ctx.pathParam("collectionId"));
    String featureId = ctx.pathParam("featureId");
    Map<String, List<String>> params = ctx.queryParamMap();
    for (String p : params.keySet()) {
      if (!ITEM_PARAMETERS.contains(p)) {
        throw ApiError.badParameter(
            "unknown parameter '"
                + p
                + "'; a single feature takes "
                + String.join(", ", ITEM_PARAMETERS));
      }
    }
    ItemsQuery q = ItemsQuery.parse(params, c.attributes());
    int index = c.indexOf(featureId);
    if (index < 0) {
      throw ApiError.notFound("no feature '" + featureId + "' in collection " + c.id());
    }
    String key =
        base(ctx) + ctx.path() + "?" + Objects.toString(ctx.queryString(), "") + "#" + c.revision();
    String base = base(ctx);
    Responses.Body body =
        cache.get(
            key,
            () -> {
              Feature f = feature(c, index, q);
              if (q.html()) {
                return Responses.Body.of(
                    htmlTable(
                        c,
                        q,
                        List.of(index),
                        "Feature " + featureId,
                        List.<String[]>of(
                            new String[] {"/collections/" + c.id() + "/items?f=html", c.title()},
                            new String[] {
                              "/collections/"
                                  + c.id()
                                  + "/items/"
                                  + encode(featureId)
                                  + "?"
                                  + withParams(params, Map.of("f", "json")),
                              "This feature as GeoJSON"
                            })),
                    Responses.HTML,
                    Map.of());
              }
              GeoJsonWriter w = GeoJsonWriter.plain(q.crsEpsg(), q.precision());
              byte[] bytes =
                  Responses.stream(
                      g -> {
                        g.writeStartObject();
                        g.writeStringField("type", "Feature");
                        g.writeStringField("id", f.id());
                        writePropertiesAndGeometry(g, f, w);
                        g.writeArrayFieldStart("links");
                        String self =
                            base + "/collections/" + c.id() + "/items/" + encode(featureId);
                        writeLink(g, self, "self", Responses.GEO_JSON, "This feature");
                        writeLink(
                            g,
                            self + "?" + withParams(params, Map.of("f", "html")),
                            "alternate",
                            Responses.HTML_LINK,
                            "This feature as HTML");
                        writeLink(
                            g,
                            base + "/collections/" + c.id(),
                            "collection",
                            Responses.JSON,
                            c.title());
                        g.writeEndArray();
                        g.writeEndObject();
                      });
              return Responses.Body.of(
                  bytes, Responses.GEO_JSON, Map.of("Content-Crs", "<" + uri(q.crsEpsg()) + ">"));
            });
    Responses.send(ctx, revalidated(c, body));
  }

  private Responses.Body itemsBody(
      String base, ApiCollection c, ItemsQuery q, Map<String, List<String>> params) {
    List<Integer> matched = match(c, q);
    int from = Math.min(q.offset(), matched.size());
    int to = (int) Math.min((long) from + q.limit(), matched.size());
    List<Integer> page = matched.subList(from, to);
    String path = base + "/collections/" + c.id() + "/items";
    if (q.html()) {
      List<String[]> links = new ArrayList<>();
      links.add(
          new String[] {
            "/collections/" + c.id() + "/items?" + withParams(params, Map.of("f", "json")),
            "This page as GeoJSON"
          });
      if (to < matched.size()) {
        links.add(
            new String[] {
              "/collections/"
                  + c.id()
                  + "/items?"
                  + withParams(params, Map.of("offset", Integer.toString(to))),
              "Next page"
            });
      }
      if (from > 0) {
        links.add(
            new String[] {
              "/collections/"
                  + c.id()
                  + "/items?"
                  + withParams(
                      params, Map.of("offset", Integer.toString(Math.max(0, from - q.limit())))),
              "Previous page"
            });
      }
      return Responses.Body.of(
          htmlTable(
              c,
              q,
              page,
              c.title()
                  + ": items "
                  + (page.isEmpty() ? 0 : from + 1)
                  + "-"
                  + to
                  + " of "
                  + matched.size(),
              links),
          Responses.HTML,
          Map.of());
    }
    GeoJsonWriter w = GeoJsonWriter.plain(q.crsEpsg(), q.precision());
    byte[] bytes =
        Responses.stream(
            g -> {
              g.writeStartObject();
              g.writeStringField("type", "FeatureCollection");
              g.writeNumberField("numberMatched", matched.size());
              g.writeNumberField("numberReturned", page.size());
              g.writeStringField("timeStamp", catalogue.timeStamp().toString());
              g.writeArrayFieldStart("links");
              writeLink(
                  g,
                  path + "?" + withParams(params, Map.of()),
                  "self",
                  Responses.GEO_JSON,
                  "This page");
              writeLink(
                  g,
                  path + "?" + withParams(params, Map.of("f", "html")),
                  "alternate",
                  Responses.HTML_LINK,
                  "This page as HTML");
              if (to < matched.size()) {
                writeLink(
                    g,
                    path + "?" + withParams(params, Map.of("offset", Integer.toString(to))),
                    "next",
                    Responses.GEO_JSON,
                    "Next page");
              }
              if (from > 0) {
                writeLink(
                    g,
                    path
                        + "?"
                        + withParams(
                            params,
                            Map.of("offset", Integer.toString(Math.max(0, from - q.limit())))),
                    "prev",
                    Responses.GEO_JSON,
                    "Previous page");
              }
              writeLink(
                  g, base + "/collections/" + c.id(), "collection", Responses.JSON, c.title());
              g.writeEndArray();
              g.writeArrayFieldStart("features");
              for (int i : page) {
                Feature f = feature(c, i, q);
                g.writeRaw('\n');
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeStringField("id", f.id());
                writePropertiesAndGeometry(g, f, w);
                g.writeEndObject();
              }
              g.writeEndArray();
              g.writeEndObject();
            });
    return Responses.Body.of(
        bytes, Responses.GEO_JSON, Map.of("Content-Crs", "<" + uri(q.crsEpsg()) + ">"));
  }

  /** The indexes of the features passing the bbox and property filters, in collection order. */
  static List<Integer> match(ApiCollection c, ItemsQuery q) {
    PreparedGeometry box = null;
    Envelope env = q.bbox();
    if (env != null) {
      box = PreparedGeometryFactory.prepare(GeoUtils.FACTORY.toGeometry(env));
    }
    List<Integer> out = new ArrayList<>();
    List<Feature> features = c.layer().features();
    for (int i = 0; i < features.size(); i++) {
      Feature f = features.get(i);
      boolean ok = true;
      for (Map.Entry<String, String> e : q.filters().entrySet()) {
        String v = f.text(e.getKey());
        if (v == null || !v.equals(e.getValue())) {
          ok = false;
          break;
        }
      }
      if (ok && q.filter() != null) {
        int index = i;
        ok =
            q.filter()
                .test(
                    new org.pcnatlas.api.cql.Row() {
                      @Override
                      public Object value(String property) {
                        Object v = f.properties().get(property);
                        return v instanceof java.time.LocalDate d ? d.toString() : v;
                      }

                      @Override
                      public Geometry geometry() {
                        return q.filterCrs() == Crs.WGS84 ? c.crs84(index) : f.geometry();
                      }
                    });
      }
      if (ok && box != null) {
        Geometry g = q.bboxEpsg() == Crs.WGS84 ? c.crs84(i) : f.geometry();
        ok =
            g != null
                && !g.isEmpty()
                && env.intersects(g.getEnvelopeInternal())
                && box.intersects(g);
      }
      if (ok) {
        out.add(i);
      }
    }
    if (!q.sortby().isEmpty()) {
      // List.sort is stable: features equal on every key keep collection order, so pages under
      // a sort are stable too
      out.sort(sortOrder(features, q.sortby()));
    }
    return out;
  }

  /**
   * The order of {@code sortby}: key by key, numbers as numbers, text by its characters (code point
   * order), false before true; a feature without a value sorts after those with one, in either
   * direction.
   */
  static java.util.Comparator<Integer> sortOrder(
      List<Feature> features, List<ItemsQuery.SortKey> keys) {
    return (a, b) -> {
      for (ItemsQuery.SortKey k : keys) {
        Object va = features.get(a).properties().get(k.property());
        Object vb = features.get(b).properties().get(k.property());
        if (va == null || vb == null) {
          if (va != vb) {
            return va == null ? 1 : -1;
          }
          continue;
        }
        int c = compareValues(va, vb);
        if (c != 0) {
          return k.ascending() ? c : -c;
        }
      }
      return 0;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Comparable x && a.getClass() == b.getClass()) {
      return x.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }

  private static Feature feature(ApiCollection c, int index, ItemsQuery q) {
    Feature f = c.layer().features().get(index);
    Map<String, Object> properties = f.properties();
    if (q.properties() != null) {
      properties = new LinkedHashMap<>();
      for (String p : q.properties()) {
        properties.put(p, f.properties().get(p));
      }
    }
    return new Feature(f.index(), f.id(), c.served(index, q.crsEpsg(), q.simplify()), properties);
  }

  private static void writePropertiesAndGeometry(JsonGenerator g, Feature f, GeoJsonWriter w)
      throws IOException {
    // the feature object is already open: let the writer emit properties and geometry into it
    w.writeMembers(g, f);
  }

  private static byte[] htmlTable(
      ApiCollection c, ItemsQuery q, List<Integer> indexes, String title, List<String[]> links) {
    List<String> header =
        q.properties() != null ? q.properties() : new ArrayList<>(c.layer().attributes().keySet());
    List<List<String>> rows = new ArrayList<>();
    for (int i : indexes) {
      Feature f = c.layer().features().get(i);
      List<String> row = new ArrayList<>();
      for (String h : header) {
        row.add(CsvWriter.text(f.properties().get(h)));
      }
      rows.add(row);
    }
    return Responses.html(title, links, header, rows);
  }

  // ---- shared helpers ----

  /** Checks {@code f} and that no parameter but {@code f} and {@code allowed} is given. */
  /**
   * A scenario's layer changes with each version under the same URL: clients must revalidate (the
   * ETag makes that cheap) rather than keep it for a minute.
   */
  static Responses.Body revalidated(ApiCollection c, Responses.Body body) {
    if (c.revision().isEmpty()) {
      return body;
    }
    Map<String, String> headers = new LinkedHashMap<>(body.headers());
    headers.put("Cache-Control", "no-cache");
    return new Responses.Body(body.bytes(), body.contentType(), body.etag(), headers);
  }

  static boolean format(Context ctx, List<String> allowed) {
    for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
      if (!p.getKey().equals("f") && !allowed.contains(p.getKey())) {
        List<String> all = new ArrayList<>(List.of("f"));
        all.addAll(allowed);
        throw ApiError.badParameter(
            "unknown parameter '"
                + p.getKey()
                + "'; this resource takes "
                + String.join(", ", all));
      }
    }
    List<String> f = ctx.queryParamMap().get("f");
    if (f == null || f.isEmpty()) {
      return false;
    }
    if (f.size() > 1) {
      throw ApiError.badParameter("parameter 'f' is given more than once");
    }
    if (!f.get(0).equals("json") && !f.get(0).equals("html")) {
      throw ApiError.badParameter("f must be json or html, not '" + f.get(0) + "'");
    }
    return f.get(0).equals("html");
  }

  static String base(Context ctx) {
    return ctx.scheme() + "://" + ctx.host();
  }

  static String uri(int epsg) {
    return epsg == Crs.WGS84 ? ItemsQuery.CRS84 : ItemsQuery.BNG;
  }

  static Map<String, Object> link(String href, String rel, String type, String title) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("href", href);
    l.put("rel", rel);
    l.put("type", type);
    l.put("title", title);
    return l;
  }

  static void writeLink(JsonGenerator g, String href, String rel, String type, String title)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("href", href);
    g.writeStringField("rel", rel);
    g.writeStringField("type", type);
    g.writeStringField("title", title);
    g.writeEndObject();
  }

  /** The request's parameters with some replaced, as a query string in a stable order. */
  static String withParams(Map<String, List<String>> params, Map<String, String> replace) {
    Map<String, String> all = new TreeMap<>();
    params.forEach((k, v) -> all.put(k, v.isEmpty() ? "" : v.get(0)));
    all.putAll(replace);
    if (replace.containsKey("f") && replace.get("f").equals("json")) {
      all.remove("f");
    }
    StringBuilder sb = new StringBuilder();
    all.forEach(
        (k, v) -> {
          if (sb.length() > 0) {
            sb.append('&');
          }
          sb.append(encode(k)).append('=').append(encode(v));
        });
    return sb.toString();
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
