package org.pcnatlas.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks every text table passes before it is parsed, in one streaming pass over its bytes, so
 * that a careless or hostile file gets an answer naming the file and the line instead of an
 * OutOfMemoryError or a decoder's "Input length = 1":
 *
 * <ul>
 *   <li>no line longer than {@link #MAX_LINE_BYTES} (a 1 GB file without a newline fails at once,
 *       reading only its first megabyte and a half);
 *   <li>UTF-8 throughout (a Latin-1 or Windows-1252 file fails on the first byte that is not, with
 *       its line and the command that converts it);
 *   <li>no NUL byte (a binary file, or UTF-16).
 * </ul>
 */
public final class TextCheck {
  /** The longest line a table may have, in bytes. */
  public static final int MAX_LINE_BYTES = 1 << 20;

  private TextCheck() {}

  /**
   * @throws LoadException naming the file and the line of the first problem
   */
  public static void check(Path file) {
    check(file, true);
  }

  /**
   * @param utf8 false for a file in another ({@code --encoding}) encoding: lines and NULs only
   * @throws LoadException naming the file and the line of the first problem
   */
  public static void check(Path file, boolean utf8) {
    long line = 1;
    long lineBytes = 0;
    int continuation = 0; // UTF-8 continuation bytes still expected
    int lead = 0; // the byte that opened the character being read
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          int b = buf[i] & 0xff;
          if (continuation > 0) {
            if ((b & 0xc0) != 0x80) {
              throw notUtf8(file, line, lead);
            }
            continuation--;
            lineBytes++;
            continue;
          }
          if (b == '\n') {
            line++;
            lineBytes = 0;
          } else if (++lineBytes > MAX_LINE_BYTES) {
            throw new LoadException(
                file,
                "line "
                    + line
                    + " is longer than "
                    + MAX_LINE_BYTES / (1 << 20)
                    + " MiB; a table's lines are its rows (is this a CSV file, with line breaks?)");
          }
          if (b == 0) {
            throw new LoadException(
                file,
                "line "
                    + line
                    + " holds a NUL byte: this is not a UTF-8 text table (binary, or UTF-16; save"
                    + " it as CSV UTF-8)");
          }
          if (b >= 0x80 && utf8) {
            lead = b;
            if (b >= 0xc2 && b <= 0xdf) {
              continuation = 1;
            } else if (b >= 0xe0 && b <= 0xef) {
              continuation = 2;
            } else if (b >= 0xf0 && b <= 0xf4) {
              continuation = 3;
            } else {
              throw notUtf8(file, line, b);
            }
          }
        }
      }
      if (continuation > 0) {
        throw notUtf8(file, line, -1);
      }
    } catch (IOException e) {
      throw new LoadException(file, "cannot read the file: " + e.getMessage(), e);
    }
  }

  private static LoadException notUtf8(Path file, long line, int b) {
    return new LoadException(
        file,
        "line "
            + line
            + " is not UTF-8"
            + (b >= 0 ? String.format(" (byte 0x%02X)", b) : " (it ends inside a character)")
            + "; the file is probably Latin-1 or Windows-1252 (Excel's \"CSV\"): give"
            + " --encoding windows-1252, save it as \"CSV UTF-8\", or convert it with: iconv -f"
            + " WINDOWS-1252 -t UTF-8 "
            + file.getFileName()
            + " > converted.csv");
  }
}
