package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.Summary;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.demo.BuiltInDemo;
import org.pcnatlas.model.Practice;
import org.pcnatlas.testing.Browser;

/**
 * The planners' map in a real browser: headless Chromium opens {@code /map} served in-process over
 * the built-in demo, and is driven as a planner would drive it (click, select, search, keyboard).
 */
class MapBrowserTest {
  /**
   * A laptop screen of 1366 x 768; headless Chromium keeps room for its (absent) bars, so the page
   * gets about 1366 x 625, as in a real browser window on that screen.
   */
  static final int WIDTH = 1366;

  static final int HEIGHT = 768;
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Path SCREENSHOT = Path.of("target/map-screenshot.png");

  static AnalysisResult result;
  static Catalogue catalogue;
  static Javalin app;
  static String base;
  static Browser.Session chromium;
  static ChromeDriver driver;

  @BeforeAll
  static void serveTheDemoAndStartChromium() throws IOException {
    Browser.require();
    AnalysisInputs.Loaded loaded = AnalysisInputs.load(BuiltInDemo.config());
    result = Analysis.run(loaded.inputs());
    Map<String, Object> summary =
        Summary.of(result, Map.of("data", "built-in demo county"), loaded.timings());
    catalogue = new Catalogue(result, summary, Instant.now());
    app =
        WebServer.create(catalogue, new WebServer.Options("127.0.0.1", 0, List.of("*"), null, null))
            .start();
    base = "http://127.0.0.1:" + app.port();
    chromium = Browser.Session.open(WIDTH, HEIGHT);
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

  /** No page may log an error (a failed request, a script error) to the console. */
  @AfterEach
  void theConsoleHasNoErrors() {
    assertThat(Browser.consoleErrors(driver)).as("browser console errors").isEmpty();
  }

  @Test
  void drawsOneShapePerPcnWithACatchmentForEveryMethod() {
    for (AnalysisResult.MethodResult m : result.methods()) {
      open("#method=" + m.method());
      assertThat(drawnPcns()).as(m.method()).isEqualTo(pcnsWithACatchment(m.method()));
      assertThat(listedPcns()).as("the PCN list").hasSize(m.catchments().pcns().size());
    }
    // the demo's registration method gives two PCNs no area: they are listed but not drawn
    assertThat(pcnsWithACatchment("registration")).hasSize(catchments("registration").size() - 2);
  }

  @Test
  void everyRequestStaysOnTheServer() {
    open("");
    @SuppressWarnings("unchecked")
    List<String> urls =
        (List<String>)
            js(
                "return performance.getEntriesByType('resource').map(e => e.name)"
                    + ".concat([location.href]);");
    assertThat(urls).isNotEmpty().allMatch(u -> u.startsWith(base + "/"), "served by " + base);
    assertThat(urls).anyMatch(u -> u.contains("/webjars/leaflet/"));
    // no basemap unless the server is given one or the planner picks one
    assertThat(driver.findElements(By.cssSelector("img.leaflet-tile"))).isEmpty();
    assertThat(driver.findElement(By.id("map")).getDomAttribute("data-basemap")).isEqualTo("none");
  }

  @Test
  void aConfiguredBasemapIsDrawnAndCanBeSwitchedOff() {
    // a "tile server" on the same host: any image will do (Leaflet's own, from its WebJar)
    String tiles = "/webjars/leaflet/1.9.4/dist/images/layers.png?z={z}&x={x}&y={y}";
    Javalin withBasemap =
        WebServer.create(
                catalogue,
                new WebServer.Options("127.0.0.1", 0, List.of("*"), tiles, "Tiles: test"))
            .start();
    try {
      driver.get("http://127.0.0.1:" + withBasemap.port() + "/map");
      waitReady(result.methods().get(0).method());
      Select basemap = new Select(driver.findElement(By.id("basemap")));
      assertThat(basemap.getFirstSelectedOption().getDomAttribute("value"))
          .as("the server's basemap, by default")
          .isEqualTo("server");
      new WebDriverWait(driver, WAIT)
          .until(d -> !d.findElements(By.cssSelector("img.leaflet-tile-loaded")).isEmpty());
      assertThat(text(".leaflet-control-attribution")).contains("Tiles: test");
      basemap.selectByValue("none");
      assertThat(driver.findElements(By.cssSelector("img.leaflet-tile"))).isEmpty();
      driver.executeScript("localStorage.removeItem('pcn-atlas.basemap');");
    } finally {
      withBasemap.stop();
    }
  }

  @Test
  void clickingACatchmentShowsItsFiguresPracticesAndDistrictShares() {
    open("#method=voronoi");
    String code = clickACatchment("");
    waitForPanel(code);
    assertThat(text("#panel-method")).isEqualTo("voronoi");
    assertThat(driver.findElement(By.cssSelector("path.catchment[data-pcn='" + code + "']")))
        .satisfies(p -> assertThat(p.getDomAttribute("class")).contains("is-selected"));
    assertThat(attributes("#panel tr[data-practice]", "data-practice"))
        .isEqualTo(practicesOf(code));
    long districts =
        result.methods().get(0).pairs().get(Analysis.DISTRICTS).stream()
            .filter(p -> p.pair().pcnCode().equals(code))
            .count();
    assertThat(districts).isPositive();
    assertThat(
            driver.findElements(
                By.xpath("//h3[.='District shares']/following-sibling::table[1]//tbody/tr")))
        .hasSize((int) districts);
    assertThat(
            driver
                .findElement(By.cssSelector("#pcn-list button[data-pcn='" + code + "']"))
                .getDomAttribute("aria-pressed"))
        .isEqualTo("true");
  }

  @Test
  void switchingTheMethodRedrawsTheCatchments() {
    open("#method=voronoi");
    Set<String> voronoi = drawnPcns();
    new Select(driver.findElement(By.id("method"))).selectByValue("registration");
    waitReady("registration");
    Set<String> registration = drawnPcns();
    assertThat(registration).isEqualTo(pcnsWithACatchment("registration")).isNotEqualTo(voronoi);
    assertThat(driver.findElement(By.id("label-catchments")).getText())
        .isEqualTo("Catchments (registration)");
    assertThat(driver.findElement(By.cssSelector("#downloads a")).getDomAttribute("href"))
        .endsWith("/collections/catchments-registration/items?limit=10000");
    // a PCN the method gives no area is still listed, and opens its panel with a notice
    String empty =
        catchments("registration").stream()
            .filter(c -> c.geometry().isEmpty())
            .map(Catchment::pcnCode)
            .findFirst()
            .orElseThrow();
    driver.findElement(By.cssSelector("#pcn-list button[data-pcn='" + empty + "']")).click();
    waitForPanel(empty);
    assertThat(text("#panel .notice")).contains("no catchment");
  }

  @Test
  void searchingAPracticeCodeOpensItsPcnAndZoomsToThePractice() {
    open("#method=voronoi");
    Practice practice = result.inputs().practices().get(7);
    double zoomBefore = zoom();
    WebElement search = driver.findElement(By.id("search"));
    search.sendKeys(practice.code(), Keys.ENTER);
    waitForPanel(practice.pcnCode());
    new WebDriverWait(driver, WAIT).until(d -> zoom() > zoomBefore);
    assertThat(
            driver
                .findElement(By.cssSelector("#panel tr.is-selected"))
                .getDomAttribute("data-practice"))
        .isEqualTo(practice.code());
    assertThat(
            driver
                .findElement(
                    By.cssSelector("path.practice[data-practice='" + practice.code() + "']"))
                .getDomAttribute("class"))
        .contains("is-selected");
    // and a PCN by part of its name
    search.clear();
    String pcnName = result.inputs().pcns().get(3).name();
    search.sendKeys(pcnName.substring(0, pcnName.length() - 4).toLowerCase(), Keys.ENTER);
    waitForPanel(result.inputs().pcns().get(3).code());
  }

  @Test
  void everyColourModeHasALegendWhoseColoursPaintEveryShape() throws IOException {
    open("#method=voronoi");
    Select colourBy = new Select(driver.findElement(By.id("colour-by")));
    assertThat(colourBy.getOptions()).hasSize(3);
    for (WebElement option : colourBy.getOptions()) {
      String mode = option.getDomAttribute("value");
      colourBy.selectByValue(mode);
      WebElement legend = driver.findElement(By.cssSelector("#legend .legend"));
      assertThat(legend.getDomAttribute("data-mode")).isEqualTo(mode);
      @SuppressWarnings("unchecked")
      List<String> swatches =
          (List<String>)
              js(
                  "return [...document.querySelectorAll('#legend .legend-item .swatch')]"
                      + ".map(s => getComputedStyle(s).backgroundColor);");
      assertThat(swatches).as(mode).hasSizeGreaterThanOrEqualTo(2);
      @SuppressWarnings("unchecked")
      List<String> fills =
          (List<String>)
              js(
                  "return [...document.querySelectorAll('path.catchment')]"
                      + ".map(p => getComputedStyle(p).fill);");
      assertThat(fills).as(mode).isNotEmpty().allMatch(swatches::contains, "a legend colour");
      // for a reviewer's eye
      Files.write(
          Path.of("target/map-screenshot-" + mode + ".png"),
          driver.getScreenshotAs(OutputType.BYTES));
    }
  }

  @Test
  void aPcnCanBeChosenByKeyboardAndItsPanelReachedByTab() {
    open("#method=voronoi");
    String code = result.inputs().pcns().get(5).code();
    WebElement button =
        driver.findElement(By.cssSelector("#pcn-list button[data-pcn='" + code + "']"));
    js("arguments[0].focus();", button);
    button.sendKeys(Keys.ENTER);
    waitForPanel(code);
    boolean reached = false;
    for (int i = 0; i < 200 && !reached; i++) {
      driver.switchTo().activeElement().sendKeys(Keys.TAB);
      reached =
          (Boolean) js("return document.getElementById('panel').contains(document.activeElement);");
    }
    assertThat(reached).as("Tab reaches the panel's controls").isTrue();
    assertThat(driver.switchTo().activeElement().getTagName()).isEqualTo("button");
  }

  @Test
  void fitsALaptopScreenAndSavesAScreenshot() throws IOException {
    // a PCN that straddles districts shows the most in its panel
    String code =
        result.methods().get(0).pcns().stream()
            .filter(f -> f.straddles() && !f.pcnCode().equals(Practice.UNALLOCATED))
            .map(f -> f.pcnCode())
            .findFirst()
            .orElseThrow();
    open("#method=voronoi&colour=size-band");
    assertThat(clickACatchment("[data-pcn='" + code + "']")).isEqualTo(code);
    waitForPanel(code);
    new Actions(driver).moveToElement(driver.findElement(By.id("legend"))).perform(); // no tooltip
    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, driver.getScreenshotAs(OutputType.BYTES));
    assertThat(SCREENSHOT).isNotEmptyFile();
    assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue())
        .as("no sideways scrolling")
        .isLessThanOrEqualTo(WIDTH);
    WebElement map = driver.findElement(By.id("map"));
    assertThat(map.getSize().getWidth()).isGreaterThan(600);
    assertThat(map.getSize().getHeight()).isGreaterThan(500);
    assertThat(driver.findElement(By.id("panel")).getSize().getWidth()).isGreaterThan(300);
    // the panel's tables (practices, shares per district) fit its width
    assertThat(
            ((Number)
                    js(
                        "const p = document.getElementById('panel');"
                            + " return p.scrollWidth - p.clientWidth;"))
                .intValue())
        .as("the panel scrolls sideways by")
        .isLessThanOrEqualTo(0);

    // and a desktop screen: the map takes the room, the page still does not scroll sideways
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1920, 1080));
    try {
      open("#method=voronoi&colour=size-band&pcn=" + code);
      waitForPanel(code);
      Files.write(
          Path.of("target/map-screenshot-1920.png"), driver.getScreenshotAs(OutputType.BYTES));
      assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue())
          .as("no sideways scrolling at 1920")
          .isLessThanOrEqualTo(1920);
      WebElement wide = driver.findElement(By.id("map"));
      assertThat(wide.getSize().getWidth()).isGreaterThan(1100);
      assertThat(wide.getSize().getHeight()).isGreaterThan(850);
    } finally {
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(WIDTH, HEIGHT));
    }
  }

  // ---- helpers ----

  /** A point of the element that a click would reach (no other mark above it), or null. */
  static final String FREE_POINT =
      "const el = arguments[0], r = el.getBoundingClientRect();"
          + "for (let i = 1; i < 16; i++) for (let j = 1; j < 16; j++) {"
          + "  const x = r.left + r.width * i / 16, y = r.top + r.height * j / 16;"
          + "  if (document.elementFromPoint(x, y) === el) return [Math.round(x), Math.round(y)];"
          + "}"
          + "return null;";

  /** Clicks the first catchment with a point that no other mark covers; returns its PCN code. */
  String clickACatchment(String css) {
    for (WebElement path : driver.findElements(By.cssSelector("path.catchment" + css))) {
      @SuppressWarnings("unchecked")
      List<Number> point = (List<Number>) js(FREE_POINT, path);
      if (point != null) {
        new Actions(driver)
            .moveToLocation(point.get(0).intValue(), point.get(1).intValue())
            .click()
            .perform();
        return path.getDomAttribute("data-pcn");
      }
    }
    throw new AssertionError("no catchment has a point free to click");
  }

  void open(String hash) {
    driver.get("about:blank"); // a fresh page even when only the hash differs
    driver.get(base + "/map" + hash);
    String method =
        hash.contains("method=")
            ? hash.replaceAll(".*method=([^&]+).*", "$1")
            : result.methods().get(0).method();
    waitReady(method);
  }

  /** Waits until the method's catchments are drawn; an error the page shows fails at once. */
  void waitReady(String method) {
    Browser.waitReady(driver, method, WAIT);
  }

  void waitForPanel(String code) {
    new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.textToBe(By.id("panel-pcn-code"), code));
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  double zoom() {
    return Double.parseDouble(driver.findElement(By.id("map")).getDomAttribute("data-zoom"));
  }

  Set<String> attributes(String css, String attribute) {
    return driver.findElements(By.cssSelector(css)).stream()
        .map(e -> e.getDomAttribute(attribute))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  Set<String> drawnPcns() {
    List<WebElement> paths = driver.findElements(By.cssSelector("path.catchment"));
    Set<String> codes = attributes("path.catchment", "data-pcn");
    assertThat(codes).as("one shape per PCN").hasSize(paths.size());
    return codes;
  }

  List<WebElement> listedPcns() {
    return driver.findElements(By.cssSelector("#pcn-list button[data-pcn]"));
  }

  static List<Catchment> catchments(String method) {
    return result.methods().stream()
        .filter(m -> m.method().equals(method))
        .findFirst()
        .orElseThrow()
        .catchments()
        .pcns();
  }

  static Set<String> pcnsWithACatchment(String method) {
    return catchments(method).stream()
        .filter(c -> !c.geometry().isEmpty())
        .map(Catchment::pcnCode)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static Set<String> practicesOf(String pcnCode) {
    return result.inputs().practices().stream()
        .filter(p -> p.pcnCode().equals(pcnCode))
        .map(Practice::code)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
