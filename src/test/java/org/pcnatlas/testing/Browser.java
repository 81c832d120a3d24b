package org.pcnatlas.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for the real-browser tests: Debian's {@code chromium} driven through its
 * {@code chromium-driver}. Both binaries are named, so Selenium Manager never runs and nothing is
 * downloaded. Outside CI a missing package skips the test with the reason; under CI ({@code
 * CI=true}) it fails it: .ci/run must install chromium and chromium-driver.
 */
public final class Browser {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  /** Skips (or under CI fails) the calling test when Chromium or its driver is not installed. */
  public static void require() {
    for (Path p : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(p)) {
        String why =
            p
                + " is missing (the real-browser tests need the Debian packages chromium and"
                + " chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
          fail(why + "; .ci/run must install them");
        }
        Assumptions.assumeTrue(false, why + "; skipped");
      }
    }
  }

  /**
   * A Chromium of a test class, in a profile directory of its own; {@link #close} quits it and
   * deletes the profile.
   */
  public record Session(Path profile, ChromeDriver driver) implements AutoCloseable {
    /** Starts Chromium at the window size in a new temporary profile. */
    public static Session open(int width, int height) throws IOException {
      Path profile = Files.createTempDirectory("pcn-atlas-chromium-");
      try {
        return new Session(profile, start(profile, width, height));
      } catch (RuntimeException e) {
        deleteTree(profile);
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      try {
        driver.quit();
      } finally {
        deleteTree(profile);
      }
    }
  }

  /**
   * Starts a headless Chromium with a fresh profile in {@code profile} and a window of the given
   * size, keeping the browser's console log (read it with {@code driver.manage().logs()}).
   */
  public static ChromeDriver start(Path profile, int width, int height) {
    require();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--no-first-run",
        "--no-default-browser-check",
        "--force-device-scale-factor=1",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile.toAbsolutePath());
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  /** The console entries at SEVERE or above since the last call (reading the log drains it). */
  public static List<String> consoleErrors(ChromeDriver driver) {
    List<String> errors = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get("browser")) {
      if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
        errors.add(e.getMessage());
      }
    }
    return errors;
  }

  /**
   * Waits until the map has drawn the method's catchments ({@code #map[data-state=ready]
   * [data-method]}); an error the page shows in {@code #map-status} fails at once.
   */
  public static void waitReady(ChromeDriver driver, String method, Duration wait) {
    new WebDriverWait(driver, wait)
        .until(
            d -> {
              WebElement map = d.findElement(By.id("map"));
              if ("error".equals(map.getDomAttribute("data-state"))) {
                throw new AssertionError(
                    "the map failed: " + d.findElement(By.cssSelector("#map-status")).getText());
              }
              return "ready".equals(map.getDomAttribute("data-state"))
                  && method.equals(map.getDomAttribute("data-method"));
            });
  }

  /** Deletes a folder and everything in it (a browser profile, a data directory); null is none. */
  public static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
