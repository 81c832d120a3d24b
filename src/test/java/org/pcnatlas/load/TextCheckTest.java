package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per rule of the text check every table passes before it is parsed. */
class TextCheckTest {
  @TempDir Path dir;

  @Test
  void utf8_with_a_bom_and_long_but_bounded_lines_passes() throws Exception {
    Path f = dir.resolve("ok.csv");
    Files.write(
        f,
        ("\uFEFFcode,name\nE1,Caf\u00e9 \u2013 " + "x".repeat(500_000) + "\n")
            .getBytes(StandardCharsets.UTF_8));
    assertThatCode(() -> TextCheck.check(f)).doesNotThrowAnyException();
  }

  @Test
  void a_line_over_the_limit_is_an_error_naming_the_line() throws Exception {
    Path f = dir.resolve("long.csv");
    Files.writeString(f, "a,b\n1,2\n" + "y".repeat(TextCheck.MAX_LINE_BYTES + 1) + "\n");
    assertThatThrownBy(() -> TextCheck.check(f))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("long.csv")
        .hasMessageContaining("line 3 is longer than 1 MiB");
  }

  @Test
  void a_gigabyte_without_a_newline_fails_at_once_without_reading_it_all() throws Exception {
    Path f = dir.resolve("huge.csv");
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.write("code,".getBytes(StandardCharsets.US_ASCII));
      raf.setLength(1L << 30); // sparse: zeros after the first bytes
    }
    assertThatThrownBy(() -> TextCheck.check(f))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("huge.csv")
        .hasMessageContaining("line 1");
  }

  @Test
  void latin1_is_an_error_naming_the_line_the_byte_and_how_to_convert() throws Exception {
    Path f = dir.resolve("latin1.csv");
    Files.write(f, "code,name\nE1,Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> TextCheck.check(f))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("line 2 is not UTF-8 (byte 0xE9)")
        .hasMessageContaining("iconv -f WINDOWS-1252 -t UTF-8 latin1.csv");
  }

  @Test
  void a_file_ending_inside_a_character_is_not_utf8() throws Exception {
    Path f = dir.resolve("cut.csv");
    byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
    Files.write(f, new byte[] {'a', '\n', euro[0], euro[1]});
    assertThatThrownBy(() -> TextCheck.check(f)).hasMessageContaining("ends inside a character");
  }

  @Test
  void a_nul_byte_is_an_error_saying_the_file_is_not_text() throws Exception {
    Path f = dir.resolve("nul.csv");
    Files.write(f, new byte[] {'a', ',', 'b', '\n', '1', 0, '2', '\n'});
    assertThatThrownBy(() -> TextCheck.check(f)).hasMessageContaining("line 2 holds a NUL byte");
  }
}
