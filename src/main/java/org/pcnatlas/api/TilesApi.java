package org.pcnatlas.api;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;
import org.pcnatlas.api.tiles.TileCache;
import org.pcnatlas.api.tiles.TileLayer;
import org.pcnatlas.api.tiles.WebMercatorQuad;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.model.Feature;

/**
 * OGC API - Tiles Part 1 over the collections: the WebMercatorQuad tile matrix set, each
 * collection's vector tileset (its metadata and limits) and its tiles as Mapbox Vector Tiles
 * ({@link TileLayer}), kept in a {@link TileCache} with an ETag each.
 *
 * <p>A tile within the tileset's limits that no feature reaches is answered {@code 204 No Content}
 * (OGC API - Tiles /req/core/tc-error B allows 204 or an empty 200): the client learns there is
 * nothing without decoding a body, and the answer is cached and revalidated as any other. A
 * tileMatrix, tileRow or tileCol that is not a non-negative integer is a 400; one outside the tile
 * matrix or the tileset's limits is a 404 (/req/core/tc-error A); both name the parameter.
 */
final class TilesApi {
  /**
   * The OGC API - Tiles conformance classes served (the landing page's /conformance lists them).
   */
  static final List<String> CONFORMANCE =
      List.of(
          "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
          "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
          "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
          "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
          "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
          "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30");

  static final String MVT = "application/vnd.mapbox-vector-tile";
  static final String REL_TILESETS_VECTOR =
      "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
  static final String REL_TILING_SCHEMES = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes";
  static final String REL_TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";

  /** The tile matrices served: 0 (the world) to 16 (streets; a pixel is about 1.5 m here). */
  static final int MIN_ZOOM = 0;

  static final int MAX_ZOOM = 16;

  /** The tile cache's budget. */
  static final long CACHE_BYTES = 128L << 20;

  /** How many collections' tile layers (reprojected and simplified geometries) are kept. */
  private static final int KEPT_LAYERS = 32;

  private static final Pattern INTEGER = Pattern.compile("[0-9]{1,9}");

  private final Catalogue catalogue;
  private final TileCache<Rendered> cache;
  private final Map<String, TileLayer> layers =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TileLayer> eldest) {
          return size() > KEPT_LAYERS;
        }
      };

  TilesApi(Catalogue catalogue) {
    this(catalogue, CACHE_BYTES);
  }

  TilesApi(Catalogue catalogue, long cacheBytes) {
    this.catalogue = catalogue;
    this.cache = new TileCache<>(cacheBytes, Rendered::bytes);
  }

  // ---- the tile matrix sets ----

  void tileMatrixSets(Context ctx) {
    json(ctx);
    String base = OgcApi.base(ctx);
    Map<String, Object> tms = new LinkedHashMap<>();
    tms.put("id", WebMercatorQuad.ID);
    tms.put("title", "Google Maps Compatible for the World");
    tms.put("uri", WebMercatorQuad.URI);
    tms.put("crs", WebMercatorQuad.CRS_URI);
    tms.put(
        "links",
        List.of(
            OgcApi.link(
                base + "/tileMatrixSets/" + WebMercatorQuad.ID,
                REL_TILING_SCHEME,
                Responses.JSON,
                "The WebMercatorQuad tile matrix set")));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(
        "links",
        List.of(OgcApi.link(base + "/tileMatrixSets", "self", Responses.JSON, "Tile matrix sets")));
    doc.put("tileMatrixSets", List.of(tms));
    send(ctx, doc);
  }

  void tileMatrixSet(Context ctx) {
    json(ctx);
    tileMatrixSetId(ctx.pathParam("tileMatrixSetId"));
    Map<String, Object> doc = new LinkedHashMap<>(WebMercatorQuad.definition());
    doc.put(
        "links",
        List.of(
            OgcApi.link(
                OgcApi.base(ctx) + "/tileMatrixSets/" + WebMercatorQuad.ID,
                "self",
                Responses.JSON,
                "This tile matrix set")));
    send(ctx, doc);
  }

  // ---- a collection's tilesets ----

  void tilesets(Context ctx) {
    ApiCollection c = catalogue.collection(ctx.pathParam("collectionId"));
    json(ctx);
    String base = OgcApi.base(ctx);
    String tiles = base + "/collections/" + c.id() + "/tiles";
    Map<String, Object> tileset = new LinkedHashMap<>();
    tileset.put("title", c.title());
    tileset.put("dataType", "vector");
    tileset.put("crs", WebMercatorQuad.CRS_URI);
    tileset.put("tileMatrixSetURI", WebMercatorQuad.URI);
    tileset.put("links", tilesetLinks(base, c, "self"));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(
        "links",
        List.of(
            OgcApi.link(tiles, "self", Responses.JSON, c.title() + ": tilesets"),
            OgcApi.link(base + "/collections/" + c.id(), "collection", Responses.JSON, c.title())));
    doc.put("tilesets", List.of(tileset));
    send(ctx, c, doc);
  }

  void tileset(Context ctx) {
    ApiCollection c = catalogue.collection(ctx.pathParam("collectionId"));
    json(ctx);
    tileMatrixSetId(ctx.pathParam("tileMatrixSetId"));
    String base = OgcApi.base(ctx);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("title", c.title());
    doc.put("description", c.description());
    doc.put("dataType", "vector");
    doc.put("crs", WebMercatorQuad.CRS_URI);
    doc.put("tileMatrixSetURI", WebMercatorQuad.URI);
    List<Map<String, Object>> limits = new ArrayList<>();
    for (int z = MIN_ZOOM; z <= MAX_ZOOM; z++) {
      limits.add(limits(c, z).json());
    }
    doc.put("tileMatrixSetLimits", limits);
    Envelope e = extent(c);
    if (!e.isNull()) {
      doc.put(
          "boundingBox",
          Map.of(
              "lowerLeft", List.of(e.getMinX(), e.getMinY()),
              "upperRight", List.of(e.getMaxX(), e.getMaxY()),
              "crs", Crs.CRS84_URI));
    }
    Map<String, Object> layer = new LinkedHashMap<>();
    layer.put("id", c.id());
    layer.put("title", c.title());
    layer.put("description", c.description());
    layer.put("dataType", "vector");
    Integer dimension = geometryDimension(c);
    if (dimension != null) {
      layer.put("geometryDimension", dimension);
    }
    layer.put("minTileMatrix", Integer.toString(MIN_ZOOM));
    layer.put("maxTileMatrix", Integer.toString(MAX_ZOOM));
    layer.put("propertiesSchema", propertiesSchema(c));
    doc.put("layers", List.of(layer));
    doc.put("links", tilesetLinks(base, c, "self"));
    send(ctx, c, doc);
  }

  private static List<Map<String, Object>> tilesetLinks(String base, ApiCollection c, String rel) {
    String tileset = base + "/collections/" + c.id() + "/tiles/" + WebMercatorQuad.ID;
    Map<String, Object> item =
        OgcApi.link(
            tileset + "/{tileMatrix}/{tileRow}/{tileCol}",
            "item",
            MVT,
            c.title() + ": a tile (Mapbox Vector Tile)");
    item.put("templated", true);
    return List.of(
        OgcApi.link(tileset, rel, Responses.JSON, c.title() + ": the WebMercatorQuad tileset"),
        OgcApi.link(
            base + "/tileMatrixSets/" + WebMercatorQuad.ID,
            REL_TILING_SCHEME,
            Responses.JSON,
            "The WebMercatorQuad tile matrix set"),
        item,
        OgcApi.link(base + "/collections/" + c.id(), "collection", Responses.JSON, c.title()));
  }

  // ---- tiles ----

  void tile(Context ctx) {
    ApiCollection c = catalogue.collection(ctx.pathParam("collectionId"));
    for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
      if (!p.getKey().equals("f")) {
        throw ApiError.badParameter(
            "unknown parameter '" + p.getKey() + "'; a tile takes only f (mvt)");
      }
      if (p.getValue().size() != 1 || !p.getValue().get(0).equals("mvt")) {
        throw ApiError.badParameter("f must be mvt for a tile, not '" + p.getValue() + "'");
      }
    }
    WebMercatorQuad.Tile t =
        address(
            ctx.pathParam("tileMatrixSetId"),
            ctx.pathParam("tileMatrix"),
            ctx.pathParam("tileRow"),
            ctx.pathParam("tileCol"),
            z -> limits(c, z));
    String key = c.id() + "#" + c.revision() + "/" + t;
    Rendered rendered = cache.get(key, () -> Rendered.of(layer(c).render(t)));
    Responses.Body body =
        rendered.gzip() != null && acceptsGzip(ctx.header("Accept-Encoding"))
            ? rendered.gzip()
            : rendered.plain();
    Responses.send(ctx, OgcApi.revalidated(c, body));
    if (body.bytes().length == 0 && ctx.statusCode() != 304) {
      ctx.status(204); // no feature reaches the tile
      ctx.removeHeader("Content-Type");
    }
  }

  /**
   * A rendered tile, and the same gzipped once when that saves bytes: the compression is done once
   * per tile, not per response (Javalin leaves a body with its Content-Encoding as it is).
   */
  record Rendered(Responses.Body plain, Responses.Body gzip) {
    static final int MIN_GZIP = 1024;

    static Rendered of(byte[] tile) {
      Map<String, String> vary = Map.of("Vary", "Accept-Encoding");
      Responses.Body plain = Responses.Body.of(tile, MVT, vary);
      if (tile.length < MIN_GZIP) {
        return new Rendered(plain, null);
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(tile.length / 2);
      try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
        gz.write(tile);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      byte[] zipped = out.toByteArray();
      if (zipped.length >= tile.length) {
        return new Rendered(plain, null);
      }
      return new Rendered(
          plain,
          Responses.Body.of(
              zipped, MVT, Map.of("Vary", "Accept-Encoding", "Content-Encoding", "gzip")));
    }

    long bytes() {
      return plain.bytes().length + (gzip == null ? 0 : gzip.bytes().length) + 256L;
    }
  }

  /** True when an Accept-Encoding header takes gzip (not with q=0). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] p = part.strip().split(";");
      String coding = p[0].strip();
      if (coding.equalsIgnoreCase("gzip") || coding.equals("*")) {
        for (int i = 1; i < p.length; i++) {
          String q = p[i].strip().replace(" ", "");
          if (q.matches("q=0(\\.0{0,3})?")) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  /**
   * The tile the path names, or an error naming the parameter at fault: 400 when a tileMatrix,
   * tileRow or tileCol is not a non-negative integer, 404 when the tile matrix set is not
   * WebMercatorQuad, the tile matrix is not served, or the row or column is outside the matrix or
   * the tileset's limits.
   *
   * @param limits the tileset's limits of a tile matrix
   */
  static WebMercatorQuad.Tile address(
      String tileMatrixSetId,
      String tileMatrix,
      String tileRow,
      String tileCol,
      IntFunction<WebMercatorQuad.Limits> limits) {
    tileMatrixSetId(tileMatrixSetId);
    int z = integer("tileMatrix", tileMatrix, "the tile matrix (zoom level)");
    int row = integer("tileRow", tileRow, "the row, counted from the top");
    int col = integer("tileCol", tileCol, "the column, counted from the left");
    if (z < MIN_ZOOM || z > MAX_ZOOM) {
      throw new ApiError(
          404,
          "NotFound",
          "tileMatrix "
              + z
              + " is not served; the tileset has the tile matrices "
              + MIN_ZOOM
              + " to "
              + MAX_ZOOM,
          "tileMatrix");
    }
    int n = WebMercatorQuad.matrixSize(z);
    WebMercatorQuad.Limits l = limits.apply(z);
    check("tileRow", row, n, "rows", l.minRow(), l.maxRow(), z);
    check("tileCol", col, n, "columns", l.minCol(), l.maxCol(), z);
    return new WebMercatorQuad.Tile(z, row, col);
  }

  private static void check(
      String field, int value, int matrixSize, String what, int min, int max, int z) {
    if (value >= matrixSize) {
      throw new ApiError(
          404,
          "NotFound",
          field
              + " "
              + value
              + " is outside tile matrix "
              + z
              + ", whose "
              + what
              + " are 0 to "
              + (matrixSize - 1),
          field);
    }
    if (value < min || value > max) {
      throw new ApiError(
          404,
          "NotFound",
          field
              + " "
              + value
              + " is outside the tileset's limits: at tile matrix "
              + z
              + " its "
              + what
              + " are "
              + min
              + " to "
              + max
              + " (tileMatrixSetLimits in the tileset metadata)",
          field);
    }
  }

  private static int integer(String field, String text, String meaning) {
    if (!INTEGER.matcher(text).matches()) {
      throw new ApiError(
          400,
          "InvalidParameterValue",
          field + " must be a non-negative integer, " + meaning + ", not '" + text + "'",
          field);
    }
    return Integer.parseInt(text);
  }

  private static void tileMatrixSetId(String id) {
    if (!id.equals(WebMercatorQuad.ID)) {
      throw new ApiError(
          404,
          "NotFound",
          "no tile matrix set '" + id + "'; the one offered is " + WebMercatorQuad.ID,
          "tileMatrixSetId");
    }
  }

  /** The tileset's limits of one tile matrix: the tiles its extent touches. */
  WebMercatorQuad.Limits limits(ApiCollection c, int zoom) {
    return WebMercatorQuad.limits(extent(c), zoom);
  }

  /**
   * The collection's CRS84 extent; the study area's for an empty collection (as in /collections).
   */
  private Envelope extent(ApiCollection c) {
    return c.extentCrs84().isNull() ? catalogue.studyAreaCrs84() : c.extentCrs84();
  }

  /** The collection's tile layer, made on first use from its CRS84 geometries. */
  private TileLayer layer(ApiCollection c) {
    String key = c.id() + "#" + c.revision();
    synchronized (layers) {
      return layers.computeIfAbsent(
          key,
          k ->
              new TileLayer(
                  c.id(),
                  c.layer().features(),
                  () -> IntStream.range(0, c.size()).mapToObj(c::crs84).toList(),
                  Crs.WGS84,
                  c.coverage(),
                  MAX_ZOOM));
    }
  }

  private static Integer geometryDimension(ApiCollection c) {
    Integer d = null;
    for (Feature f : c.layer().features()) {
      Geometry g = f.geometry();
      if (g == null || g.isEmpty()) {
        continue;
      }
      int k = g instanceof Puntal ? 0 : g instanceof Lineal ? 1 : g instanceof Polygonal ? 2 : -1;
      if (d != null && d != k || k < 0) {
        return null;
      }
      d = k;
    }
    return d;
  }

  /** The properties every tile's features carry, as JSON Schema. */
  private static Map<String, Object> propertiesSchema(ApiCollection c) {
    Map<String, Object> properties = new LinkedHashMap<>();
    if (!c.layer().attributes().containsKey("id")) {
      properties.put("id", Map.of("type", "string", "description", "the feature's id"));
    }
    c.layer()
        .attributes()
        .forEach(
            (name, type) ->
                properties.put(
                    name,
                    switch (type) {
                      case STRING -> Map.of("type", "string");
                      case INTEGER -> Map.of("type", "integer");
                      case REAL -> Map.of("type", "number");
                      case BOOLEAN -> Map.of("type", "boolean");
                      case DATE -> Map.of("type", "string", "format", "date");
                    }));
    return Map.of("type", "object", "properties", properties);
  }

  // ---- helpers ----

  /** Checks that no parameter but f=json is given (the documents have no HTML form). */
  private static void json(Context ctx) {
    if (OgcApi.format(ctx, List.of())) {
      throw ApiError.badParameter("f must be json here, not 'html'");
    }
  }

  private static void send(Context ctx, Map<String, Object> doc) {
    Responses.send(ctx, Responses.Body.of(Responses.json(doc), Responses.JSON, Map.of()));
  }

  private static void send(Context ctx, ApiCollection c, Map<String, Object> doc) {
    Responses.send(
        ctx,
        OgcApi.revalidated(c, Responses.Body.of(Responses.json(doc), Responses.JSON, Map.of())));
  }

  // ---- the OpenAPI definition ----

  /** The tile paths of the OpenAPI 3.0 definition. */
  static Map<String, Object> openApiPaths(Catalogue catalogue) {
    List<String> ids = catalogue.collections().stream().map(ApiCollection::id).toList();
    Map<String, Object> collectionId =
        OpenApiDoc.path("collectionId", Map.of("type", "string", "enum", ids));
    Map<String, Object> tms =
        OpenApiDoc.path(
            "tileMatrixSetId", Map.of("type", "string", "enum", List.of(WebMercatorQuad.ID)));
    Map<String, Object> paths = new LinkedHashMap<>();
    paths.put(
        "/tileMatrixSets",
        get("The tile matrix sets (WebMercatorQuad)", List.of(), Responses.JSON, false));
    paths.put(
        "/tileMatrixSets/{tileMatrixSetId}",
        get(
            "A tile matrix set's definition (OGC 2D TMS JSON)",
            List.of(tms),
            Responses.JSON,
            false));
    paths.put(
        "/collections/{collectionId}/tiles",
        get("A collection's vector tilesets", List.of(collectionId), Responses.JSON, false));
    paths.put(
        "/collections/{collectionId}/tiles/{tileMatrixSetId}",
        get(
            "A vector tileset's metadata: its limits per tile matrix, its layer and fields",
            List.of(collectionId, tms),
            Responses.JSON,
            false));
    paths.put(
        "/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
        get(
            "A vector tile (Mapbox Vector Tile, one layer named after the collection); 204 when no"
                + " feature reaches it",
            List.of(
                collectionId,
                tms,
                OpenApiDoc.path(
                    "tileMatrix",
                    Map.of("type", "integer", "minimum", MIN_ZOOM, "maximum", MAX_ZOOM)),
                OpenApiDoc.path("tileRow", Map.of("type", "integer", "minimum", 0)),
                OpenApiDoc.path("tileCol", Map.of("type", "integer", "minimum", 0))),
            MVT,
            true));
    return paths;
  }

  private static Map<String, Object> get(
      String summary, List<Map<String, Object>> params, String type, boolean tile) {
    Map<String, Object> error =
        Map.of(
            "application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/exception")));
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put(
        "200",
        Map.of(
            "description",
            "OK",
            "content",
            Map.of(
                type,
                tile ? Map.of("schema", Map.of("type", "string", "format", "binary")) : Map.of())));
    if (tile) {
      responses.put("204", Map.of("description", "No feature reaches the tile"));
    }
    responses.put("304", Map.of("description", "Not modified (If-None-Match matched the ETag)"));
    responses.put(
        "400", Map.of("description", "A bad parameter, named in the body", "content", error));
    responses.put(
        "404",
        Map.of(
            "description",
            tile
                ? "No such collection, or a tile outside the matrix or the limits"
                : "No such resource",
            "content",
            error));
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("summary", summary);
    op.put("parameters", params);
    op.put("responses", responses);
    return Map.of("get", op);
  }
}
