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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pcnatlas.testing.Browser;

/**
 * The map's "Propose a configuration" panel in a real browser: headless Chromium opens {@code /map}
 * on a server with scenarios (the demo, the embedded store in a temporary folder), asks for a
 * proposal within a band, watches it run, reads its summary against {@code GET /proposals/{id}},
 * sees its scenario picked and compared, and accepts it as a named scenario; a band whose lower
 * bound is above its upper one is refused with the server's words beside the field.
 */
class ProposeMapBrowserTest {
  static final String TOKEN = "browser-test-token-0123";
  static final Duration WAIT = Duration.ofSeconds(60);

  /** A proposal searches for up to its time limit (60 s by default) before it is done. */
  static final Duration PROPOSAL_WAIT = Duration.ofSeconds(180);

  static final Path SCREENSHOT = Path.of("target/map-propose-screenshot.png");
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> FIGURES = List.of("networks", "inBand", "insideOneArea", "contiguous");

  static ScenarioMapServer server;
  static String base;
  static ChromeDriver driver;

  @BeforeAll
  static void serveTheDemoWithScenariosAndStartChromium() throws IOException {
    Browser.require();
    MapAccessibilityBrowserTest.axe();
    server = ScenarioMapServer.start("pcn-atlas-proposals-", TOKEN);
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
    assertThat(Browser.consoleErrors(driver)).as("browser console errors").isEmpty();
  }

  @Test
  void aProposalRunsIsShownAsItsScenarioAndIsAcceptedUnderAName() throws Exception {
    open();
    typeToken(TOKEN);
    openPanel();
    assertThat(new Select(driver.findElement(By.id("propose-layer"))).getOptions())
        .extracting(o -> o.getDomAttribute("value"))
        .first()
        .isEqualTo("districts");
    setBand(30000, 50000);
    driver.findElement(By.id("propose-run")).click();
    waitProposeStatus("ok");
    assertThat(text("#propose-status")).startsWith("Done");

    // the summary gives the figures of the proposal as the API reports it
    WebElement summary = driver.findElement(By.id("propose-summary"));
    assertThat(summary.isDisplayed()).isTrue();
    String proposal = summary.getDomAttribute("data-proposal");
    JsonNode doc = get("/proposals/" + proposal);
    assertThat(doc.get("status").asText()).isEqualTo("done");
    JsonNode report = doc.get("report");
    assertThat(doc.at("/spec/band/lower").asDouble()).isEqualTo(30000);
    assertThat(doc.at("/spec/band/upper").asDouble()).isEqualTo(50000);
    for (String figure : FIGURES) {
      for (String when : List.of("before", "after")) {
        WebElement cell =
            driver.findElement(
                By.cssSelector("#propose-summary tr[data-figure='" + figure + "'] td." + when));
        long expected = report.get(when).get(figure).asLong();
        assertThat(Long.parseLong(cell.getDomAttribute("data-value")))
            .as(figure + " " + when)
            .isEqualTo(expected);
        assertThat(digits(cell.getText())).as(figure + " " + when + " shown").isEqualTo(expected);
      }
    }
    WebElement moved = driver.findElement(By.id("propose-moved"));
    assertThat(Long.parseLong(moved.getDomAttribute("data-value")))
        .isEqualTo(report.get("practices_moved").asLong());
    assertThat(moved.getText())
        .contains(String.format("%,d", report.get("practices_moved").asLong()));
    List<String> reasons = new ArrayList<>();
    report.get("unmet").forEach(u -> reasons.add(u.get("reason").asText()));
    List<String> shown =
        driver.findElements(By.cssSelector("#propose-unmet li")).stream()
            .map(e -> e.getDomProperty("textContent"))
            .toList();
    assertThat(shown).as("the unmet constraints' reasons").isEqualTo(reasons);
    if (reasons.isEmpty()) {
      assertThat(text("#propose-all-met")).contains("met");
    }
    WebElement progress = driver.findElement(By.id("propose-progress"));
    assertThat(progress.isDisplayed()).isTrue();
    assertThat(Double.parseDouble(progress.getDomProperty("value"))).isEqualTo(1.0);

    // its scenario is picked, drawn and compared, as if the planner had chosen it
    String scenario = doc.get("scenario").get("id").asText();
    assertThat(summary.getDomAttribute("data-scenario")).isEqualTo(scenario);
    assertThat(pickedScenario()).isEqualTo(scenario);
    assertThat(mapAttribute("data-scenario")).isEqualTo(scenario);
    assertThat(mapAttribute("data-state")).isEqualTo("ready");
    assertThat(driver.findElement(By.id("scenario-results")).isDisplayed()).isTrue();
    assertThat(text("#scenario-results-title")).contains(doc.get("scenario").get("name").asText());
    assertThat(comparisonRows()).isEqualTo(changedPcns(scenario)).isNotEmpty();
    assertThat(driver.findElements(By.cssSelector("#scenario-changes li")))
        .hasSize(doc.get("changes").size());
    assertNoSeriousViolations();
    // the picture: the panel's summary beside the scenario's map and its before/after drawer
    js("document.getElementById('propose-progress').scrollIntoView({block: 'start'});");
    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, driver.getScreenshotAs(OutputType.BYTES));

    // accepted under a name: a scenario of its own, the same changes, picked
    int before = get("/scenarios").get("scenarios").size();
    driver.findElement(By.id("propose-accept-name")).sendKeys("Accepted band proposal");
    driver.findElement(By.id("propose-accept")).click();
    new WebDriverWait(driver, WAIT)
        .until(d -> text("#propose-status").startsWith("Saved") || isError());
    waitProposeStatus("ok");
    assertThat(text("#propose-status")).contains("Accepted band proposal");
    JsonNode list = get("/scenarios").get("scenarios");
    assertThat(list.size()).isEqualTo(before + 1);
    String accepted = null;
    for (JsonNode s : list) {
      if (s.get("name").asText().equals("Accepted band proposal")) {
        accepted = s.get("id").asText();
      }
    }
    assertThat(accepted).as("GET /scenarios lists the accepted name").isNotNull();
    assertThat(accepted).isNotEqualTo(scenario);
    JsonNode stored = get("/scenarios/" + accepted);
    assertThat(stored.get("changes")).isEqualTo(doc.get("changes"));
    assertThat(stored.get("description").asText()).contains(proposal);
    final String id = accepted;
    new WebDriverWait(driver, WAIT)
        .until(
            d ->
                id.equals(mapAttribute("data-scenario"))
                    && "ready".equals(mapAttribute("data-state")));
    assertThat(pickedScenario()).isEqualTo(accepted);
    assertThat(comparisonRows()).isEqualTo(changedPcns(accepted));
  }

  @Test
  void aBandWhoseLowerBoundIsAboveItsUpperIsRefusedBesideTheField() throws Exception {
    open();
    typeToken(TOKEN);
    openPanel();
    int proposals = get("/proposals").get("proposals").size();
    setBand(50000, 30000);
    driver.findElement(By.id("propose-run")).click();
    waitProposeStatus("error");
    // the server's own words for the same specification
    HttpResponse<String> refused =
        post(
            "/proposals",
            "{\"band\":{\"lower\":50000,\"upper\":30000,\"on\":\"list\"},"
                + "\"layer\":\"districts\",\"crossing\":\"weighted\"}");
    assertThat(refused.statusCode()).isEqualTo(422);
    JsonNode problem = JSON.readTree(refused.body());
    assertThat(problem.get("field").asText()).isEqualTo("band.upper");
    String description = problem.get("description").asText();
    assertThat(description).contains("band");
    assertThat(text("#propose-status")).contains(description);
    WebElement error = driver.findElement(By.id("propose-error-upper"));
    assertThat(error.isDisplayed()).isTrue();
    assertThat(error.getText()).isEqualTo(description);
    WebElement upper = driver.findElement(By.id("propose-upper"));
    assertThat(upper.getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(upper.getDomAttribute("aria-describedby")).contains("propose-error-upper");
    assertThat(driver.findElement(By.id("propose-summary")).isDisplayed()).isFalse();
    assertThat(get("/proposals").get("proposals").size())
        .as("nothing started")
        .isEqualTo(proposals);
    // the refused request is the only console entry (Chromium logs a 4xx answer)
    assertThat(Browser.consoleErrors(driver)).allMatch(e -> e.contains("422"));

    // fixing the field clears its error
    upper.clear();
    upper.sendKeys("60000");
    assertThat(error.isDisplayed()).isFalse();
    assertThat(upper.getDomAttribute("aria-invalid")).isNull();
  }

  @Test
  void withoutTheTokenThePanelSaysSoAndSendsNothing() throws Exception {
    open();
    openPanel();
    int proposals = get("/proposals").get("proposals").size();
    driver.findElement(By.id("propose-run")).click();
    waitProposeStatus("error");
    assertThat(text("#propose-status")).contains("write token");
    assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("scenario-token");
    assertThat(get("/proposals").get("proposals").size()).isEqualTo(proposals);
  }

  // ---- helpers ----

  void open() {
    driver.get("about:blank");
    driver.get(base + "/map#method=voronoi");
    // a fresh tab's session: no token kept from another test
    js("sessionStorage.clear(); document.getElementById('scenario-token').value = '';");
    Browser.waitReady(driver, "voronoi", WAIT);
    new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("propose-panel")).isDisplayed());
  }

  void typeToken(String token) {
    driver.findElement(By.id("scenario-token")).sendKeys(token);
  }

  /** Opens the panel's details by its summary, as a keyboard or mouse user would. */
  void openPanel() {
    WebElement details = driver.findElement(By.id("propose-details"));
    if (details.getDomAttribute("open") == null) {
      driver.findElement(By.cssSelector("#propose-details > summary")).click();
    }
    new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("propose-run")).isDisplayed());
  }

  void setBand(long lower, long upper) {
    for (String[] field :
        new String[][] {
          {"propose-lower", Long.toString(lower)}, {"propose-upper", Long.toString(upper)}
        }) {
      WebElement input = driver.findElement(By.id(field[0]));
      input.clear();
      input.sendKeys(field[1]);
    }
  }

  /** Waits for the status line's kind ("ok" once done); an unexpected error fails at once. */
  void waitProposeStatus(String kind) {
    new WebDriverWait(driver, PROPOSAL_WAIT)
        .until(
            d -> {
              String now = d.findElement(By.id("propose-status")).getDomAttribute("data-kind");
              if (!kind.equals("error") && "error".equals(now)) {
                throw new AssertionError("the proposal failed: " + text("#propose-status"));
              }
              return kind.equals(now);
            });
  }

  boolean isError() {
    return "error".equals(driver.findElement(By.id("propose-status")).getDomAttribute("data-kind"));
  }

  String pickedScenario() {
    return new Select(driver.findElement(By.id("scenario-select")))
        .getFirstSelectedOption()
        .getDomAttribute("value");
  }

  String mapAttribute(String name) {
    return driver.findElement(By.id("map")).getDomAttribute(name);
  }

  Set<String> comparisonRows() {
    return driver.findElements(By.cssSelector("#scenario-comparison tr[data-pcn]")).stream()
        .map(e -> e.getDomAttribute("data-pcn"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The PCNs the scenario's voronoi comparison changes: the rows the table shows. */
  static Set<String> changedPcns(String scenario) throws IOException, InterruptedException {
    Set<String> codes = new TreeSet<>();
    for (JsonNode r : get("/scenarios/" + scenario + "/comparison?method=voronoi").get("pcns")) {
      if (!r.get("status").asText().equals("unchanged")) {
        codes.add(r.get("pcn_code").asText());
      }
    }
    return codes;
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

  static HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The whole number a formatted figure shows ("37,603" is 37603). */
  static long digits(String text) {
    return Long.parseLong(text.replaceAll("[^0-9]", ""));
  }

  /** axe-core over the panel with its summary shown: no serious or critical violation. */
  void assertNoSeriousViolations() throws IOException {
    MapAccessibilityBrowserTest.assertNoSeriousViolations(
        driver, "'#propose-panel'", "the propose panel");
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }
}
