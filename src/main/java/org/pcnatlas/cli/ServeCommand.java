package org.pcnatlas.cli;

import io.javalin.Javalin;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.InputLoader;
import org.pcnatlas.analysis.Summary;
import org.pcnatlas.api.Catalogue;
import org.pcnatlas.api.WebServer;
import org.pcnatlas.config.AnalysisConfig;
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

  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    WebServer.Options options =
        new WebServer.Options(host, port, corsOrigins, basemapUrl, basemapAttribution);
    AnalysisConfig config = data.toConfig();
    out.println("pcn-atlas " + Main.version() + " serve: " + describe(config));
    out.flush();
    InputLoader.Loaded loaded = InputLoader.load(config);
    AnalysisResult result = Analysis.run(loaded.inputs());
    Map<String, Object> summary = Summary.of(result, data.describe(), loaded.timings());
    out.println("load report: " + result.report().summary(5));
    Javalin app =
        WebServer.create(new Catalogue(result, summary, Instant.now(), loaded.lsoas()), options);
    app.start();
    String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    out.println("serving on http://" + shown + ":" + app.port() + "/");
    out.println("the map: http://" + shown + ":" + app.port() + "/map");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.stop();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  private static String describe(AnalysisConfig c) {
    return "practices="
        + c.practices()
        + " districts="
        + c.districts()
        + " population="
        + c.population()
        + (c.populationCounts() == null ? "" : " counts=" + c.populationCounts())
        + " network-areas="
        + c.networkAreas()
        + " areas="
        + c.areas().keySet()
        + " methods="
        + c.methods()
        + " size-bands="
        + c.sizeBands().lower()
        + ","
        + c.sizeBands().upper();
  }
}
