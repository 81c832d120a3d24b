package org.pcnatlas.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OpenAPI 3.0 definition of every route and parameter, made from the catalogue. */
final class OpenApiDoc {
  private OpenApiDoc() {}

  static Map<String, Object> build(Catalogue catalogue, String base) {
    return build(catalogue, base, false);
  }

  /**
   * @param scenarios true when the server takes scenarios: their routes, the bearer token they need
   *     and their collections are described too
   */
  static Map<String, Object> build(Catalogue catalogue, String base, boolean scenarios) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put(
        "info",
        Map.of(
            "title", "pcn-atlas",
            "version", org.pcnatlas.analysis.Summary.versions().get("pcn-atlas"),
            "description",
                "Primary Care Network catchments as OGC API - Features, and the analysis tables."));
    doc.put("servers", List.of(Map.of("url", base)));
    Map<String, Object> paths = new LinkedHashMap<>();
    paths.put("/", get("Landing page", List.of(f("json", "html")), "application/json"));
    paths.put("/conformance", get("Conformance classes", List.of(f("json")), "application/json"));
    paths.put("/api", get("This API definition", List.of(), Responses.OPENAPI));
    paths.put(
        "/collections", get("The collections", List.of(f("json", "html")), "application/json"));
    for (ApiCollection c : catalogue.collections()) {
      String p = "/collections/" + c.id();
      paths.put(
          p, get(c.title() + ": description", List.of(f("json", "html")), "application/json"));
      List<Map<String, Object>> params = itemsParameters();
      for (String q : c.queryables()) {
        params.add(query(q, "equality filter on " + q, Map.of("type", "string")));
      }
      paths.put(p + "/items", get(c.title() + ": items", params, "application/geo+json"));
      List<Map<String, Object>> one = new ArrayList<>();
      one.add(
          Map.of(
              "name",
              "featureId",
              "in",
              "path",
              "required",
              true,
              "schema",
              Map.of("type", "string")));
      one.add(query("crs", "output CRS", enumOf(ItemsQuery.CRS84, ItemsQuery.BNG)));
      one.add(f("json", "html"));
      one.add(query("simplify", "tolerance in metres", number(0, ItemsQuery.MAX_SIMPLIFY)));
      one.add(query("precision", "decimals", integer(0, ItemsQuery.MAX_PRECISION)));
      one.add(properties());
      paths.put(
          p + "/items/{featureId}", get(c.title() + ": one item", one, "application/geo+json"));
      paths.put(
          p + "/schema",
          get(c.title() + ": the features' JSON Schema", List.of(f("json")), Schemas.SCHEMA_JSON));
      paths.put(
          p + "/queryables",
          get(
              c.title() + ": the queryable properties (JSON Schema)",
              List.of(f("json")),
              Schemas.SCHEMA_JSON));
    }
    StringBuilder methods = new StringBuilder("one of the catchment methods run (default: all):");
    for (Map<String, Object> m : Catalogue.describeMethods(catalogue.methods())) {
      methods
          .append(" `")
          .append(m.get("id"))
          .append("`: ")
          .append(m.get("title"))
          .append(m.get("description").toString().isEmpty() ? "" : ", " + m.get("description"));
    }
    Map<String, Object> method =
        query("method", methods.toString(), enumOf(catalogue.methods().toArray(String[]::new)));
    paths.put("/analysis/summary", get("Run summary", List.of(f("json")), "application/json"));
    paths.put(
        "/analysis/pcns",
        get("Per-PCN figures", List.of(method, f("json", "csv")), "application/json"));
    paths.put(
        "/analysis/pcns/{pcnCode}",
        get(
            "One PCN: figures, practices, alignment",
            List.of(
                Map.of(
                    "name",
                    "pcnCode",
                    "in",
                    "path",
                    "required",
                    true,
                    "schema",
                    Map.of("type", "string")),
                method,
                f("json")),
            "application/json"));
    paths.put(
        "/analysis/alignment",
        get(
            "PCN x area pairs",
            List.of(
                method,
                query(
                    "layer",
                    "an area layer",
                    enumOf(
                        catalogue.result().layers().stream()
                            .map(l -> l.name())
                            .toArray(String[]::new))),
                f("json", "csv")),
            "application/json"));
    paths.put(
        "/analysis/coverage",
        get("Gaps, overlaps and outsiders", List.of(method, f("json", "csv")), "application/json"));
    paths.put("/map", get("The planners' catchment map", List.of(), "text/html"));
    mapPaths(paths, method, catalogue, scenarios);
    paths.putAll(TilesApi.openApiPaths(catalogue));
    if (scenarios) {
      scenarioPaths(paths, method);
    }
    doc.put("paths", paths);
    doc.put(
        "components",
        Map.of(
            "securitySchemes",
            Map.of(
                "writeToken",
                Map.of(
                    "type",
                    "http",
                    "scheme",
                    "bearer",
                    "description",
                    "the token serve was started with (--write-token or PCN_ATLAS_WRITE_TOKEN)")),
            "schemas",
            Map.of(
                "exception",
                Map.of(
                    "type", "object",
                    "required", List.of("code", "description"),
                    "properties",
                        Map.of(
                            "code", Map.of("type", "string"),
                            "description", Map.of("type", "string"))))));
    return doc;
  }

  /** The map images (OGC API - Maps) and the styles and scales the page and the renderer share. */
  private static void mapPaths(
      Map<String, Object> paths,
      Map<String, Object> method,
      Catalogue catalogue,
      boolean scenarios) {
    String[] crs = {ItemsQuery.CRS84, ItemsQuery.BNG, MapQuery.EPSG_3857};
    Map<String, Object> size =
        Map.of("type", "integer", "minimum", 1, "maximum", org.pcnatlas.render.MapView.MAX_SIZE);
    List<Map<String, Object>> common =
        new ArrayList<>(
            List.of(
                query(
                    "bbox",
                    "the box to draw, minx,miny,maxx,maxy in bbox-crs (default: the data's extent)",
                    Map.of(
                        "type",
                        "array",
                        "minItems",
                        4,
                        "maxItems",
                        4,
                        "items",
                        Map.of("type", "number"))),
                query("bbox-crs", "the CRS of bbox (default CRS84)", enumOf(crs)),
                query("crs", "the CRS the map is drawn in", enumOf(crs)),
                query("width", "pixels (default " + MapQuery.DEFAULT_WIDTH + ")", size),
                query("height", "pixels (default: from the box's shape)", size),
                query(
                    "bgcolor",
                    "background colour, 0xRRGGBB or a CSS name",
                    Map.of("type", "string")),
                query("transparent", "a transparent background", Map.of("type", "boolean")),
                query("f", "the format", enumOf("png")),
                query(
                    "colour-by",
                    "what a catchment's fill shows (the modes of /map/scales.json)",
                    Map.of("type", "string")),
                query(
                    "decorations",
                    "what is drawn over the map, comma-separated, or none",
                    Map.of(
                        "type",
                        "array",
                        "items",
                        enumOf(
                            java.util.Arrays.stream(MapQuery.Decoration.values())
                                .map(d -> d.id)
                                .toArray(String[]::new)))),
                query("title", "the title drawn over the map", Map.of("type", "string"))));
    List<String> ids = catalogue.collections().stream().map(ApiCollection::id).toList();
    List<Map<String, Object>> collection = new ArrayList<>(common);
    collection.add(0, path("collectionId", Map.of("type", "string", "enum", ids)));
    paths.put(
        "/collections/{collectionId}/map",
        get("A collection drawn in its own style (OGC API - Maps)", collection, "image/png"));
    List<Map<String, Object>> view = new ArrayList<>(common);
    view.add(
        query(
            "layers",
            "the collections to draw, bottom first, comma-separated",
            Map.of("type", "array", "items", Map.of("type", "string", "enum", ids))));
    view.add(method);
    if (scenarios) {
      view.add(query("scenario", "a stored scenario's id", Map.of("type", "string")));
    }
    paths.put(
        "/map.png",
        get(
            "The planners' map view as a picture: a method's catchments coloured as the page"
                + " colours them, with legend, scale bar, north arrow and sources",
            view,
            "image/png"));
    paths.put(
        "/map/styles.json",
        get(
            "The map's styles, read by the page and the renderer alike",
            List.of(),
            "application/json"));
    paths.put(
        "/map/scales.json",
        get("A method's colour scales, one per colour mode", List.of(method), "application/json"));
  }

  /** The scenario routes: reads open, writes with the bearer token. */
  private static void scenarioPaths(Map<String, Object> paths, Map<String, Object> method) {
    Map<String, Object> id = path("id");
    Map<String, Object> list =
        new LinkedHashMap<>(get("The scenarios", List.of(), "application/json"));
    list.put(
        "post",
        write(
            "Create a scenario from {name, description, changes}",
            List.of(),
            "201",
            "Created; Location names it, ETag is its version"));
    paths.put("/scenarios", list);
    Map<String, Object> one =
        new LinkedHashMap<>(get("One scenario with its changes", List.of(id), "application/json"));
    one.put(
        "delete",
        write(
            "Delete a scenario (If-Match optional)",
            List.of(id, header("If-Match", false)),
            "204",
            "Deleted"));
    paths.put("/scenarios/{id}", one);
    paths.put(
        "/scenarios/{id}/changes",
        Map.of(
            "put",
            write(
                "Replace the changes; If-Match must be the version read",
                List.of(id, header("If-Match", true)),
                "200",
                "Stored; ETag is the new version")));
    Map<String, Object> proposals =
        new LinkedHashMap<>(get("The last proposals, newest first", List.of(), "application/json"));
    proposals.put(
        "post",
        write(
            "Start a proposal from a specification (docs/proposals.md); it runs in the background",
            List.of(),
            "202",
            "Accepted; Location names /proposals/{id}"));
    paths.put("/proposals", proposals);
    paths.put(
        "/proposals/{id}",
        get(
            "A proposal's status and progress; when done, its report, changes and stored scenario",
            List.of(id),
            "application/json"));
    paths.put(
        "/scenarios/{id}/comparison",
        get(
            "Before and after, per PCN and per district",
            List.of(
                id,
                method,
                f("json", "csv"),
                query("table", "the CSV table", enumOf("pcns", "districts"))),
            "application/json"));
    List<Map<String, Object>> items = new ArrayList<>(List.of(id, path("method")));
    items.addAll(itemsParameters());
    paths.put(
        "/collections/scenario-{id}-catchments-{method}/items",
        get("A scenario's catchments", items, "application/geo+json"));
  }

  /** The parameters every items operation takes (OGC 17-069r4 7.15.2-7.15.4, and ours). */
  private static List<Map<String, Object>> itemsParameters() {
    List<Map<String, Object>> params = new ArrayList<>();
    params.add(
        query(
            "bbox",
            "minx,miny,maxx,maxy (or minx,miny,minz,maxx,maxy,maxz) in bbox-crs (default CRS84"
                + " lon/lat); heights select nothing (the features have none)",
            array()));
    params.add(query("bbox-crs", "CRS of bbox", enumOf(ItemsQuery.CRS84, ItemsQuery.BNG)));
    params.add(
        query(
            "datetime",
            "an RFC 3339 instant or interval (start/end, '..' for an open end); no feature has a"
                + " temporal geometry, so every valid value matches every feature",
            Map.of("type", "string")));
    params.add(
        query(
            "limit",
            "items per page (default 100; more than 10000 is an error)",
            integer(1, ItemsQuery.MAX_LIMIT)));
    params.add(query("offset", "items to skip", integer(0, Integer.MAX_VALUE)));
    params.add(query("crs", "output CRS", enumOf(ItemsQuery.CRS84, ItemsQuery.BNG)));
    params.add(f("json", "html"));
    params.add(
        query(
            "simplify",
            "tolerance in metres; coverages are simplified together (no gaps or overlaps)",
            number(0, ItemsQuery.MAX_SIMPLIFY)));
    params.add(query("precision", "decimals of coordinates", integer(0, ItemsQuery.MAX_PRECISION)));
    params.add(
        query(
            "sortby",
            "properties to sort by, comma-separated, each with + (ascending, the default) or -"
                + " (descending); ties keep the collection's order",
            Map.of("type", "array", "minItems", 1, "items", Map.of("type", "string"))));
    params.add(properties());
    params.add(
        query(
            "filter",
            "a CQL2 filter (OGC API - Features - Part 3) on the queryables"
                + " (/collections/{id}/queryables): comparisons, AND/OR/NOT, LIKE, IN, BETWEEN,"
                + " IS NULL, S_INTERSECTS(geometry, POINT/POLYGON/BBOX(...))",
            Map.of("type", "string")));
    params.add(
        query(
            "filter-lang",
            "the language of filter (default cql2-text)",
            enumOf(ItemsQuery.FILTER_LANGS.toArray(String[]::new))));
    params.add(
        query(
            "filter-crs",
            "the CRS of the filter's geometries (default CRS84)",
            enumOf(ItemsQuery.CRS84, ItemsQuery.BNG)));
    return params;
  }

  private static Map<String, Object> properties() {
    return query(
        "properties",
        "the properties to return, comma-separated (default: all)",
        Map.of("type", "array", "minItems", 1, "items", Map.of("type", "string")));
  }

  private static Map<String, Object> write(
      String summary, List<Map<String, Object>> params, String status, String ok) {
    Map<String, Object> error =
        Map.of(
            "application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/exception")));
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put(status, Map.of("description", ok));
    responses.put("401", Map.of("description", "No or a wrong bearer token", "content", error));
    responses.put("404", Map.of("description", "No such scenario", "content", error));
    responses.put(
        "409", Map.of("description", "Changed by someone else since read", "content", error));
    responses.put("413", Map.of("description", "Body over the size limit", "content", error));
    responses.put(
        "422",
        Map.of(
            "description",
            "Malformed JSON, an unknown change type or codes that do not fit; field names it",
            "content",
            error));
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("summary", summary);
    op.put("parameters", params);
    op.put("security", List.of(Map.of("writeToken", List.of())));
    if (!status.equals("204")) {
      op.put(
          "requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of())));
    }
    op.put("responses", responses);
    return op;
  }

  private static Map<String, Object> path(String name) {
    return path(name, Map.of("type", "string"));
  }

  /** A path parameter with its schema (the tiles' parameters use it too). */
  static Map<String, Object> path(String name, Map<String, Object> schema) {
    return Map.of("name", name, "in", "path", "required", true, "schema", schema);
  }

  private static Map<String, Object> header(String name, boolean required) {
    return Map.of(
        "name", name, "in", "header", "required", required, "schema", Map.of("type", "string"));
  }

  private static Map<String, Object> get(
      String summary, List<Map<String, Object>> params, String type) {
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put("200", Map.of("description", "OK", "content", Map.of(type, Map.of())));
    responses.put("304", Map.of("description", "Not modified (If-None-Match matched the ETag)"));
    Map<String, Object> error =
        Map.of(
            "application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/exception")));
    responses.put(
        "400", Map.of("description", "A bad parameter, named in the body", "content", error));
    responses.put("404", Map.of("description", "No such resource", "content", error));
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("summary", summary);
    op.put("parameters", params);
    op.put("responses", responses);
    return Map.of("get", op);
  }

  private static Map<String, Object> query(
      String name, String description, Map<String, Object> schema) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("in", "query");
    p.put("required", false);
    p.put("description", description);
    p.put("schema", schema);
    // as the standard's OpenAPI fragments give them (bbox, limit, datetime, ...)
    p.put("style", "form");
    p.put("explode", false);
    return p;
  }

  private static Map<String, Object> f(String... values) {
    return query("f", "output format", enumOf(values));
  }

  private static Map<String, Object> enumOf(String... values) {
    return Map.of("type", "string", "enum", List.of(values));
  }

  private static Map<String, Object> integer(int min, int max) {
    return Map.of("type", "integer", "minimum", min, "maximum", max);
  }

  private static Map<String, Object> number(double min, double max) {
    return Map.of("type", "number", "minimum", min, "maximum", max);
  }

  private static Map<String, Object> array() {
    return Map.of("type", "array", "minItems", 4, "maxItems", 6, "items", Map.of("type", "number"));
  }
}
