package org.pcnatlas.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the GDAL command-line tools ({@code ogr2ogr}, {@code ogrinfo}) for interoperability tests.
 * Outside CI a missing tool skips the test with the reason; under CI ({@code CI=true}) it fails it:
 * .ci/run must install gdal-bin.
 */
public final class Gdal {
  private Gdal() {}

  /** What a finished tool printed (stdout and stderr together) and its exit code. */
  public record Result(int exitCode, String output) {}

  /** The tool on the PATH; skips (or under CI fails) the calling test when it is not installed. */
  public static Path require(String tool) {
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String why = tool + " is not on the PATH (GDAL interoperability tests need gdal-bin)";
    if ("true".equals(System.getenv("CI"))) {
      fail(why + "; .ci/run must install gdal-bin");
    }
    Assumptions.assumeTrue(false, why + "; skipped");
    return null;
  }

  /** Runs the tool with the arguments and waits for it (at most a minute). */
  public static Result run(String tool, String... args) {
    List<String> command = new ArrayList<>();
    command.add(require(tool).toString());
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(command + " did not finish within a minute");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}
