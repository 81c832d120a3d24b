package org.pcnatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * One test per rule of the default data directory (XDG on Linux, the platform's folder elsewhere).
 */
class DataDirectoryTest {
  @Test
  void linuxFollowsXdgDataHome() {
    assertThat(DataDirectory.of(Map.of("XDG_DATA_HOME", "/srv/data"), "Linux", "/home/ann"))
        .isEqualTo(Path.of("/srv/data/pcn-atlas"));
  }

  @Test
  void withoutXdgDataHomeItIsTheHomesLocalShare() {
    assertThat(DataDirectory.of(Map.of(), "Linux", "/home/ann"))
        .isEqualTo(Path.of("/home/ann/.local/share/pcn-atlas"));
  }

  @Test
  void anEmptyOrRelativeXdgDataHomeIsIgnoredAsTheSpecificationSays() {
    assertThat(DataDirectory.of(Map.of("XDG_DATA_HOME", ""), "Linux", "/home/ann"))
        .isEqualTo(Path.of("/home/ann/.local/share/pcn-atlas"));
    assertThat(DataDirectory.of(Map.of("XDG_DATA_HOME", "data"), "Linux", "/home/ann"))
        .isEqualTo(Path.of("/home/ann/.local/share/pcn-atlas"));
  }

  @Test
  void macOsUsesApplicationSupport() {
    assertThat(DataDirectory.of(Map.of("XDG_DATA_HOME", "/x"), "Mac OS X", "/Users/ann"))
        .isEqualTo(Path.of("/Users/ann/Library/Application Support/pcn-atlas"));
  }

  @Test
  void windowsUsesLocalAppData() {
    assertThat(
            DataDirectory.of(
                Map.of("LOCALAPPDATA", "/c/Users/ann/AppData/Local"), "Windows 11", "/c/Users/ann"))
        .isEqualTo(Path.of("/c/Users/ann/AppData/Local/pcn-atlas"));
    assertThat(DataDirectory.of(Map.of(), "Windows 11", "/c/Users/ann"))
        .isEqualTo(Path.of("/c/Users/ann/AppData/Local/pcn-atlas"));
  }

  @Test
  void serveWithoutDataDirLeavesItToTheDefaultAndNeverTheWorkingDirectory() {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--port", "0");
    assertThat(serve.dataDir).isNull();
    assertThat(DataDirectory.standard()).isAbsolute();
    assertThat(DataDirectory.standard().getFileName()).hasToString("pcn-atlas");
    new CommandLine(serve).parseArgs("--data-dir", "srv-data");
    assertThat(serve.dataDir).isEqualTo(Path.of("srv-data"));
  }
}
