package org.pcnatlas.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real open data in {@code ../shared/opendata}, found relative to the project root. Outside CI a missing
 * folder skips the test with a message; under CI ({@code CI=true}) it fails the test.
 */
public final class OpenData {
  private OpenData() {}

  public static Path require(String relative) {
    Path root = Path.of("..", "shared", "opendata").toAbsolutePath().normalize();
    Path file = root.resolve(relative);
    if (!Files.exists(file)) {
      String why = file + " is missing: the real open data live in ../shared/opendata beside the project";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(why + " (under CI this is a failure, not a skip)");
      }
      Assumptions.assumeTrue(false, why + "; skipping");
    }
    return file;
  }
}
