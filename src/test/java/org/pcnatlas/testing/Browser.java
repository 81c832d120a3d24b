package org.pcnatlas.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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
}
