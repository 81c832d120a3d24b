package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.Summary;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.demo.BuiltInDemo;
import org.pcnatlas.model.Practice;
import org.pcnatlas.testing.Browser;

/**
 * The planners' map drawing large layers from their vector tiles, in headless Chromium: the demo
 * served with {@code --map-tiles-above 6}, so that its 21 catchments and 386 LSOAs count as large
 * (England's 1,250 catchments and 33,755 LSOAs do with the default of 1,000) and its 5 districts
 * and 3 network areas stay GeoJSON.
 */
class TiledMapBrowserTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final int TILES_ABOVE = 6;

  static AnalysisResult result;
  static Javalin app;
  static String base;
  static Browser.Session chromium;
  static ChromeDriver driver;

  @BeforeAll
  static void serveTheDemoWithALowTileThreshold() throws IOException {
    Browser.require();
    AnalysisInputs.Loaded loaded = AnalysisInputs.load(BuiltInDemo.config());
    result = Analysis.run(loaded.inputs());
    Map<String, Object> summary =
        Summary.of(result, Map.of("data", "built-in demo county"), loaded.timings());
    Catalogue catalogue = new Catalogue(result, summary, Instant.now(), loaded.lsoas());
    app =
        WebServer.create(
                catalogue,
                new WebServer.Options("127.0.0.1", 0, List.of("*"), null, null)
                    .withMapTilesAbove(TILES_ABOVE))
            .start();
    base = "http://127.0.0.1:" + app.port();
    chromium = Browser.Session.open(1366, 768);
    driver = chromium.driver();
  }

  @AfterAll
  static void stop() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
    if (app != null) {
      app.stop();
    }
  }

  @AfterEach
  void theConsoleHasNoErrors() {
    assertThat(Browser.consoleErrors(driver)).as("browser console errors").isEmpty();
  }

  @Test
  void aLayerAboveTheThresholdIsDrawnFromItsTilesAndListedFromTheTable() {
    for (AnalysisResult.MethodResult m : result.methods()) {
      open("#method=" + m.method(), m.method());
      assertThat(map().getDomAttribute("data-catchments")).isEqualTo("tiles");
      assertThat(driver.findElements(By.cssSelector("path.catchment"))).isEmpty();
      List<WebElement> tiles = driver.findElements(By.cssSelector("canvas.vector-tile"));
      assertThat(tiles).isNotEmpty();
      int features =
          tiles.stream().mapToInt(t -> Integer.parseInt(t.getDomAttribute("data-features"))).sum();
      assertThat(features).as("features drawn in the tiles in view").isPositive();
      // every PCN is listed, those without a catchment marked so, as with GeoJSON
      List<WebElement> buttons = driver.findElements(By.cssSelector("#pcn-list .pcn-button"));
      assertThat(buttons).hasSize(m.catchments().pcns().size());
      Set<String> empty =
          buttons.stream()
              .filter(b -> b.getText().contains("no catchment"))
              .map(b -> b.getDomAttribute("data-pcn"))
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> expectedEmpty =
          m.catchments().pcns().stream()
              .filter(c -> c.geometry().isEmpty())
              .map(Catchment::pcnCode)
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(empty).isEqualTo(expectedEmpty);
      List<String> urls = resources();
      assertThat(urls)
          .anyMatch(
              u -> u.contains("/collections/catchments-" + m.method() + "/tiles/WebMercatorQuad/"))
          .noneMatch(u -> u.contains("/collections/catchments-" + m.method() + "/items?"))
          .anyMatch(u -> u.contains("/webjars/pbf/"));
    }
    // the registration method gives two demo PCNs no area: the tiles' PCNs are the others
    assertThat(
            result.methods().get(1).catchments().pcns().stream()
                .filter(c -> c.geometry().isEmpty()))
        .hasSize(2);
    Path shot = Path.of("target/map-tiles-screenshot.png");
    try {
      Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A click inside a catchment drawn from tiles selects the PCN whose catchment (in the analysis,
   * not the tile) holds the place clicked: probed at the centre of each catchment's largest
   * inscribed circle, away from every practice marker.
   */
  @Test
  void clickingInsideATiledCatchmentSelectsItsPcn() {
    String method = result.methods().get(0).method();
    open("", method);
    int probed = 0;
    for (Probe probe : probes(method)) {
      int[] px = pixel(probe.lon(), probe.lat());
      if (px == null) {
        continue;
      }
      clickAt(px);
      new WebDriverWait(driver, WAIT).until(d -> probe.pcn().equals(textOf("panel-pcn-code")));
      probed++;
      assertThat(swatchColour(probe.pcn())).isNotBlank();
      assertSameColour(pixelColour(px), rgb(swatchColour(probe.pcn())), probe.pcn());
    }
    assertThat(probed).as("catchments probed by a click").isGreaterThanOrEqualTo(10);
  }

  @Test
  void recolouringRedrawsTheTilesInTheNewColours() {
    String method = result.methods().get(0).method();
    open("", method);
    Probe probe = probes(method).get(0);
    int[] px = pixel(probe.lon(), probe.lat());
    assertThat(px).isNotNull();
    for (String mode : List.of("population", "alignment", "size-band")) {
      new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("colour-by")))
          .selectByValue(mode);
      new WebDriverWait(driver, WAIT)
          .until(
              d ->
                  mode.equals(
                      d.findElement(By.cssSelector("#legend > .legend"))
                          .getDomAttribute("data-mode")));
      assertSameColour(pixelColour(px), rgb(swatchColour(probe.pcn())), mode);
    }
  }

  @Test
  void choosingAPcnFromTheListOutlinesAndFramesIt() {
    String method = result.methods().get(0).method();
    open("", method);
    String code = probes(method).get(1).pcn();
    driver.findElement(By.cssSelector("#pcn-list .pcn-button[data-pcn='" + code + "']")).click();
    new WebDriverWait(driver, WAIT).until(d -> code.equals(textOf("panel-pcn-code")));
    new WebDriverWait(driver, WAIT)
        .until(d -> !d.findElements(By.cssSelector(".leaflet-selection-pane path")).isEmpty());
    // the view frames the catchment: its inscribed circle's centre is in view
    Probe probe = probes(method).get(1);
    new WebDriverWait(driver, WAIT).until(d -> pixel(probe.lon(), probe.lat()) != null);
  }

  @Test
  void lsoaOutlinesAboveTheThresholdComeFromTheirTiles() {
    String method = result.methods().get(0).method();
    open("", method);
    driver.findElement(By.cssSelector("label[for='layer-lsoas']")).click();
    new WebDriverWait(driver, WAIT)
        .until(
            d ->
                !d.findElements(
                        By.cssSelector(".leaflet-outlines-pane canvas.vector-tile[data-features]"))
                    .isEmpty());
    List<String> urls = resources();
    assertThat(urls)
        .anyMatch(u -> u.contains("/collections/lsoas/tiles/WebMercatorQuad/"))
        .noneMatch(u -> u.contains("/collections/lsoas/items"));
    // the districts (5, under the threshold) are still GeoJSON, with their labels
    assertThat(urls).anyMatch(u -> u.contains("/collections/districts/items"));
  }

  // ---------------------------------------------------------------------------------------------

  record Probe(String pcn, double lon, double lat, double radiusMetres) {}

  /**
   * For each PCN with a catchment, the centre of its largest inscribed circle in CRS84, when no
   * practice lies within 1 km of it; largest circles first.
   */
  static List<Probe> probes(String method) {
    CrsTransform toCrs84 = CrsTransform.between(27700, 4326);
    List<Probe> probes = new ArrayList<>();
    for (Catchment c :
        result.methods().stream()
            .filter(m -> m.method().equals(method))
            .findFirst()
            .orElseThrow()
            .catchments()
            .pcns()) {
      Geometry g = c.geometry();
      if (g.isEmpty()) {
        continue;
      }
      MaximumInscribedCircle circle = new MaximumInscribedCircle(g, 10);
      Point centre = circle.getCenter();
      double radius = circle.getRadiusLine().getLength();
      boolean nearAPractice =
          result.inputs().practices().stream()
              .map(Practice::location)
              .anyMatch(l -> l != null && l.distance(centre) < 1000);
      if (radius < 600 || nearAPractice) {
        continue;
      }
      Coordinate ll = toCrs84.apply(centre.getX(), centre.getY());
      probes.add(new Probe(c.pcnCode(), ll.x, ll.y, radius));
    }
    probes.sort((a, b) -> Double.compare(b.radiusMetres(), a.radiusMetres()));
    return probes;
  }

  void open(String hash, String method) {
    driver.get("about:blank");
    driver.get(base + "/map" + hash);
    Browser.waitReady(driver, method, WAIT);
    new WebDriverWait(driver, WAIT)
        .until(
            d ->
                "loaded".equals(d.findElement(By.id("map")).getDomAttribute("data-tiles"))
                    && d.findElement(By.id("map")).getDomAttribute("data-view") != null);
  }

  WebElement map() {
    return driver.findElement(By.id("map"));
  }

  String textOf(String id) {
    try {
      List<WebElement> e = driver.findElements(By.id(id));
      return e.isEmpty() ? null : e.get(0).getText().trim();
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return null; // the panel is being redrawn
    }
  }

  /** The page's pixel of a CRS84 place from the view's box (Web Mercator), or null out of view. */
  int[] pixel(double lon, double lat) {
    String[] v = map().getDomAttribute("data-view").split(",");
    double w = Double.parseDouble(v[0]);
    double s = Double.parseDouble(v[1]);
    double e = Double.parseDouble(v[2]);
    double n = Double.parseDouble(v[3]);
    WebElement m = map();
    int width = m.getSize().getWidth();
    int height = m.getSize().getHeight();
    double x = (lon - w) / (e - w) * width;
    double y = (mercator(n) - mercator(lat)) / (mercator(n) - mercator(s)) * height;
    if (x < 20 || y < 20 || x > width - 20 || y > height - 20) {
      return null;
    }
    return new int[] {(int) Math.round(x), (int) Math.round(y)};
  }

  static double mercator(double lat) {
    double r = Math.toRadians(lat);
    return Math.log(Math.tan(Math.PI / 4 + r / 2));
  }

  void clickAt(int[] px) {
    WebElement m = map();
    new Actions(driver)
        .moveToElement(m, px[0] - m.getSize().getWidth() / 2, px[1] - m.getSize().getHeight() / 2)
        .click()
        .perform();
  }

  /** The colour of the vector tile canvas at a page pixel of the map, as "r,g,b". */
  String pixelColour(int[] px) {
    return (String)
        ((org.openqa.selenium.JavascriptExecutor) driver)
            .executeScript(
                "const r = document.getElementById('map').getBoundingClientRect();"
                    + "const x = r.left + arguments[0], y = r.top + arguments[1];"
                    + "for (const c of document.querySelectorAll("
                    + "  '.leaflet-catchments-pane canvas.vector-tile')) {"
                    + "  const b = c.getBoundingClientRect();"
                    + "  if (x < b.left || x >= b.right || y < b.top || y >= b.bottom) continue;"
                    + "  const k = c.width / b.width;"
                    + "  const d = c.getContext('2d')"
                    + "    .getImageData(Math.floor((x - b.left) * k), Math.floor((y - b.top) * k),"
                    + "      1, 1).data;"
                    + "  return d[0] + ',' + d[1] + ',' + d[2];"
                    + "}"
                    + "return null;",
                px[0],
                px[1]);
  }

  /** The background colour of the PCN's swatch in the list: the colour the map fills it with. */
  String swatchColour(String pcn) {
    return (String)
        ((org.openqa.selenium.JavascriptExecutor) driver)
            .executeScript(
                "return getComputedStyle(document.querySelector("
                    + "  `#pcn-list .pcn-button[data-pcn='${arguments[0]}'] .swatch`))"
                    + ".backgroundColor;",
                pcn);
  }

  /**
   * The canvas keeps a fill drawn at 70% opacity premultiplied, so its colour reads back within a
   * unit or two of the one drawn.
   */
  static void assertSameColour(String actual, String expected, String what) {
    assertThat(actual).as(what + ": a tile pixel there").isNotNull();
    String[] a = actual.split(",");
    String[] e = expected.split(",");
    for (int i = 0; i < 3; i++) {
      assertThat(Integer.parseInt(a[i]))
          .as(what + ": colour " + actual + " for " + expected)
          .isBetween(Integer.parseInt(e[i]) - 3, Integer.parseInt(e[i]) + 3);
    }
  }

  /** "rgb(r, g, b)" as "r,g,b". */
  static String rgb(String css) {
    return css.replaceAll("[^0-9,]", "");
  }

  @SuppressWarnings("unchecked")
  List<String> resources() {
    return (List<String>)
        ((org.openqa.selenium.JavascriptExecutor) driver)
            .executeScript("return performance.getEntriesByType('resource').map(e => e.name);");
  }
}
