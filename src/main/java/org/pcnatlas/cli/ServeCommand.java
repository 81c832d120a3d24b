package org.pcnatlas.cli;

import io.javalin.Javalin;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.Summary;
import org.pcnatlas.api.Catalogue;
import org.pcnatlas.api.ScenarioApi;
import org.pcnatlas.api.WebServer;
import org.pcnatlas.config.AnalysisConfig;
import org.pcnatlas.scenario.IncrementalAnalysis;
import org.pcnatlas.scenario.ScenarioService;
import org.pcnatlas.scenario.ScenarioStore;
import org.pcnatlas.scenario.store.ScenarioStores;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pcn-atlas serve [options] [data options]}: runs the analysis once and serves it. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the analysis once, then serve every layer and result as OGC API - Features, the",
      "analysis tables, and the planners' map at /map. With no data files, the built-in demo county."
    })
public final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "7070",
      paramLabel = "PORT",
      description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "Address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(
      names = "--cors-origin",
      paramLabel = "ORIGIN",
      split = ",",
      description = "Origins allowed to read the API from a browser (default *: any).")
  List<String> corsOrigins = new ArrayList<>(List.of("*"));

  @Option(
      names = "--write-origin",
      paramLabel = "ORIGIN",
      split = ",",
      description =
          "Other web origins whose pages may write scenarios (with the token) from a browser"
              + " (default: none; the server's own pages only). --cors-origin is for reading.")
  List<String> writeOrigins = new ArrayList<>();

  @Option(
      names = "--basemap-url",
      paramLabel = "URL",
      description =
          "XYZ tile URL template for the map background, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png"
              + " (default: none, so the map works offline).")
  String basemapUrl;

  @Option(
      names = "--basemap-attribution",
      paramLabel = "TEXT",
      description = "The attribution the tile provider requires.")
  String basemapAttribution;

  @Option(
      names = "--map-tiles-above",
      defaultValue = "" + WebServer.Options.DEFAULT_MAP_TILES_ABOVE,
      paramLabel = "N",
      description =
          "The map page draws a catchment or area layer of more than N features from its vector"
              + " tiles, a smaller one as GeoJSON (default ${DEFAULT-VALUE}).")
  int mapTilesAbove;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = {
        "Where the embedded store keeps its SQLite file, scenarios.sqlite (created on first",
        "start). Default: the user's data directory, $XDG_DATA_HOME/pcn-atlas or",
        "~/.local/share/pcn-atlas (macOS ~/Library/Application Support/pcn-atlas, Windows",
        "%LOCALAPPDATA%\\pcn-atlas); give one for a server."
      })
  Path dataDir;

  @Option(
      names = "--store",
      defaultValue = "sqlite",
      paramLabel = "STORE",
      description = {
        "Where scenarios are stored: sqlite (default: a file in --data-dir) or a shared",
        "PostgreSQL/PostGIS database, postgresql://user:password@host:5432/database; the",
        "service creates and migrates its tables."
      })
  String store;

  @Option(
      names = "--write-token",
      paramLabel = "TOKEN",
      description = {
        "The bearer token scenario writes must carry (Authorization: Bearer TOKEN); default the",
        "environment variable " + WRITE_TOKEN_ENV + ", else a random one printed at start-up."
      })
  String writeToken;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "1048576",
      paramLabel = "BYTES",
      description = "The largest request body accepted; larger ones are refused with 413.")
  long maxBodyBytes;

  @Mixin DataOptions data;

  /** The environment variable that can hold the write token. */
  public static final String WRITE_TOKEN_ENV = "PCN_ATLAS_WRITE_TOKEN";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Phases phases = new Phases();
    PrintWriter out = spec.commandLine().getOut();
    WebServer.Options options =
        new WebServer.Options(
            host, port, corsOrigins, basemapUrl, basemapAttribution, writeOrigins, mapTilesAbove);
    AnalysisConfig config = data.toConfig();
    out.println("pcn-atlas " + Main.version() + " serve: " + describe(config));
    out.flush();
    Early early = Early.begin(store, dataDir != null ? dataDir : DataDirectory.standard(), options);
    phases.end("start");
    try {
      return serve(config, out, phases, early);
    } catch (RuntimeException | Error e) {
      early.abandon();
      throw e;
    }
  }

  private int serve(AnalysisConfig config, PrintWriter out, Phases phases, Early early)
      throws InterruptedException {
    AnalysisInputs.Loaded loaded = AnalysisInputs.load(config);
    phases.end("load");
    AnalysisResult result = Analysis.run(loaded.inputs());
    phases.end("analysis");
    Map<String, Object> inputs = data.describe();
    Supplier<Map<String, Object>> summary = () -> Summary.of(result, inputs, loaded.timings());
    out.println("load report: " + result.report().summary(5));
    String token = writeToken != null ? writeToken : System.getenv(WRITE_TOKEN_ENV);
    boolean generated = token == null || token.isBlank();
    if (generated) {
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
    ScenarioApi.Options scenarioOptions = new ScenarioApi.Options(token, maxBodyBytes);
    phases.end("summary");
    ScenarioStore scenarios = early.store();
    out.println("scenarios: " + scenarios.describe());
    if (generated) {
      out.println(
          "scenario writes need: Authorization: Bearer "
              + token
              + " (generated; set --write-token or "
              + WRITE_TOKEN_ENV
              + ")");
    }
    // the scenario engine reruns the pipeline from the baseline's stages: nothing to prepare
    ScenarioService service =
        new ScenarioService(result, scenarios, IncrementalAnalysis.of(result)::recompute);
    phases.end("store");
    Catalogue catalogue = new Catalogue(result, summary, Instant.now(), loaded.lsoas());
    warmUp(catalogue);
    phases.end("catalogue");
    WebServer.Deferred server = early.server();
    server.serve(catalogue, new ScenarioApi(service, scenarioOptions));
    Javalin app = server.app();
    phases.end("server");
    String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    out.println("serving on http://" + shown + ":" + app.port() + "/");
    out.println("the map: http://" + shown + ":" + app.port() + "/map");
    out.println(phases.line() + early.line());
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.stop();
                  scenarios.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  /**
   * Makes, on a thread of its own, what requests would otherwise make on first use: the catalogue's
   * collections (layers and extents, then the CRS84 geometries); a request that comes first makes
   * what it needs itself.
   */
  private static void warmUp(Catalogue catalogue) {
    Thread t =
        new Thread(
            () -> {
              try {
                catalogue.warmUp();
              } catch (RuntimeException e) {
                LoggerFactory.getLogger(ServeCommand.class)
                    .error("warming up failed; requests will try again", e);
              }
            },
            "warm-up");
    t.setDaemon(true);
    t.start();
  }

  /**
   * What serving needs but the data does not, started on a thread of its own while the data loads
   * and is analysed (the other core is free for most of it): opening the scenario store (SQLite's
   * native library, its schema) and starting the web server, most of which is loading Javalin's and
   * Jetty's classes. The server listens from then on and answers 503 until it is given the data.
   * Failures are thrown where the main thread asks for the result, as if it had done the work.
   */
  private static final class Early {
    private final CompletableFuture<ScenarioStore> store;
    private final CompletableFuture<WebServer.Deferred> server;
    private volatile double storeSeconds;
    private volatile double serverSeconds;

    private Early(String store, Path dataDir, WebServer.Options options) {
      ExecutorService thread =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "serve-start");
                t.setDaemon(true);
                return t;
              });
      this.store =
          CompletableFuture.supplyAsync(
              () -> {
                long t = System.nanoTime();
                ScenarioStore s = ScenarioStores.open(store, dataDir);
                storeSeconds = (System.nanoTime() - t) / 1e9;
                return s;
              },
              thread);
      this.server =
          CompletableFuture.supplyAsync(
              () -> {
                long t = System.nanoTime();
                WebServer.Deferred d = WebServer.deferred(options, true);
                d.app().start();
                serverSeconds = (System.nanoTime() - t) / 1e9;
                return d;
              },
              thread);
      thread.shutdown();
    }

    static Early begin(String store, Path dataDir, WebServer.Options options) {
      return new Early(store, dataDir, options);
    }

    ScenarioStore store() throws InterruptedException {
      return get(store);
    }

    WebServer.Deferred server() throws InterruptedException {
      return get(server);
    }

    /** "; beside the loading: store 0.30, server 0.80", the seconds the work took on its thread. */
    String line() {
      return String.format(
          Locale.ROOT,
          "; beside the loading: store %.2f, server %.2f",
          storeSeconds,
          serverSeconds);
    }

    /**
     * Stops what was started, when serving fails before it began: at once what is done, the rest as
     * soon as it is (without waiting for it, so the error is reported at once).
     */
    void abandon() {
      server.thenAccept(d -> d.app().stop());
      store.thenAccept(ScenarioStore::close);
    }

    private static <T> T get(CompletableFuture<T> f) throws InterruptedException {
      try {
        return f.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /**
   * Seconds of each start-up phase, for the "ready in" line: {@code start} runs from the JVM's
   * start (JVM start and command-line parsing) to this command, then one phase per step.
   */
  static final class Phases {
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final long constructedMillis = System.currentTimeMillis();
    private final long constructedNanos = System.nanoTime();
    private long last = constructedNanos;

    /** Ends the phase running now under this name. */
    void end(String phase) {
      long now = System.nanoTime();
      seconds.merge(phase, (now - last) / 1e9, Double::sum);
      last = now;
    }

    /** "ready in 1.23 s: start 0.30, load 0.40, ...", the total since the JVM started. */
    String line() {
      // asked only now: the management classes take some 50 ms to load
      long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
      Map<String, Double> all = new LinkedHashMap<>();
      all.put("start", Math.max(0, constructedMillis - jvmStart) / 1e3);
      seconds.forEach((k, v) -> all.merge(k, v, Double::sum));
      double total = all.values().stream().mapToDouble(Double::doubleValue).sum();
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "ready in %.2f s:", total));
      String sep = " ";
      for (Map.Entry<String, Double> e : all.entrySet()) {
        sb.append(sep).append(e.getKey()).append(String.format(Locale.ROOT, " %.2f", e.getValue()));
        sep = ", ";
      }
      return sb.toString();
    }
  }

  private static String describe(AnalysisConfig c) {
    AnalysisConfig.Files f = c.files();
    return "practices="
        + f.practices()
        + " districts="
        + f.districts()
        + " population="
        + f.population()
        + (f.populationCounts() == null ? "" : " counts=" + f.populationCounts())
        + " network-areas="
        + f.networkAreas()
        + " areas="
        + f.areas().keySet()
        + " methods="
        + c.methods().ids()
        + " size-bands="
        + c.sizeBands().lower()
        + ","
        + c.sizeBands().upper();
  }
}
