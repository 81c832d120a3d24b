package org.pcnatlas.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP service: OGC API - Features and the analysis tables over one {@link Catalogue}, the
 * planners' map at {@code /map} (Leaflet from its WebJar), CORS for GET, ETags, gzip, and one error
 * mapper so every failure is a JSON {@code {code, description}} with the right status.
 */
public final class WebServer {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  private static final String ERROR_WRITTEN = "pcnatlas.errorWritten";

  /** The Leaflet version of the WebJar on the classpath (kept in step with the pom). */
  public static final String LEAFLET_VERSION = "1.9.4";

  /** The protocol-buffer reader the map decodes vector tiles with (WebJar org.webjars.npm:pbf). */
  public static final String PBF_VERSION = "3.2.1";

  /** The chart library of the map page's charts (WebJar org.webjars.npm:echarts). */
  public static final String ECHARTS_VERSION = "5.3.1";

  /**
   * How the server runs.
   *
   * @param allowedOrigins CORS origins allowed to read (["*"] for any)
   * @param basemapUrl an XYZ tile URL template for the map's background, or null for none
   * @param basemapAttribution the attribution the tile provider requires
   * @param writeOrigins the other web origins allowed to write (scenario POST/PUT/DELETE) from a
   *     browser; empty (the default): the server's own origin only
   * @param mapTilesAbove the map page draws a polygon layer of more features than this from its
   *     vector tiles, a smaller one from its GeoJSON items
   */
  public record Options(
      String host,
      int port,
      List<String> allowedOrigins,
      String basemapUrl,
      String basemapAttribution,
      List<String> writeOrigins,
      int mapTilesAbove) {
    /** The default of {@link #mapTilesAbove}: all England's PCNs (about 1,250) as tiles. */
    public static final int DEFAULT_MAP_TILES_ABOVE = 1000;

    /** Options with the map's default tile threshold. */
    public Options(
        String host,
        int port,
        List<String> allowedOrigins,
        String basemapUrl,
        String basemapAttribution,
        List<String> writeOrigins) {
      this(
          host,
          port,
          allowedOrigins,
          basemapUrl,
          basemapAttribution,
          writeOrigins,
          DEFAULT_MAP_TILES_ABOVE);
    }

    /** Options with writes from the server's own origin only. */
    public Options(
        String host,
        int port,
        List<String> allowedOrigins,
        String basemapUrl,
        String basemapAttribution) {
      this(host, port, allowedOrigins, basemapUrl, basemapAttribution, List.of());
    }

    public Options {
      writeOrigins = writeOrigins == null ? List.of() : List.copyOf(writeOrigins);
      for (String o : writeOrigins) {
        if (o.equals("*")) {
          throw new IllegalArgumentException(
              "--write-origin: name the origins that may write (https://planning.example.org);"
                  + " * is not allowed for writes");
        }
      }
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("--port must be from 0 to 65535, not " + port);
      }
      allowedOrigins = List.copyOf(allowedOrigins);
      if (allowedOrigins.isEmpty()) {
        throw new IllegalArgumentException("--cors-origin: give at least one origin, or *");
      }
      if (mapTilesAbove < 0) {
        throw new IllegalArgumentException(
            "--map-tiles-above must be 0 or more, not " + mapTilesAbove);
      }
    }

    /** These options with another {@link #mapTilesAbove}. */
    public Options withMapTilesAbove(int n) {
      return new Options(
          host, port, allowedOrigins, basemapUrl, basemapAttribution, writeOrigins, n);
    }

    public static Options defaults() {
      return new Options("127.0.0.1", 7070, List.of("*"), null, null);
    }
  }

  private WebServer() {}

  /** Creates (but does not start) the Javalin app serving the catalogue, without scenarios. */
  public static Javalin create(Catalogue catalogue, Options options) {
    return create(catalogue, options, null);
  }

  /**
   * Creates (but does not start) the Javalin app serving the catalogue and, when {@code scenarios}
   * is not null, the scenarios and their layers.
   */
  public static Javalin create(Catalogue catalogue, Options options, ScenarioApi scenarios) {
    Deferred d = deferred(options, scenarios != null);
    d.serve(catalogue, scenarios);
    return d.app();
  }

  /**
   * Creates (but does not start) the app before its data exists, so that it can start listening
   * while the data loads: until {@link Deferred#serve} every request but OPTIONS is answered 503
   * {@code Starting} with {@code Retry-After: 1}, then as {@link #create} would.
   *
   * @param scenarios whether the scenario routes are served ({@link Deferred#serve} then needs a
   *     {@link ScenarioApi})
   */
  public static Deferred deferred(Options options, boolean scenarios) {
    return new Deferred(options, scenarios);
  }

  /** What the routes serve, set once the data is ready. */
  private record Served(
      Catalogue catalogue,
      OgcApi ogc,
      AnalysisApi analysis,
      TilesApi tiles,
      MapsApi maps,
      ScenarioApi scenarios) {}

  /** An app whose data comes later; see {@link WebServer#deferred}. */
  public static final class Deferred {
    private final boolean withScenarios;
    private final Javalin app;
    private volatile Served served;

    private Deferred(Options options, boolean withScenarios) {
      this.withScenarios = withScenarios;
      this.app = javalin(this, options, withScenarios);
    }

    /** The app: start it when it should listen. */
    public Javalin app() {
      return app;
    }

    /** From now on, serves the catalogue (and the scenarios, when the app has their routes). */
    public void serve(Catalogue catalogue, ScenarioApi scenarios) {
      if (withScenarios != (scenarios != null)) {
        throw new IllegalArgumentException(
            withScenarios ? "the app serves scenarios: give them" : "the app has no scenarios");
      }
      if (served != null) {
        throw new IllegalStateException("the app serves its catalogue already");
      }
      if (scenarios != null) {
        catalogue.attach(scenarios);
      }
      ResponseCache cache = new ResponseCache(256L << 20);
      served =
          new Served(
              catalogue,
              new OgcApi(catalogue, cache),
              new AnalysisApi(catalogue),
              new TilesApi(catalogue),
              new MapsApi(catalogue, scenarios, new ResponseCache(64L << 20)),
              scenarios);
    }

    /** True once {@link #serve} was called. */
    public boolean serving() {
      return served != null;
    }

    private Served served() {
      Served s = served;
      if (s == null) {
        throw new ApiError(
            503, "Starting", "the server is loading its data; try again in a moment");
      }
      return s;
    }
  }

  private static Javalin javalin(Deferred d, Options options, boolean withScenarios) {
    byte[] mapPage = mapPage();
    return Javalin.create(
        config -> {
          config.http.prefer405over404 = true;
          config.jetty.host = options.host();
          config.jetty.port = options.port();
          // few threads: the work is CPU-bound (cached bytes), so more threads than a few per
          // core only add context switches
          int cores = Runtime.getRuntime().availableProcessors();
          config.jetty.threadPool =
              new org.eclipse.jetty.util.thread.QueuedThreadPool(Math.max(8, 4 * cores), 4);
          config.startup.showJavalinBanner = false;
          // what fails before a route runs is answered in the API's JSON too
          config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
          config.jetty.modifyServletContextHandler(
              handler -> handler.setErrorHandler(new JsonErrorHandler()));
          config.staticFiles.enableWebjars();
          config.staticFiles.add(
              s -> {
                s.hostedPath = "/map/assets";
                s.directory = "/org/pcnatlas/web/assets";
                s.location = Location.CLASSPATH;
                s.headers = Map.of("Cache-Control", "max-age=300");
              });
          config.routes.before(
              ctx -> {
                cors(ctx, options.allowedOrigins(), options.writeOrigins());
                if (WRITES.contains(ctx.method()) && !mayWrite(ctx, options.writeOrigins())) {
                  // a browser on another site: not even a simple request (no preflight) passes
                  ctx.attribute(ERROR_WRITTEN, true);
                  error(
                      ctx,
                      403,
                      "OriginNotAllowed",
                      "writes are taken from this server's own pages and the origins serve was"
                          + " started with (--write-origin), not from "
                          + ctx.header("Origin"));
                  ctx.skipRemainingHandlers();
                  return;
                }
                if (ctx.method() == HandlerType.OPTIONS) {
                  ctx.header("Allow", allowed(ctx.path()));
                  ctx.status(204);
                  ctx.skipRemainingHandlers(); // a CORS preflight or OPTIONS: no body
                } else if (!d.serving()) {
                  ctx.header("Retry-After", "1");
                  d.served(); // a 503 until the data is ready
                }
              });
          getAndHead(config, "/", ctx -> d.served().ogc().landing(ctx));
          getAndHead(config, "/conformance", ctx -> d.served().ogc().conformance(ctx));
          getAndHead(
              config,
              "/api",
              ctx -> {
                OgcApi.format(ctx, List.of());
                Responses.send(
                    ctx,
                    Responses.Body.of(
                        Responses.json(
                            OpenApiDoc.build(
                                d.served().catalogue(), OgcApi.base(ctx), withScenarios)),
                        Responses.OPENAPI,
                        Map.of()));
              });
          getAndHead(config, "/collections", ctx -> d.served().ogc().collections(ctx));
          getAndHead(
              config, "/collections/{collectionId}", ctx -> d.served().ogc().collection(ctx));
          getAndHead(
              config, "/collections/{collectionId}/items", ctx -> d.served().ogc().items(ctx));
          getAndHead(
              config, "/collections/{collectionId}/schema", ctx -> d.served().ogc().schema(ctx));
          getAndHead(
              config,
              "/collections/{collectionId}/queryables",
              ctx -> d.served().ogc().queryables(ctx));
          getAndHead(
              config,
              "/collections/{collectionId}/items/{featureId}",
              ctx -> d.served().ogc().item(ctx));
          tileRoutes(config, d);
          getAndHead(
              config,
              "/collections/{collectionId}/map",
              ctx -> d.served().maps().collectionMap(ctx));
          getAndHead(config, "/map.png", ctx -> d.served().maps().viewMap(ctx));
          getAndHead(config, "/map/styles.json", ctx -> d.served().maps().styles(ctx));
          getAndHead(config, "/map/scales.json", ctx -> d.served().maps().scales(ctx));
          getAndHead(config, "/analysis/summary", ctx -> d.served().analysis().summary(ctx));
          getAndHead(config, "/analysis/pcns", ctx -> d.served().analysis().pcns(ctx));
          getAndHead(config, "/analysis/pcns/{pcnCode}", ctx -> d.served().analysis().pcn(ctx));
          getAndHead(config, "/analysis/alignment", ctx -> d.served().analysis().alignment(ctx));
          getAndHead(config, "/analysis/coverage", ctx -> d.served().analysis().coverage(ctx));
          getAndHead(
              config,
              "/map",
              ctx -> {
                OgcApi.format(ctx, List.of());
                Responses.send(ctx, Responses.Body.of(mapPage, Responses.HTML, Map.of()));
              });
          getAndHead(
              config,
              "/map/config.json",
              ctx -> {
                OgcApi.format(ctx, List.of());
                Catalogue catalogue = d.served().catalogue();
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("methods", Catalogue.describeMethods(catalogue.methods()));
                c.put("basemapUrl", options.basemapUrl());
                c.put("basemapAttribution", options.basemapAttribution());
                c.put("layers", catalogue.collections().stream().map(ApiCollection::id).toList());
                // how many features each layer has, and above how many the page draws its tiles
                Map<String, Integer> counts = new LinkedHashMap<>();
                catalogue.collections().forEach(a -> counts.put(a.id(), a.size()));
                c.put("featureCounts", counts);
                c.put("tilesAbove", options.mapTilesAbove());
                c.put("scenarios", withScenarios);
                c.put("sources", catalogue.sources());
                c.put("analysed", catalogue.timeStamp().toString());
                // the size band the charts shade (the analysis's --size-bands)
                org.pcnatlas.model.SizeBands bands = catalogue.result().inputs().sizeBands();
                c.put("sizeBand", Map.of("lower", bands.lower(), "upper", bands.upper()));
                Responses.send(ctx, Responses.Body.of(Responses.json(c), Responses.JSON, Map.of()));
              });
          if (withScenarios) {
            config.routes.post("/scenarios", ctx -> d.served().scenarios().create(ctx));
            getAndHead(config, "/scenarios", ctx -> d.served().scenarios().list(ctx));
            getAndHead(config, "/scenarios/{id}", ctx -> d.served().scenarios().get(ctx));
            config.routes.delete("/scenarios/{id}", ctx -> d.served().scenarios().delete(ctx));
            config.routes.put(
                "/scenarios/{id}/changes", ctx -> d.served().scenarios().replaceChanges(ctx));
            getAndHead(
                config,
                "/scenarios/{id}/comparison",
                ctx -> d.served().scenarios().comparison(ctx));
            config.routes.post("/proposals", ctx -> d.served().scenarios().proposals().create(ctx));
            getAndHead(config, "/proposals", ctx -> d.served().scenarios().proposals().list(ctx));
            getAndHead(
                config, "/proposals/{id}", ctx -> d.served().scenarios().proposals().get(ctx));
          }
          config.routes.exception(
              ApiError.class,
              (e, ctx) -> {
                ctx.attribute(ERROR_WRITTEN, true);
                error(ctx, e.status(), e.code(), e.description(), e.field());
              });
          config.routes.exception(
              org.pcnatlas.scenario.ScenarioStore.StoreException.class,
              (e, ctx) -> {
                LOG.error("{} {}: the scenario store failed", ctx.method(), ctx.path(), e);
                ctx.attribute(ERROR_WRITTEN, true);
                error(
                    ctx,
                    503,
                    "StoreUnavailable",
                    "the scenario store cannot be reached; try again shortly (the log has the"
                        + " details)");
              });
          config.routes.exception(
              Exception.class,
              (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.attribute(ERROR_WRITTEN, true);
                error(ctx, 500, "InternalError", "the server failed; the log has the details");
              });
          config.routes.error(
              404,
              ctx -> {
                if (ctx.attribute(ERROR_WRITTEN) == null) {
                  error(
                      ctx,
                      404,
                      "NotFound",
                      "no resource at " + ctx.path() + "; the API is described at /api");
                }
              });
          config.routes.error(
              405,
              ctx ->
                  error(
                      ctx,
                      405,
                      "MethodNotAllowed",
                      ctx.method()
                          + " is not allowed on "
                          + ctx.path()
                          + "; allowed: "
                          + allowed(ctx.path())));
        });
  }

  /** OGC API - Tiles: the tile matrix sets, each collection's tilesets and tiles. */
  private static void tileRoutes(io.javalin.config.JavalinConfig config, Deferred d) {
    String tiles = "/collections/{collectionId}/tiles";
    getAndHead(config, "/tileMatrixSets", ctx -> d.served().tiles().tileMatrixSets(ctx));
    getAndHead(
        config, "/tileMatrixSets/{tileMatrixSetId}", ctx -> d.served().tiles().tileMatrixSet(ctx));
    getAndHead(config, tiles, ctx -> d.served().tiles().tilesets(ctx));
    getAndHead(config, tiles + "/{tileMatrixSetId}", ctx -> d.served().tiles().tileset(ctx));
    getAndHead(
        config,
        tiles + "/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
        ctx -> d.served().tiles().tile(ctx));
  }

  /** A GET route, and HEAD on the same handler (Jetty sends the headers without the body). */
  private static void getAndHead(
      io.javalin.config.JavalinConfig config, String path, io.javalin.http.Handler handler) {
    config.routes.get(path, handler);
    config.routes.head(path, handler);
  }

  private static void error(Context ctx, int status, String code, String description) {
    error(ctx, status, code, description, null);
  }

  private static void error(
      Context ctx, int status, String code, String description, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("description", description);
    if (field != null) {
      body.put("field", field);
    }
    ctx.status(status);
    ctx.contentType(Responses.JSON);
    ctx.result(Responses.json(body));
  }

  /** The methods a path takes: the scenarios' write routes, else the read-only ones. */
  static String allowed(String path) {
    if (path.equals("/scenarios")) {
      return "GET, HEAD, OPTIONS, POST";
    }
    if (path.matches("/scenarios/[^/]+")) {
      return "GET, HEAD, OPTIONS, DELETE";
    }
    if (path.matches("/scenarios/[^/]+/changes")) {
      return "OPTIONS, PUT";
    }
    return "GET, HEAD, OPTIONS";
  }

  private static final java.util.Set<HandlerType> WRITES =
      java.util.Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH);

  /**
   * True when a write may come from this request's origin: no Origin header (curl, a script: not a
   * browser page on another site), the server's own origin ({@code scheme://host:port} as the
   * request names it), or one named with --write-origin.
   */
  static boolean mayWrite(Context ctx, List<String> writeOrigins) {
    String origin = ctx.header("Origin");
    return origin == null
        || origin.equalsIgnoreCase(OgcApi.base(ctx))
        || writeOrigins.contains(origin);
  }

  /**
   * CORS: any origin of {@code allowed} may read; only the server's own origin and those of {@code
   * writeOrigins} are told they may write or send Authorization (a preflight for a write from
   * another origin gets no Allow-Origin, so the browser does not send it).
   */
  private static void cors(Context ctx, List<String> allowed, List<String> writeOrigins) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return;
    }
    boolean writer = mayWrite(ctx, writeOrigins);
    boolean any = allowed.contains("*");
    if (!writer && !any && !allowed.contains(origin)) {
      return;
    }
    String asked = ctx.header("Access-Control-Request-Method");
    String askedHeaders = ctx.header("Access-Control-Request-Headers");
    boolean wantsWrite =
        asked != null && !asked.equalsIgnoreCase("GET") && !asked.equalsIgnoreCase("HEAD");
    boolean wantsToken =
        askedHeaders != null
            && askedHeaders.toLowerCase(java.util.Locale.ROOT).contains("authorization");
    if (!writer && (wantsWrite || wantsToken)) {
      return; // a preflight for a write from an origin that may only read: refused
    }
    ctx.header("Access-Control-Allow-Origin", any && !writer ? "*" : origin);
    ctx.header("Vary", "Origin");
    ctx.header(
        "Access-Control-Allow-Methods",
        writer ? "GET, HEAD, OPTIONS, POST, PUT, DELETE" : "GET, HEAD, OPTIONS");
    ctx.header(
        "Access-Control-Allow-Headers",
        writer
            ? "Accept, If-None-Match, If-Match, Content-Type, Authorization"
            : "Accept, If-None-Match");
    ctx.header("Access-Control-Expose-Headers", "ETag, Content-Crs, Link, Location");
    ctx.header("Access-Control-Max-Age", "3600");
  }

  private static byte[] mapPage() {
    try (InputStream in = WebServer.class.getResourceAsStream("/org/pcnatlas/web/map.html")) {
      if (in == null) {
        throw new IllegalStateException("the map page is missing from the jar; rebuild it");
      }
      String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return html.replace("{{LEAFLET}}", "/webjars/leaflet/" + LEAFLET_VERSION + "/dist")
          .replace("{{PBF}}", "/webjars/pbf/" + PBF_VERSION + "/dist")
          .replace("{{ECHARTS}}", "/webjars/echarts/" + ECHARTS_VERSION + "/dist")
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
