package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pcnatlas.testing.Browser;

/**
 * The map for keyboard and screen-reader users, in a real browser: a skip link, focus that leaves
 * the map without walking through its markers, visible focus, the search's answer that does not
 * linger, the basemap switch, and axe-core (its WebJar, run inside the page) finding no serious or
 * critical violation in the overview, a PCN's panel, the charts and the print layout.
 */
class MapAccessibilityBrowserTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

  static Javalin app;
  static String base;
  static Browser.Session chromium;
  static ChromeDriver driver;
  private static String axe;

  @BeforeAll
  static void serveTheDemoAndStartChromium() throws IOException {
    Browser.require();
    axe();
    Catalogue catalogue =
        new Catalogue(
            DemoCatalogue.get().result(),
            DemoCatalogue.get().summary(),
            Instant.parse("2026-01-01T00:00:00Z"));
    app =
        WebServer.create(catalogue, new WebServer.Options("127.0.0.1", 0, List.of("*"), null, null))
            .start();
    base = "http://127.0.0.1:" + app.port();
    chromium = Browser.Session.open(MapBrowserTest.WIDTH, MapBrowserTest.HEIGHT);
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
  void axeFindsNoSeriousViolationInTheOverviewAPanelAndThePrintLayout() throws Exception {
    open();
    assertNoSeriousViolations("the overview with its charts");
    driver.findElement(By.cssSelector("#pcn-list button[data-pcn]")).click();
    new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.id("panel-pcn-code")).isEmpty());
    assertNoSeriousViolations("a PCN's panel");
    new Select(driver.findElement(By.id("colour-by"))).selectByValue("alignment");
    assertNoSeriousViolations("coloured by alignment");
    driver.executeScript("window.print = () => {};");
    driver.findElement(By.id("print-map")).click();
    assertNoSeriousViolations("the print layout");
  }

  @Test
  void theSkipLinkIsTheFirstStopAndTakesFocusToThePanel() {
    open();
    driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
    WebElement first = driver.switchTo().activeElement();
    assertThat(first.getDomAttribute("class")).contains("skip-link");
    assertThat(first.isDisplayed()).as("shown when focused").isTrue();
    first.sendKeys(Keys.ENTER);
    assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("panel");
  }

  @Test
  void focusLeavesTheMapWithoutWalkingThroughItsMarkersAndShows() {
    open();
    assertThat(driver.findElements(By.cssSelector("path.practice"))).hasSizeGreaterThan(20);
    // every element the keyboard reaches inside the map: its controls, never a marker or catchment
    @SuppressWarnings("unchecked")
    List<String> tabbable =
        (List<String>)
            driver.executeScript(
                "return [...document.querySelectorAll('#map *')]"
                    + ".filter(e => (e.tabIndex >= 0 || (e instanceof SVGElement"
                    + " && !e.hasAttribute('tabindex') && e.matches('.leaflet-interactive')))"
                    + " && !e.disabled && e.getClientRects().length)"
                    + ".map(e => e.tagName + '.' + (e.getAttribute('class') || ''));");
    assertThat(tabbable)
        .as("the map's tab stops")
        .noneMatch(t -> t.contains("practice") || t.contains("catchment"))
        .hasSizeLessThanOrEqualTo(8);
    // tabbing from the map reaches the panel within those few stops
    driver.executeScript("document.getElementById('map').focus();");
    boolean left = false;
    for (int i = 0; i < 12 && !left; i++) {
      driver.switchTo().activeElement().sendKeys(Keys.TAB);
      left =
          (Boolean)
              driver.executeScript(
                  "return !document.getElementById('map').contains(document.activeElement);");
    }
    assertThat(left).as("focus left the map within 12 tabs").isTrue();
    // focus is visible: the outline of a focused button is drawn
    WebElement button = driver.findElement(By.cssSelector("#pcn-list button[data-pcn]"));
    driver.executeScript("arguments[0].focus();", button);
    new Actions(driver).sendKeys(Keys.SHIFT).perform(); // keyboard modality for :focus-visible
    String outline = button.getCssValue("outline-style");
    assertThat(outline).isNotEqualTo("none");
    // the markers are reached through the search instead
    WebElement search = driver.findElement(By.id("search"));
    String practice =
        driver.findElement(By.cssSelector("path.practice")).getDomAttribute("data-practice");
    search.sendKeys(practice, Keys.ENTER);
    new WebDriverWait(driver, WAIT)
        .until(
            d ->
                d.findElements(
                            By.cssSelector(
                                "#panel tr.is-selected[data-practice='" + practice + "']"))
                        .size()
                    == 1);
  }

  @Test
  void aSearchWithNoMatchSaysSoAndTheAnswerGoesWithTheNextAction() {
    open();
    WebElement search = driver.findElement(By.id("search"));
    search.sendKeys("no such place at all", Keys.ENTER);
    assertThat(driver.findElement(By.id("search-status")).getText()).contains("No PCN or practice");
    // another action: the stale answer goes
    driver.findElement(By.cssSelector("#pcn-list button[data-pcn]")).click();
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.id("search-status")).getText().isEmpty());
    search.sendKeys(Keys.ENTER);
    new Select(driver.findElement(By.id("colour-by"))).selectByValue("population");
    assertThat(driver.findElement(By.id("search-status")).getText()).isEmpty();
  }

  @Test
  void theBasemapCanBeSwitchedInThePageAndTheChoiceIsKept() {
    open();
    Select basemap = new Select(driver.findElement(By.id("basemap")));
    List<String> offered = new ArrayList<>();
    basemap.getOptions().forEach(o -> offered.add(o.getDomAttribute("value")));
    assertThat(offered).contains("none", "osm");
    assertThat(basemap.getFirstSelectedOption().getDomAttribute("value"))
        .as("no outside request unless asked")
        .isEqualTo("none");
    assertThat(driver.findElements(By.cssSelector(".leaflet-tile-pane img"))).isEmpty();
    // switching on: the tile layer is added with its attribution (the tiles themselves are outside
    // this machine's reach; their requests are stopped so the console stays clean)
    driver.executeScript(
        "window.__tiles = []; const real = L.TileLayer.prototype.createTile;"
            + "L.TileLayer.prototype.createTile = function (c, done) {"
            + "  window.__tiles.push(this.getTileUrl(c)); const img = document.createElement('img');"
            + "  setTimeout(() => done(null, img)); return img; };");
    basemap.selectByValue("osm");
    new WebDriverWait(driver, WAIT)
        .until(
            d -> ((Number) driver.executeScript("return window.__tiles.length;")).intValue() > 0);
    assertThat((String) driver.executeScript("return window.__tiles[0];"))
        .startsWith("https://tile.openstreetmap.org/");
    assertThat(driver.findElement(By.cssSelector(".leaflet-control-attribution")).getText())
        .contains("OpenStreetMap");
    // kept for the next visit
    open();
    assertThat(
            new Select(driver.findElement(By.id("basemap")))
                .getFirstSelectedOption()
                .getDomAttribute("value"))
        .isEqualTo("osm");
    driver.executeScript("localStorage.removeItem('pcn-atlas.basemap');");
    // the reloaded page asked for real tiles, which this machine cannot reach: those failures, and
    // only those, are expected in the console
    assertThat(Browser.consoleErrors(driver))
        .allMatch(e -> e.contains("tile.openstreetmap.org"), "a failed tile request");
  }

  // ---- helpers ----

  void open() {
    driver.get("about:blank");
    driver.get(base + "/map#method=voronoi");
    Browser.waitReady(driver, "voronoi", WAIT);
  }

  void assertNoSeriousViolations(String where) throws IOException {
    assertNoSeriousViolations(driver, "document", where);
  }

  /**
   * Runs axe-core (loaded into the page once) over the context, a JavaScript expression such as
   * {@code document} or {@code '#propose-panel'}, and asserts no serious or critical violation.
   */
  static void assertNoSeriousViolations(ChromeDriver driver, String context, String where)
      throws IOException {
    if (!(Boolean) driver.executeScript("return typeof axe !== 'undefined';")) {
      driver.executeScript(axe());
    }
    String result =
        (String)
            driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run("
                    + context
                    + ", {resultTypes: ['violations']})"
                    + ".then(r => done(JSON.stringify(r.violations)))"
                    + ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical',"
                    + " help: String(e), nodes: []}])));");
    JsonNode violations = JSON.readTree(result);
    List<String> serious = new ArrayList<>();
    for (JsonNode v : violations) {
      String impact = v.path("impact").asText();
      if (impact.equals("serious") || impact.equals("critical")) {
        List<String> targets = new ArrayList<>();
        v.get("nodes").forEach(n -> targets.add(n.get("target").toString()));
        serious.add(
            v.get("id").asText()
                + " ("
                + impact
                + "): "
                + v.get("help").asText()
                + " at "
                + targets.subList(0, Math.min(3, targets.size())));
      }
    }
    assertThat(serious).as(where + ": serious or critical violations").isEmpty();
  }

  /** axe-core's script, from its WebJar on the test classpath, read once. */
  static synchronized String axe() throws IOException {
    if (axe == null) {
      try (InputStream in =
          MapAccessibilityBrowserTest.class.getClassLoader().getResourceAsStream(AXE)) {
        assertThat(in).as(AXE + " on the test classpath (org.webjars.npm:axe-core)").isNotNull();
        axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return axe;
  }
}
