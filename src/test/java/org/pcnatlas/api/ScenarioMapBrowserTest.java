package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.model.Practice;
import org.pcnatlas.scenario.Scenario;
import org.pcnatlas.testing.Browser;

/**
 * The map's scenario panel in a real browser: headless Chromium opens {@code /map} on a server with
 * scenarios (the demo, the embedded store in a temporary folder), creates a scenario, moves a
 * practice by clicking it and reads the before/after table and the scenario's catchments.
 */
class ScenarioMapBrowserTest {
  static final String TOKEN = "browser-test-token-0123";
  static final Duration WAIT = Duration.ofSeconds(60);
  static final Path SCREENSHOT = Path.of("target/map-scenario-screenshot.png");
  static final ObjectMapper JSON = new ObjectMapper();

  static ScenarioMapServer server;
  static AnalysisResult result;
  static ScenarioApi scenarios;
  static String base;
  static ChromeDriver driver;

  @BeforeAll
  static void serveTheDemoWithScenariosAndStartChromium() throws IOException {
    Browser.require();
    server = ScenarioMapServer.start("pcn-atlas-scenarios-", TOKEN);
    result = server.result;
    scenarios = server.scenarios;
    base = server.base;
    driver = server.driver;
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  /** No page may log an error; a test that expects a refused request drains its own entries. */
  @AfterEach
  void theConsoleHasNoErrors() {
    assertThat(consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void movingAPracticeChangesTheComparisonTableAndTheScenarioCatchments() throws IOException {
    open();
    assertThat(driver.findElement(By.id("scenario-panel")).isDisplayed()).isTrue();
    typeToken(TOKEN);
    create("Move a practice");
    waitScenarioVersion(1);
    String id = driver.findElement(By.id("map")).getDomAttribute("data-scenario");
    assertThat(id).isNotBlank();
    assertThat(comparisonRows()).as("no change yet, no changed PCN").isEmpty();
    assertThat(scenarioPaths()).isEqualTo(pcnsWithACatchment(id));

    // a practice whose PCN keeps other practices, and whose marker is free to click
    Practice practice = clickAPractice();
    String from = practice.pcnCode();
    WebElement target =
        new WebDriverWait(driver, WAIT)
            .until(d -> d.findElement(By.cssSelector(".leaflet-popup #scenario-move-pcn")));
    Select select = new Select(target);
    String to = select.getOptions().get(0).getDomAttribute("value");
    assertThat(select.getOptions())
        .as("the practice's own PCN is not offered")
        .noneMatch(o -> from.equals(o.getDomAttribute("value")));
    select.selectByValue(to);
    driver.findElement(By.id("scenario-move")).click();
    waitScenarioVersion(2);

    assertThat(text("#scenario-status")).contains("Saved as version 2");
    assertThat(comparisonRows()).contains(from, to);
    for (String pcn : List.of(from, to)) {
      WebElement row =
          driver.findElement(By.cssSelector("#scenario-comparison tr[data-pcn='" + pcn + "']"));
      assertThat(row.getDomAttribute("data-status")).as(pcn).isEqualTo("changed");
    }
    assertThat(registeredChange(from)).isEqualTo(-practice.listSize());
    assertThat(registeredChange(to)).isEqualTo(practice.listSize());
    assertThat(
            driver
                .findElement(
                    By.cssSelector(
                        "#scenario-comparison tr[data-pcn='"
                            + to
                            + "'] td[data-col='registered_list_change']"))
                .getDomAttribute("class"))
        .contains("diff-up");
    assertThat(text("#scenario-changes li")).contains(practice.code()).contains(to);
    // every changed row says what changed; the move changes both PCNs' registered lists
    for (WebElement row :
        driver.findElements(By.cssSelector("#scenario-comparison tr[data-status='changed']"))) {
      assertThat(row.findElement(By.cssSelector("td[data-col='changed']")).getText())
          .as(row.getDomAttribute("data-pcn"))
          .isNotBlank();
    }
    assertThat(text("#scenario-comparison tr[data-pcn='" + from + "'] td[data-col='changed']"))
        .contains("registered list");
    assertThat(driver.findElements(By.cssSelector("#scenario-comparison td[data-col='area_km2']")))
        .isNotEmpty();

    // the before/after bars: the changed PCNs, their registered lists after the change
    assertThat(driver.findElement(By.id("scenario-chart")).getDomAttribute("data-pcns").split(","))
        .contains(from, to);
    JsonNode bars =
        JSON.readTree(
            (String)
                js(
                    "return JSON.stringify(echarts.getInstanceByDom("
                        + "document.getElementById('scenario-chart')).getOption().series);"));
    assertThat(bars.get(0).get("name").asText()).isEqualTo("Baseline");
    assertThat(bars.get(1).get("name").asText()).isEqualTo("Scenario");
    List<String> charted =
        List.of(
            driver.findElement(By.id("scenario-chart")).getDomAttribute("data-pcns").split(","));
    long afterTo = bars.get(1).get("data").get(charted.indexOf(to)).asLong();
    long beforeTo = bars.get(0).get("data").get(charted.indexOf(to)).asLong();
    assertThat(afterTo - beforeTo).isEqualTo(practice.listSize());

    // the panel of a changed PCN gives the scenario's figures, the baseline's beside them, and says
    // which is which: the same figures as the comparison
    JsonNode cmp = comparison(id, "voronoi");
    JsonNode row = null;
    for (JsonNode r : cmp.get("pcns")) {
      if (r.get("pcn_code").asText().equals(from)) {
        row = r;
      }
    }
    assertThat(row).isNotNull();
    driver.findElement(By.cssSelector("#pcn-list button[data-pcn='" + from + "']")).click();
    new WebDriverWait(driver, WAIT)
        .until(d -> !d.findElements(By.cssSelector("#panel #panel-scenario")).isEmpty());
    assertThat(driver.findElement(By.id("panel-scenario-title")).getDomProperty("textContent"))
        .contains("Move a practice")
        .contains("baseline");
    for (String figure : List.of("registered_list", "resident_population", "practices")) {
      String cells = "#panel-scenario tr[data-figure='" + figure + "'] td.";
      assertThat(digits(text(cells + "scenario")))
          .as(figure + " in the scenario")
          .isEqualTo(row.get(figure + "_after").asLong());
      assertThat(digits(text(cells + "baseline")))
          .as(figure + " in the baseline")
          .isEqualTo(row.get(figure + "_before").asLong());
    }
    assertThat(row.get("registered_list_after").asLong())
        .isEqualTo(row.get("registered_list_before").asLong() - practice.listSize());
    // with the scenario hidden, the panel is the baseline's alone
    driver.findElement(By.id("scenario-show")).click();
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElements(By.cssSelector("#panel #panel-scenario")).isEmpty());
    driver.findElement(By.id("scenario-show")).click();
    new WebDriverWait(driver, WAIT)
        .until(d -> !d.findElements(By.cssSelector("#panel #panel-scenario")).isEmpty());
    driver.findElement(By.id("panel-close")).click();
    // the scenario's catchments after the change: one shape per PCN with a catchment
    assertThat(scenarioPaths()).isEqualTo(pcnsWithACatchment(id));
    assertThat(driver.findElement(By.id("scenario-csv")).getDomAttribute("href"))
        .isEqualTo("/scenarios/" + id + "/comparison?method=voronoi&f=csv");

    new Actions(driver).moveToElement(driver.findElement(By.id("legend"))).perform(); // no tooltip
    js("document.getElementById('scenario-changes').scrollIntoView({block: 'end'});");
    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, driver.getScreenshotAs(OutputType.BYTES));
    // the table folds away, leaving the map (a second screenshot for a reviewer's eye)
    driver.findElement(By.id("scenario-results-toggle")).click();
    assertThat(driver.findElement(By.id("scenario-comparison")).isDisplayed()).isFalse();
    Files.write(
        Path.of("target/map-scenario-screenshot-map.png"),
        driver.getScreenshotAs(OutputType.BYTES));
    driver.findElement(By.id("scenario-results-toggle")).click();
    assertThat(driver.findElement(By.id("scenario-comparison")).isDisplayed()).isTrue();
    assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue())
        .as("no sideways scrolling")
        .isLessThanOrEqualTo(MapBrowserTest.WIDTH);
    // on a laptop screen the open table leaves most of the map, and the PCN list keeps rows
    double drawer =
        ((Number) js("return document.getElementById('scenario-results').offsetHeight;"))
            .doubleValue();
    double column =
        ((Number)
                js(
                    "return document.getElementById('map').offsetHeight"
                        + " + document.getElementById('scenario-results').offsetHeight;"))
            .doubleValue();
    assertThat(drawer / column).as("the table's share of the map column").isLessThanOrEqualTo(0.4);
    double list =
        ((Number) js("return document.getElementById('pcn-list').clientHeight;")).doubleValue();
    double rowHeight =
        ((Number)
                js(
                    "return document.querySelector('#pcn-list button[data-pcn]')"
                        + ".getBoundingClientRect().height;"))
            .doubleValue();
    assertThat(list / rowHeight).as("PCN list rows visible").isGreaterThanOrEqualTo(4);

    // the table's drawer is resized from the keyboard on its edge (or by dragging it)
    long tall =
        ((Number) js("return document.getElementById('scenario-results').offsetHeight;"))
            .longValue();
    WebElement edge = driver.findElement(By.id("scenario-results-resize"));
    edge.sendKeys(Keys.ARROW_DOWN);
    edge.sendKeys(Keys.ARROW_DOWN);
    long lower =
        ((Number) js("return document.getElementById('scenario-results').offsetHeight;"))
            .longValue();
    assertThat(lower).as("two steps down").isEqualTo(tall - 48);
    edge.sendKeys(Keys.ARROW_UP);
    assertThat(
            ((Number) js("return document.getElementById('scenario-results').offsetHeight;"))
                .longValue())
        .isEqualTo(lower + 24);

    // the baseline alone, and back
    driver.findElement(By.id("scenario-show")).click();
    assertThat(driver.findElements(By.cssSelector("path.catchment-scenario"))).isEmpty();
    driver.findElement(By.id("scenario-show")).click();
    assertThat(scenarioPaths()).isEqualTo(pcnsWithACatchment(id, "voronoi"));

    // another method: its scenario catchments and comparison
    new Select(driver.findElement(By.id("method"))).selectByValue("registration");
    waitReady("registration");
    assertThat(scenarioPaths()).isEqualTo(pcnsWithACatchment(id, "registration"));
    assertThat(driver.findElement(By.id("scenario-csv")).getDomAttribute("href"))
        .endsWith("method=registration&f=csv");
    assertThat(comparisonRows()).contains(from, to);

    // the address keeps the scenario: a reload shows it again
    driver.get("about:blank");
    driver.get(base + "/map#method=voronoi&scenario=" + id);
    waitReady("voronoi"); // "ready" only once the scenario is drawn too
    assertThat(driver.findElement(By.id("map")).getDomAttribute("data-scenario-version"))
        .isEqualTo("2");
    assertThat(
            new Select(driver.findElement(By.id("scenario-select")))
                .getFirstSelectedOption()
                .getDomAttribute("value"))
        .isEqualTo(id);
    assertThat(comparisonRows()).contains(from, to);
    assertThat(scenarioPaths()).isEqualTo(pcnsWithACatchment(id, "voronoi"));
  }

  @Test
  void aWrongTokenIsRefusedWithTheServersDescriptionAndStoresNothing() throws Exception {
    int before = listedScenarios();
    open();
    typeToken("not-the-token-at-all");
    create("Refused");
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.id("scenario-status")).getText().contains("bearer token"));
    assertThat(text("#scenario-status"))
        .contains("the bearer token is not the one the server was started with")
        .contains("field: Authorization");
    assertThat(listedScenarios()).isEqualTo(before);
    assertThat(driver.findElement(By.id("map")).getDomAttribute("data-scenario")).isNull();
    // the refused request is the one error the console may show
    assertThat(consoleErrors()).allMatch(e -> e.contains("/scenarios") && e.contains("401"));
  }

  @Test
  void anEditMadeElsewhereMeanwhileIsA409AndThePageReloadsTheScenario() throws Exception {
    open();
    typeToken(TOKEN);
    create("Edited elsewhere");
    waitScenarioVersion(1);
    String id = driver.findElement(By.id("map")).getDomAttribute("data-scenario");
    // someone else closes a practice while this page still holds version 1
    Practice closed = result.inputs().practices().get(result.inputs().practices().size() - 1);
    HttpResponse<String> put =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/scenarios/" + id + "/changes"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("If-Match", "\"v1\"")
                    .header("Content-Type", "application/json")
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            "[{\"type\":\"close-practice\",\"practice\":\""
                                + closed.code()
                                + "\"}]"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    Practice moved = clickAPractice();
    assertThat(moved.code()).isNotEqualTo(closed.code());
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.cssSelector(".leaflet-popup #scenario-move-pcn")));
    driver.findElement(By.id("scenario-move")).click();
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.id("scenario-status")).getText().contains("someone else"));
    new WebDriverWait(driver, WAIT)
        .until(
            d ->
                "2".equals(d.findElement(By.id("map")).getDomAttribute("data-scenario-version"))
                    && "ready".equals(d.findElement(By.id("map")).getDomAttribute("data-state")));
    assertThat(text("#scenario-status")).contains("now version 2");
    // the other edit is kept, and shown; this page's edit was not stored
    assertThat(driver.findElements(By.cssSelector("#scenario-changes li"))).hasSize(1);
    assertThat(text("#scenario-changes li")).contains("Close " + closed.code());
    assertThat(scenarios.service().get(id).orElseThrow().changes()).hasSize(1);
    assertThat(consoleErrors()).allMatch(e -> e.contains("/changes") && e.contains("409"));
  }

  @Test
  void aSitePlacedByClickingTheMapJoinsItsPcn() {
    open();
    typeToken(TOKEN);
    create("A new site");
    waitScenarioVersion(1);
    String id = driver.findElement(By.id("map")).getDomAttribute("data-scenario");
    driver.findElement(By.id("scenario-add-site")).click();
    assertThat(driver.findElement(By.id("scenario-add-site")).getDomAttribute("aria-pressed"))
        .isEqualTo("true");
    // a point of a catchment that nothing covers: inside the study area
    String clicked = null;
    for (WebElement path : driver.findElements(By.cssSelector("path.catchment"))) {
      @SuppressWarnings("unchecked")
      List<Number> point = (List<Number>) js(MapBrowserTest.FREE_POINT, path);
      if (point != null) {
        new Actions(driver)
            .moveToLocation(point.get(0).intValue(), point.get(1).intValue())
            .click()
            .perform();
        clicked = path.getDomAttribute("data-pcn");
        break;
      }
    }
    assertThat(clicked).as("a free point of a catchment").isNotNull();
    assertThat(driver.findElement(By.id("site-lon")).getDomProperty("value")).isNotEmpty();
    assertThat(driver.findElement(By.id("site-lat")).getDomProperty("value")).isNotEmpty();
    // the defaults: the PCN under the click, a code no practice has, a name from it
    String pcn =
        new Select(driver.findElement(By.id("site-pcn")))
            .getFirstSelectedOption()
            .getDomAttribute("value");
    assertThat(pcn).as("the PCN whose catchment was clicked").isEqualTo(clicked);
    String code = driver.findElement(By.id("site-code")).getDomProperty("value");
    assertThat(code).matches("SITE\\d+");
    assertThat(result.inputs().practices()).noneMatch(p -> p.code().equalsIgnoreCase(code));
    assertThat(driver.findElement(By.id("site-name")).getDomProperty("value")).contains(code);
    WebElement code0 = driver.findElement(By.id("site-code"));
    code0.clear();
    code0.sendKeys("Z90001");
    WebElement name = driver.findElement(By.id("site-name"));
    name.clear();
    name.sendKeys("Riverside branch surgery");
    driver.findElement(By.id("site-list-size")).sendKeys("8000");
    driver.findElement(By.id("site-add")).click();
    waitScenarioVersion(2);
    assertThat(registeredChange(pcn)).isEqualTo(8000);
    assertThat(driver.findElements(By.cssSelector("path.site-added[data-site='Z90001']")))
        .hasSize(1);
    assertThat(driver.findElement(By.id("scenario-site-form")).isDisplayed()).isFalse();
    assertThat(scenarioPaths()).isEqualTo(pcnsWithACatchment(id));
  }

  @Test
  void pcnsMergeByTheFormAPracticeClosesByKeyboardAndAChangeIsRemoved() {
    open();
    typeToken(TOKEN);
    create("Forms");
    waitScenarioVersion(1);
    List<String> pcns =
        result.inputs().pcns().stream()
            .map(p -> p.code())
            .filter(c -> !c.equals(Practice.UNALLOCATED))
            .toList();
    String a = pcns.get(0);
    String b = pcns.get(1);
    assertThat(new Select(driver.findElement(By.id("merge-a"))).getOptions())
        .as("the unallocated practices are not a PCN to merge")
        .noneMatch(o -> Practice.UNALLOCATED.equals(o.getDomAttribute("value")));
    driver.findElement(By.cssSelector("#scenario-merge summary")).click();
    new Select(driver.findElement(By.id("merge-a"))).selectByValue(a);
    new Select(driver.findElement(By.id("merge-b"))).selectByValue(b);
    driver.findElement(By.id("merge-code")).sendKeys("U99999");
    driver.findElement(By.id("merge-name")).sendKeys("Merged PCN");
    driver.findElement(By.id("merge-add")).click();
    waitScenarioVersion(2);
    assertThat(status("U99999")).isEqualTo("new");
    assertThat(status(a)).isEqualTo("removed");
    assertThat(status(b)).isEqualTo("removed");

    // a practice of another PCN, reached from the PCN list and the panel by keyboard
    Practice practice =
        result.inputs().practices().stream()
            .filter(p -> !p.pcnCode().equals(a) && !p.pcnCode().equals(b))
            .filter(p -> !p.pcnCode().equals(Practice.UNALLOCATED))
            .findFirst()
            .orElseThrow();
    WebElement pcnButton =
        driver.findElement(
            By.cssSelector("#pcn-list button[data-pcn='" + practice.pcnCode() + "']"));
    js("arguments[0].focus();", pcnButton);
    pcnButton.sendKeys(Keys.ENTER);
    WebElement practiceButton =
        new WebDriverWait(driver, WAIT)
            .until(
                d ->
                    d.findElement(
                        By.cssSelector(
                            "#panel tr[data-practice='" + practice.code() + "'] button")));
    js("arguments[0].focus();", practiceButton);
    practiceButton.sendKeys(Keys.ENTER);
    WebElement choice =
        new WebDriverWait(driver, WAIT)
            .until(d -> d.findElement(By.cssSelector(".leaflet-popup #scenario-move-pcn")));
    new WebDriverWait(driver, WAIT).until(d -> choice.equals(d.switchTo().activeElement()));
    choice.sendKeys(Keys.TAB); // to Move
    driver.switchTo().activeElement().sendKeys(Keys.TAB); // to Close practice
    assertThat(driver.switchTo().activeElement().getDomAttribute("id"))
        .isEqualTo("scenario-close-practice");
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    waitScenarioVersion(3);
    assertThat(
            driver
                .findElement(
                    By.cssSelector("path.practice[data-practice='" + practice.code() + "']"))
                .getDomAttribute("class"))
        .contains("is-closed");
    assertThat(driver.findElements(By.cssSelector("#scenario-changes li"))).hasSize(2);

    // remove the merge: the two PCNs are back, the closure stays
    driver.findElement(By.cssSelector("#scenario-changes li:first-child button.remove")).click();
    waitScenarioVersion(4);
    assertThat(driver.findElements(By.cssSelector("#scenario-changes li"))).hasSize(1);
    assertThat(text("#scenario-changes li")).contains("Close " + practice.code());
    assertThat(comparisonRows()).doesNotContain("U99999").contains(practice.pcnCode());
    String id = driver.findElement(By.id("map")).getDomAttribute("data-scenario");
    assertThat(scenarioPaths()).isEqualTo(pcnsWithACatchment(id));
  }

  @Test
  void namesAWriterChoseAreShownAsTextAndNothingInThemRuns() throws Exception {
    // a scenario name and a merged PCN's name carrying markup and script, stored through the API
    String evil = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    List<String> pcns =
        result.inputs().pcns().stream().map(p -> p.code()).filter(c -> !c.equals("U")).toList();
    String json =
        "{\"name\":"
            + OgcApiTest.JSON.writeValueAsString(evil)
            + ",\"description\":"
            + OgcApiTest.JSON.writeValueAsString(evil)
            + ",\"changes\":[{\"type\":\"merge-pcns\",\"pcns\":[\""
            + pcns.get(0)
            + "\",\""
            + pcns.get(1)
            + "\"],\"into\":{\"code\":\"U99990\",\"name\":"
            + OgcApiTest.JSON.writeValueAsString(evil)
            + "}}]}";
    HttpResponse<String> post =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/scenarios"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).as(post.body()).isEqualTo(201);
    String id = OgcApiTest.JSON.readTree(post.body()).get("id").asText();
    driver.get("about:blank");
    driver.get(base + "/map#method=voronoi&scenario=" + id);
    waitReady();
    waitScenarioVersion(1);
    // hover every scenario catchment (tooltips); the scenario panel and its table show the names
    for (WebElement path : driver.findElements(By.cssSelector("path.catchment-scenario"))) {
      new org.openqa.selenium.interactions.Actions(driver).moveToElement(path).perform();
    }
    String page = (String) js("return document.body.innerText;");
    assertThat(page).contains("<img src=x");
    assertThat(js("return window.__pwned === undefined;")).isEqualTo(true);
    assertThat(driver.findElements(By.cssSelector("body img[src='x'], body script:not([src])")))
        .isEmpty();
    // the HTML pages of the API escape them too
    String html =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            base
                                + "/collections/scenario-"
                                + id
                                + "-catchments-voronoi/items?f=html"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(html).doesNotContain("<img src=x").contains("&lt;img src=x");
  }

  // ---- helpers ----

  void open() {
    driver.get("about:blank");
    driver.get(base + "/map#method=voronoi");
    // a fresh tab's session: no token kept from another test
    js("sessionStorage.clear(); document.getElementById('scenario-token').value = '';");
    waitReady();
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.id("scenario-panel")).isDisplayed());
  }

  void waitReady() {
    waitReady("voronoi");
  }

  void waitReady(String method) {
    Browser.waitReady(driver, method, WAIT);
  }

  void waitScenarioVersion(long version) {
    new WebDriverWait(driver, WAIT)
        .until(
            d -> {
              WebElement map = d.findElement(By.id("map"));
              if ("error"
                  .equals(d.findElement(By.id("scenario-status")).getDomAttribute("data-kind"))) {
                throw new AssertionError("the scenario failed: " + text("#scenario-status"));
              }
              return String.valueOf(version).equals(map.getDomAttribute("data-scenario-version"))
                  && "ready".equals(map.getDomAttribute("data-state"));
            });
  }

  void typeToken(String token) {
    driver.findElement(By.id("scenario-token")).sendKeys(token);
  }

  void create(String name) {
    driver.findElement(By.id("scenario-name")).sendKeys(name);
    driver.findElement(By.id("scenario-create")).click();
  }

  /** Clicks the first practice marker free to click whose PCN has other practices. */
  Practice clickAPractice() {
    Map<String, Long> perPcn =
        result.inputs().practices().stream()
            .collect(Collectors.groupingBy(Practice::pcnCode, Collectors.counting()));
    for (Practice p : result.inputs().practices()) {
      if (perPcn.get(p.pcnCode()) < 2 || p.listSize() <= 0) {
        continue;
      }
      List<WebElement> marker =
          driver.findElements(By.cssSelector("path.practice[data-practice='" + p.code() + "']"));
      if (marker.isEmpty()) {
        continue;
      }
      @SuppressWarnings("unchecked")
      List<Number> point =
          (List<Number>)
              js(
                  "const el = arguments[0], r = el.getBoundingClientRect();"
                      + "const x = r.left + r.width / 2, y = r.top + r.height / 2;"
                      + "return document.elementFromPoint(x, y) === el"
                      + " ? [Math.round(x), Math.round(y)] : null;",
                  marker.get(0));
      if (point != null) {
        new Actions(driver)
            .moveToLocation(point.get(0).intValue(), point.get(1).intValue())
            .click()
            .perform();
        return p;
      }
    }
    throw new AssertionError("no practice marker is free to click");
  }

  String status(String pcn) {
    return driver
        .findElement(By.cssSelector("#scenario-comparison tr[data-pcn='" + pcn + "']"))
        .getDomAttribute("data-status");
  }

  Set<String> comparisonRows() {
    return driver.findElements(By.cssSelector("#scenario-comparison tr[data-pcn]")).stream()
        .map(e -> e.getDomAttribute("data-pcn"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  long registeredChange(String pcn) {
    return Long.parseLong(
        driver
            .findElement(
                By.cssSelector(
                    "#scenario-comparison tr[data-pcn='"
                        + pcn
                        + "'] td[data-col='registered_list_change']"))
            .getDomAttribute("data-value"));
  }

  Set<String> scenarioPaths() {
    List<WebElement> paths = driver.findElements(By.cssSelector("path.catchment-scenario"));
    Set<String> codes =
        paths.stream()
            .map(e -> e.getDomAttribute("data-pcn"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(codes).as("one scenario shape per PCN").hasSize(paths.size());
    return codes;
  }

  /** The PCNs with a voronoi catchment in the scenario as the server stores it now. */
  static Set<String> pcnsWithACatchment(String id) {
    return pcnsWithACatchment(id, "voronoi");
  }

  /** The PCNs with a catchment of this method in the scenario as the server stores it now. */
  static Set<String> pcnsWithACatchment(String id, String method) {
    Scenario s = scenarios.service().get(id).orElseThrow();
    return scenarios.service().compute(s).methods().get(method).catchments().pcns().stream()
        .filter(c -> !c.geometry().isEmpty())
        .map(Catchment::pcnCode)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static JsonNode comparison(String id, String method) throws IOException {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(base + "/scenarios/" + id + "/comparison?method=" + method))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The whole number a formatted figure shows ("37,603" is 37603). */
  static long digits(String text) {
    return Long.parseLong(text.replaceAll("[^0-9]", ""));
  }

  static int listedScenarios() throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/scenarios")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(r.body());
    return doc.get("scenarios").size();
  }

  List<String> consoleErrors() {
    return Browser.consoleErrors(driver);
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }
}
