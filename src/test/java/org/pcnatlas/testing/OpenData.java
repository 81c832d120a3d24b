package org.pcnatlas.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real open data beside the project, in {@code ../shared/opendata} (see {@code ../shared/README.md}). Tests read
 * it in place. Without that folder a test is skipped, except under CI ({@code CI=true}), where it fails.
 */
public final class OpenData {
  private OpenData() {}

  /** The {@code ../shared/opendata} folder, relative to the project root (the working directory of the tests). */
  public static Path root() {
    return Path.of("").toAbsolutePath().resolveSibling("shared").resolve("opendata").normalize();
  }

  /**
   * The path of a file under {@code ../shared/opendata}; skips the calling test when the folder is missing outside
   * CI, fails it under CI or when the folder is there but the file is not.
   */
  public static Path require(String relative) {
    Path root = root();
    if (!Files.isDirectory(root)) {
      String why = "the real open data folder " + root + " is missing (it lives beside the project as ../shared/opendata)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why + "; under CI it must be present");
      }
      Assumptions.assumeTrue(false, why + "; skipping the test that reads " + relative);
    }
    Path file = root.resolve(relative);
    if (!Files.exists(file)) {
      fail(file + " is missing from the open data folder; see ../shared/opendata/MANIFEST.md");
    }
    return file;
  }
}
