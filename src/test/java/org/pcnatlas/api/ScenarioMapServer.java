package org.pcnatlas.api;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.scenario.ScenarioService;
import org.pcnatlas.scenario.ScenarioStore;
import org.pcnatlas.scenario.store.SqliteScenarioStore;
import org.pcnatlas.testing.Browser;

/**
 * The demo served with scenarios (the embedded store in a temporary folder of its own, full
 * recomputes, a write token) and a headless Chromium at the map's test size: what the map's
 * scenario and proposal browser tests start once per class.
 */
final class ScenarioMapServer implements AutoCloseable {
  final AnalysisResult result;
  final Path dataDir;
  final ScenarioStore store;
  final ScenarioApi scenarios;
  final Javalin app;
  final String base;
  final Browser.Session chromium;
  final ChromeDriver driver;

  private ScenarioMapServer(String folderPrefix, String token) throws IOException {
    result = DemoCatalogue.get().result();
    // a catalogue of its own: attaching the scenarios changes it
    Catalogue catalogue =
        new Catalogue(result, DemoCatalogue.get().summary(), Instant.parse("2026-01-01T00:00:00Z"));
    dataDir = Files.createTempDirectory(folderPrefix);
    store = SqliteScenarioStore.open(dataDir);
    scenarios =
        new ScenarioApi(
            new ScenarioService(result, store, ScenarioService.FULL),
            new ScenarioApi.Options(token, ScenarioApi.Options.DEFAULT_MAX_BODY));
    app =
        WebServer.create(
                catalogue,
                new WebServer.Options("127.0.0.1", 0, List.of("*"), null, null),
                scenarios)
            .start();
    base = "http://127.0.0.1:" + app.port();
    chromium = Browser.Session.open(MapBrowserTest.WIDTH, MapBrowserTest.HEIGHT);
    driver = chromium.driver();
  }

  /** Starts the server and the browser (the caller has checked {@link Browser#require}). */
  static ScenarioMapServer start(String folderPrefix, String token) throws IOException {
    return new ScenarioMapServer(folderPrefix, token);
  }

  @Override
  public void close() throws IOException {
    chromium.close();
    app.stop();
    store.close();
    Browser.deleteTree(dataDir);
  }
}
