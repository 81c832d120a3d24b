package org.pcnatlas.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/golden}: a written output must equal its golden copy byte for
 * byte. After a deliberate change of output, regenerate them with {@code mvn -B test
 * -Dtest=AnalyseCommandTest -Dpcnatlas.updateGolden=true} and review the diff before committing.
 */
public final class Golden {
  public static final Path ROOT = Path.of("src/test/golden");

  private Golden() {}

  public static void assertMatches(Path actual, String goldenName) {
    Path golden = ROOT.resolve(goldenName);
    try {
      if (Boolean.getBoolean("pcnatlas.updateGolden")) {
        Files.createDirectories(golden.getParent());
        Files.copy(actual, golden, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      assertThat(golden)
          .as("golden file %s (create it with -Dpcnatlas.updateGolden=true)", golden)
          .exists();
      String expected = Files.readString(golden);
      String got = Files.readString(actual);
      assertThat(got)
          .as(
              "%s differs from its golden copy %s; if the change is intended, regenerate with"
                  + " -Dpcnatlas.updateGolden=true and review the diff",
              actual.getFileName(), golden)
          .isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
