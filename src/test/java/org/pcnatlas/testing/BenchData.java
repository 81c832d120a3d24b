package org.pcnatlas.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A workload of the peer benchmark ({@code ../shared/bench}), made by its own generator ({@code
 * gen.py}, with Debian's python3-numpy, python3-scipy and python3-shapely) into a folder of the
 * test's. Outside CI a test is skipped when the generator or its Python modules are missing; under
 * CI ({@code CI=true}, where {@code .ci/run} installs them) that fails the test.
 */
public final class BenchData {
  private BenchData() {}

  /** The workload of this scale ({@code county}: 70 practices, 5 districts, 400 points) in dir. */
  public static Path generate(String scale, Path dir) {
    Path gen = OpenData.projectRoot().resolve("../shared/bench/gen.py").normalize();
    if (!Files.isRegularFile(gen)) {
      unavailable("the benchmark generator " + gen + " is missing (../shared beside the project)");
    }
    Path out = dir.resolve(scale);
    try {
      Process p =
          new ProcessBuilder(
                  "/usr/bin/python3", gen.toString(), "--scale", scale, "--out", out.toString())
              .redirectErrorStream(true)
              .start();
      String log = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        unavailable(
            "gen.py --scale "
                + scale
                + " failed (python3-numpy, python3-scipy, python3-shapely?): "
                + log);
      }
    } catch (IOException e) {
      unavailable("cannot run /usr/bin/python3: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unavailable("interrupted");
    }
    return out;
  }

  private static void unavailable(String why) {
    if ("true".equals(System.getenv("CI"))) {
      fail(why);
    }
    Assumptions.assumeTrue(false, why);
  }
}
