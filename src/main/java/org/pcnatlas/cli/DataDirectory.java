package org.pcnatlas.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where {@code serve} keeps its embedded store when {@code --data-dir} is not given: the user's
 * data directory, as a desktop user expects, never the working directory. On Linux and other Unix
 * the XDG Base Directory rule ({@code $XDG_DATA_HOME/pcn-atlas}, else {@code
 * ~/.local/share/pcn-atlas}); on macOS {@code ~/Library/Application Support/pcn-atlas}; on Windows
 * {@code %LOCALAPPDATA%\pcn-atlas}.
 */
final class DataDirectory {
  static final String NAME = "pcn-atlas";

  private DataDirectory() {}

  /** The default for this process's environment and operating system. */
  static Path standard() {
    return of(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
  }

  /**
   * The default for an environment, an operating system name ({@code os.name}) and a home folder.
   * An XDG_DATA_HOME that is empty or relative is ignored, as the XDG rule says.
   */
  static Path of(Map<String, String> env, String osName, String home) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      String local = env.get("LOCALAPPDATA");
      if (local != null && !local.isBlank()) {
        return Path.of(local, NAME);
      }
      return Path.of(home, "AppData", "Local", NAME);
    }
    if (os.startsWith("mac")) {
      return Path.of(home, "Library", "Application Support", NAME);
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, NAME);
    }
    return Path.of(home, ".local", "share", NAME);
  }
}
