package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pcnatlas.testing.Browser;

/**
 * The map's pictures in a real browser: the legend and the fills are the server's colour scales,
 * "Export PNG" asks {@code /map.png} for the view as shown (and the picture has the page's colours
 * where the page has them), and "Print" lays the page out with title, legend, scale, north arrow,
 * date and sources. Screenshots, the exported picture and a PDF are kept under {@code target/}.
 */
class MapPicturesBrowserTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final ObjectMapper JSON = new ObjectMapper();

  static Catalogue catalogue;
  static Javalin app;
  static String base;
  static Browser.Session chromium;
  static ChromeDriver driver;

  @BeforeAll
  static void serveTheDemoAndStartChromium() throws IOException {
    Browser.require();
    catalogue =
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
  void theLegendAndTheFillsAreTheServersScalesInEveryColourMode() throws Exception {
    open();
    JsonNode scales = get("/map/scales.json?method=voronoi").get("scales");
    Select colourBy = new Select(driver.findElement(By.id("colour-by")));
    List<String> modes = new ArrayList<>();
    colourBy.getOptions().forEach(o -> modes.add(o.getDomAttribute("value")));
    assertThat(modes).contains("size-band", "population", "alignment");
    for (String mode : modes) {
      colourBy.selectByValue(mode);
      new WebDriverWait(driver, WAIT)
          .until(
              d ->
                  d.findElements(By.cssSelector("#legend .legend[data-mode='" + mode + "']")).size()
                      == 1);
      JsonNode scale = scales.get(mode);
      assertThat(scale).as(mode).isNotNull();
      // the legend: the server's classes, colours and counts, in order
      List<WebElement> items = driver.findElements(By.cssSelector("#legend .legend-item"));
      List<String> shown = new ArrayList<>();
      for (WebElement li : items) {
        String colour = li.findElement(By.cssSelector(".swatch")).getCssValue("background-color");
        shown.add(hex(colour) + " " + li.findElement(By.cssSelector(".muted")).getText());
      }
      List<String> expected = new ArrayList<>();
      Map<String, Integer> perColour = new TreeMap<>();
      for (JsonNode item : scale.get("items")) {
        int n = item.get("n").asInt();
        // the unallocated practices' area is no PCN, and the legend does not count it as one
        boolean unallocated = item.get("label").asText().startsWith("unallocated practices");
        expected.add(
            item.get("colour").asText().toLowerCase()
                + " "
                + n
                + (unallocated ? " area" : n == 1 ? " PCN" : " PCNs"));
        perColour.merge(item.get("colour").asText().toLowerCase(), n, Integer::sum);
      }
      assertThat(shown).as(mode + ": the legend").isEqualTo(expected);
      // the fills: as many catchments of each colour as the scale counts
      Map<String, Integer> fills = new TreeMap<>();
      for (WebElement path : driver.findElements(By.cssSelector("path.catchment[data-pcn]"))) {
        fills.merge(path.getDomAttribute("fill").toLowerCase(), 1, Integer::sum);
      }
      perColour.values().removeIf(n -> n == 0);
      assertThat(fills).as(mode + ": the catchments' fills").isEqualTo(perColour);
    }
  }

  @Test
  void exportPngIsTheServersPictureOfTheViewAsShown() throws Exception {
    open();
    new Select(driver.findElement(By.id("colour-by"))).selectByValue("alignment");
    // a layer switched off stays off in the picture
    driver.findElement(By.id("layer-practices")).click();
    WebElement link = driver.findElement(By.id("export-png"));
    driver.executeScript("arguments[0].focus();", link);
    String href = link.getDomAttribute("href");
    assertThat(href).startsWith("/map.png?");
    Map<String, String> params = query(href);
    assertThat(params)
        .containsEntry("method", "voronoi")
        .containsEntry("colour-by", "alignment")
        .containsEntry("decorations", "all")
        .containsEntry("bbox-crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84")
        .containsEntry("crs", "http://www.opengis.net/def/crs/EPSG/0/3857");
    assertThat(params.get("layers")).startsWith("catchments-voronoi").doesNotContain("practices");
    assertThat(params.get("bbox"))
        .isEqualTo(driver.findElement(By.id("map")).getDomAttribute("data-view"));
    long mapWidth =
        ((Number) driver.executeScript("return arguments[0].clientWidth;", map())).longValue();
    long mapHeight =
        ((Number) driver.executeScript("return arguments[0].clientHeight;", map())).longValue();
    assertThat(Long.parseLong(params.get("width"))).isEqualTo(2 * mapWidth);
    assertThat(Long.parseLong(params.get("height"))).isEqualTo(2 * mapHeight);

    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + href)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/map-export.png"), r.body());
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(r.body()));
    assertThat(png.getWidth()).isEqualTo(2 * mapWidth);
    assertThat(png.getHeight()).isEqualTo(2 * mapHeight);

    // where the page shows a catchment's fill (nothing above it), the picture shows the same colour
    // over its white background (an outline or a label may cover a probe: most must agree)
    hideDecorationsOfThePage();
    int probes = 0;
    int agree = 0;
    List<String> misses = new ArrayList<>();
    for (WebElement path : driver.findElements(By.cssSelector("path.catchment[data-pcn]"))) {
      @SuppressWarnings("unchecked")
      List<Number> point = (List<Number>) driver.executeScript(FREE_POINT_IN_MAP, path);
      if (point == null) {
        continue;
      }
      Color fill = Color.decode(path.getDomAttribute("fill"));
      double opacity = Double.parseDouble(path.getDomAttribute("fill-opacity"));
      Color expected = over(fill, opacity, Color.WHITE);
      int x = (int) Math.round(point.get(0).doubleValue() * 2);
      int y = (int) Math.round(point.get(1).doubleValue() * 2);
      Color got = new Color(png.getRGB(x, y));
      probes++;
      if (close(got, expected, 4)) {
        agree++;
      } else {
        misses.add(path.getDomAttribute("data-pcn") + " " + got + " != " + expected);
      }
    }
    assertThat(probes).as("catchments probed").isGreaterThanOrEqualTo(10);
    assertThat(agree)
        .as("probes agreeing; misses: " + misses)
        .isGreaterThanOrEqualTo(probes * 3 / 4);
  }

  @Test
  void printLaysTheMapOutWithTitleLegendScaleNorthArrowDateAndSources() throws Exception {
    open();
    driver.executeScript("window.print = () => { window.__printed = true; };");
    driver.findElement(By.id("print-map")).click();
    assertThat(driver.executeScript("return window.__printed === true;")).isEqualTo(true);
    assertThat(driver.findElement(By.tagName("body")).getDomAttribute("class"))
        .contains("printing");
    assertThat(driver.findElement(By.id("sidebar")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("panel")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("print-title")).getText())
        .startsWith("PCN catchments (")
        .contains("size band");
    assertThat(driver.findElement(By.id("print-subtitle")).getText())
        .matches("Printed \\d{4}-\\d{2}-\\d{2}.*");
    assertThat(driver.findElements(By.cssSelector("#print-legend .legend-item")))
        .hasSize(driver.findElements(By.cssSelector("#legend .legend-item")).size())
        .allMatch(WebElement::isDisplayed);
    assertThat(driver.findElement(By.id("print-sources")).getText())
        .startsWith(catalogue.sources())
        .contains("analysed 2026-01-01");
    assertThat(driver.findElement(By.cssSelector(".leaflet-control-scale")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.cssSelector(".north-arrow")).isDisplayed()).isTrue();
    // the map is laid out at the paper's width, its catchments drawn across it
    long width =
        ((Number) driver.executeScript("return arguments[0].clientWidth;", map())).longValue();
    assertThat(width).as("277 mm at 96 px per inch").isBetween(1040L, 1050L);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/map-print.png"), driver.getScreenshotAs(OutputType.BYTES));
    PrintOptions options = new PrintOptions();
    options.setOrientation(PrintOptions.Orientation.LANDSCAPE);
    options.setBackground(true);
    byte[] pdf = Base64.getDecoder().decode(driver.print(options).getContent());
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
    Files.write(Path.of("target/map-print.pdf"), pdf);
  }

  @Test
  void theSizeChartHasOneBarPerPcnInItsBandColourWithTheBandShaded() throws Exception {
    open();
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.id("chart-sizes")).getDomAttribute("data-pcns") != null);
    JsonNode option =
        JSON.readTree(
            (String)
                driver.executeScript(
                    "return JSON.stringify(echarts.getInstanceByDom("
                        + "document.getElementById('chart-sizes')).getOption());"));
    JsonNode series = option.get("series").get(0);
    // the PCNs of the analysis, most registered first (the unallocated practices are no PCN)
    List<JsonNode> pcns = new ArrayList<>();
    get("/analysis/pcns?method=voronoi").get("pcns").forEach(pcns::add);
    pcns.removeIf(p -> p.get("pcn_code").asText().equals("U"));
    pcns.sort(
        (a, b) ->
            Long.compare(b.get("registered_list").asLong(), a.get("registered_list").asLong()));
    JsonNode band = get("/map/scales.json?method=voronoi").get("scales").get("size-band");
    Map<String, String> bandColour = new TreeMap<>();
    for (int i = 0; i < band.get("rule").get("values").size(); i++) {
      bandColour.put(
          band.get("rule").get("values").get(i).asText(),
          band.get("rule").get("colours").get(i).asText());
    }
    assertThat(series.get("data")).hasSize(pcns.size());
    for (int i = 0; i < pcns.size(); i++) {
      JsonNode bar = series.get("data").get(i);
      assertThat(bar.get("pcn").asText()).isEqualTo(pcns.get(i).get("pcn_code").asText());
      assertThat(bar.get("value").asLong()).isEqualTo(pcns.get(i).get("registered_list").asLong());
      assertThat(bar.get("itemStyle").get("color").asText())
          .isEqualTo(bandColour.get(pcns.get(i).get("size_band").asText()));
    }
    JsonNode area = series.get("markArea").get("data").get(0);
    JsonNode config = get("/map/config.json").get("sizeBand");
    assertThat(area.get(0).get("xAxis").asLong()).isEqualTo(config.get("lower").asLong());
    assertThat(area.get(1).get("xAxis").asLong()).isEqualTo(config.get("upper").asLong());
    assertThat(config.get("lower").asLong()).isEqualTo(30000);
    assertThat(driver.findElements(By.cssSelector("#chart-sizes svg rect, #chart-sizes svg path")))
        .as("drawn as SVG")
        .isNotEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/map-charts.png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void theStraddlingTableRanksByDominantShareSortsByEachColumnAndSelectsOnTheMap()
      throws Exception {
    open();
    List<String> straddling = new ArrayList<>();
    get("/analysis/pcns?method=voronoi")
        .get("pcns")
        .forEach(
            p -> {
              // the unallocated practices straddle, but are no PCN: not in the table
              if (p.path("straddles").asBoolean(false) && !p.get("pcn_code").asText().equals("U")) {
                straddling.add(p.get("pcn_code").asText());
              }
            });
    assertThat(straddling).as("the demo has straddling PCNs").isNotEmpty();
    List<String> rows = tableColumn("#straddling-table tbody tr", null);
    assertThat(rows).containsExactlyInAnyOrderElementsOf(straddling);
    // ranked by the dominant share, lowest (worst aligned) first
    assertThat(shares()).isSorted();
    driver
        .findElement(
            By.cssSelector("#straddling-table button[data-sort='dominant_district_share']"))
        .click();
    assertThat(shares()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(
            driver
                .findElement(By.cssSelector("#straddling-table th[aria-sort='descending'] button"))
                .getDomAttribute("data-sort"))
        .isEqualTo("dominant_district_share");
    driver
        .findElement(By.cssSelector("#straddling-table button[data-sort='registered_list']"))
        .click();
    List<Double> lists = new ArrayList<>();
    for (String v : tableColumn("#straddling-table td[data-col='registered_list']", "data-value")) {
      lists.add(Double.parseDouble(v));
    }
    assertThat(lists).isSorted();
    // a row's PCN opens on the map
    String first = tableColumn("#straddling-table tbody tr", null).get(0);
    driver
        .findElement(By.cssSelector("#straddling-table tr[data-pcn='" + first + "'] button"))
        .click();
    new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.id("panel-pcn-code")).size() == 1);
    assertThat(driver.findElement(By.id("panel-pcn-code")).getText()).isEqualTo(first);
  }

  List<Double> shares() {
    List<Double> out = new ArrayList<>();
    for (String v :
        tableColumn("#straddling-table td[data-col='dominant_district_share']", "data-value")) {
      out.add(Double.parseDouble(v));
    }
    return out;
  }

  /** An attribute of each matching element (null: their data-pcn). */
  List<String> tableColumn(String css, String attribute) {
    List<String> out = new ArrayList<>();
    for (WebElement e : driver.findElements(By.cssSelector(css))) {
      out.add(e.getDomAttribute(attribute == null ? "data-pcn" : attribute));
    }
    return out;
  }

  // ---- helpers ----

  /** A point of the element, relative to the map's top left, that nothing else covers. */
  static final String FREE_POINT_IN_MAP =
      "const el = arguments[0], r = el.getBoundingClientRect();"
          + "const m = document.getElementById('map').getBoundingClientRect();"
          + "for (let i = 1; i < 8; i++) for (let j = 1; j < 8; j++) {"
          + "  const x = r.left + r.width * i / 8, y = r.top + r.height * j / 8;"
          + "  if (x < m.left + 4 || y < m.top + 4 || x > m.right - 4 || y > m.bottom - 4) continue;"
          + "  if (document.elementFromPoint(x, y) === el) return [x - m.left, y - m.top];"
          + "}"
          + "return null;";

  /** The page's own controls (zoom, scale, arrow, attribution) are not in the server's picture. */
  void hideDecorationsOfThePage() {
    driver.executeScript(
        "document.querySelectorAll('.leaflet-control-container').forEach(e => e.style.display = 'none');");
  }

  void open() {
    driver.get("about:blank");
    driver.get(base + "/map#method=voronoi");
    Browser.waitReady(driver, "voronoi", WAIT);
  }

  WebElement map() {
    return driver.findElement(By.id("map"));
  }

  static JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static Map<String, String> query(String href) {
    Map<String, String> out = new TreeMap<>();
    for (String kv : href.substring(href.indexOf('?') + 1).split("&")) {
      int eq = kv.indexOf('=');
      out.put(
          java.net.URLDecoder.decode(kv.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(
              kv.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
    }
    return out;
  }

  /** "rgb(26, 150, 65)" or "rgba(…)" as "#1a9641". */
  static String hex(String css) {
    String[] parts = css.replaceAll("[^0-9,.]", "").split(",");
    return String.format(
        "#%02x%02x%02x",
        Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
  }

  static Color over(Color c, double alpha, Color bg) {
    return new Color(
        (int) Math.round(c.getRed() * alpha + bg.getRed() * (1 - alpha)),
        (int) Math.round(c.getGreen() * alpha + bg.getGreen() * (1 - alpha)),
        (int) Math.round(c.getBlue() * alpha + bg.getBlue() * (1 - alpha)));
  }

  static boolean close(Color a, Color b, int tolerance) {
    return Math.abs(a.getRed() - b.getRed()) <= tolerance
        && Math.abs(a.getGreen() - b.getGreen()) <= tolerance
        && Math.abs(a.getBlue() - b.getBlue()) <= tolerance;
  }
}
