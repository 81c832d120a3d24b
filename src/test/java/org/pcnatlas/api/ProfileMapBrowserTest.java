package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.PcnFigures;
import org.pcnatlas.analysis.Summary;
import org.pcnatlas.demo.BuiltInDemo;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.ProfileSpec;
import org.pcnatlas.model.UnitAttributes;
import org.pcnatlas.testing.Browser;

/**
 * The map with profiles (the demo with seeded deprivation deciles, scores and age bands per unit):
 * the colour modes by Core20 share, mean decile and 65+ share, each with its legend, and the PCN
 * panel's age pyramid and decile chart, whose figures are written beside the bars.
 */
class ProfileMapBrowserTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final List<String> AGES =
      List.of("age_0_15", "age_16_24", "age_25_34", "age_35_49", "age_50_64", "age_65_plus");
  static AnalysisResult result;
  static Javalin app;
  static String base;
  static Browser.Session chromium;
  static ChromeDriver driver;

  @BeforeAll
  static void serveTheDemoWithProfilesAndStartChromium() throws IOException {
    Browser.require();
    AnalysisInputs.Loaded loaded = AnalysisInputs.load(BuiltInDemo.config());
    SplittableRandom random = new SplittableRandom(5);
    Map<String, double[]> rows = new HashMap<>();
    for (PopulationUnit u : loaded.inputs().population()) {
      double[] v = new double[2 + AGES.size()];
      v[0] = random.nextInt(1, 11);
      v[1] = random.nextDouble(1, 80);
      long left = u.population();
      for (int b = 0; b < AGES.size(); b++) {
        long n = b == AGES.size() - 1 ? left : random.nextLong(0, left / 3 + 1);
        v[2 + b] = n;
        left -= n;
      }
      rows.put(u.code(), v);
    }
    List<UnitAttributes.Column> columns = new java.util.ArrayList<>();
    columns.add(new UnitAttributes.Column("IMD_decile", UnitAttributes.Kind.DECILE, "t"));
    columns.add(new UnitAttributes.Column("IMD_score", UnitAttributes.Kind.MEAN, "t"));
    AGES.forEach(a -> columns.add(new UnitAttributes.Column(a, UnitAttributes.Kind.COUNT, "t")));
    AnalysisInputs in =
        loaded.inputs().withProfile(new ProfileSpec(new UnitAttributes(columns, rows), List.of()));
    result = Analysis.run(in);
    Catalogue catalogue =
        new Catalogue(
            result,
            Summary.of(result, Map.of("data", "demo with profiles"), loaded.timings()),
            Instant.now());
    app =
        WebServer.create(catalogue, new WebServer.Options("127.0.0.1", 0, List.of("*"), null, null))
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

  void open(String hash) {
    driver.get("about:blank");
    driver.get(base + "/map" + hash);
    Browser.waitReady(driver, "voronoi", WAIT);
  }

  @Test
  void theProfileColourModesAreOfferedEachWithALegendCountingEveryPcn() {
    open("#method=voronoi");
    Select colourBy = new Select(driver.findElement(By.id("colour-by")));
    List<String> modes =
        colourBy.getOptions().stream().map(o -> o.getDomAttribute("value")).toList();
    assertThat(modes).contains("core20", "imd-decile", "over-65");
    int pcns = (int) result.methods().get(0).pcns().stream().filter(f -> f.areaKm2() > 0).count();
    for (String mode : List.of("core20", "imd-decile", "over-65")) {
      colourBy.selectByValue(mode);
      WebElement legend = driver.findElement(By.cssSelector("#legend .legend"));
      assertThat(legend.getDomAttribute("data-mode")).isEqualTo(mode);
      // the legend's counts add up to the catchments drawn: every PCN falls in one class, the
      // unallocated practices (code U) in their own item, counted as an area and not as a PCN
      int counted = 0;
      for (WebElement item : driver.findElements(By.cssSelector("#legend .legend-item"))) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("(\\d+) (PCN|area)").matcher(item.getText());
        if (m.find()) {
          counted += Integer.parseInt(m.group(1));
        }
      }
      assertThat(counted).as(mode).isEqualTo(pcns);
    }
    // the mode survives a reload (it is in the address)
    open(driver.getCurrentUrl().replaceAll("^[^#]*", ""));
    assertThat(
            new Select(driver.findElement(By.id("colour-by")))
                .getFirstSelectedOption()
                .getDomAttribute("value"))
        .isEqualTo("over-65");
  }

  @Test
  void thePanelShowsAnAgePyramidAndTheDecileChartWithTheirFigures() {
    PcnFigures f =
        result.methods().get(0).pcns().stream()
            .filter(x -> x.residentPopulation() > 0)
            .findFirst()
            .orElseThrow();
    open("#method=voronoi&pcn=" + f.pcnCode());
    new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.textToBe(By.id("panel-pcn-code"), f.pcnCode()));
    new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("panel-profile")));
    List<WebElement> ages = driver.findElements(By.cssSelector("#age-pyramid li"));
    assertThat(ages).hasSize(6);
    // oldest band on top, as a pyramid reads; each bar's figure is written beside it
    assertThat(ages.get(0).getDomAttribute("data-key")).isEqualTo("age_65_plus");
    long over65 = Math.round(f.profile().get("age_65_plus"));
    assertThat(ages.get(0).getText()).contains(String.format("%,d", over65));
    List<WebElement> deciles = driver.findElements(By.cssSelector("#decile-chart li"));
    assertThat(deciles).hasSize(10);
    assertThat(deciles.get(0).getText()).startsWith("decile 1");
    long d1 = Math.round(f.profile().get("imd_decile_1"));
    assertThat(deciles.get(0).getText()).contains(String.format("%,d", d1));
    assertThat(driver.findElement(By.id("panel-profile")).getText()).contains("Core20 share");
  }
}
