package org.pcnatlas.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real open data beside the project ({@code ../shared/opendata}, see its MANIFEST.md). Outside
 * CI a test whose file is missing is skipped with the reason; under CI ({@code CI=true}) a missing
 * file fails the test.
 */
public final class OpenData {
  private OpenData() {}

  /** The project root: the Maven basedir, else the working directory. */
  static Path projectRoot() {
    String basedir = System.getProperty("basedir");
    return Path.of(basedir != null ? basedir : "").toAbsolutePath().normalize();
  }

  /**
   * The file {@code ../shared/opendata/<relativeToOpendata>} from the project root; skips (or under
   * CI fails) the calling test when it is missing.
   */
  public static Path require(String relativeToOpendata) {
    Path file = projectRoot().resolve("../shared/opendata").resolve(relativeToOpendata).normalize();
    if (!Files.exists(file)) {
      String why =
          "real open data "
              + file
              + " is missing (tests on real data need ../shared/opendata beside the project)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.assumeTrue(false, why);
    }
    return file;
  }
}
